"""The Matrix adapter's actions out: the core's actions as Client-Server API calls.

- ``Post``: ``m.room.message`` (``m.text``, plain body and ``org.matrix.custom.html``), the image as
  ``m.image`` from the media repository, the pin in ``m.room.pinned_events``;
- ``Reply``: ``m.notice`` with ``m.relates_to.m.in_reply_to``;
- ``Private``: ``m.notice`` in the direct room (its buttons as lines to answer with);
- ``Describe``: ``m.room.topic``;
- ``NotifyAdmins``: ``m.notice`` in each admin's direct room.

Each action is named after the event that caused it, and its transaction IDs are derived from that name,
so a send repeated after a lost answer is not posted twice. A refusal (403, ``M_FORBIDDEN``) is a
:class:`~samen.adapters.base.Refusal`, and the admins' notice about it names the power level that gives it.
"""

from __future__ import annotations

import asyncio
import hashlib
import struct
from collections.abc import Awaitable
from dataclasses import replace
from html import escape
from typing import Any, TypeVar

from samen.adapters.base import PlatformAdapter, Refusal, retrying
from samen.adapters.matrix_client import MatrixClient, MatrixConnectionError, MatrixError
from samen.adapters.matrix_rooms import RoomState
from samen.adapters.text import either
from samen.bot import (
    Action,
    Body,
    Capabilities,
    Describe,
    Event,
    GroupID,
    Image,
    MessageID,
    NotifyAdmins,
    Post,
    Private,
    Reply,
    resolve,
)
from samen.content import load_strings

T = TypeVar("T")

#: What the Matrix bot can do, for the core.
#: Buttons are offered as "answer with !nietzo" in the direct room (see ``MatrixActions._with_buttons``).
CAPABILITIES = Capabilities("matrix", prefix="!", private=True, images=True, buttons=True)


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return None


class MatrixActions(PlatformAdapter[str]):
    """The actions part of :class:`samen.adapters.matrix.MatrixAdapter`; the context of an action is a
    stable name for it (the triggering event and the action's place)."""

    platform = "Matrix"
    client: MatrixClient
    rooms: RoomState
    _stopping: asyncio.Event
    _buttons: dict[str, str]
    _media: dict[str, str]

    async def dispatch(self, event: Event) -> None:
        """Hand an event to the core and carry out its actions in order, each named after the event (so a
        send repeated after a lost answer has the same transaction ID and is not posted twice)."""
        actions = await self.worker.handle(event)
        trigger = event.event_id or ""
        for index, action in enumerate(actions):
            await self.carry_out(action, f"{trigger}:{index}")

    async def perform(self, action: Action, key: str = "") -> None:
        """Carry out one action, waiting for the homeserver while it cannot be reached (the shared retry
        policy; the same transaction IDs mean a send that did arrive is not repeated)."""
        await retrying(
            lambda: PlatformAdapter.perform(self, action, key),
            on=lambda exc: isinstance(exc, MatrixConnectionError) and not self._stopping.is_set(),
            attempts=9,
            name=f"Matrix {type(action).__name__}",
        )

    def _txn(self, key: str, part: str) -> str | None:
        if not key.split(":", 1)[0]:
            return None
        return "samen-" + hashlib.sha256(f"{key}:{part}".encode()).hexdigest()[:32]

    async def post(self, action: Post, key: str) -> None:
        """``m.text`` with HTML, the image from the media repository, then the pin."""
        event_id = await _refusing(
            "send", self.send_body(action.group, action.body, txn=self._txn(key, "text"))
        )
        if action.image is not None:
            try:
                await _refusing(
                    "image", self._send_image(action.group, action.image, self._txn(key, "image"))
                )
            except Refusal as refusal:
                await self.refused(action.group, refusal.permission, key)
        if action.pin:
            await _refusing("pin", self._pin(action.group, event_id))

    async def reply(self, action: Reply, key: str) -> None:
        """An ``m.notice`` in reply to the message."""
        await self.send_body(
            action.group, action.body, quote=action.quote, notice=True, txn=self._txn(key, "reply")
        )

    async def private(self, action: Private, key: str) -> None:
        """An ``m.notice`` in the direct room (its buttons as lines to answer with); the group as the
        action's fallback when the direct room cannot be had."""
        lang = await self.worker.run(self._language, action.group)
        body = self._with_buttons(action, lang)
        try:
            await self.send_private(action.user, body, txn=self._txn(key, "private"))
        except MatrixError:
            if not action.fallback:
                return
            await self.send_body(action.group, action.body, notice=True, txn=self._txn(key, "fallback"))

    async def describe(self, action: Describe, key: str) -> None:
        """``m.room.topic``."""
        topic = either(action.text, action.short, "matrix", "topic")
        await _refusing("topic", self.client.set_state(action.group, "m.room.topic", {"topic": topic}))

    async def notify_admins(self, action: NotifyAdmins, key: str) -> None:
        """An ``m.notice`` in each admin's direct room, except the one it leaves out (a report never reaches
        the one it is about; the reporter is then told)."""
        admins = await self.rooms.admins(action.group)
        if action.leave_out is not None and action.leave_out in admins and action.told is not None:
            await self.private(action.told, key)
        for admin in admins:
            if admin != action.leave_out:
                await self.send_private(admin, action.body, txn=self._txn(key, f"admin:{admin}"))

    def _language(self, group: str) -> str:
        """The group's language (on the core's thread: it may read the store)."""
        return self.bot.language(self.bot.group(group))

    def _with_buttons(self, action: Private, lang: str) -> Body:
        """Matrix has no buttons: each becomes a line saying which command to answer with, and answering
        it in the direct room counts as pressing it (the last one offered to that member)."""
        if not action.buttons:
            return action.body
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

    async def refused(self, group: GroupID, permission: str, key: str) -> None:
        """As every adapter, under a name of its own for the notice's transaction IDs."""
        await super().refused(group, permission, f"refused-{group}-{permission}")

    async def explain(self, notice: NotifyAdmins, permission: str) -> NotifyAdmins:
        """The notice about a missing right, with the power level that gives it."""
        hint = await self._level_hint(notice.group, permission)
        if not hint:
            return notice
        body = notice.body
        html = f"{body.html}<br><br>{escape(hint)}" if body.html else None
        return replace(notice, body=Body(f"{body.text}\n\n{hint}", html))

    async def _level_hint(self, group: GroupID, permission: str) -> str | None:
        lang = await self.worker.run(self._language, group)
        if permission == "encryption":
            return load_strings("matrix").get(lang, "permission.encryption", bot=self.client.user_id)
        try:
            needed = await self.rooms.level_needed(group, permission)
        except MatrixError:
            return None
        if needed is None:
            return None
        event, level = needed
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
        pinned = await self.client.get_state(room, "m.room.pinned_events") or {}
        events = [e for e in pinned.get("pinned", []) if e != event_id]
        await self.client.set_state(room, "m.room.pinned_events", {"pinned": [*events, event_id]})

    async def send_private(self, user: str, body: Body, *, txn: str | None = None) -> None:
        """Send a message to one member in the bot's direct room with them (opened when needed)."""
        room = await self.rooms.direct_room(user)
        await self.send_body(room, body, notice=True, txn=txn)


async def _refusing(permission: str, call: Awaitable[T]) -> T:
    """Await a homeserver call; its refusal for want of a power level (403, ``M_FORBIDDEN``: by status and
    code) becomes a :class:`Refusal`."""
    try:
        return await call
    except MatrixError as exc:
        if exc.forbidden:
            raise Refusal(permission) from None
        raise
