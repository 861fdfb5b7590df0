"""The confidential report from the chat: ``!melden`` / ``!report`` continues privately and files the report
through the store, in both languages, as dialog tables through the in-memory adapter."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from samen.bot import MemoryChat, MemoryStore
from samen.content import load_pack
from tests.bot.dialogs import BOT, REPORT_ADMINS, REPORTS, STORY_EN, STORY_NL
from tests.bot.test_dialogs import run

REPORT_ROUTES = load_pack().spec.reports.routes


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_dialog(name: str, chat: MemoryChat) -> None:
    run(chat, REPORTS[name])  # every line of a report is answered privately, none in the group


@pytest.mark.parametrize("name", list(REPORT_ADMINS))
def test_report_to_the_groups_admins(name: str, chat: MemoryChat) -> None:
    run(chat, REPORT_ADMINS[name])


def _admins_code(text: str) -> str:
    """The admins' code in the bot's message to them (after the command's name)."""
    return (
        text.split("!melden ")[1].split()[0] if "!melden " in text else text.split("!report ")[1].split()[0]
    )


def test_a_report_to_the_groups_admins_is_relayed_both_ways_without_the_reporter(
    chat: MemoryChat, store: MemoryStore
) -> None:
    """The Dutch report about carol's message: bob (an admin) gets it and answers with the admins' code;
    carol, the admin it is about, gets nothing and cannot open it even with the code; alice's answer
    reaches bob, never carol; nobody learns who alice is."""
    run(chat, REPORT_ADMINS["report_nl_admins_about_an_admin"])
    (code,) = store.reports
    kept = store.reports[code]
    assert (kept.route, kept.name, kept.group, kept.left_out, kept.link) == (
        "group-admin",
        "",
        "group",
        "carol",
        "",
    )
    assert "carol" not in chat.inbox or not any(STORY_NL in b.text for b in chat.inbox["carol"])
    (to_bob,) = [b for b in chat.inbox["bob"] if STORY_NL in b.text]
    assert "alice" not in to_bob.text and code not in to_bob.text
    admins = _admins_code(to_bob.text)
    assert admins != code

    # carol, with the code bob got, is refused as a wrong code; nothing is added
    (refused,) = chat.send(
        f"!melden {admins} Dat bedoelde ik niet zo.", user="carol", direct=True, group="dm-carol"
    )
    assert refused.text == BOT.get("nl", "report.code_wrong") and kept.messages == []

    # bob answers: kept as the route's answer, the case is in conversation, alice hears at once
    answers = chat.send(
        f"!melden {admins} Dank je. Ik spreek het aan.", user="bob", direct=True, group="dm-bob"
    )
    assert kept.messages == [("staff", "Dank je. Ik spreek het aan.")] and kept.status == "conversation"
    assert answers[0].text == BOT.get("nl", "report.admins.sent", case=kept.case)
    assert "Dank je. Ik spreek het aan." in chat.inbox["alice"][-1].text
    assert "bob" not in chat.inbox["alice"][-1].text

    # alice answers with her own code: it reaches bob, not carol
    carol_before = len(chat.inbox.get("carol", []))
    chat.send(f"!melden {code} Het gebeurde gisteren weer.", direct=True, group="dm-alice")
    assert "Het gebeurde gisteren weer." in chat.inbox["bob"][-1].text
    assert len(chat.inbox.get("carol", [])) == carol_before

    # bob reads the conversation; he cannot withdraw it, alice can
    (shown,) = chat.send(f"!melden {admins}", user="bob", direct=True, group="dm-bob")
    assert STORY_NL in shown.text and "Het gebeurde gisteren weer." in shown.text
    (no,) = chat.send(f"!melden {admins} intrekken", user="bob", direct=True, group="dm-bob")
    assert no.text == BOT.get("nl", "report.admins.no_withdraw") and code in store.reports
    chat.send(f"!melden {code} intrekken", direct=True, group="dm-alice")
    assert store.reports == {}


def test_the_group_route_is_not_offered_in_a_direct_chat(chat: MemoryChat) -> None:
    chat.add_bot()
    (opening,) = chat.send("!melden", direct=True, group="dm-alice")
    assert f"{len(REPORT_ROUTES) + 1}." not in opening.text


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


def test_the_group_route_is_not_offered_about_a_message_whose_author_is_unknown(chat: MemoryChat) -> None:
    """A report replying to a message whose author the platform did not say could be about an admin: the
    group's admins are then not offered; the other routes are."""
    chat.add_bot()
    (unknown,) = chat.send("!melden", reply_to="m-earlier")
    chat.send("stop", direct=True, group="dm-alice")
    (known,) = chat.send("!melden", reply_to="m-earlier", reply_author="carol")
    assert f"{len(REPORT_ROUTES) + 1}." not in unknown.text and f"{len(REPORT_ROUTES)}." in unknown.text
    assert f"{len(REPORT_ROUTES) + 1}." in known.text


def test_only_routes_someone_can_read_are_offered(
    make_chat: Callable[..., MemoryChat], store: MemoryStore
) -> None:
    local = load_pack().language("en")
    names = {route.id: route.name for route in local.support}
    store.staff = frozenset({"study-adviser"})
    chat = make_chat()
    chat.add_bot()
    (opening,) = chat.send("!report", direct=True, group="dm-alice")
    assert names["study-adviser"] in opening.text
    assert names["confidential-counsellor"] not in opening.text and "2." not in opening.text
    store.staff = frozenset()
    (none,) = chat.send("!report", direct=True, group="dm-bob", user="bob")
    assert names["study-adviser"] not in none.text and "1." not in none.text
