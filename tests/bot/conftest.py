"""Fixtures for the bot core: a real bot on the in-memory store and simulated platform."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from samen.bot import Bot, Capabilities, MemoryChat, MemoryStore
from samen.content import Pack, load_pack


def dos_url(lang: str, number: int | None) -> str:
    """The Do's page of a test deployment."""
    url = f"https://samen.test/{lang}/dos/"
    return f"{url}#do-{number}" if number is not None else url


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_764_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def pack() -> Pack:
    return load_pack()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def make_chat(pack: Pack, store: MemoryStore, clock: Clock) -> Callable[..., MemoryChat]:
    """Build a simulated platform around a fresh bot (same store and clock each call)."""

    def make(platform: str = "matrix", *, private: bool = True, **chat: object) -> MemoryChat:
        capabilities = Capabilities(platform, prefix="!", private=private)
        bot = Bot(pack, store, capabilities, dos_url=dos_url, clock=clock)
        return MemoryChat(bot, **chat)  # type: ignore[arg-type]

    return make


@pytest.fixture
def chat(make_chat: Callable[..., MemoryChat]) -> MemoryChat:
    return make_chat()
