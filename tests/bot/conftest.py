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
    catalogue for the test; whatever was there before, a real command included, is put back after). Its
    answer repeats nothing the member wrote."""
    from samen.bot.actions import Action
    from samen.bot.commands import COMMANDS, Option, _index, command
    from samen.bot.core import Bot as CoreBot
    from samen.bot.events import Command
    from samen.bot.store import GroupState
    from samen.content import Localized, load_strings

    strings = load_strings("bot").table
    added = {
        "command.suggest": {"nl": "voorstel, idee", "en": "suggest"},
        "describe.suggest": {
            "nl": "Stel iets voor aan de beheerders",
            "en": "Suggest something to the admins",
        },
        "help.suggest": {
            "nl": "{prefix}voorstel: stel iets voor",
            "en": "{prefix}suggest: suggest something",
        },
        "option.words": {"nl": "woorden", "en": "words"},
        "describe.words": {"nl": "Wat je voorstelt", "en": "What you suggest"},
    }
    before = {key: strings.get(key) for key in added}
    registered = COMMANDS.get("suggest")
    strings.update(added)

    class Suggesting(CoreBot):
        @command("suggest", option=Option("words", "text"))
        def _cmd_suggest(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
            return self._mistake(event, local.code, "error")

    try:
        yield "suggest"
    finally:
        if registered is None:
            COMMANDS.pop("suggest", None)
        else:
            COMMANDS["suggest"] = registered
        _index.cache_clear()
        for key, value in before.items():
            if value is None:
                strings.pop(key, None)
            else:
                strings[key] = value
