"""The adapter contract and the shared retry policy, on the real core with a recording platform."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest
import stamina
from stamina.instrumentation import RetryDetails, get_on_retry_hooks, set_on_retry_hooks
from tests.bot.conftest import dos_url

from samen.adapters.base import PlatformAdapter, Refusal, keep_connected, reconnecting, retrying
from samen.bot import (
    Added,
    Body,
    Bot,
    Capabilities,
    Describe,
    GroupID,
    MemoryStore,
    NotifyAdmins,
    Post,
    Private,
    Reply,
)
from samen.content import load_pack


class TooMany(Exception):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


@pytest.fixture
def waits() -> Iterator[list[float]]:
    """The waits the policy schedules, as stamina's instrumentation reports them."""
    seen: list[float] = []
    before = get_on_retry_hooks()

    def record(details: RetryDetails) -> None:
        seen.append(details.wait_for)

    set_on_retry_hooks([record])
    yield seen
    set_on_retry_hooks(before)


def test_stamina_logs_nothing_itself() -> None:
    """Its own hook logs the error's repr, which may hold a member's words or a token."""
    import samen.adapters.base  # noqa: F401

    assert get_on_retry_hooks() == ()


async def test_retrying_waits_as_long_as_the_platform_asks(waits: list[float]) -> None:
    answers: list[object] = [TooMany(0.03), TooMany(0.01), "sent"]

    async def call() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return str(answer)

    on = lambda exc: exc.seconds if isinstance(exc, TooMany) else False  # noqa: E731
    assert await retrying(call, on=on) == "sent"
    assert waits == pytest.approx([0.03, 0.01])


async def test_retrying_raises_other_errors_at_once_and_the_last_one_after_its_tries() -> None:
    calls: list[int] = []

    async def refused() -> str:
        calls.append(1)
        raise ValueError("no")

    with pytest.raises(ValueError):
        await retrying(refused, on=lambda exc: False)
    assert len(calls) == 1

    async def down() -> str:
        calls.append(2)
        raise ConnectionError("down")

    with pytest.raises(ConnectionError):
        await retrying(down, on=lambda exc: 0.0, attempts=3)
    assert calls.count(2) == 3


async def test_reconnecting_tries_until_the_platform_answers(waits: list[float]) -> None:
    left = [ConnectionError(), ConnectionError()]

    async def connect() -> str:
        if left:
            raise left.pop()
        return "up"

    assert await reconnecting(connect, on=lambda exc: 0.0) == "up"
    assert len(waits) == 2


class Recording(PlatformAdapter[str]):
    """A platform that refuses to pin and whose replies fail: what reaches it, in order."""

    platform = "Recording"

    def __init__(self, bot: Bot) -> None:
        super().__init__(bot)
        self.done: list[str] = []

    async def post(self, action: Post, context: str) -> None:
        self.done.append(f"post {action.purpose}")
        if action.pin:
            raise Refusal("pin")

    async def reply(self, action: Reply, context: str) -> None:
        raise RuntimeError("a member's secret words")

    async def private(self, action: Private, context: str) -> None:
        self.done.append("private")

    async def describe(self, action: Describe, context: str) -> None:
        self.done.append("describe")

    async def notify_admins(self, action: NotifyAdmins, context: str) -> None:
        self.done.append(f"admins: {action.body.text[:20]}")


async def test_a_refusal_tells_the_admins_once_and_a_failure_is_logged_by_type_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = Bot(load_pack(), MemoryStore(), Capabilities("matrix"), dos_url=dos_url)
    adapter = Recording(bot)
    await adapter.deliver(Added(group=GroupID("g")), "ctx")
    assert adapter.done[:2] == ["post intro", "post dos"]
    assert adapter.done[2].startswith("admins: Ik kan het bericht")  # the missing pin, told at once
    assert adapter.done[3:] == ["describe"]  # and the next action still went
    await adapter.refused(GroupID("g"), "pin", "ctx")
    assert len([d for d in adapter.done if d.startswith("admins")]) == 1  # once per group and right
    with caplog.at_level(logging.ERROR):
        await adapter.carry_out(Reply(group=GroupID("g"), body=Body("x")), "ctx")
    assert "RuntimeError" in caplog.text and "secret" not in caplog.text
    adapter.worker.close()


@pytest.fixture
def tries() -> Iterator[list[int]]:
    """The retry numbers the policy schedules (1 for the first retry in a row), without its waits."""
    seen: list[int] = []
    before = get_on_retry_hooks()

    def record(details: RetryDetails) -> None:
        seen.append(details.retry_num)

    set_on_retry_hooks([record])
    with stamina.set_testing(True, attempts=1000, cap=True):
        yield seen
    set_on_retry_hooks(before)


async def test_keep_connected_reconnects_after_failures_until_stopped(tries: list[int]) -> None:
    stop = asyncio.Event()
    calls = 0

    async def connect() -> None:
        nonlocal calls
        calls += 1
        if calls < 4:
            raise ConnectionError("token=abc123 in an error message")
        stop.set()

    reconnects = await keep_connected(connect, stop=stop, name="test")
    assert calls == 4 and reconnects == 3 and tries == [1, 2, 3]


async def test_the_backoff_starts_over_after_a_connection_that_stayed_up(tries: list[int]) -> None:
    stop = asyncio.Event()
    now = 0.0
    lifetimes = iter(
        [1.0, 1.0, 1.0, 1.0, 3600.0, 1.0]
    )  # four quick failures, a day-long connection, one more

    async def connect() -> None:
        nonlocal now
        try:
            now += next(lifetimes)
        except StopIteration:
            stop.set()
            return
        raise ConnectionError("dropped")

    await keep_connected(connect, stop=stop, name="test", clock=lambda: now)
    assert tries == [1, 2, 3, 4, 1], (
        "failures in a row wait longer each time; after a long connection, afresh"
    )


async def test_a_connection_that_worked_and_ended_is_made_again_at_once(tries: list[int]) -> None:
    stop = asyncio.Event()
    calls = 0

    async def connect() -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            stop.set()

    assert await keep_connected(connect, stop=stop, name="test") == 2
    assert tries == []  # no backoff: it worked


async def test_keep_connected_ends_a_wait_when_stopped_and_logs_the_error_type_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stop = asyncio.Event()

    async def connect() -> None:
        asyncio.get_running_loop().call_later(0.05, stop.set)
        raise ConnectionError("token=abc123")

    # Real waits (a second and more): the stop ends the first at once.
    await asyncio.wait_for(keep_connected(connect, stop=stop, name="test"), timeout=5)
    assert "ConnectionError" in caplog.text and "abc123" not in caplog.text


async def test_a_cancellation_is_never_retried() -> None:
    """SIGTERM cancels the bot's task: a retry policy that took the cancellation for a failure would
    keep the process alive until it is killed."""
    started = asyncio.Event()

    async def connect() -> None:
        started.set()
        await asyncio.sleep(3600)

    task = asyncio.ensure_future(keep_connected(connect, stop=asyncio.Event(), name="test"))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, timeout=5)
