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
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from samen.adapters.base import keep_connected, reconnecting
from samen.adapters.matrix_actions import CAPABILITIES, MatrixActions
from samen.adapters.matrix_client import (
    JSON,
    MatrixClient,
    MatrixConnectionError,
    MatrixError,
    RoomID,
)
from samen.adapters.matrix_rooms import RoomState
from samen.adapters.matrix_sync import (
    SYNC_FILTER,
    ClientEvent,
    InvitedRoom,
    MemberContent,
    MessageContent,
    SyncResponse,
    parse_sync,
    strip_reply_fallback,
    sync_cursor,
)
from samen.bot import (
    Added,
    Bot,
    Command,
    Event,
    EventID,
    GroupID,
    Joined,
    MessageID,
    UserID,
    message_event,
)
from samen.bot.commands import resolve
from samen.errors import ConfigError
from samen.settings import DOC, Settings

__all__ = ["CAPABILITIES", "MatrixAdapter", "build", "login", "serve", "sync_cursor"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def _unreachable(exc: Exception) -> bool:
    """Whether the homeserver is down or failing (try again), rather than refusing the bot (give up)."""
    return isinstance(exc, MatrixConnectionError) or (isinstance(exc, MatrixError) and exc.status >= 500)


def _server(user_id: str) -> str:
    return user_id.partition(":")[2]


class MatrixAdapter(MatrixActions):
    """Drives one :class:`~samen.bot.Bot` from one Matrix account: its life (log in, sync, reconnect) and
    events in, here; its actions out in :mod:`samen.adapters.matrix_actions`, what it knows of its rooms in
    :mod:`samen.adapters.matrix_rooms`, the typed ``/sync`` in :mod:`samen.adapters.matrix_sync`.

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
        super().__init__(bot)
        self.client = client
        self.allowed_servers = frozenset(s.strip().lower() for s in allowed_servers if s.strip())
        self.backoff_base = backoff_base
        self.password_login = password_login
        self.sync_timeout_ms = sync_timeout_ms
        self.rooms = RoomState(client)
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
            # The first connection through the shared policy (credentials refused: at once, as ConfigError),
            # given up at once when stop() is called while it waits.
            connecting = asyncio.ensure_future(
                reconnecting(
                    self._connect, on=_unreachable, name="Matrix start", wait_initial=self.backoff_base
                )
            )
            stopped = asyncio.ensure_future(self._stopping.wait())
            try:
                await asyncio.wait({connecting, stopped}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                stopped.cancel()
                if not connecting.done():
                    connecting.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await connecting
            if connecting.cancelled():
                return
            connecting.result()
            await keep_connected(
                self._session, stop=self._stopping, name="Matrix", wait_initial=self.backoff_base
            )
        finally:
            self.worker.close()

    def stop(self) -> None:
        """Ask :meth:`run` to end (at once when it is waiting, else after the current sync)."""
        self._stopping.set()

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
        self.rooms.read_direct(await self.client.get_account_data("m.direct") or {})

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
                raw = await self._sync_unless_stopped(since)
                if raw is None:
                    return
                answer = parse_sync(raw)
                # The same batch comes again after a drop while handling; the core skips what it handled.
                await self.handle_sync(answer, initial=since is None)
            except MatrixConnectionError as exc:
                if not up:
                    raise
                log.warning("Matrix connection dropped: %s", exc)
                return
            since = answer.next_batch
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

    async def handle_sync(self, answer: SyncResponse, *, initial: bool = False) -> None:
        """Handle one ``/sync`` answer: account data, invites, then each joined room's timeline in order.

        Args:
            answer: the ``/sync`` answer, typed (:func:`samen.adapters.matrix_sync.parse_sync`).
            initial: the first sync this bot ever made: old timelines are history, not requests.
        """
        for item in answer.account_data.events:
            if item.type == "m.direct":
                self.rooms.read_direct(item.content)
        for room, invite in answer.rooms.invite.items():
            await self._guard(self._invited(room, invite))
        for room, joined in answer.rooms.join.items():
            for item in joined.state.events:
                self.rooms.note(room, item)
            if initial:
                continue
            timeline = joined.timeline.events
            for item in timeline:
                self.rooms.note(room, item)
            for item in timeline[self._since_own_join(timeline, direct=room in self.rooms.direct_rooms) :]:
                await self._guard(self._timeline(room, item))
        for room in answer.rooms.leave:
            self.rooms.forget(room)

    def _since_own_join(self, timeline: list[ClientEvent], *, direct: bool = False) -> int:
        """Where a timeline starts to matter: at the bot's own join when it holds one (what came before
        is the room's history, not something to answer or welcome); in a direct chat at the invite, so
        that a command typed before the bot came in is answered."""
        wanted = ("invite", "join") if direct else ("join",)
        for membership in wanted:
            for index in range(len(timeline) - 1, -1, -1):
                item = timeline[index]
                if item.type != "m.room.member" or item.state_key != self.client.user_id:
                    continue
                now, before = item.content_as(MemberContent), item.previous_as(MemberContent)
                if (
                    now is not None
                    and now.membership == membership
                    and (before is None or before.membership != membership)
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

    async def _invited(self, room: str, invite: InvitedRoom) -> None:
        me = str(self.client.user_id)
        inviter, direct = None, False
        for item in invite.invite_state.events:
            if item.type == "m.room.member" and item.state_key == me:
                inviter = item.sender
                member = item.content_as(MemberContent)
                direct = member is not None and member.is_direct
        if inviter and self.allowed_servers and _server(inviter).lower() not in self.allowed_servers:
            log.info("Declined an invite from a homeserver that is not allowed")
            await self.client.leave(room)
            return
        await self.client.join(room)
        if direct and inviter:
            await self.rooms.remember_direct(inviter, RoomID(room))

    async def _timeline(self, room: str, item: ClientEvent) -> None:
        if item.type == "m.room.encrypted" and item.sender != self.client.user_id:
            # The bot has no end-to-end encryption: it cannot read the room, so it says so, once.
            await self.refused(GroupID(room), "encryption", "")
            return
        event = await self.to_event(room, item)
        if event is not None:
            await self.dispatch(event)

    def _position(self, room: str, item: ClientEvent) -> int | None:
        """A room-wide increasing position from the server timestamp (events in one millisecond differ)."""
        if item.origin_server_ts is None:
            return None
        position = max(item.origin_server_ts * 1000, self._last_position.get(room, -1) + 1)
        self._last_position[room] = position
        return position

    async def to_event(self, room: str, item: ClientEvent) -> Event | None:
        """The bot event a timeline event means, or None for one the bot ignores.

        Args:
            room: the room's ID.
            item: the event as ``/sync`` gives it, typed.
        """
        me = str(self.client.user_id)
        if item.unsigned.redacted_because is not None:
            return None
        group, event_id = GroupID(room), EventID(item.event_id)
        direct = room in self.rooms.direct_rooms
        if item.type == "m.room.member":
            member, before = item.content_as(MemberContent), item.previous_as(MemberContent)
            joined = member is not None and member.membership == "join"
            if not joined or (before is not None and before.membership == "join") or direct:
                return None
            assert member is not None
            position = self._position(room, item)
            if item.state_key == me:
                by = UserID(item.sender) if item.sender != me else None
                return Added(group=group, by=by, position=position, event_id=event_id)
            user = item.state_key or ""
            return Joined(
                group=group,
                user=UserID(user),
                name=member.displayname or user,
                position=position,
                event_id=event_id,
            )
        if item.type != "m.room.message" or item.sender == me:
            return None
        message = item.content_as(MessageContent)
        if message is None or message.msgtype != "m.text":
            return None
        relates = message.relates_to
        if relates is not None and relates.rel_type == "m.replace":
            return None  # an edit: the original was handled already
        reply_to = relates.in_reply_to.event_id if relates is not None and relates.in_reply_to else None
        text = strip_reply_fallback(message.body) if reply_to else message.body
        position = self._position(room, item)
        is_admin = False if direct else await self.rooms.is_admin(room, item.sender)
        event = message_event(
            text,
            (CAPABILITIES.prefix,),
            group=group,
            user=UserID(item.sender),
            at=(item.origin_server_ts or 0) / 1000,
            is_admin=is_admin,
            direct=direct,
            reply_to=MessageID(reply_to) if reply_to else None,
            message_id=MessageID(item.event_id),
            position=position,
            event_id=event_id,
        )
        if isinstance(event, Command) and event.reply_to and not direct and _reports(event.name):
            # A report about a message: its author is left out of the group's admins (asked only here).
            try:
                sender = await self.client.event_sender(room, event.reply_to)
            except MatrixError as exc:  # unknown: the core then leaves the group's admins out of it
                log.warning("Matrix: the author of a reported message is unknown: %s", type(exc).__name__)
                sender = None
            event = replace(event, reply_author=UserID(sender) if sender else None)
        if isinstance(event, Command) and direct and not event.args:
            # A bare answer to a nudge in the direct room: the button it stands for.
            event = replace(event, args=self._pressed(item.sender, event.name) or ())
        return event


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


def _reports(name: str) -> bool:
    """Whether a command's name (in any language) is the report command."""
    found = resolve(name)
    return found is not None and found[0].name == "report"
