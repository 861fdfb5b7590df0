"""The dialog tables through the in-memory adapter: every command in both languages, and bad input."""

from __future__ import annotations

import pytest

from samen.bot import MemoryChat
from samen.content import FAQ_TOPICS
from tests.bot.dialogs import DIALOGS, EN, NL


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog(name: str, chat: MemoryChat) -> None:
    chat.add_bot()
    room = chat.room("group")
    for line in DIALOGS[name]:
        public_before = len(room.messages)
        private_before = len(chat.inbox.get("alice", []))
        answers = chat.send(line.says, admin=line.admin, reply_to="m-earlier" if line.reply else None)
        said = "\n".join(b.text for b in answers)
        if line.expect is None:
            assert answers == [], f"{line.says[:40]!r} got an answer: {said[:200]!r}"
            continue
        for piece in line.expect:
            assert piece in said, f"{line.says[:40]!r}: {piece!r} not in {said[:300]!r}"
        public = len(room.messages) - public_before
        private = len(chat.inbox.get("alice", [])) - private_before
        if line.private:
            assert (public, private) == (0, 1), line.says
        else:
            assert private == 0, line.says


@pytest.mark.parametrize("topic", FAQ_TOPICS)
def test_every_faq_topic_answers_by_its_dutch_and_english_names(topic: str, chat: MemoryChat) -> None:
    chat.add_bot()
    nl = next(e for e in NL.faq if e.topic == topic)
    en = next(e for e in EN.faq if e.topic == topic)
    for name in (nl.keywords[0], en.keywords[0], topic):
        (answer,) = chat.send(f"!faq {name}")
        assert nl.question in answer.text and nl.answer.split("\n\n")[0] in answer.text
