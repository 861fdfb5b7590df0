"""The text-command parser: command names and phrases are compared case-blind, arguments stay as typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from samen.bot import MemoryChat, MemoryStore, parse
from tests.bot.conftest import Clock


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("!DO 4", ("do", ("4",))),
        ("!Faq Racisme", ("faq", ("Racisme",))),
        ("!ＤＯ ４", ("do", ("4",))),  # full-width: NFKC, for names and arguments alike
        ("!Ik Zie Dit", ("ikziedit", ())),
        ("!NIET ZO BEDOELD 4", ("nietzobedoeld", ("4",))),
        ("!nietzo 4 !AbCdEf:Uni.Example.NL", ("nietzo", ("4", "!AbCdEf:Uni.Example.NL"))),
        ("!lang EN", ("lang", ("EN",))),
    ],
)
def test_the_name_is_folded_and_the_arguments_kept_as_typed(
    text: str, parsed: tuple[str, tuple[str, ...]]
) -> None:
    assert parse(text) == parsed


def test_a_telegram_bot_name_is_cut_from_the_command_whatever_its_case() -> None:
    assert parse("/DO@Samen_Bot 4", ("/",)) == ("do", ("4",))


def test_a_room_id_typed_after_nietzo_counts_for_that_room_as_typed(
    chat: MemoryChat, store: MemoryStore, clock: Clock
) -> None:
    room = "!AbCdEf:Uni.Example.NL"
    chat.send(f"!nietzo 4 {room}", user="bob", direct=True, group="dm-bob")
    today = datetime.fromtimestamp(clock.now, UTC).date()
    assert store.counts("matrix", room) == [(today, "not_meant", 4, 1)]
    assert store.counts("matrix", room.lower()) == []


def test_a_command_is_one_declaration_from_which_parser_help_and_menus_follow(
    extra_command: str, make_chat: Callable[..., MemoryChat]
) -> None:
    from samen.adapters.telegram import menu
    from samen.bot.commands import COMMANDS, resolve

    spec = COMMANDS[extra_command]
    assert resolve("voorstel") == (spec, "nl") and resolve("SUGGEST") == (spec, "en") and resolve("idee")
    chat = make_chat()
    chat.add_bot()
    (answer,) = chat.send("!voorstel hij zegt rare dingen")
    assert "hij zegt" not in answer.text
    assert chat.inbox["alice"] == [answer]  # its answer, private as a mistake's
    (help_nl,) = chat.send("!hulp")
    assert "!voorstel: stel iets voor" in help_nl.text
    assert ("voorstel", "Stel iets voor aan de beheerders") in [
        (c.command, c.description) for c in menu("nl")
    ]
    assert "suggest" in [c.command for c in menu("en")]


def test_every_command_has_its_names_and_descriptions_in_every_language() -> None:
    from samen.bot.commands import COMMANDS
    from samen.content import load_strings

    strings = load_strings("bot")
    for spec in COMMANDS.values():
        assert set(spec.names) >= {"nl", "en"}, spec.name
        for lang in ("nl", "en"):
            assert spec.shown(lang).isidentifier() and spec.shown(lang).islower(), spec.name
        if spec.listed:
            assert set(strings.languages(f"describe.{spec.name}")) >= {"nl", "en"}
