"""Fixtures for the bot core: a real bot on the in-memory store and simulated platform."""

from __future__ import annotations

from collections.abc import Callable, Iterator

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


@pytest.fixture
def extra_command() -> Iterator[str]:
    """A command declared the way a new one is: one decorated method and its strings (added to the loaded
    catalogue for the test, removed after). Its answer repeats nothing the member wrote."""
    from samen.bot.actions import Action
    from samen.bot.commands import COMMANDS, Option, _index, command
    from samen.bot.core import Bot as CoreBot
    from samen.bot.events import Command
    from samen.bot.store import GroupState
    from samen.content import Localized, load_strings

    strings = load_strings("bot").table
    added = {
        "command.sample": {"nl": "proef, probeer", "en": "sample"},
        "describe.sample": {"nl": "Een proefcommando", "en": "A sample command"},
        "help.sample": {"nl": "{prefix}proef: een proefcommando", "en": "{prefix}sample: a sample command"},
        "option.text": {"nl": "tekst", "en": "text"},
        "describe.text": {"nl": "Wat je wilt zeggen", "en": "What you want to say"},
    }
    strings.update(added)

    class Reporting(CoreBot):
        @command("sample", option=Option("text", "text"))
        def _cmd_sample(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
            return self._mistake(event, local.code, "error")

    try:
        yield "sample"
    finally:
        COMMANDS.pop("sample", None)
        _index.cache_clear()
        for key in added:
            strings.pop(key, None)
