"""What every adapter needs for a connection's life: a worker thread for the core, and reconnecting.

- :class:`Worker` runs :meth:`Bot.handle` in one thread of its own, so a database store never blocks the
  adapter's event loop and events of a connection are handled in order.
- :func:`backoff` is the wait before the next reconnect: exponential, capped, with jitter so that many
  bots do not come back at the same second.
- :func:`keep_connected` runs a connection until it is stopped, reconnecting after each drop.

Platform calls and first connections are retried by the adapters' one policy
(:func:`samen.adapters.base.retrying`, on stamina); what stays here is the core's side of a connection.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from samen.bot.actions import Action
from samen.bot.core import Bot
from samen.bot.events import Event

log = logging.getLogger("samen.bot.connection")

T = TypeVar("T")

#: The longest wait between two reconnects, in seconds.
MAX_BACKOFF = 300.0


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


def backoff(
    attempt: int, *, base: float = 1.0, cap: float = MAX_BACKOFF, rng: random.Random | None = None
) -> float:
    """Seconds to wait before reconnect attempt ``attempt`` (0-based): full jitter below ``base * 2**n``.

    Returns:
        A wait between ``base / 2`` and ``cap``.
    """
    ceiling = min(cap, base * 2 ** min(attempt, 30))
    return max(base / 2, (rng or random).uniform(0, ceiling))


#: Seconds a connection must stay up before a drop counts as the first in a row again.
HEALTHY_AFTER = 60.0


async def keep_connected(
    connect: Callable[[], Awaitable[None]],
    *,
    stop: asyncio.Event,
    name: str,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    rng: random.Random | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run ``connect`` (one connection's life) until ``stop`` is set, reconnecting with backoff.

    A connection that ends without ``stop`` is a drop; it is logged by exception type only (an error's
    message may hold a token or a member's text) and tried again. The backoff grows with drops in a row
    and starts over once a connection has stayed up for :data:`HEALTHY_AFTER` seconds, so a bot that ran
    for a day and then lost its server reconnects quickly rather than at the longest wait.

    Args:
        connect: connects and runs until the connection ends.
        stop: set to end for good.
        name: the platform, for the log.
        sleep: how to wait (tests pass a recorder).
        rng: the jitter's source (tests pass a seeded one).
        clock: seconds, for how long a connection lasted (tests pass a fake one).

    Returns:
        How many times it reconnected.
    """
    attempt = 0
    reconnects = 0
    while not stop.is_set():
        started = clock()
        try:
            await connect()
            attempt = 0
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("%s connection dropped: %s", name, type(exc).__name__)
            attempt = 1 if clock() - started >= HEALTHY_AFTER else attempt + 1
        if stop.is_set():
            break
        reconnects += 1
        await sleep(backoff(attempt, rng=rng))
    return reconnects
