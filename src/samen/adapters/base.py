"""The one contract every platform adapter keeps, and the one retry policy they share.

:class:`PlatformAdapter` is the base of each adapter (as errbot's ``Backend``): it hands events to the core
on the core's own thread (:class:`samen.bot.connection.Worker`), carries out the actions the core returns
through one dispatcher (:meth:`PlatformAdapter.perform`: ``Post`` -> :meth:`~PlatformAdapter.post`, …), and
applies one failure policy:

- an action the platform refuses for want of a right raises :class:`Refusal` in the adapter; the base turns
  it into the core's :class:`~samen.bot.events.Refused`, which tells the admins **once** per group and right;
- any other failure of one action is logged by its type (never its message, which may quote a member or
  hold a token) and the other actions still go;
- platform calls go through :func:`retrying`, which waits out a rate limit as long as the platform asks and
  retries transient errors with exponential backoff and jitter (`stamina`); a connection that cannot be
  made at start is retried through :func:`reconnecting`, up to five minutes apart; and a connection's
  life is kept up by :func:`keep_connected`, on the same policy.

Each adapter says what its platform's errors mean by type or code (``on_retry`` hooks, :class:`Refusal`),
never by their English text.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import stamina
from stamina.instrumentation import set_on_retry_hooks

from samen.bot import Action, Bot, Describe, Event, GroupID, NotifyAdmins, Post, Private, Refused, Reply
from samen.bot.connection import Worker

#: The longest wait between two tries, in seconds.
MAX_BACKOFF = 300.0

log = logging.getLogger("samen.adapters")

T = TypeVar("T")
Context = TypeVar("Context")

#: Tries of one platform call (a rate limit waited out counts as one).
CALL_ATTEMPTS = 5

#: Decides whether an error is retried: False, True (with backoff), or the seconds the platform asked for.
RetryHookFn = Callable[[Exception], bool | float]


class Refusal(Exception):
    """The platform refused an action for want of a right (``send``, ``pin``, ``topic``, ``image``…).

    Args:
        permission: the right, as the core names it (its notice to the admins says which).
    """

    def __init__(self, permission: str) -> None:
        super().__init__(permission)
        self.permission = permission


# stamina's own hook logs the error's repr, which may hold a member's words or a token in a URL: the
# policy logs each retry itself, by the error's type.
set_on_retry_hooks([])


async def retrying(
    call: Callable[[], Awaitable[T]],
    *,
    on: RetryHookFn,
    attempts: int = CALL_ATTEMPTS,
    name: str = "platform call",
) -> T:
    """Make a platform call through the shared policy.

    Args:
        call: makes the call (called again for each try).
        on: the platform's hook: the seconds a rate limit asks for, True for a transient error (backoff
            from half a second, with jitter), False for an error to raise at once.
        attempts: how many tries at most; the last error is raised.
        name: what the call is, for the log (``Matrix send``).
    """
    async for attempt in stamina.retry_context(
        on=_capped(on, name), attempts=attempts, timeout=None, wait_initial=0.5, wait_max=MAX_BACKOFF
    ):
        with attempt:
            return await call()
    raise AssertionError("unreachable: stamina raises the last error")


async def reconnecting(
    connect: Callable[[], Awaitable[T]],
    *,
    on: RetryHookFn,
    name: str = "connection",
    wait_initial: float = 1.0,
) -> T:
    """Make a connection, retrying while the platform is unreachable: backoff from ``wait_initial`` seconds,
    doubling with jitter up to five minutes, for as long as it takes; any other error is raised at once."""
    async for attempt in stamina.retry_context(
        on=_capped(on, name),
        attempts=None,
        timeout=None,
        wait_initial=wait_initial,
        wait_max=MAX_BACKOFF,
        wait_jitter=1.0,
    ):
        with attempt:
            return await connect()
    raise AssertionError("unreachable: stamina raises the last error")


#: Seconds a connection must stay up before a failure counts as the first in a row again.
HEALTHY_AFTER = 60.0


async def keep_connected(
    connect: Callable[[], Awaitable[None]],
    *,
    stop: asyncio.Event,
    name: str,
    wait_initial: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run ``connect`` (one connection's life) until ``stop`` is set, reconnecting through the shared policy.

    A connection that ends without an error (it worked, then dropped) is made again at once. One that
    fails is tried again with backoff from ``wait_initial`` seconds, doubling with jitter up to five
    minutes; the backoff starts over once a connection has stayed up for :data:`HEALTHY_AFTER` seconds,
    so a bot that ran for a day and then lost its server comes back quickly. Failures are logged by type
    only (an error's message may hold a token or a member's words). Setting ``stop`` ends a wait at once.

    Returns:
        How many times it connected again after the first.
    """
    tries = 0

    async def counted() -> None:
        nonlocal tries
        tries += 1
        await connect()

    while not stop.is_set():
        run = asyncio.ensure_future(_until_one_worked(counted, name, wait_initial, clock))
        stopped = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({run, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
            if not run.done():
                run.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await run
        if run.done() and not run.cancelled():
            run.result()
    return max(tries - 1, 0)


async def _until_one_worked(
    connect: Callable[[], Awaitable[None]], name: str, wait_initial: float, clock: Callable[[], float]
) -> None:
    """Connect until a connection has worked: one that fails soon is tried again with backoff; one that
    ends, or fails after :data:`HEALTHY_AFTER` seconds, returns (and the next starts a fresh backoff)."""
    async for attempt in stamina.retry_context(
        on=_capped(lambda exc: True, f"{name} connection"),
        attempts=None,
        timeout=None,
        wait_initial=wait_initial,
        wait_max=MAX_BACKOFF,
    ):
        with attempt:
            started = clock()
            try:
                await connect()
            except Exception as exc:
                if clock() - started < HEALTHY_AFTER:
                    raise
                log.warning("%s connection dropped: %s", name, type(exc).__name__)
            return


def _capped(on: RetryHookFn, name: str) -> Callable[[Exception], bool | float]:
    """The platform's hook, its waits capped at five minutes, each retry logged by the error's type."""

    def hook(exc: Exception) -> bool | float:
        if not isinstance(exc, Exception):
            return False  # a cancellation (SIGTERM) is never retried
        decision = on(exc)
        if decision is False:
            return False
        if decision is True:
            log.warning("%s failed (%s); trying again", name, type(exc).__name__)
            return True
        wait = max(0.0, min(float(decision), MAX_BACKOFF))
        log.warning("%s: rate limited, waiting %.1f s", name, wait)
        return wait

    return hook


class PlatformAdapter(abc.ABC, Generic[Context]):
    """Drives one :class:`~samen.bot.Bot` on one platform account: what every adapter shares.

    ``Context`` is what an action needs beyond itself on that platform (the channel and interaction an event
    came from on Discord, the chat on Telegram, the triggering event's id on Matrix).

    Args:
        bot: the core.
    """

    #: The platform's name, for the log.
    platform = "platform"

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.worker = Worker(bot)

    async def deliver(self, event: Event, context: Context) -> None:
        """Hand an event to the core (on its thread) and carry out its actions, in order."""
        for action in await self.worker.handle(event):
            await self.carry_out(action, context)

    async def carry_out(self, action: Action, context: Context) -> None:
        """Carry out one action under the failure policy: a refused right goes to the core (the admins are
        told once), any other failure is logged by type and the next action still goes."""
        try:
            await self.perform(action, context)
        except Refusal as refusal:
            await self.refused(action.group, refusal.permission, context)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.error("%s %s failed: %s", self.platform, type(action).__name__, type(exc).__name__)

    async def perform(self, action: Action, context: Context) -> None:
        """The one dispatcher from the core's actions to the platform's calls."""
        if isinstance(action, Post):
            await self.post(action, context)
        elif isinstance(action, Reply):
            await self.reply(action, context)
        elif isinstance(action, Private):
            await self.private(action, context)
        elif isinstance(action, Describe):
            await self.describe(action, context)
        elif isinstance(action, NotifyAdmins):
            await self.notify_admins(action, context)
        else:
            raise TypeError(f"unknown action {type(action).__name__}")

    async def refused(self, group: GroupID, permission: str, context: Context) -> None:
        """Tell the core a right is missing; its notice (once per group and right) goes to the admins."""
        log.info("%s refused the permission %r in a group", self.platform, permission)
        for action in await self.worker.handle(Refused(group=group, permission=permission)):
            if isinstance(action, NotifyAdmins):
                action = await self.explain(action, permission)
                try:
                    await self.notify_admins(action, context)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.error("%s admin notice failed: %s", self.platform, type(exc).__name__)

    async def explain(self, notice: NotifyAdmins, permission: str) -> NotifyAdmins:
        """The admins' notice about a missing right, with what the platform needs to give it (Matrix: the
        power level); as the core wrote it by default."""
        return notice

    @abc.abstractmethod
    async def post(self, action: Post, context: Context) -> None:
        """Send a message to the group unasked (its image and pin where asked); raise :class:`Refusal`."""

    @abc.abstractmethod
    async def reply(self, action: Reply, context: Context) -> None:
        """Answer in the group, quoting where the platform can."""

    @abc.abstractmethod
    async def private(self, action: Private, context: Context) -> None:
        """Say something to one member only (or fall back as the action says)."""

    @abc.abstractmethod
    async def describe(self, action: Describe, context: Context) -> None:
        """Set the group's description or topic; raise :class:`Refusal` for want of the right."""

    @abc.abstractmethod
    async def notify_admins(self, action: NotifyAdmins, context: Context) -> None:
        """Tell the group's admins privately."""
