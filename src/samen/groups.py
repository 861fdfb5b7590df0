"""A group's settings and bookkeeping: the one record the bot keeps and the web app's database stores.

It lives below both (``samen.bot`` and ``samen.web`` import it; it imports nothing of samen's), so the web
app can store the bot's state without importing the bot. Never any message text: see
``docs/architecture.md``, *Data*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: The nudge modes a group can have: none, privately to the author (the default), also to the admins.
NUDGE_MODES = ("off", "author", "admins")

#: One count: (day, kind, Do number or 0 when it concerns no Do, how many).
CountRow = tuple[date, str, int, int]


@dataclass(frozen=True, slots=True)
class GroupState:
    """A group's settings and bookkeeping.

    Attributes:
        platform: the platform's name (``matrix``, ``discord``, ``telegram``).
        group: the group's id on that platform.
        language: the group's language; None means the pack's default.
        welcome: whether members who join get a welcome.
        nudges: one of :data:`NUDGE_MODES`.
        onboarded: whether the intro and Do's were posted.
        warnings: the permissions the admins were told are missing.
        last_position: position of the last event handled (see :mod:`samen.bot.events`).
        last_event: id of the last event handled.
    """

    platform: str
    group: str
    language: str | None = None
    welcome: bool = True
    nudges: str = "author"
    onboarded: bool = False
    warnings: frozenset[str] = frozenset()
    last_position: int | None = None
    last_event: str | None = None


#: The two sides of a report's conversation: who holds the code that opened it.
REPORTER, ADMINS = "reporter", "admins"


@dataclass(frozen=True, slots=True)
class ReportView:
    """A confidential report as one side of its conversation sees it with their code.

    Attributes:
        route: the pack's support route id it went to.
        status: ``received``, ``conversation``, ``advised``, ``referred`` or ``closed``.
        conversation: the report first, as ``("reporter", text)``, then each message as ``(author, text)``,
            the author ``reporter`` or ``staff`` (the route's people: staff on the web, or the group's
            admins through the bot).
        side: whose code opened it: :data:`REPORTER`, or :data:`ADMINS` (the code the bot gave the
            admins of the reporter's group, for a report to the pack's ``reports.group_route``).
        case: the report's number, which the admins' messages name (never the reporter).
        group: the group whose admins it was relayed to ("" when it was not relayed).
        left_out: the member left out of that route because the report is about them ("" when none).
    """

    route: str
    status: str
    conversation: list[tuple[str, str]]
    side: str = REPORTER
    case: int = 0
    group: str = ""
    left_out: str = ""
