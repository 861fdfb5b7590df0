"""The text-command parser: command names and phrases are compared case-blind, arguments stay as typed."""

from __future__ import annotations

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
