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
    assert report == {
        "route": "confidential-counsellor",
        "text": STORY_NL,
        "language": "nl",
        "platform": "matrix",
        "name": "",
        "special": False,
        "link": "matrix:group/m-earlier",
    }


def test_the_english_report_is_named_with_explicit_consent(chat: MemoryChat, store: MemoryStore) -> None:
    run(chat, REPORTS["report_en_named_with_consent"])
    (report,) = store.reports.values()
    assert (report["route"], report["name"], report["special"], report["link"], report["text"]) == (
        "study-adviser",
        "Sam de Vries",
        True,
        "",
        STORY_EN,
    )


def test_a_stopped_report_keeps_nothing(chat: MemoryChat, store: MemoryStore) -> None:
    run(chat, REPORTS["report_stopped"])
    assert store.reports == {}
