"""The dialog tables through the in-memory adapter: every command in both languages, bad input, and abuse
hidden behind every command prefix."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from samen.bot import Bot, Capabilities, MemoryChat, MemoryStore
from samen.content import FAQ_TOPICS, Pack
from samen.signals import Signals
from tests.bot.conftest import Clock, dos_url
from tests.bot.dialogs import DIALOGS, EN, NL, Line, hidden_dialogs


@pytest.fixture(scope="module")
def signals() -> Signals:
    from samen.content import load_pack

    return Signals.load(**load_pack().spec.signals_options())


@pytest.fixture
def watched(pack: Pack, store: MemoryStore, clock: Clock, signals: Signals) -> MemoryChat:
    capabilities = Capabilities("matrix", prefix="!")
    return MemoryChat(Bot(pack, store, capabilities, dos_url=dos_url, clock=clock, signals=signals))


def run(chat: MemoryChat, lines: list[Line]) -> None:
    """Say each line as alice (an admin where the line says so) and check the bot's answers."""
    chat.add_bot()
    room = chat.room("group")
    for line in lines:
        public_before = len(room.messages)
        private_before = len(chat.inbox.get(line.user, []))
        notices_before = len(chat.admin_inbox)
        answers = chat.send(
            line.says,
            user=line.user,
            admin=line.admin,
            reply_to="m-earlier" if line.reply else None,
            reply_author=line.about or None,
            direct=line.direct,
            group=f"dm-{line.user}" if line.direct else "group",
        )
        said = "\n".join(b.text for b in answers)
        for word in line.unsaid:
            assert word.casefold() not in said.casefold(), f"{line.says[:40]!r} repeated {word!r}"
        if line.expect is None:
            assert answers == [], f"{line.says[:40]!r} got an answer: {said[:200]!r}"
            continue
        for piece in line.expect:
            assert piece in said, f"{line.says[:40]!r}: {piece!r} not in {said[:300]!r}"
        public = len(room.messages) - public_before
        private = len(chat.inbox.get(line.user, [])) - private_before
        if line.private is True:
            assert (public, private) == (0, 1), line.says
        elif line.private is False:
            assert private == 0, line.says
        assert (len(chat.admin_inbox) > notices_before) == line.notice, line.says


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog(name: str, chat: MemoryChat) -> None:
    run(chat, DIALOGS[name])


@pytest.mark.parametrize(("name", "lines"), list(hidden_dialogs().items()))
def test_words_behind_a_command_prefix_are_read_like_any_message(
    name: str, lines: list[Line], watched: MemoryChat
) -> None:
    run(watched, lines)


@pytest.mark.parametrize("topic", FAQ_TOPICS)
def test_every_faq_topic_answers_by_its_dutch_and_english_names(topic: str, chat: MemoryChat) -> None:
    chat.add_bot()
    nl = next(e for e in NL.faq if e.topic == topic)
    en = next(e for e in EN.faq if e.topic == topic)
    for name in (nl.keywords[0], en.keywords[0], topic):
        (answer,) = chat.send(f"!faq {name}")
        assert nl.question in answer.text and nl.answer.split("\n\n")[0] in answer.text


def test_help_leads_with_who_can_help_and_shows_admin_commands_to_admins_only(
    make_chat: Callable[..., MemoryChat],
) -> None:
    chat = make_chat()
    chat.add_bot()
    (member,) = chat.send("!hulp")
    assert member.text.index(NL.support[0].name) < member.text.index("!dos")
    assert "!taal" not in member.text and "!opnieuw" not in member.text
    (admin,) = chat.send("!hulp", admin=True)
    assert "!taal" in admin.text and "!signalen" in admin.text
