"""The bot core's behaviour beyond single commands: onboarding, state, replays, failures, privacy."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

import pytest

from samen.bot import (
    Added,
    Bot,
    Capabilities,
    Command,
    Describe,
    EventID,
    GroupID,
    GroupState,
    MemoryChat,
    MemoryStore,
    MessageID,
    Post,
    Reply,
    UserID,
)
from samen.content import Localized, Pack
from tests.bot.conftest import Clock, dos_url
from tests.bot.dialogs import BOT, EN, NL


def test_onboarding_posts_intro_then_dos_pins_and_describes(chat: MemoryChat) -> None:
    actions = chat.bot.handle(Added(group=GroupID("g")))
    assert [type(a) for a in actions] == [Post, Post, Describe]
    intro, dos, describe = actions
    assert isinstance(intro, Post) and isinstance(dos, Post) and isinstance(describe, Describe)
    assert (intro.purpose, intro.pin) == ("intro", False)
    assert NL.institution in intro.body.text
    assert (dos.purpose, dos.pin) == ("dos", True)
    for do in NL.dos:
        assert do.text in dos.body.text
    assert NL.do(4).text in describe.text
    assert "https://samen.test/nl/dos/" in describe.short


def test_onboarding_is_never_repeated_even_after_a_restart(
    chat: MemoryChat, make_chat: Callable[..., MemoryChat]
) -> None:
    assert len(chat.add_bot()) == 2
    assert chat.room("group").pinned is not None
    assert chat.add_bot() == []
    restarted = make_chat()  # a new Bot on the same store
    assert restarted.add_bot() == []


def test_admin_can_post_the_onboarding_again(chat: MemoryChat) -> None:
    chat.add_bot()
    again = chat.send("!opnieuw", admin=True)
    assert len(again) == 2 and NL.do(1).text in again[1].text


def test_the_description_takes_the_short_form_where_a_limit_demands(
    make_chat: Callable[..., MemoryChat],
) -> None:
    chat = make_chat(topic_limit=200)
    chat.add_bot()
    assert chat.room("group").description == NL.fill(
        NL.text.description_short, dos_link="https://samen.test/nl/dos/"
    )


def test_a_missing_permission_is_told_to_the_admins_once(make_chat: Callable[..., MemoryChat]) -> None:
    chat = make_chat(refuse=frozenset({"pin", "topic"}))
    chat.add_bot()
    assert [b.text for b in chat.admin_inbox] == [
        BOT.get("nl", "permission.pin"),
        BOT.get("nl", "permission.topic"),
    ]
    chat.send("!opnieuw", admin=True)
    assert len(chat.admin_inbox) == 2


def test_point_to_a_do_quotes_the_message_it_answers(chat: MemoryChat) -> None:
    actions = chat.bot.handle(
        Command(
            group=GroupID("g"),
            user=UserID("bob"),
            name="do",
            args=("6",),
            reply_to=MessageID("offending"),
            message_id=MessageID("cmd"),
        )
    )
    assert len(actions) == 1 and isinstance(actions[0], Reply)
    reply = actions[0]
    assert reply.quote == "offending"
    assert NL.do(6).text in reply.body.text and "https://samen.test/nl/dos/#do-6" in reply.body.text
    assert "bob" not in reply.body.text


def test_language_setting_survives_a_restart(chat: MemoryChat, make_chat: Callable[..., MemoryChat]) -> None:
    chat.add_bot()
    chat.send("!taal en", admin=True)
    answers = make_chat().send("!do 1")
    assert EN.do(1).text in answers[0].text


def test_welcome_goes_to_new_members_until_admins_turn_it_off(chat: MemoryChat) -> None:
    chat.add_bot()
    (welcome,) = chat.join("carol")
    assert "https://samen.test/nl/dos/" in welcome.text
    chat.send("!welkom uit", admin=True)
    assert chat.join("dave") == []


def test_events_already_handled_are_not_answered_again(chat: MemoryChat) -> None:
    chat.add_bot()
    first = Command(group=GroupID("group"), user=UserID("a"), name="do", args=("2",), position=10)
    assert chat.bot.handle(first)
    assert chat.bot.handle(first) == []
    older = Command(group=GroupID("group"), user=UserID("a"), name="do", args=("3",), position=9)
    assert chat.bot.handle(older) == []
    by_id = Command(group=GroupID("group"), user=UserID("a"), name="dos", event_id=EventID("$e"))
    assert chat.bot.handle(by_id)
    assert chat.bot.handle(by_id) == []


def test_replays_are_recognised_after_a_restart(pack: Pack, store: MemoryStore, clock: Clock) -> None:
    event = Command(group=GroupID("g"), user=UserID("a"), name="do", args=("2",), position=5)
    assert Bot(pack, store, Capabilities("matrix"), dos_url=dos_url, clock=clock).handle(event)
    assert Bot(pack, store, Capabilities("matrix"), dos_url=dos_url, clock=clock).handle(event) == []


def test_commands_in_a_direct_chat_answer_or_explain(chat: MemoryChat) -> None:
    (dos,) = chat.send("!do 5", direct=True, group="dm-alice")
    assert NL.do(5).text in dos.text
    (english,) = chat.send("!help", direct=True, group="dm-alice")
    assert EN.support[0].name in english.text
    (refusal,) = chat.send("!taal en", direct=True, admin=True, group="dm-alice")
    assert refusal.text == BOT.get("nl", "group_only")
    assert chat.bot.store.load_group("matrix", "dm-alice") is None


def test_help_falls_back_to_the_group_where_nothing_private_is_possible(
    make_chat: Callable[..., MemoryChat],
) -> None:
    chat = make_chat("telegram", private=False)
    chat.add_bot()
    (help_text,) = chat.send("!hulp")
    assert help_text in chat.room("group").messages


def test_counts_keep_the_do_and_the_day_and_never_any_text(chat: MemoryChat, store: MemoryStore) -> None:
    chat.add_bot()
    chat.send("!do 4", reply_to="m0")
    chat.send("!do 4", reply_to="m0")
    chat.send("!zie", reply_to="m0")
    chat.send("!nietzo 1")
    day = date(2025, 11, 24)
    assert store.counts("matrix", "group") == [
        (day, "not_meant", 1, 1),
        (day, "point", 4, 2),
        (day, "seen", 0, 1),
    ]


class BrokenStore(MemoryStore):
    """A store whose counting fails, as a database that went away would."""

    def add_count(self, platform: str, group: str, *, day: date, kind: str, do: int = 0, n: int = 1) -> None:
        raise RuntimeError("database is gone: secret message text")


def test_a_failing_handler_is_logged_without_text_and_the_bot_goes_on(
    pack: Pack, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    chat = MemoryChat(Bot(pack, BrokenStore(), Capabilities("matrix"), dos_url=dos_url, clock=clock))
    with caplog.at_level(logging.ERROR, logger="samen.bot"):
        (apology,) = chat.send("!do 4 geheime tekst")
    assert apology.text == BOT.get("nl", "error")
    assert "RuntimeError" in caplog.text
    assert "secret" not in caplog.text and "geheime" not in caplog.text
    assert NL.do(1).text in chat.send("!dos")[0].text


def test_onboarding_goes_on_without_the_poster_when_drawing_it_fails(
    pack: Pack, store: MemoryStore, clock: Clock
) -> None:
    def broken(local: object, url: str) -> tuple[bytes, str]:
        raise OSError("no fonts")

    bot = Bot(pack, store, Capabilities("matrix"), dos_url=dos_url, clock=clock, illustrate=broken)
    _, dos, _ = bot.handle(Added(group=GroupID("g")))
    assert isinstance(dos, Post) and dos.image is None and NL.do(1).text in dos.body.text


def test_the_poster_goes_with_the_dos_and_is_drawn_once_per_language(
    pack: Pack, store: MemoryStore, clock: Clock
) -> None:
    drawn: list[str] = []

    def draw(local: Localized, url: str) -> tuple[bytes, str]:
        drawn.append(local.code)
        return b"\x89PNG", f"poster {url}"

    bot = Bot(pack, store, Capabilities("matrix"), dos_url=dos_url, clock=clock, illustrate=draw)
    for group in ("a", "b"):
        _, dos, _ = bot.handle(Added(group=GroupID(group)))
        assert isinstance(dos, Post) and dos.image is not None
        assert dos.image.alt == "poster https://samen.test/nl/dos/"
    assert drawn == ["nl"]


class DownStore(MemoryStore):
    """A store whose database is down altogether."""

    def load_group(self, platform: str, group: str) -> GroupState | None:
        raise ConnectionError("database at postgres://user:secret@db is down")


def test_a_store_that_is_down_costs_an_apology_not_the_bot(
    pack: Pack, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    bot = Bot(pack, DownStore(), Capabilities("matrix"), dos_url=dos_url, clock=clock)
    (apology,) = bot.handle(Command(group=GroupID("g"), user=UserID("u"), name="dos"))
    assert isinstance(apology, Reply) and apology.body.text == BOT.get("nl", "error")
    assert bot.handle(Added(group=GroupID("g"))) == []
    assert "ConnectionError" in caplog.text and "secret" not in caplog.text
