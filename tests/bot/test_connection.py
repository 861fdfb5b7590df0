"""The worker thread the adapters share: the core off the event loop, events in order."""

from __future__ import annotations

import asyncio
import threading

from samen.bot import Command, GroupID, MemoryChat, UserID
from samen.bot.connection import Worker


async def test_worker_handles_events_off_the_loop_in_order(chat: MemoryChat) -> None:
    threads: set[str] = set()
    handle = chat.bot.handle

    def recording(event: object) -> object:
        threads.add(threading.current_thread().name)
        return handle(event)  # type: ignore[arg-type]

    chat.bot.handle = recording  # type: ignore[method-assign]
    worker = Worker(chat.bot)
    events = [Command(group=GroupID("g"), user=UserID("u"), name="do", args=(str(n),)) for n in range(1, 9)]
    results = await asyncio.gather(*(worker.handle(e) for e in events))
    worker.close()
    assert [f"Do {n}" in r[0].body.text for n, r in enumerate(results, 1)] == [True] * 8  # type: ignore[union-attr]
    assert threads and all(t.startswith("samen-bot") for t in threads)
