"""The in-memory adapter: a chat platform simulated in the process, for tests, dialogs and benchmarks.

It does what a real adapter does (text and membership in, actions carried out) against a transcript instead
of a network: each group keeps the messages the bot sent, the pinned message and the description, and each
member their private messages. Dialog tables (``tests/bot/dialogs.py``) run through it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from samen.bot.actions import Action, Body, Capabilities, Describe, NotifyAdmins, Post, Private, Reply
from samen.bot.commands import message_event
from samen.bot.core import Bot
from samen.bot.events import Added, Event, GroupID, Joined, MessageID, Refused, UserID


@dataclass
class Room:
    """What members of one simulated group see."""

    messages: list[Body] = field(default_factory=list)
    pinned: Body | None = None
    description: str = ""
    images: int = 0


class MemoryChat:
    """A simulated chat platform around one :class:`Bot`.

    Message ids and positions grow across every simulated chat in the process, as a platform's would
    across a restart of the bot.

    Args:
        bot: the core to drive.
        refuse: permissions this platform refuses (``pin``, ``topic``…), to test the warnings.
        topic_limit: longest description the simulated platform takes (the short form is used above it).
    """

    _ids = itertools.count(1)

    def __init__(self, bot: Bot, *, refuse: frozenset[str] = frozenset(), topic_limit: int = 4096) -> None:
        self.bot = bot
        self.refuse = refuse
        self.topic_limit = topic_limit
        self.rooms: dict[str, Room] = {}
        self.inbox: dict[str, list[Body]] = {}
        self.admin_inbox: list[Body] = []
        # Each group's admins, as members who spoke there as admins made them known.
        self.admins: dict[str, set[str]] = {}

    @property
    def capabilities(self) -> Capabilities:
        """The simulated platform's capabilities (the bot's own)."""
        return self.bot.capabilities

    def room(self, group: str) -> Room:
        """A group's room, created on first use."""
        return self.rooms.setdefault(group, Room())

    def add_bot(self, group: str = "group") -> list[Body]:
        """Add the bot to a group; returns what it posted there."""
        return self.deliver(Added(group=GroupID(group)), group)

    def join(self, user: str, group: str = "group") -> list[Body]:
        """A member joins; returns what the bot posted."""
        return self.deliver(Joined(group=GroupID(group), user=UserID(user), name=user), group)

    def send(
        self,
        text: str,
        *,
        user: str = "alice",
        group: str = "group",
        admin: bool = False,
        direct: bool = False,
        reply_to: str | None = None,
        reply_author: str | None = None,
        at: float = 0.0,
    ) -> list[Body]:
        """A member sends a message; a ``!`` command becomes a Command, anything else is Said.

        Returns:
            Everything the bot sent in answer, public and private, in order.
        """
        number = next(self._ids)
        if admin and not direct:
            self.admins.setdefault(group, set()).add(user)
        event = message_event(
            text,
            (self.capabilities.prefix,),
            group=GroupID(group),
            user=UserID(user),
            at=at,
            is_admin=admin,
            direct=direct,
            reply_to=MessageID(reply_to) if reply_to else None,
            reply_author=UserID(reply_author) if reply_author else None,
            message_id=MessageID(f"m{number}"),
            position=number,
        )
        return self.deliver(event, group)

    def deliver(self, event: Event, group: str) -> list[Body]:
        """Hand an event to the bot and carry out its actions; returns every message it sent."""
        sent: list[Body] = []
        for action in self.bot.handle(event):
            sent.extend(self.perform(action))
        return sent

    def perform(self, action: Action) -> list[Body]:
        """Carry out one action the way a platform would; a refusal goes back to the bot as an event."""
        room = self.room(action.group)
        if isinstance(action, Post):
            room.messages.append(action.body)
            if action.image is not None:
                if "image" in self.refuse:
                    return [
                        action.body,
                        *self.deliver(Refused(group=action.group, permission="image"), action.group),
                    ]
                room.images += 1
            if action.pin:
                if "pin" in self.refuse:
                    return [
                        action.body,
                        *self.deliver(Refused(group=action.group, permission="pin"), action.group),
                    ]
                room.pinned = action.body
            return [action.body]
        if isinstance(action, Reply):
            room.messages.append(action.body)
            return [action.body]
        if isinstance(action, Private):
            if self.capabilities.private:
                self.inbox.setdefault(action.user, []).append(action.body)
                return [action.body]
            if action.fallback:
                room.messages.append(action.body)
                return [action.body]
            return []
        if isinstance(action, Describe):
            if "topic" in self.refuse:
                return self.deliver(Refused(group=action.group, permission="topic"), action.group)
            room.description = action.text if len(action.text) <= self.topic_limit else action.short
            return []
        if isinstance(action, NotifyAdmins):
            # Each known admin gets it in their inbox, except the one it leaves out (who then is told).
            self.admin_inbox.append(action.body)
            admins = self.admins.get(action.group, set())
            for admin in sorted(admins - {action.leave_out}):
                self.inbox.setdefault(admin, []).append(action.body)
            told = self.perform(action.told) if action.told and action.leave_out in admins else []
            return [action.body, *told]
        raise TypeError(f"unknown action {type(action).__name__}")
