"""The bot's state, through a small interface the composition root hands the core.

What is kept per group: its language, whether newcomers are welcomed, the nudge mode, whether the
onboarding was done (so a restart never repeats it), which missing permissions the admins were already told
about, and the last event handled (so nothing is answered twice after a reconnect). And counts per group,
day, kind and Do; and an adapter's cursors (where to read on after a restart: Matrix's since-token). Never
any message text.

Two implementations: :class:`MemoryStore` here (tests, benchmarks) and the database one in
``samen.web.store``, which satisfies these protocols structurally (the web app does not import the bot).
One contract test (``tests/bot/test_store_contract.py``) runs against both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from dataclasses import dataclass
from datetime import date
from typing import Protocol

#: The nudge modes a group can have: none, privately to the author (the default), also to the admins.
NUDGE_MODES = ("off", "author", "admins")


class GroupRecord(Protocol):
    """A group's settings and bookkeeping, as any store returns them."""

    @property
    def platform(self) -> str: ...
    @property
    def group(self) -> str: ...
    @property
    def language(self) -> str | None: ...
    @property
    def welcome(self) -> bool: ...
    @property
    def nudges(self) -> str: ...
    @property
    def onboarded(self) -> bool: ...
    @property
    def warnings(self) -> Set[str]: ...
    @property
    def last_position(self) -> int | None: ...
    @property
    def last_event(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class GroupState:
    """A group's settings and bookkeeping, as the core keeps them.

    Attributes:
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

    @classmethod
    def of(cls, record: GroupRecord) -> GroupState:
        """A copy of any store's record."""
        return cls(
            platform=record.platform,
            group=record.group,
            language=record.language,
            welcome=record.welcome,
            nudges=record.nudges,
            onboarded=record.onboarded,
            warnings=frozenset(record.warnings),
            last_position=record.last_position,
            last_event=record.last_event,
        )


#: One count: (day, kind, Do number or 0 when it concerns no Do, how many).
CountRow = tuple[date, str, int, int]


class Store(Protocol):
    """Where the bot keeps its state."""

    def load_group(self, platform: str, group: str) -> GroupRecord | None:
        """The group's record, or None for a group the bot has never seen."""
        ...

    def save_group(self, record: GroupRecord) -> None:
        """Create or replace the group's record."""
        ...

    def add_count(self, platform: str, group: str, *, day: date, kind: str, do: int = 0, n: int = 1) -> None:
        """Add ``n`` to a count of a day (kinds: ``point``, ``seen``, ``nudge``, ``not_meant``…)."""
        ...

    def counts(self, platform: str, group: str) -> list[CountRow]:
        """Every count of a group, sorted by day, kind and Do."""
        ...

    def load_cursor(self, name: str) -> str | None:
        """An adapter's cursor (a sync token) saved under ``name``, or None when none was saved."""
        ...

    def save_cursor(self, name: str, value: str) -> None:
        """Create or replace a cursor; values of any length are kept (Matrix does not bound its tokens)."""
        ...


class MemoryStore:
    """A store in memory: a real implementation for tests and benchmarks, gone when the process ends."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], GroupState] = {}
        self.tally: Counter[tuple[str, str, date, str, int]] = Counter()
        self.cursors: dict[str, str] = {}

    def load_group(self, platform: str, group: str) -> GroupState | None:
        """The group's record, or None for a group the bot has never seen."""
        return self.groups.get((platform, group))

    def save_group(self, record: GroupRecord) -> None:
        """Create or replace the group's record."""
        self.groups[(record.platform, record.group)] = GroupState.of(record)

    def add_count(self, platform: str, group: str, *, day: date, kind: str, do: int = 0, n: int = 1) -> None:
        """Add ``n`` to the count of a kind for a day."""
        self.tally[(platform, group, day, kind, do)] += n

    def counts(self, platform: str, group: str) -> list[CountRow]:
        """Every count of a group, sorted by day, kind and Do."""
        return sorted(
            (day, kind, do, n)
            for (p, g, day, kind, do), n in self.tally.items()
            if (p, g) == (platform, group)
        )

    def load_cursor(self, name: str) -> str | None:
        """An adapter's cursor saved under ``name``, or None."""
        return self.cursors.get(name)

    def save_cursor(self, name: str, value: str) -> None:
        """Create or replace a cursor."""
        self.cursors[name] = value
