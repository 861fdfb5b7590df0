"""The core's side of a connection: :class:`Worker` runs :meth:`Bot.handle` in one thread of its own, so a
database store never blocks the adapter's event loop and events of a connection are handled in order.

Reconnecting and retrying are the adapters' one policy (:mod:`samen.adapters.base`, on stamina).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from samen.bot.actions import Action
from samen.bot.core import Bot
from samen.bot.events import Event

log = logging.getLogger("samen.bot.connection")

T = TypeVar("T")


class Worker:
    """Runs the core in one worker thread; ``await worker.handle(event)`` from an event loop.

    Args:
        bot: the core.
    """

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samen-bot")

    async def handle(self, event: Event) -> list[Action]:
        """Hand one event to the core without blocking the loop; returns its actions."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self.bot.handle, event)

    async def run(self, function: Callable[..., T], *args: object) -> T:
        """Run something else that touches the core or its store in the same thread (reads of state, an
        adapter's cursor), so that the store is only ever used from one thread and in event order."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def close(self) -> None:
        """Finish the events under way and stop the thread."""
        self._executor.shutdown(wait=True)
