"""The edge of the Matrix adapter: ``/sync`` answers parsed into typed values (pydantic) before anything
reads them, so nothing deeper walks untrusted JSON through ``.get(…, {})`` chains.

A homeserver relays what any client sent: an event of the wrong shape (a ``body`` that is a number, a
``content`` that is a list) is dropped where it stands, alone, and the rest of the batch is handled; a
``/sync`` answer without its ``next_batch`` is no answer at all (:class:`pydantic.ValidationError`). Each
event's ``content`` is read through the model of its type (:meth:`ClientEvent.content_as`), which gives
None for content of the wrong shape.
"""

from __future__ import annotations

import builtins
import json
import logging
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

log = logging.getLogger(__name__)

M = TypeVar("M", bound="Model")

#: How many timeline events one sync returns per room; a longer gap while the bot was away is cut.
TIMELINE_LIMIT = 100

#: What the bot asks ``/sync`` for: rooms' state and timelines, its ``m.direct``; no presence or typing.
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


class Model(BaseModel):
    """A part of the Client-Server API: fields the bot does not read are ignored, values never change."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class Unsigned(Model):
    """Data the homeserver adds to an event."""

    prev_content: dict[str, Any] = Field(default_factory=dict)
    redacted_because: dict[str, Any] | None = None


class ClientEvent(Model):
    """One event as ``/sync`` gives it (a state or timeline event, or account data)."""

    type: str
    sender: str = ""
    state_key: str | None = None
    event_id: str = ""
    origin_server_ts: int | None = None
    content: dict[str, Any] = Field(default_factory=dict)
    unsigned: Unsigned = Unsigned()

    def content_as(self, model: builtins.type[M]) -> M | None:
        """The content read as the model of its type; None where a client sent another shape."""
        try:
            return model.model_validate(self.content)
        except ValidationError:
            return None

    def previous_as(self, model: builtins.type[M]) -> M | None:
        """The content before this state event (``unsigned.prev_content``), read as a model."""
        try:
            return model.model_validate(self.unsigned.prev_content)
        except ValidationError:
            return None


def _valid_events(value: object) -> list[ClientEvent]:
    """The events of a list that have the shape of an event; the others are dropped, one by one."""
    if not isinstance(value, list):
        return []
    events = []
    for item in value:
        try:
            events.append(ClientEvent.model_validate(item))
        except ValidationError:
            log.info("Matrix event of the wrong shape ignored")
    return events


Events = Annotated[list[ClientEvent], BeforeValidator(_valid_events)]


class EventList(Model):
    """A list of events under ``events``."""

    events: Events = Field(default_factory=list)


class JoinedRoom(Model):
    """A room the bot is in: its state before the timeline, then the timeline."""

    state: EventList = EventList()
    timeline: EventList = EventList()


class InvitedRoom(Model):
    """A room the bot is invited to, with the stripped state the invite carries."""

    invite_state: EventList = EventList()


class Rooms(Model):
    """The rooms part of a ``/sync`` answer, by room ID."""

    join: dict[str, JoinedRoom] = Field(default_factory=dict)
    invite: dict[str, InvitedRoom] = Field(default_factory=dict)
    leave: dict[str, Any] = Field(default_factory=dict)


class SyncResponse(Model):
    """One ``/sync`` answer."""

    next_batch: str
    account_data: EventList = EventList()
    rooms: Rooms = Rooms()


# -- contents, by event type ---------------------------------------------------------------------------


class MemberContent(Model):
    """``m.room.member``."""

    membership: str = ""
    displayname: str | None = None
    is_direct: bool = False


def _or_none(kind: type) -> BeforeValidator:
    """An optional part that a client sent in another shape counts as absent, not as a broken message:
    ``"m.relates_to": "nonsense"`` is a message without a relation."""

    def read(value: object) -> object:
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            try:
                return kind.model_validate(value)
            except ValidationError:
                return None
        return value if isinstance(value, kind) else None

    return BeforeValidator(read)


class InReplyTo(Model):
    """``m.in_reply_to``: the message a reply answers."""

    event_id: Annotated[str | None, _or_none(str)] = None


class RelatesTo(Model):
    """``m.relates_to``: a reply, or an edit (``rel_type: m.replace``)."""

    rel_type: Annotated[str | None, _or_none(str)] = None
    in_reply_to: Annotated[InReplyTo | None, _or_none(InReplyTo)] = Field(default=None, alias="m.in_reply_to")


class MessageContent(Model):
    """``m.room.message``: a message needs its ``body`` as text; an odd relation is read as none."""

    msgtype: str = ""
    body: str
    relates_to: Annotated[RelatesTo | None, _or_none(RelatesTo)] = Field(default=None, alias="m.relates_to")


class PowerLevels(Model):
    """``m.room.power_levels`` (the defaults are the spec's for a room without the event)."""

    users: dict[str, int] = Field(default_factory=dict)
    users_default: int = 0
    events: dict[str, int] = Field(default_factory=dict)
    events_default: int = 0
    state_default: int = 50


class CreateContent(Model):
    """``m.room.create``."""

    room_version: str = "1"
    additional_creators: list[str] = Field(default_factory=list)


def parse_sync(answer: object) -> SyncResponse:
    """A ``/sync`` answer as typed values.

    Raises:
        pydantic.ValidationError: when it is no ``/sync`` answer (no ``next_batch``).
    """
    return SyncResponse.model_validate(answer)


def sync_cursor(user_id: str) -> str:
    """The store's name for an account's ``/sync`` since-token (one per bot account)."""
    return f"matrix.sync:{user_id}"


def strip_reply_fallback(body: str) -> str:
    """A reply's own text, without the quoted ``> <@user> …`` lines older clients put before it."""
    if not body.startswith("> "):
        return body
    lines = body.split("\n")
    index = 0
    while index < len(lines) and lines[index].startswith(">"):
        index += 1
    return "\n".join(lines[index:]).lstrip("\n")
