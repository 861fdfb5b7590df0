"""What happens on a platform, in a platform-neutral form: the events the bot core handles.

An adapter turns each platform payload it cares about into one of these and hands it to
:meth:`samen.bot.core.Bot.handle`. IDs are ``NewType`` strings: each platform's own IDs, unchanged.

``position`` orders a group's events (Telegram's update id, a Discord snowflake, a Matrix server
timestamp): the core answers an event only when it is newer than the last one it handled in that group, so
nothing is answered twice after a reconnect. Events without a position are always handled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NewType

GroupID = NewType("GroupID", str)
UserID = NewType("UserID", str)
MessageID = NewType("MessageID", str)
EventID = NewType("EventID", str)


@dataclass(frozen=True, slots=True, kw_only=True)
class Added:
    """The bot was added to a group (or invited and joined): time for the onboarding.

    Attributes:
        group: the group.
        by: who added the bot, when the platform says.
    """

    group: GroupID
    by: UserID | None = None
    position: int | None = None
    event_id: EventID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Joined:
    """A member joined a group the bot is in."""

    group: GroupID
    user: UserID
    name: str = ""
    position: int | None = None
    event_id: EventID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    """A member gave the bot a command, already split into a name and arguments.

    Attributes:
        name: the command as typed, in either language (``do``, ``hulp``, ``taal``…), without prefix.
        args: the words after it.
        is_admin: whether the sender may change the group's settings (the adapter knows).
        direct: whether it came in a direct (one-to-one) chat rather than a group.
        reply_to: the message this command answers, when it was sent as a reply ("point to Do N").
        reply_author: who wrote that message, where the platform says (a report about it never reaches
            them).
        message_id: the command's own message, for quoting.
        text: the message as the member typed it, for the signals, which read every member's words in a
            group, a command's too (empty for a slash command, a menu or a button, which carry no words).
        at: when it was sent, in seconds since the epoch.
    """

    group: GroupID
    user: UserID
    name: str
    args: tuple[str, ...] = ()
    text: str = ""
    at: float = 0.0
    is_admin: bool = False
    direct: bool = False
    reply_to: MessageID | None = None
    reply_author: UserID | None = None
    message_id: MessageID | None = None
    position: int | None = None
    event_id: EventID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Said:
    """An ordinary message in a group, for the signals. Its text is never stored or logged.

    Attributes:
        at: when it was sent, in seconds since the epoch (the conversation window for heat).
        unknown_command: it began with the command prefix and one word that is no command (``!hepl``):
            the core may hint privately how to see the commands. Text after the prefix that is no command
            is an ordinary message all the same: one character must not hide words from the signals.
    """

    group: GroupID
    user: UserID
    text: str
    at: float
    is_admin: bool = False
    direct: bool = False
    unknown_command: bool = False
    message_id: MessageID | None = None
    position: int | None = None
    event_id: EventID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Refused:
    """The platform refused an action for want of a permission (``pin``, ``topic``, ``image``, ``send``).

    Adapters report it so that the core can tell the group's admins once which permission is missing.
    """

    group: GroupID
    permission: str
    position: int | None = None
    event_id: EventID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Moved:
    """The group got a new id on its platform (a Telegram group upgraded to a supergroup).

    Its settings and bookkeeping move along, so the new id is not taken for a new group.
    """

    group: GroupID
    to: GroupID
    position: int | None = None
    event_id: EventID | None = None


Event = Added | Joined | Command | Said | Refused | Moved
