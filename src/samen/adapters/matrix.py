"""The Matrix adapter: room events from ``/sync`` into bot events, the bot's actions into Matrix calls.

What it does on a homeserver (see ``docs/matrix.md``):

- accepts invites (optionally only from ``SAMEN_MATRIX_ALLOWED_SERVERS``) and joins; its own join is the
  :class:`~samen.bot.events.Added` that starts the onboarding, a member's join a
  :class:`~samen.bot.events.Joined`;
- reads ``!`` commands (Element keeps ``/`` for itself) and ordinary messages (for the signals);
- posts ``m.room.message`` with a plain ``body`` and ``org.matrix.custom.html``, the illustration as an
  ``m.image`` from the media repository, sets ``m.room.topic``, pins with ``m.room.pinned_events``, and
  speaks privately in a direct room;
- keeps its ``/sync`` since-token in the bot's store after each batch has been handled, so commands sent
  while it was down are answered after it reconnects, and none twice (the core also skips events at or
  before the last one it handled in a room);
- reconnects with exponential backoff, waits out ``429`` rate limits, and never lets one failing event
  stop it. It logs event kinds and Matrix error codes, never a token, a password or a message's text.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import logging
import struct
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import replace
from html import escape
from typing import Any

from samen.adapters.matrix_client import (
    JSON,
    MatrixClient,
    MatrixConnectionError,
    MatrixError,
    RoomID,
)
from samen.adapters.text import either
from samen.bot import (
    Action,
    Added,
    Body,
    Bot,
    Capabilities,
    Command,
    Describe,
    Event,
    EventID,
    GroupID,
    Image,
    Joined,
    MessageID,
    NotifyAdmins,
    Post,
    Private,
    Refused,
    Reply,
    UserID,
    message_event,
    resolve,
)
from samen.bot.connection import Worker, backoff, keep_connected
from samen.content import load_strings
from samen.errors import ConfigError
from samen.settings import DOC, Settings

log = logging.getLogger(__name__)

#: What the Matrix bot can do, for the core.
#: Buttons are offered as "answer with !nietzo" in the direct room (see ``MatrixAdapter._with_buttons``).
CAPABILITIES = Capabilities("matrix", prefix="!", private=True, images=True, buttons=True)

#: Power level from which a member counts as an admin of the room (Element's "Moderator" and up).
ADMIN_LEVEL = 50

#: Room versions in which the creators stand above every power level (MSC4289).
PRIVILEGED_CREATORS = frozenset({"12", "org.matrix.hydra.11"})
CREATOR_LEVEL = 1 << 53

#: A permission the core names → the event type whose power level grants it.
PERMISSION_EVENTS: dict[str, str] = {
    "pin": "m.room.pinned_events",
    "topic": "m.room.topic",
    "image": "m.room.message",
    "send": "m.room.message",
}


def sync_cursor(user_id: str) -> str:
    """The store's name for an account's ``/sync`` since-token (one per bot account)."""
    return f"matrix.sync:{user_id}"


#: How many timeline events one sync returns per room; a longer gap while the bot was away is cut.
TIMELINE_LIMIT = 100

SYNC_FILTER = json.dumps(
    {
        "presence": {"types": []},
        "account_data": {"types": ["m.direct"]},
        "room": {
            "timeline": {"limit": TIMELINE_LIMIT},
            "state": {"lazy_load_members": True},
            "ephemeral": {"types": []},
            "account_data": {"types": []},
        },
    },
    separators=(",", ":"),
)


def _server(user_id: str) -> str:
    return user_id.partition(":")[2]


def _strip_reply_fallback(body: str) -> str:
    """A reply's own text, without the quoted ``> <@user> …`` lines older clients put before it."""
    if not body.startswith("> "):
        return body
    lines = body.split("\n")
    index = 0
    while index < len(lines) and lines[index].startswith(">"):
        index += 1
    return "\n".join(lines[index:]).lstrip("\n")


def _mapping(value: object) -> Mapping[str, Any]:
    """A JSON object from an event, or an empty one where a client sent something else."""
    return value if isinstance(value, dict) else {}


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return None


class MatrixAdapter:
    """Drives one :class:`~samen.bot.Bot` from one Matrix account.

    Args:
        bot: the core, built with :data:`CAPABILITIES`; its store also keeps the since-token.
        client: the logged-in (or token-holding) client.
        allowed_servers: homeservers whose users may invite the bot; empty: any.
        backoff_base: the first reconnection wait in seconds (it doubles, with jitter, up to five minutes).
        password_login: logs in again when the homeserver forgets the token (None with a fixed token).
    """

    def __init__(
        self,
        bot: Bot,
        client: MatrixClient,
        *,
        allowed_servers: Iterable[str] = (),
        backoff_base: float = 1.0,
        password_login: Callable[[], Awaitable[None]] | None = None,
        sync_timeout_ms: int = 30_000,
    ) -> None:
        self.bot = bot
        self.client = client
        self.allowed_servers = frozenset(s.strip().lower() for s in allowed_servers if s.strip())
        self.backoff_base = backoff_base
        self.password_login = password_login
        self.sync_timeout_ms = sync_timeout_ms
        self.worker = Worker(bot)
        self._direct: dict[str, RoomID] = {}
        self._direct_rooms: set[str] = set()
        self._power: dict[str, JSON] = {}
        self._creators: dict[str, frozenset[str]] = {}
        self._buttons: dict[str, str] = {}
        self._media: dict[str, str] = {}
        self._last_position: dict[str, int] = {}
        self._stopping = asyncio.Event()
        self.ready = asyncio.Event()

    # -- life ------------------------------------------------------------------------------------------

    async def run(self) -> None:
        """Log in, then sync and handle events until :meth:`stop`, reconnecting after every drop.

        Raises:
            ConfigError: when the homeserver refuses the credentials (at once, not retried).
        """
        try:
            for attempt in itertools.count():
                try:
                    await self._connect()
                    break
                except (MatrixConnectionError, MatrixError) as exc:
                    if isinstance(exc, MatrixError) and exc.status < 500:
                        raise
                    wait = backoff(attempt, base=self.backoff_base)
                    log.warning("Matrix homeserver unreachable (%s); trying again in %.1f s", exc, wait)
                    await self._sleep(wait)
                    if self._stopping.is_set():
                        return
            await keep_connected(self._session, stop=self._stopping, name="Matrix", sleep=self._sleep)
        finally:
            self.worker.close()

    def stop(self) -> None:
        """Ask :meth:`run` to end (at once when it is waiting, else after the current sync)."""
        self._stopping.set()

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)

    async def _connect(self) -> None:
        """Log in (or check the token) and read the bot's direct rooms."""
        if not self.client.logged_in:
            await self._relogin()
        try:
            await self.client.whoami()
        except MatrixError as exc:
            if exc.errcode != "M_UNKNOWN_TOKEN":
                raise
            await self._relogin()
        self._read_direct(await self.client.get_account_data("m.direct") or {})

    async def _session(self) -> None:
        """One connection's life: sync and handle until the homeserver goes away.

        Returns normally when a connection that worked drops (reconnect at once), raises when it never
        worked (reconnect after a growing wait).
        """
        await self._connect()
        cursor = sync_cursor(str(self.client.user_id))
        # On the core's thread, as every other store call: a database store is not shared across threads.
        since = await self.worker.run(self.bot.store.load_cursor, cursor)
        up = False
        while not self._stopping.is_set():
            try:
                answer = await self._sync_unless_stopped(since)
                if answer is None:
                    return
                # The same batch comes again after a drop while handling; the core skips what it handled.
                await self.handle_sync(answer, initial=since is None)
            except MatrixConnectionError as exc:
                if not up:
                    raise
                log.warning("Matrix connection dropped: %s", exc)
                return
            since = str(answer["next_batch"])
            await self.worker.run(self.bot.store.save_cursor, cursor, since)
            up = True
            self.ready.set()

    async def _sync_unless_stopped(self, since: str | None) -> JSON | None:
        """One long-poll ``/sync``, given up at once when :meth:`stop` is called (None then)."""
        sync = asyncio.ensure_future(
            self.client.sync(since, timeout_ms=self.sync_timeout_ms, filter_json=SYNC_FILTER)
        )
        stopped = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({sync, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            # Also when this task is cancelled (SIGTERM): no request is left behind.
            stopped.cancel()
            if not sync.done():
                sync.cancel()
                with contextlib.suppress(asyncio.CancelledError, MatrixConnectionError, MatrixError):
                    await sync
        return sync.result() if not sync.cancelled() else None

    async def _relogin(self) -> None:
        if self.password_login is None:
            raise ConfigError(
                f"SAMEN_MATRIX_TOKEN was refused by the homeserver; see {DOC}.",
                key="config.invalid",
                variable="SAMEN_MATRIX_TOKEN",
                doc=DOC,
            )
        await self.password_login()

    # -- events in -------------------------------------------------------------------------------------

    async def handle_sync(self, answer: Mapping[str, Any], *, initial: bool = False) -> None:
        """Handle one ``/sync`` answer: account data, invites, then each joined room's timeline in order.

        Args:
            answer: the decoded ``/sync`` answer.
            initial: the first sync this bot ever made: old timelines are history, not requests.
        """
        for item in answer.get("account_data", {}).get("events", []):
            if item.get("type") == "m.direct":
                self._read_direct(item.get("content", {}))
        rooms = answer.get("rooms", {})
        for room, invite in rooms.get("invite", {}).items():
            await self._guard(self._invited(room, invite))
        for room, joined in rooms.get("join", {}).items():
            for item in joined.get("state", {}).get("events", []):
                self._note_state(room, item)
            if initial:
                continue
            timeline = joined.get("timeline", {}).get("events", [])
            for item in timeline:
                self._note_state(room, item)
            for item in timeline[self._since_own_join(timeline, direct=room in self._direct_rooms) :]:
                await self._guard(self._timeline(room, item))
        for room in rooms.get("leave", {}):
            self._power.pop(room, None)

    def _since_own_join(self, timeline: list[dict[str, Any]], *, direct: bool = False) -> int:
        """Where a timeline starts to matter: at the bot's own join when it holds one (what came before
        is the room's history, not something to answer or welcome); in a direct chat at the invite, so
        that a command typed before the bot came in is answered."""
        wanted = ("invite", "join") if direct else ("join",)
        for membership in wanted:
            for index in range(len(timeline) - 1, -1, -1):
                item = timeline[index]
                if (
                    item.get("type") == "m.room.member"
                    and item.get("state_key") == self.client.user_id
                    and item.get("content", {}).get("membership") == membership
                    and item.get("unsigned", {}).get("prev_content", {}).get("membership") != membership
                ):
                    return index
        return 0

    async def _guard(self, work: Any) -> None:
        """Run one event's work; a failure is logged by kind and never stops the bot."""
        try:
            await work
        except (MatrixConnectionError, asyncio.CancelledError):
            raise
        except MatrixError as exc:
            log.error("Matrix event failed: %s", exc)  # endpoint, status and errcode only
        except Exception as exc:
            log.error("Matrix event failed: %s", type(exc).__name__)

    def _read_direct(self, content: Mapping[str, Any]) -> None:
        for user, rooms in content.items():
            if isinstance(rooms, list) and rooms:
                self._direct.setdefault(user, RoomID(str(rooms[-1])))
                self._direct_rooms.update(str(r) for r in rooms)

    def _note_state(self, room: str, item: Mapping[str, Any]) -> None:
        if item.get("type") == "m.room.power_levels" and item.get("state_key") == "":
            self._power[room] = dict(item.get("content", {}))

    async def _invited(self, room: str, invite: Mapping[str, Any]) -> None:
        me = str(self.client.user_id)
        inviter, direct = None, False
        for item in invite.get("invite_state", {}).get("events", []):
            if item.get("type") == "m.room.member" and item.get("state_key") == me:
                inviter = str(item.get("sender", ""))
                direct = bool(item.get("content", {}).get("is_direct"))
        if inviter and self.allowed_servers and _server(inviter).lower() not in self.allowed_servers:
            log.info("Declined an invite from a homeserver that is not allowed")
            await self.client.leave(room)
            return
        await self.client.join(room)
        if direct and inviter:
            await self._remember_direct(inviter, RoomID(room))

    async def _timeline(self, room: str, item: Mapping[str, Any]) -> None:
        if item.get("type") == "m.room.encrypted" and item.get("sender") != self.client.user_id:
            # The bot has no end-to-end encryption: it cannot read the room, so it says so, once.
            await self._refused(GroupID(room), "encryption")
            return
        event = await self.to_event(room, item)
        if event is not None:
            await self.dispatch(event)

    def _position(self, room: str, item: Mapping[str, Any]) -> int | None:
        """A room-wide increasing position from the server timestamp (events in one millisecond differ)."""
        stamp = item.get("origin_server_ts")
        if not isinstance(stamp, int):
            return None
        position = max(stamp * 1000, self._last_position.get(room, -1) + 1)
        self._last_position[room] = position
        return position

    async def to_event(self, room: str, item: Mapping[str, Any]) -> Event | None:
        """The bot event a timeline event means, or None for one the bot ignores.

        Args:
            room: the room's ID.
            item: the event as ``/sync`` gives it.
        """
        me = str(self.client.user_id)
        kind, sender = item.get("type"), str(item.get("sender", ""))
        content = item.get("content", {})
        if not isinstance(content, dict) or "redacted_because" in item.get("unsigned", {}):
            return None
        group, event_id = GroupID(room), EventID(str(item.get("event_id", "")))
        direct = room in self._direct_rooms
        if kind == "m.room.member":
            previous = item.get("unsigned", {}).get("prev_content", {}).get("membership")
            if content.get("membership") != "join" or previous == "join" or direct:
                return None
            position = self._position(room, item)
            if item.get("state_key") == me:
                by = UserID(sender) if sender != me else None
                return Added(group=group, by=by, position=position, event_id=event_id)
            name = str(content.get("displayname") or item.get("state_key", ""))
            return Joined(
                group=group,
                user=UserID(str(item.get("state_key"))),
                name=name,
                position=position,
                event_id=event_id,
            )
        if kind != "m.room.message" or sender == me or content.get("msgtype") != "m.text":
            return None
        relates = _mapping(content.get("m.relates_to"))
        if relates.get("rel_type") == "m.replace":
            return None  # an edit: the original was handled already
        reply_to = _mapping(relates.get("m.in_reply_to")).get("event_id")
        reply_to = reply_to if isinstance(reply_to, str) else None
        body = content.get("body")
        if not isinstance(body, str):
            return None
        text = _strip_reply_fallback(body) if reply_to else body
        position = self._position(room, item)
        is_admin = False if direct else await self.is_admin(room, sender)
        event = message_event(
            text,
            (CAPABILITIES.prefix,),
            group=group,
            user=UserID(sender),
            at=float(item.get("origin_server_ts", 0)) / 1000,
            is_admin=is_admin,
            direct=direct,
            reply_to=MessageID(reply_to) if reply_to else None,
            message_id=MessageID(str(item.get("event_id", ""))),
            position=position,
            event_id=event_id,
        )
        if isinstance(event, Command) and direct and not event.args:
            # A bare answer to a nudge in the direct room: the button it stands for.
            event = replace(event, args=self._pressed(sender, event.name) or ())
        return event

    async def power_levels(self, room: str) -> JSON:
        """A room's ``m.room.power_levels`` content (cached; refreshed when it changes)."""
        levels = self._power.get(room)
        if levels is None:
            levels = await self.client.get_state(room, "m.room.power_levels") or {}
            self._power[room] = levels
        return levels

    async def creators(self, room: str) -> frozenset[str]:
        """The room's creators where the room version gives them unlimited power (version 12 on)."""
        found = self._creators.get(room)
        if found is None:
            create = await self.client.get_state(room, "m.room.create", whole=True) or {}
            content = create.get("content", {})
            found = frozenset()
            if str(content.get("room_version", "1")) in PRIVILEGED_CREATORS:
                creators = [str(create.get("sender", "")), *map(str, content.get("additional_creators", []))]
                found = frozenset(creators) - {""}
            self._creators[room] = found
        return found

    async def level(self, room: str, user: str) -> int:
        """A member's power level in a room (creators of version 12 rooms above everyone)."""
        if user in await self.creators(room):
            return CREATOR_LEVEL
        levels = await self.power_levels(room)
        users = levels.get("users", {})
        return int(users.get(user, levels.get("users_default", 0)))

    async def is_admin(self, room: str, user: str) -> bool:
        """Whether a member may change the bot's settings in a room (moderator or admin)."""
        return await self.level(room, user) >= ADMIN_LEVEL

    async def admins(self, room: str) -> list[str]:
        """The room's admins who are in it now, except the bot: who gets admin notices."""
        levels = await self.power_levels(room)
        members = set(await self.client.joined_members(room))
        me = str(self.client.user_id)
        found = {user for user, level in levels.get("users", {}).items() if int(level) >= ADMIN_LEVEL}
        found |= await self.creators(room)
        return sorted(user for user in found if user in members and user != me)

    # -- actions out -----------------------------------------------------------------------------------

    async def dispatch(self, event: Event) -> None:
        """Hand an event to the core and carry out its actions in order."""
        actions = await self.worker.handle(event)
        trigger = event.event_id or ""
        for index, action in enumerate(actions):
            await self._perform_retrying(action, f"{trigger}:{index}")

    async def _perform_retrying(self, action: Action, key: str) -> None:
        """Carry out an action, waiting for the homeserver while it is down (the same transaction IDs
        mean a send that did arrive is not repeated)."""
        for attempt in itertools.count():
            try:
                await self.perform(action, key)
                return
            except MatrixConnectionError as exc:
                if attempt >= 8 or self._stopping.is_set():
                    raise
                wait = backoff(attempt, base=self.backoff_base)
                log.warning("Matrix unreachable while answering (%s); trying again in %.1f s", exc, wait)
                await self._sleep(wait)
            except MatrixError as exc:
                log.error("Matrix refused %s: %s", type(action).__name__, exc)
                return

    def _txn(self, key: str, part: str) -> str | None:
        if not key.split(":", 1)[0]:
            return None
        return "samen-" + hashlib.sha256(f"{key}:{part}".encode()).hexdigest()[:32]

    async def perform(self, action: Action, key: str = "") -> None:
        """Carry out one action on the homeserver; a refused permission goes back to the core.

        Args:
            action: what the core asked for.
            key: a stable name for this action (the triggering event and its place), so that sending it
                again after a lost answer does not post it twice.
        """
        if isinstance(action, Post):
            try:
                event_id = await self.send_body(action.group, action.body, txn=self._txn(key, "text"))
            except MatrixError as exc:
                if not exc.forbidden:
                    raise
                await self._refused(action.group, "send")
                return
            if action.image is not None:
                try:
                    await self._send_image(action.group, action.image, self._txn(key, "image"))
                except MatrixError as exc:
                    if not exc.forbidden:
                        raise
                    await self._refused(action.group, "image")
            if action.pin:
                await self._pin(action.group, event_id)
        elif isinstance(action, Reply):
            await self.send_body(
                action.group, action.body, quote=action.quote, notice=True, txn=self._txn(key, "reply")
            )
        elif isinstance(action, Private):
            body = self._with_buttons(action)
            try:
                await self.send_private(action.user, body, txn=self._txn(key, "private"))
            except MatrixError:
                if not action.fallback:
                    return
                await self.send_body(action.group, action.body, notice=True, txn=self._txn(key, "fallback"))
        elif isinstance(action, Describe):
            topic = either(action.text, action.short, "matrix", "topic")
            try:
                await self.client.set_state(action.group, "m.room.topic", {"topic": topic})
            except MatrixError as exc:
                if not exc.forbidden:
                    raise
                await self._refused(action.group, "topic")
        elif isinstance(action, NotifyAdmins):
            for admin in await self.admins(action.group):
                await self.send_private(admin, action.body, txn=self._txn(key, f"admin:{admin}"))
        else:
            raise TypeError(f"unknown action {type(action).__name__}")

    def _with_buttons(self, action: Private) -> Body:
        """Matrix has no buttons: each becomes a line saying which command to answer with, and answering
        it in the direct room counts as pressing it (the last one offered to that member)."""
        if not action.buttons:
            return action.body
        lang = self.bot.language(self.bot.group(action.group))
        lines = []
        for button in action.buttons:
            command = button.data.split()[0]
            self._buttons[action.user] = button.data
            if command == "notmeant":
                lines.append(load_strings("bot").get(lang, "nudge.answer", prefix=CAPABILITIES.prefix))
            else:
                lines.append(f"{button.label}: {CAPABILITIES.prefix}{command}")
        text = "\n\n".join([action.body.text, *lines])
        html = None
        if action.body.html is not None:
            html = action.body.html + "".join(f"<p>{escape(line)}</p>" for line in lines)
        return Body(text, html)

    def _pressed(self, user: str, name: str) -> tuple[str, ...] | None:
        """The arguments of the button a member answers with a bare command, if one was offered."""
        data = self._buttons.get(user)
        found = resolve(name)
        if data is None or found is None or found[0].name != data.split()[0]:
            return None
        del self._buttons[user]
        return tuple(data.split()[1:])

    async def _refused(self, group: GroupID, permission: str) -> None:
        """Tell the core a permission is missing; its notice to the admins gets the power level to give."""
        log.info("Matrix refused the permission %r in a room", permission)
        actions = await self.worker.handle(Refused(group=group, permission=permission))
        hint = await self._level_hint(group, permission) if actions else None
        for index, action in enumerate(actions):
            if hint and isinstance(action, NotifyAdmins):
                body = action.body
                html = f"{body.html}<br><br>{escape(hint)}" if body.html else None
                action = replace(action, body=Body(f"{body.text}\n\n{hint}", html))
            await self.perform(action, f"refused-{group}-{permission}:{index}")

    async def _level_hint(self, group: GroupID, permission: str) -> str | None:
        lang = self.bot.language(self.bot.group(group))
        if permission == "encryption":
            return load_strings("matrix").get(lang, "permission.encryption", bot=self.client.user_id)
        event = PERMISSION_EVENTS.get(permission)
        if event is None:
            return None
        try:
            levels = await self.power_levels(group)
        except MatrixError:
            return None
        state = event != "m.room.message"
        default = levels.get("state_default", 50) if state else levels.get("events_default", 0)
        level = int(levels.get("events", {}).get(event, default))
        return load_strings("matrix").get(
            lang, "permission.level", bot=self.client.user_id, level=level, event=event
        )

    async def send_body(
        self,
        room: str,
        body: Body,
        *,
        quote: MessageID | None = None,
        notice: bool = False,
        txn: str | None = None,
    ) -> str:
        """Send a message (plain body and, where there is one, HTML); returns its event ID."""
        # An empty m.mentions: a reply pointing to a Do must not ping the member it answers.
        content: dict[str, Any] = {
            "msgtype": "m.notice" if notice else "m.text",
            "body": body.text,
            "m.mentions": {},
        }
        if body.html:
            content["format"] = "org.matrix.custom.html"
            content["formatted_body"] = body.html
        if quote:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": quote}}
        return await self.client.send(room, content, txn=txn)

    async def _send_image(self, room: str, image: Image, txn: str | None) -> None:
        digest = hashlib.sha256(image.data).hexdigest()
        url = self._media.get(digest)
        if url is None:
            url = await self.client.upload(image.data, content_type=image.mime, filename=image.filename)
            self._media[digest] = url
        info: dict[str, Any] = {"mimetype": image.mime, "size": len(image.data)}
        size = _png_size(image.data)
        if size is not None:
            info["w"], info["h"] = size
        content = {
            "msgtype": "m.image",
            "body": image.alt,
            "filename": image.filename,
            "url": url,
            "info": info,
        }
        await self.client.send(room, content, txn=txn)

    async def _pin(self, room: GroupID, event_id: str) -> None:
        try:
            pinned = await self.client.get_state(room, "m.room.pinned_events") or {}
            events = [e for e in pinned.get("pinned", []) if e != event_id]
            await self.client.set_state(room, "m.room.pinned_events", {"pinned": [*events, event_id]})
        except MatrixError as exc:
            if not exc.forbidden:
                raise
            await self._refused(room, "pin")

    async def send_private(self, user: str, body: Body, *, txn: str | None = None) -> None:
        """Send a message to one member in the bot's direct room with them (opened when needed)."""
        room = self._direct.get(user)
        if room is None:
            room = await self.client.create_direct_room(user)
            await self._remember_direct(user, room)
        await self.send_body(room, body, notice=True, txn=txn)

    async def _remember_direct(self, user: str, room: RoomID) -> None:
        self._direct[user] = room
        self._direct_rooms.add(room)
        mapping: dict[str, list[str]] = {}
        for other, other_room in self._direct.items():
            mapping.setdefault(other, []).append(other_room)
        await self.client.set_account_data("m.direct", mapping)


async def login(settings: Settings) -> tuple[MatrixClient, Callable[[], Awaitable[None]] | None]:
    """A client for the configured account: with the token, or logged in with the password.

    Returns:
        The client, and the function that logs in again (None with a token).

    Raises:
        ConfigError: naming the missing variable.
    """
    settings.require("matrix_homeserver")
    assert settings.matrix_homeserver is not None
    if settings.matrix_token is not None:
        client = MatrixClient(
            settings.matrix_homeserver,
            token=settings.matrix_token.get_secret_value(),
            user_id=settings.matrix_user,
        )
        return client, None
    if settings.matrix_password is None:
        either = "SAMEN_MATRIX_PASSWORD / SAMEN_MATRIX_TOKEN"
        raise ConfigError(f"{either} is not set; see {DOC}.", key="config.missing", variable=either, doc=DOC)
    settings.require("matrix_user")
    client = MatrixClient(settings.matrix_homeserver)
    user, password = settings.matrix_user, settings.matrix_password
    assert user is not None and password is not None

    async def relogin() -> None:
        try:
            await client.login(user, password.get_secret_value())
        except MatrixError as exc:
            if exc.status in (401, 403):
                raise ConfigError(
                    f"SAMEN_MATRIX_USER or SAMEN_MATRIX_PASSWORD was refused by the homeserver; see {DOC}.",
                    key="config.invalid",
                    variable="SAMEN_MATRIX_PASSWORD",
                    doc=DOC,
                ) from None
            raise

    return client, relogin


def build(
    settings: Settings, bot: Bot, client: MatrixClient, relogin: Callable[[], Awaitable[None]] | None
) -> MatrixAdapter:
    """The adapter for a bot and a client, as the settings configure it."""
    return MatrixAdapter(bot, client, allowed_servers=settings.matrix_allowed_servers, password_login=relogin)


async def serve(settings: Settings, bot: Bot) -> None:
    """Connect to the configured homeserver and run the bot until the process is stopped.

    Raises:
        ConfigError: for missing or refused credentials, naming the variable.
    """
    client, relogin = await login(settings)
    try:
        await build(settings, bot, client, relogin).run()
    finally:
        await client.close()
