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
