"""The confidential report from the chat: ``!melden`` / ``!report`` continues privately and files the report
through the store, in both languages, as dialog tables through the in-memory adapter."""

from __future__ import annotations

import pytest

from samen.bot import MemoryChat, MemoryStore
from tests.bot.dialogs import REPORTS, STORY_EN, STORY_NL
from tests.bot.test_dialogs import run


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_dialog(name: str, chat: MemoryChat) -> None:
    run(chat, REPORTS[name])  # every line of a report is answered privately, none in the group


def test_the_dutch_report_is_filed_anonymously_with_a_link_only(chat: MemoryChat, store: MemoryStore) -> None:
    run(chat, REPORTS["report_nl_anonymous_with_link"])
    (report,) = store.reports.values()
    assert (report.route, report.text, report.language, report.platform) == (
        "confidential-counsellor",
        STORY_NL,
        "nl",
        "matrix",
    )
    assert (report.name, report.special, report.link) == ("", False, "matrix:group/m-earlier")


def test_the_english_report_is_named_with_explicit_consent(chat: MemoryChat, store: MemoryStore) -> None:
    run(chat, REPORTS["report_en_named_with_consent"])
    (report,) = store.reports.values()
    assert (report.route, report.name, report.special, report.link, report.text) == (
        "study-adviser",
        "Sam de Vries",
        True,
        "",
        STORY_EN,
    )


def test_a_stopped_report_keeps_nothing(chat: MemoryChat, store: MemoryStore) -> None:
    run(chat, REPORTS["report_stopped"])
    assert store.reports == {}


def test_the_reporter_follows_up_with_the_code_in_the_private_chat(
    chat: MemoryChat, store: MemoryStore
) -> None:
    from tests.bot.dialogs import BOT, NL

    run(chat, REPORTS["report_nl_anonymous_with_link"])
    (code,) = store.reports
    kept = store.reports[code]
    kept.messages.append(("staff", "Dank je dat je het vertelt. Wil je langskomen?"))
    kept.status = "conversation"
    counsellor = next(r.name for r in NL.support if r.id == "confidential-counsellor")

    def private(text: str) -> str:
        answers = chat.send(text, direct=True, group="dm-alice")
        assert len(answers) == 1
        return answers[0].text

    shown = private(f"!melden {code.lower()}")
    assert (
        "Wil je langskomen?" in shown and counsellor in shown and "in gesprek" in shown and STORY_NL in shown
    )
    assert BOT.get("nl", "report.answered", route=counsellor) == private(
        f"!melden {code} Ja,\ndinsdag kan ik."
    )
    assert kept.messages[-1] == ("reporter", "Ja,\ndinsdag kan ik.")

    public_before = len(chat.room("group").messages)
    (refused,) = chat.send(f"!melden {code}")  # in the group: refused, privately, nothing shown
    assert refused.text == BOT.get("nl", "report.code_private") and chat.inbox["alice"][-1] == refused
    assert len(chat.room("group").messages) == public_before

    kept.status = "closed"
    assert private(f"!melden {code} nog iets") == BOT.get("nl", "report.closed")
    assert private(f"!melden {code} intrekken") == BOT.get("nl", "report.withdrawn")
    assert store.reports == {}
    assert private(f"!melden {code}") == BOT.get("nl", "report.code_wrong")


def test_guessing_codes_in_the_chat_is_limited(chat: MemoryChat, store: MemoryStore) -> None:
    from samen.bot.core import CODE_TRIES
    from tests.bot.dialogs import BOT

    run(chat, REPORTS["report_nl_anonymous_with_link"])
    (code,) = store.reports
    for n in range(CODE_TRIES):
        (wrong,) = chat.send(f"!melden {n:020d}", direct=True, group="dm-alice")
        assert wrong.text == BOT.get("nl", "report.code_wrong")
    (refused,) = chat.send(f"!melden {code}", direct=True, group="dm-alice")
    assert refused.text == BOT.get("nl", "report.code_refused")
