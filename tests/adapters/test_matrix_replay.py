"""The Matrix adapter without a homeserver: ``/sync`` answers shaped as Synapse sends them go through the
adapter's typed edge (``parse_sync``) and its real translation into the core's events, and every
Client-Server call it makes is recorded by a client whose ``request`` answers as Synapse would. The dialog
tables run here in seconds; ``test_matrix.py`` keeps the real Synapse for what only it can show (invites,
restarts, exactly once, power levels, rate limits).
"""

from __future__ import annotations

import itertools
import json
import threading
import urllib.parse
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import stamina
from tests.bot.dialogs import DIALOGS, HIDDEN, NL, REPORT_ADMINS, REPORTS, Line, is_notice

from samen.adapters.matrix import CAPABILITIES, MatrixAdapter
from samen.adapters.matrix_client import JSON, MatrixClient, MatrixError
from samen.adapters.matrix_sync import parse_sync
from samen.bot import Bot, MemoryStore
from samen.content import load_pack
from samen.signals import Signals

PACK = load_pack()
SIGNALS = Signals.load(**PACK.spec.signals_options())

ROOM = "!werkgroep:localhost"
BOT = "@bot:localhost"
ALICE = "@alice:localhost"  # created the room: power level 100
BOB = "@bob:localhost"


def member(name: str) -> str:
    """A dialog table's member (``alice``, ``bob``…) as a Matrix user on this homeserver."""
    return f"@{name}:localhost"


def dos_url(lang: str, number: int | None) -> str:
    return f"https://samen.test/{lang}/dos/" + (f"#do-{number}" if number else "")


class Homeserver(MatrixClient):
    """The Client-Server API as Synapse answers the bot's calls, in memory, each call recorded.

    Attributes:
        power: the room's ``m.room.power_levels``.
        forbidden: endpoints answered ``403 M_FORBIDDEN`` (a power level the bot lacks).
        members: who is in the group room.
        senders: who sent each event the bot may ask about (``GET /rooms/{room}/event/{id}``).
        history: every message :meth:`sent` returned.
    """

    def __init__(self) -> None:
        super().__init__("http://synapse.invalid", token="never-sent", user_id=BOT)
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.power: JSON = {"users": {ALICE: 100, BOT: 50}, "users_default": 0}
        self.forbidden: set[str] = set()
        self.members = [ALICE, BOB, BOT]
        self.senders: dict[str, str] = {}
        self.history: list[tuple[str, dict[str, Any]]] = []
        self._ids = itertools.count(1)

    async def request(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        *,
        endpoint: str,
        **options: Any,
    ) -> JSON:
        room = urllib.parse.unquote(path.split("/rooms/", 1)[1].split("/", 1)[0]) if "/rooms/" in path else ""
        self.calls.append((endpoint, room, dict(body or {})))
        if endpoint in self.forbidden:
            raise MatrixError(403, "M_FORBIDDEN", endpoint)
        if endpoint == "send" or endpoint.startswith("state "):
            return {"event_id": f"$sent{next(self._ids)}"}
        if endpoint == "get state m.room.power_levels":
            return self.power
        if endpoint.startswith(("get state", "get account data")):
            raise MatrixError(404, "M_NOT_FOUND", endpoint)
        if endpoint == "joined members":
            return {"joined": {user: {} for user in self.members}}
        if endpoint == "get event":
            event_id = urllib.parse.unquote(path.rsplit("/", 1)[-1])
            if event_id not in self.senders:
                raise MatrixError(404, "M_NOT_FOUND", endpoint)
            return {"event_id": event_id, "sender": self.senders[event_id], "type": "m.room.message"}
        if endpoint == "join":
            return {"room_id": urllib.parse.unquote(path.rsplit("/", 1)[-1])}
        if endpoint == "create direct room":
            return {"room_id": f"!dm-{body['invite'][0] if body else ''}"}
        if endpoint == "upload":
            return {"content_uri": "mxc://localhost/poster"}
        return {}

    def sent(self) -> list[tuple[str, dict[str, Any]]]:
        """The messages sent since the last call, as (room, content); then forgets every call."""
        out = [(room, body) for endpoint, room, body in self.calls if endpoint == "send"]
        self.calls.clear()
        self.history.extend(out)
        return out


_batches = itertools.count(1)
_events = itertools.count(1)
_clock = itertools.count(1_764_000_000_000, 1000)


def sync(*events: dict[str, Any], room: str = ROOM) -> Any:
    """One ``/sync`` answer with these timeline events in a room (the group), typed at the edge."""
    raw = {
        "next_batch": f"s{next(_batches)}",
        "rooms": {"join": {room: {"timeline": {"events": list(events)}}}},
    }
    return parse_sync(raw)


def event(kind: str, sender: str, content: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "sender": sender,
        "event_id": f"$e{next(_events)}",
        "origin_server_ts": next(_clock),
        "content": content,
        "unsigned": {},
    } | more


def said(sender: str, body: str, reply_to: str | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"msgtype": "m.text", "body": body}
    if reply_to is not None:
        content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
    return event("m.room.message", sender, content)


async def joined(homeserver: Homeserver) -> AsyncIterator[tuple[MatrixAdapter, Homeserver]]:
    """The bot's adapter on ``homeserver``, joined to the room, with the join's calls forgotten."""
    core = Bot(PACK, MemoryStore(), CAPABILITIES, dos_url=dos_url, signals=SIGNALS)
    adapter = MatrixAdapter(core, homeserver)
    with stamina.set_testing(True, attempts=3, cap=True):
        await adapter.handle_sync(sync(event("m.room.member", BOT, {"membership": "join"}, state_key=BOT)))
        homeserver.calls.clear()
        yield adapter, homeserver
    adapter.worker.close()


@pytest.fixture
async def matrix() -> AsyncIterator[tuple[MatrixAdapter, Homeserver]]:
    async for ready in joined(Homeserver()):
        yield ready


async def run_dialog(
    adapter: MatrixAdapter, homeserver: Homeserver, lines: list[Line], *, by_name: bool = False
) -> None:
    """Say each line and check what the bot sent. The sender is alice (the admin) for an admin's line and
    bob otherwise; with ``by_name``, the line's own member (``Line.user``), and the message replied to is
    by ``Line.about``. A direct line goes to the sender's direct room with the bot."""
    about = next((line.about for line in lines if line.about), "")
    earlier = said(member(about) if by_name and about else ALICE, "Zullen we morgen om tien uur beginnen?")
    homeserver.senders[earlier["event_id"]] = earlier["sender"]
    await adapter.handle_sync(sync(earlier))
    homeserver.sent()
    for line in lines:
        sender = member(line.user) if by_name else ALICE if line.admin else BOB
        message = said(sender, line.says, earlier["event_id"] if line.reply else None)
        await adapter.handle_sync(sync(message, room=f"!dm-{sender}" if line.direct else ROOM))
        sent = homeserver.sent()
        text = "\n".join(str(content.get("body", "")) for _, content in sent)
        for word in line.unsaid:
            assert word.casefold() not in text.casefold(), (line.says, word)
        if line.expect is None:
            assert sent == [], f"{line.says[:40]!r} got {text[:200]!r}"
            continue
        for piece in line.expect:
            assert piece in text, f"{line.says[:40]!r}: {piece!r} not in {text[:300]!r}"
        private = [room for room, _ in sent if room.startswith("!dm-")]
        if line.private is True:
            assert private and len(private) == len(sent), line.says
            assert all(room == f"!dm-{sender}" for room in private) or line.notice, line.says
        elif line.private is False:
            assert not private, line.says
        if by_name:
            # the admins are told in their own direct rooms, never the sender's
            to_others = [room for room in private if room != f"!dm-{sender}"]
            assert bool(to_others) == line.notice, line.says
        elif not line.admin:
            notices = [c for room, c in sent if room == f"!dm-{ALICE}" and is_notice(str(c.get("body")))]
            assert bool(notices) == line.notice, line.says
        public = [content for room, content in sent if room == ROOM]
        assert all(content["m.mentions"] == {} for content in public)  # nobody pinged


@pytest.mark.parametrize("name", list(DIALOGS))
async def test_dialog(matrix: tuple[MatrixAdapter, Homeserver], name: str) -> None:
    await run_dialog(*matrix, DIALOGS[name])


@pytest.mark.parametrize("name", list(REPORTS))
async def test_report_dialog(matrix: tuple[MatrixAdapter, Homeserver], name: str) -> None:
    """``!melden`` in the room, then the direct room: nothing in the group, the code at the end."""
    await run_dialog(*matrix, REPORTS[name])


@pytest.fixture
async def matrix_admins() -> AsyncIterator[tuple[MatrixAdapter, Homeserver]]:
    """The group with bob and carol as its admins (power level 100), alice and dave members."""
    homeserver = Homeserver()
    homeserver.members = [member(name) for name in ("alice", "bob", "carol", "dave")] + [BOT]
    homeserver.power = {"users": {member("bob"): 100, member("carol"): 100, BOT: 50}, "users_default": 0}
    async for ready in joined(homeserver):
        yield ready


@pytest.mark.parametrize("name", list(REPORT_ADMINS))
async def test_report_to_the_groups_admins(
    matrix_admins: tuple[MatrixAdapter, Homeserver], name: str
) -> None:
    """A report to the group's admins reaches each admin's direct room but that of the author of the
    message reported, whose sender the bot asks the homeserver for."""
    adapter, homeserver = matrix_admins
    await run_dialog(adapter, homeserver, REPORT_ADMINS[name], by_name=True)
    store = adapter.bot.store
    assert isinstance(store, MemoryStore)
    (kept,) = store.reports.values()
    about = next(line.about for line in REPORT_ADMINS[name] if line.about)
    assert (kept.group, kept.left_out) == (ROOM, member(about))
    reached = {room for room, content in homeserver.history if kept.text in str(content.get("body"))}
    admins = {member("bob"), member("carol")} - {member(about)}
    assert reached == {
        f"!dm-{admin}" for admin in admins
    }  # not the group, not the reporter, not the one it is about


@pytest.mark.parametrize("name", list(HIDDEN))
async def test_words_behind_a_command_prefix_are_read_like_any_message(
    matrix: tuple[MatrixAdapter, Homeserver], name: str
) -> None:
    await run_dialog(*matrix, HIDDEN[name])


async def test_do_as_a_reply_quotes_that_message(matrix: tuple[MatrixAdapter, Homeserver]) -> None:
    adapter, homeserver = matrix
    earlier = said(ALICE, "iets vervelends")
    await adapter.handle_sync(sync(earlier, said(BOB, "!do 4", earlier["event_id"])))
    ((room, content),) = homeserver.sent()
    assert room == ROOM and NL.do(4).text in content["body"]
    assert content["m.relates_to"] == {"m.in_reply_to": {"event_id": earlier["event_id"]}}


@pytest.mark.parametrize(
    "broken",
    [
        {"type": "m.room.message", "sender": BOB, "content": {"msgtype": "m.text", "body": 4}},
        {"type": "m.room.message", "sender": BOB, "content": ["!do", "4"]},
        {
            "type": "m.room.message",
            "content": {"msgtype": "m.text", "body": "!do 4"},
            "origin_server_ts": "x",
        },
        {"sender": BOB, "content": {"msgtype": "m.text", "body": "!do 4"}},
        "not an event",
    ],
)
async def test_a_malformed_event_is_dropped_alone_and_the_batch_goes_on(
    matrix: tuple[MatrixAdapter, Homeserver], broken: object
) -> None:
    adapter, homeserver = matrix
    raw = {
        "next_batch": "s-broken",
        "rooms": {"join": {ROOM: {"timeline": {"events": [broken, said(BOB, "!do 2")]}}}},
    }
    await adapter.handle_sync(parse_sync(raw))
    ((room, content),) = homeserver.sent()
    assert room == ROOM and NL.do(2).text in content["body"]


async def test_a_missing_power_level_is_told_to_the_admins_once_with_the_level_to_give(
    matrix: tuple[MatrixAdapter, Homeserver],
) -> None:
    adapter, homeserver = matrix
    homeserver.forbidden = {"state m.room.topic"}
    await adapter.handle_sync(sync(said(ALICE, "!opnieuw")))
    await adapter.handle_sync(sync(said(ALICE, "!opnieuw")))
    notices = [c["body"] for room, c in homeserver.sent() if room == f"!dm-{ALICE}"]
    assert len(notices) == 1 and "m.room.topic" in notices[0] and "50" in notices[0]


class ThreadRecordingStore(MemoryStore):
    """The in-memory store, noting the thread of every call (a database connection is not shared)."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[str] = set()

    def load_group(self, platform: str, group: str) -> Any:
        self.threads.add(threading.current_thread().name)
        return super().load_group(platform, group)

    def save_group(self, record: Any) -> None:
        self.threads.add(threading.current_thread().name)
        super().save_group(record)


async def test_the_store_is_only_used_on_the_cores_thread() -> None:
    store = ThreadRecordingStore()
    homeserver = Homeserver()
    homeserver.forbidden = {"state m.room.pinned_events"}
    core = Bot(PACK, store, CAPABILITIES, dos_url=dos_url, signals=SIGNALS)
    adapter = MatrixAdapter(core, homeserver)
    with stamina.set_testing(True, attempts=3, cap=True):
        await adapter.handle_sync(sync(event("m.room.member", BOT, {"membership": "join"}, state_key=BOT)))
        await adapter.handle_sync(sync(said(BOB, "ik maak je af als je dat nog een keer zegt")))
    adapter.worker.close()
    sent = homeserver.sent()
    assert any(room == f"!dm-{BOB}" for room, _ in sent)  # the nudge, with its "!nietzo" line
    assert any(room == f"!dm-{ALICE}" for room, _ in sent)  # the notices: the pin, the threat
    assert store.threads and all(name.startswith("samen-bot") for name in store.threads), store.threads


@pytest.mark.parametrize(
    "relation",
    ["nonsense", {"m.in_reply_to": "$not-an-object"}, {"m.in_reply_to": {"event_id": 42}}, {"rel_type": 7}],
)
async def test_an_odd_relation_is_read_as_none_and_the_message_still_answered(
    matrix: tuple[MatrixAdapter, Homeserver], relation: object
) -> None:
    adapter, homeserver = matrix
    message = event("m.room.message", BOB, {"msgtype": "m.text", "body": "!do 3", "m.relates_to": relation})
    await adapter.handle_sync(sync(message))
    ((room, content),) = homeserver.sent()
    assert room == ROOM and NL.do(3).text in content["body"]


class Flaky(Homeserver):
    """A homeserver that answers ``whoami`` with these errors first (then stops the adapter, as SIGTERM)."""

    def __init__(self, failures: list[Exception]) -> None:
        super().__init__()
        self.failures = failures
        self.adapter: MatrixAdapter | None = None

    async def request(
        self, method: str, path: str, body: Mapping[str, Any] | None = None, *, endpoint: str, **options: Any
    ) -> JSON:
        if endpoint == "whoami":
            self.calls.append((endpoint, "", {}))
            if self.failures:
                raise self.failures.pop(0)
            assert self.adapter is not None
            self.adapter.stop()
            return {"user_id": BOT}
        return await super().request(method, path, body, endpoint=endpoint, **options)


async def test_a_homeserver_down_at_start_is_tried_again_and_refused_credentials_are_not() -> None:
    from samen.adapters.matrix_client import MatrixConnectionError
    from samen.errors import ConfigError

    core = Bot(PACK, MemoryStore(), CAPABILITIES, dos_url=dos_url)
    down = Flaky([MatrixConnectionError("down"), MatrixError(502, "", "whoami")])
    down.adapter = MatrixAdapter(core, down)
    with stamina.set_testing(True, attempts=10, cap=True):
        await down.adapter.run()
    assert [e for e, _, _ in down.calls].count("whoami") == 3
    refused = Flaky([MatrixError(401, "M_UNKNOWN_TOKEN", "whoami")])
    refused.adapter = MatrixAdapter(Bot(PACK, MemoryStore(), CAPABILITIES, dos_url=dos_url), refused)
    with pytest.raises(ConfigError):
        await refused.adapter.run()
    assert [e for e, _, _ in refused.calls].count("whoami") == 1


async def test_sync_answers_recorded_from_synapse_replay_to_the_same_answers() -> None:
    """``matrix_sync_recorded.json``: the ``/sync`` answers a real Synapse gave the bot while alice made a
    room and invited it, bob joined, pointed to Do 4 as a reply, wrote "!ik maak je af" and asked for the
    Do's (recorded once with ``test_matrix.py``'s fixtures; room version 12: alice, its creator, is an
    admin, which the bot reads from the ``m.room.create`` event in the sync)."""
    recording = json.loads((Path(__file__).parent / "matrix_sync_recorded.json").read_text())
    room, earlier = recording["room"], recording["earlier"]
    homeserver = Homeserver()
    core = Bot(PACK, MemoryStore(), CAPABILITIES, dos_url=dos_url, signals=SIGNALS, illustrate=_poster)
    adapter = MatrixAdapter(core, homeserver)
    with stamina.set_testing(True, attempts=3, cap=True):
        for batch in recording["batches"]:
            await adapter.handle_sync(parse_sync(batch))
    adapter.worker.close()
    calls = [(endpoint, r) for endpoint, r, _ in homeserver.calls]
    sent = [(r, body) for endpoint, r, body in homeserver.calls if endpoint == "send"]
    in_room = [body for r, body in sent if r == room]
    intro, dos, image, welcome, pointed, listed = in_room
    assert NL.institution in intro["body"]
    assert NL.do(1).text in dos["body"] and image["msgtype"] == "m.image"
    assert ("state m.room.pinned_events", room) in calls and ("state m.room.topic", room) in calls
    assert "https://samen.test/nl/dos/" in welcome["body"]
    assert (
        NL.do(4).text in pointed["body"] and pointed["m.relates_to"]["m.in_reply_to"]["event_id"] == earlier
    )
    assert NL.do(8).text in listed["body"]
    nudge = [body for r, body in sent if r == f"!dm-{BOB}"]
    notice = [body for r, body in sent if r == f"!dm-{ALICE}"]
    assert len(nudge) == 1 and "Do 1" in nudge[0]["body"] and "maak je af" not in nudge[0]["body"]
    assert len(notice) == 1 and is_notice(notice[0]["body"])


def _poster(local: object, url: str) -> tuple[bytes, str]:
    return b"\x89PNG\r\n\x1a\n" + bytes(16), "alt"
