"""The Telegram adapter offline, as python-telegram-bot advises: recorded update payloads go through
``Application.process_update``, and the Bot API requests go to a request object that records them and
answers as Telegram would, instead of the network.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import stamina
from telegram import Bot as TelegramBot
from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData
from tests.bot.dialogs import (
    BOT,
    DIALOGS,
    EN,
    HIDDEN,
    NL,
    NUDGE,
    REPORT_ADMINS,
    REPORTS,
    STORY_EN,
    STORY_NL,
    Line,
)

from samen.adapters.base import CALL_ATTEMPTS
from samen.adapters.telegram import CAPABILITIES, TelegramAdapter, menu, retry_on
from samen.bot import Bot, MemoryStore
from samen.bot.core import poster
from samen.content import Localized, load_pack
from samen.signals import Signals

PACK = load_pack()
SIGNALS = Signals.load(**PACK.spec.signals_options())
UPDATES: dict[str, dict[str, Any]] = json.loads(
    (Path(__file__).parent / "test_telegram_updates.json").read_text()
)

GROUP = -1001234567890
BOT_USER = {"id": 999, "is_bot": True, "first_name": "samen", "username": "samen_bot"}
OWNER = {"id": 1111, "is_bot": False, "first_name": "Anna"}
MEMBER = {"id": 2222, "is_bot": False, "first_name": "Bob"}


@functools.cache
def cached_poster(local: Localized, url: str) -> tuple[bytes, str]:
    """The real illustration, made once for the whole module."""
    return poster(local, url)


def dos_url(lang: str, number: int | None) -> str:
    return f"https://samen.test/{lang}/dos/" + (f"#do-{number}" if number else "")


class RecordingRequest(BaseRequest):
    """The Bot API as Telegram answers it, in memory: every call is recorded with its parameters.

    Args:
        admins: user ids whose chat member status is ``creator``.
        closed: user ids that never started a chat with the bot (a direct message is refused).
        refuse: Bot API methods that fail with a 400, with Telegram's description.
        bot_rights: the bot's own rights as an admin (``can_pin_messages``…); empty: it is a plain member.
        too_many: how many times the next ``sendMessage`` is answered 429 first.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.admins: set[int] = {OWNER["id"]}  # type: ignore[arg-type]
        self.people: dict[int, dict[str, Any]] = {OWNER["id"]: OWNER}  # type: ignore[dict-item]
        self.closed: set[int] = set()
        self.refuse: dict[str, str] = {}
        self.too_many = 0
        self.bot_rights: dict[str, bool] = {}
        self._ids = itertools.count(100)

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = None,
        write_timeout: object = None,
        connect_timeout: object = None,
        pool_timeout: object = None,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        self.calls.append((endpoint, params))
        if endpoint == "sendMessage" and self.too_many:
            self.too_many -= 1
            return 429, _error("Too Many Requests: retry after 2", retry_after=2)
        if endpoint in self.refuse:
            return 400, _error(self.refuse[endpoint])
        if endpoint in ("sendMessage", "sendPhoto") and int(params["chat_id"]) in self.closed:
            return 403, _error("Forbidden: bot can't initiate conversation with a user")
        return 200, json.dumps({"ok": True, "result": self._answer(endpoint, params)}).encode()

    def _answer(self, endpoint: str, params: dict[str, Any]) -> object:
        if endpoint == "getMe":
            return BOT_USER | {
                "can_join_groups": True,
                "can_read_all_group_messages": True,
                "supports_inline_queries": False,
            }
        if endpoint in ("sendMessage", "sendPhoto"):
            chat = int(params["chat_id"])
            kind = "supergroup" if chat < 0 else "private"
            return {
                "message_id": next(self._ids),
                "date": 1764000000,
                "chat": {"id": chat, "type": kind},
                "from": BOT_USER,
            }
        if endpoint == "getChatMember" and int(params["user_id"]) == BOT_USER["id"] and self.bot_rights:
            return {
                "status": "administrator",
                "user": BOT_USER,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": False,
                "can_manage_video_chats": False,
                "can_restrict_members": False,
                "can_promote_members": False,
                "can_change_info": False,
                "can_invite_users": False,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            } | self.bot_rights
        if endpoint == "getChatMember":
            user = int(params["user_id"])
            status = "creator" if user in self.admins else "member"
            return {
                "status": status,
                "user": {"id": user, "is_bot": False, "first_name": "X"},
                "is_anonymous": False,
            }
        if endpoint == "getChat":
            # Members may not pin or change the description: that takes an admin with those rights.
            chat = int(params["chat_id"])
            return {
                "id": chat,
                "type": "supergroup" if chat < 0 else "private",
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
                "permissions": {
                    "can_send_messages": True,
                    "can_send_photos": True,
                    "can_pin_messages": False,
                    "can_change_info": False,
                },
            }
        if endpoint == "getChatAdministrators":
            return [
                *(
                    {"status": "creator", "user": self.people[a], "is_anonymous": False}
                    for a in sorted(self.admins)
                ),
                {"status": "member", "user": BOT_USER},
            ]
        return True

    def sent(self) -> list[dict[str, Any]]:
        """The messages and photos sent since the last call, then forgets them."""
        out = [p | {"method": e} for e, p in self.calls if e in ("sendMessage", "sendPhoto")]
        self.calls.clear()
        return out


def _error(description: str, retry_after: int | None = None) -> bytes:
    body: dict[str, object] = {"ok": False, "error_code": 400, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return json.dumps(body).encode()


@pytest.fixture
async def telegram() -> AsyncIterator[tuple[TelegramAdapter, RecordingRequest]]:
    request = RecordingRequest()
    api = TelegramBot("123456:TEST-TOKEN-NEVER-SENT", request=request, get_updates_request=RecordingRequest())
    application = Application.builder().bot(api).updater(None).build()
    core = Bot(PACK, MemoryStore(), CAPABILITIES, dos_url=dos_url, signals=SIGNALS, illustrate=cached_poster)
    adapter = TelegramAdapter(core, application)
    # The shared retry policy without its waits: what is retried, and how often, stays as in production.
    with stamina.set_testing(True, attempts=CALL_ATTEMPTS, cap=True):
        async with application:
            request.calls.clear()
            yield adapter, request
    adapter.worker.close()


_update_ids = itertools.count(600000000)
_message_ids = itertools.count(1000)


async def feed(adapter: TelegramAdapter, payload: dict[str, Any]) -> None:
    """One update through python-telegram-bot's own processing."""
    await adapter.application.process_update(Update.de_json(payload, adapter.api))


def message(
    text: str,
    *,
    user: dict[str, Any] = MEMBER,
    chat: int = GROUP,
    reply_to: int | None = None,
    reply_from: dict[str, Any] = OWNER,
) -> dict[str, Any]:
    """An update with one text message, shaped as the recorded ones."""
    kind = "supergroup" if chat < 0 else "private"
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "from": user,
        "chat": {"id": chat, "type": kind, "title": "Werkgroep"} if chat < 0 else {"id": chat, "type": kind},
        "date": 1764000100,
        "text": text,
    }
    if text.startswith("/"):
        body["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    if reply_to is not None:
        body["reply_to_message"] = {
            "message_id": reply_to,
            "from": reply_from,
            "chat": body["chat"],
            "date": 1764000000,
            "text": "x",
        }
    return {"update_id": next(_update_ids), "message": body}


def texts(sent: list[dict[str, Any]]) -> str:
    return "\n".join(str(p.get("text", p.get("caption", ""))) for p in sent)


async def test_added_to_a_group_posts_intro_then_dos_with_photo_pins_and_describes(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    await feed(adapter, UPDATES["bot_added"])
    calls = [e for e, _ in request.calls]
    assert calls == ["sendMessage", "sendMessage", "sendPhoto", "pinChatMessage", "setChatDescription"]
    intro, dos = (p for e, p in request.calls if e == "sendMessage")
    assert NL.institution in intro["text"] and intro["parse_mode"] == "HTML"
    for do in NL.dos:
        assert do.text in dos["text"]
    (description,) = (p for e, p in request.calls if e == "setChatDescription")
    assert len(description["description"]) <= 255
    request.calls.clear()
    await feed(adapter, UPDATES["bot_added"] | {"update_id": 500000099})
    assert request.calls == []


async def test_missing_rights_are_told_to_the_admins_once(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    request.refuse = {
        "pinChatMessage": "Bad Request: not enough rights to manage pinned messages in the chat",
        "setChatDescription": "Bad Request: not enough rights to change chat description",
    }
    await feed(adapter, UPDATES["bot_added"])
    to_owner = [
        p["text"] for e, p in request.calls if e == "sendMessage" and int(p["chat_id"]) == OWNER["id"]
    ]
    assert to_owner == [BOT.get("nl", "permission.pin"), BOT.get("nl", "permission.topic")]


async def test_a_new_member_is_welcomed(telegram: tuple[TelegramAdapter, RecordingRequest]) -> None:
    adapter, request = telegram
    await feed(adapter, UPDATES["member_joined"])
    (welcome,) = request.sent()
    assert "https://samen.test/nl/dos/" in welcome["text"] and int(welcome["chat_id"]) == GROUP


async def test_do_as_a_reply_quotes_that_message(telegram: tuple[TelegramAdapter, RecordingRequest]) -> None:
    adapter, request = telegram
    await feed(adapter, UPDATES["command_reply"])
    (answer,) = request.sent()
    assert NL.do(4).text in answer["text"] and "#do-4" in answer["text"]
    assert answer["reply_parameters"]["message_id"] == 12


async def test_a_command_for_another_bot_is_left_alone(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    await feed(adapter, UPDATES["command_other_bot"])
    assert request.calls == []


async def run_dialog(
    adapter: TelegramAdapter, request: RecordingRequest, lines: list[Line], *, addressed: bool = False
) -> None:
    """Say each line in the group (``!`` as Telegram's ``/``; with ``addressed``, a command's first word as
    ``/word@samen_bot``, as Telegram writes a command chosen from the menu in a group) and check what the
    bot sent."""
    for line in lines:
        user = OWNER if line.admin else MEMBER
        says = "/" + line.says[1:] if line.says.startswith("!") else line.says
        if addressed and says.startswith("/") and not says.startswith(("//", "/ ")):
            first, _, rest = says.partition(" ")
            says = f"{first}@samen_bot {rest}".strip()
        chat = user["id"] if line.direct else GROUP  # a private chat's id is the user's
        await feed(adapter, message(says, user=user, chat=chat, reply_to=5 if line.reply else None))
        sent = request.sent()
        said = texts(sent)
        for payload in sent:
            if payload.get("parse_mode") == "HTML":  # Telegram's HTML subset has no block tags
                assert not any(tag in payload["text"] for tag in ("<p>", "<br", "<ol>", "<ul>", "<li>")), (
                    line.says
                )
        for word in line.unsaid:
            assert word.casefold() not in said.casefold(), f"{line.says[:40]!r} repeated {word!r}"
        if line.expect is None:
            assert sent == [], f"{line.says[:40]!r} got {said[:200]!r}"
            continue
        for piece in line.expect:
            slash = "/" + piece[1:] if piece.startswith("!") and len(piece) > 1 else piece
            assert piece in said or slash in said, f"{line.says[:40]!r}: {piece!r} not in {said[:300]!r}"
        private = [p for p in sent if int(p["chat_id"]) > 0]
        if line.private is True:
            assert private and len(private) == len(sent), line.says
        elif line.private is False:
            assert not private, line.says
        to_owner = [p for p in sent if int(p["chat_id"]) == OWNER["id"]]
        if not line.admin:
            assert bool(to_owner) == line.notice, line.says


@pytest.mark.parametrize("name", list(DIALOGS))
async def test_dialog(telegram: tuple[TelegramAdapter, RecordingRequest], name: str) -> None:
    await run_dialog(*telegram, DIALOGS[name])


@pytest.mark.parametrize("name", list(REPORTS))
async def test_report_dialog(telegram: tuple[TelegramAdapter, RecordingRequest], name: str) -> None:
    """``/melden`` in the group, then the private chat: nothing in the group, the code at the end."""
    await run_dialog(*telegram, REPORTS[name])


#: The dialog tables' members as Telegram users (bob and carol are the group's admins in REPORT_ADMINS).
PEOPLE = {
    name: {"id": 3000 + i, "is_bot": False, "first_name": name.title()}
    for i, name in enumerate(("alice", "bob", "carol", "dave"))
}


@pytest.mark.parametrize("name", list(REPORT_ADMINS))
async def test_report_to_the_groups_admins(
    telegram: tuple[TelegramAdapter, RecordingRequest], name: str
) -> None:
    """Each line by its own member, in the group or their private chat: the report reaches each admin's
    private chat but that of the author of the message reported (whose id comes with the reply)."""
    adapter, request = telegram
    request.people = {p["id"]: p for p in PEOPLE.values()}
    request.admins = {PEOPLE["bob"]["id"], PEOPLE["carol"]["id"]}
    reached: set[int] = set()
    for line in REPORT_ADMINS[name]:
        user = PEOPLE[line.user]
        says = "/" + line.says[1:] if line.says.startswith("!") else line.says
        reply = {"reply_to": 5, "reply_from": PEOPLE[line.about or "dave"]} if line.reply else {}
        await feed(adapter, message(says, user=user, chat=user["id"] if line.direct else GROUP, **reply))
        sent = request.sent()
        said = texts(sent)
        for piece in line.expect or ():
            slash = "/" + piece[1:] if piece.startswith("!") and len(piece) > 1 else piece
            assert piece in said or slash in said, f"{line.says[:40]!r}: {piece!r} not in {said[:300]!r}"
        for word in line.unsaid:
            assert word.casefold() not in said.casefold(), f"{line.says[:40]!r} repeated {word!r}"
        assert all(int(p["chat_id"]) > 0 for p in sent) or not line.private, line.says
        others = {int(p["chat_id"]) for p in sent} - {user["id"], GROUP}
        assert bool(others) == line.notice, line.says
        reached |= {int(p["chat_id"]) for p in sent if STORY_NL in p["text"] or STORY_EN in p["text"]}
    about = next(line.about for line in REPORT_ADMINS[name] if line.about)
    admins = {PEOPLE["bob"]["id"], PEOPLE["carol"]["id"]} - {PEOPLE[about]["id"]}
    assert reached == admins


@pytest.mark.parametrize("name", list(HIDDEN))
async def test_words_behind_a_command_prefix_are_read_like_any_message(
    telegram: tuple[TelegramAdapter, RecordingRequest], name: str
) -> None:
    await run_dialog(*telegram, HIDDEN[name])


@pytest.mark.parametrize("name", [name for name, lines in HIDDEN.items() if lines[-1].says.startswith("!")])
async def test_words_behind_a_command_addressed_to_the_bot_are_read_like_any_message(
    telegram: tuple[TelegramAdapter, RecordingRequest], name: str
) -> None:
    await run_dialog(*telegram, HIDDEN[name], addressed=True)


@pytest.mark.parametrize(
    "says", ["/ik@samen_bot maak je af", "/hulp@samen_bot ik maak je af", "/start@other_bot ik maak je af"]
)
async def test_words_after_a_command_addressed_to_a_bot_are_read_too(
    telegram: tuple[TelegramAdapter, RecordingRequest], says: str
) -> None:
    adapter, request = telegram
    await feed(adapter, message(says))
    sent = request.sent()
    to_member = texts([p for p in sent if int(p["chat_id"]) == MEMBER["id"]])
    assert NUDGE.get("nl", "author.threat").split("{")[0] in to_member
    assert any(int(p["chat_id"]) == OWNER["id"] for p in sent)
    assert not any("maak je af" in texts([p]) for p in sent)


async def test_help_goes_to_the_group_when_the_member_never_started_the_bot(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    request.closed = {MEMBER["id"]}  # type: ignore[arg-type]
    await feed(adapter, message("/hulp"))
    refused, answered = request.sent()
    assert int(refused["chat_id"]) == MEMBER["id"] and int(answered["chat_id"]) == GROUP
    assert NL.support[0].name in answered["text"]


async def test_a_threat_brings_a_private_nudge_with_a_button_and_the_admins_a_notice(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    threat = "ik maak je af als je dat nog een keer zegt"
    await feed(adapter, message(threat))
    nudge, notice = request.sent()
    assert int(nudge["chat_id"]) == MEMBER["id"] and "Do 1" in nudge["text"]
    markup = nudge["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    (row,) = markup["inline_keyboard"]
    (button,) = row
    assert (
        button["text"] == BOT.get("nl", "nudge.button") and button["callback_data"] == f"notmeant 1 {GROUP}"
    )
    assert int(notice["chat_id"]) == OWNER["id"] and threat not in notice["text"]


async def test_a_nudge_stays_silent_when_the_author_cannot_be_reached(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    request.closed = {MEMBER["id"]}  # type: ignore[arg-type]
    await feed(adapter, message("jij bent echt een dombo"))
    assert all(int(p["chat_id"]) == MEMBER["id"] for p in request.sent())


async def test_the_not_meant_button_is_counted_and_thanked(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    await feed(adapter, UPDATES["button_pressed"])
    assert [e for e, _ in request.calls][:1] == ["answerCallbackQuery"]
    (thanks,) = request.sent()
    assert thanks["text"] == BOT.get("nl", "notmeant.thanks")
    store = adapter.bot.store
    assert [(kind, do) for _, kind, do, _ in store.counts("telegram", str(GROUP))] == [("not_meant", 1)]


async def test_a_rate_limit_is_waited_out(telegram: tuple[TelegramAdapter, RecordingRequest]) -> None:
    adapter, request = telegram
    request.too_many = 1
    await feed(adapter, message("/do 2"))
    sends = [p for e, p in request.calls if e == "sendMessage"]
    assert len(sends) == 2 and NL.do(2).text in sends[1]["text"]


async def test_an_update_seen_before_is_not_answered_twice(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    update = message("/dos")
    await feed(adapter, update)
    await feed(adapter, update)
    assert len(request.sent()) == 1


async def test_the_command_menu_is_registered_in_both_languages(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    await adapter.register_commands()
    english, dutch = (p for e, p in request.calls if e == "setMyCommands")

    def names(payload: dict[str, Any]) -> list[str]:
        commands = payload["commands"]
        return [c["command"] for c in (json.loads(commands) if isinstance(commands, str) else commands)]

    assert "help" in names(english) and "hulp" in names(dutch) and dutch["language_code"] == "nl"
    assert [c.command for c in menu("nl")] == names(dutch)


async def test_a_group_that_becomes_a_supergroup_keeps_its_settings(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    old, new = -4001234567, -1009876543210
    await feed(adapter, message("/taal en", user=OWNER, chat=old))
    migrated = message("", chat=old)
    del migrated["message"]["text"]
    migrated["message"]["migrate_to_chat_id"] = new
    await feed(adapter, migrated)
    request.calls.clear()
    await feed(adapter, message("/do 2", chat=new))
    (answer,) = request.sent()
    assert EN.do(2).text in answer["text"]


async def test_a_missing_right_is_known_by_the_bots_rights_not_by_telegrams_words(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    request.refuse = {"pinChatMessage": "Bad Request: CHAT_ADMIN_REQUIRED"}  # other words, same refusal
    await feed(adapter, UPDATES["bot_added"])
    to_owner = [
        p["text"] for e, p in request.calls if e == "sendMessage" and int(p["chat_id"]) == OWNER["id"]
    ]
    assert to_owner == [BOT.get("nl", "permission.pin")]


async def test_a_failure_that_is_no_missing_right_tells_the_admins_nothing(
    telegram: tuple[TelegramAdapter, RecordingRequest],
) -> None:
    adapter, request = telegram
    request.bot_rights = {"can_pin_messages": True, "can_change_info": True}
    request.refuse = {
        "pinChatMessage": "Bad Request: not enough rights to manage pinned messages in the chat"
    }
    await feed(adapter, UPDATES["bot_added"])
    assert not [p for e, p in request.calls if e == "sendMessage" and int(p["chat_id"]) == OWNER["id"]]
    assert "setChatDescription" in [e for e, _ in request.calls]  # the next action still went


def test_the_retry_policy_waits_as_telegram_asks_and_retries_network_errors_only() -> None:
    from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

    assert retry_on(RetryAfter(7)) == 7.0
    assert retry_on(NetworkError("x")) is True and retry_on(TimedOut()) is True
    assert retry_on(BadRequest("x")) is False and retry_on(Forbidden("x")) is False
