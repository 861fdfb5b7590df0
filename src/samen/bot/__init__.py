"""The platform-neutral bot core: events in, actions out; state through a store interface.

Adapters (``samen.adapters``) turn platform payloads into :mod:`~samen.bot.events`, call
:meth:`Bot.handle`, and carry out the :mod:`~samen.bot.actions` it returns.
"""

from __future__ import annotations

from samen.bot.actions import (
    Action,
    Body,
    Button,
    Capabilities,
    Describe,
    Image,
    NotifyAdmins,
    Post,
    Private,
    Reply,
)
from samen.bot.commands import COMMANDS, message_event, parse, resolve
from samen.bot.core import Bot, DosUrl
from samen.bot.events import (
    Added,
    Command,
    Event,
    EventID,
    GroupID,
    Joined,
    MessageID,
    Moved,
    Refused,
    Said,
    UserID,
)
from samen.bot.memory import MemoryChat
from samen.bot.store import NUDGE_MODES, GroupState, MemoryStore, Store

__all__ = [
    "COMMANDS",
    "NUDGE_MODES",
    "Action",
    "Added",
    "Body",
    "Bot",
    "Button",
    "Capabilities",
    "Command",
    "Describe",
    "DosUrl",
    "Event",
    "EventID",
    "GroupID",
    "GroupState",
    "Image",
    "Joined",
    "MemoryChat",
    "MemoryStore",
    "MessageID",
    "Moved",
    "NotifyAdmins",
    "Post",
    "Private",
    "Refused",
    "Reply",
    "Said",
    "Store",
    "UserID",
    "message_event",
    "parse",
    "resolve",
]
