"""Reconnecting with backoff, honouring retry-after, and the worker thread the adapters share."""

from __future__ import annotations

import asyncio
import random
import threading

import pytest

from samen.bot import Command, GroupID, MemoryChat, UserID
from samen.bot.connection import MAX_BACKOFF, Worker, backoff, keep_connected


def test_backoff_grows_is_capped_and_never_zero() -> None:
    rng = random.Random(1)
    waits = [max(backoff(n, rng=rng) for _ in range(200)) for n in range(12)]
    assert waits[0] <= 1.0 and waits[3] > 2.0
    assert all(0.5 <= w <= MAX_BACKOFF for w in waits)
    assert waits[-1] > 100


async def test_keep_connected_reconnects_after_drops_until_stopped() -> None:
    stop = asyncio.Event()
    slept: list[float] = []
    calls = 0

    async def connect() -> None:
        nonlocal calls
        calls += 1
        if calls < 4:
            raise ConnectionError("token=abc123 in an error message")
        stop.set()

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    reconnects = await keep_connected(connect, stop=stop, name="test", sleep=sleep, rng=random.Random(0))
    assert calls == 4 and reconnects == 3 and len(slept) == 3


async def test_backoff_starts_over_after_a_connection_that_stayed_up() -> None:
    stop = asyncio.Event()
    slept: list[float] = []
    now = 0.0
    lifetimes = iter([1.0, 1.0, 1.0, 1.0, 3600.0, 1.0])  # four quick drops, a day-long connection, one more

    def clock() -> float:
        return now

    async def connect() -> None:
        nonlocal now
        try:
            now += next(lifetimes)
        except StopIteration:
            stop.set()
            return
        raise ConnectionError("dropped")

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    await keep_connected(connect, stop=stop, name="test", sleep=sleep, rng=random.Random(0), clock=clock)
    assert slept[0] < slept[3], "drops in a row wait longer each time"
    assert slept[4] <= 2.0, "after a long healthy connection, the wait of a first drop (at most 2 s) again"


async def test_keep_connected_logs_the_error_type_only(caplog: pytest.LogCaptureFixture) -> None:
    stop = asyncio.Event()

    async def connect() -> None:
        stop.set()
        raise ConnectionError("token=abc123")

    async def sleep(seconds: float) -> None:
        pass

    await keep_connected(connect, stop=stop, name="test", sleep=sleep)
    assert "ConnectionError" in caplog.text and "abc123" not in caplog.text


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
