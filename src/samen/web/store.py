"""The bot's store in the database (SQLite by default, PostgreSQL through ``DATABASE_URL``).

:class:`DatabaseStore` satisfies the bot core's ``Store`` protocol (``samen.bot.store``) structurally; the
web app does not import the bot. It keeps settings and counts, never any message text.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.db import IntegrityError, transaction
from django.db.models import F

from samen.web.models import BotCount, BotGroup


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A group's settings and bookkeeping as read from the database."""

    platform: str
    group: str
    language: str | None
    welcome: bool
    nudges: str
    onboarded: bool
    warnings: frozenset[str]
    last_position: int | None
    last_event: str | None


class GroupFields(Protocol):
    """What :meth:`DatabaseStore.save_group` reads from a record (the bot's ``GroupRecord``)."""

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


class DatabaseStore:
    """The bot's state in Django's database.

    Args:
        using: the database alias (``default`` unless a test or deployment says otherwise).
    """

    def __init__(self, using: str = "default") -> None:
        self.using = using

    def load_group(self, platform: str, group: str) -> GroupRow | None:
        """The group's record, or None for a group the bot has never seen."""
        row = BotGroup.objects.using(self.using).filter(platform=platform, group=group).first()
        if row is None:
            return None
        return GroupRow(
            platform=row.platform,
            group=row.group,
            language=row.language,
            welcome=row.welcome,
            nudges=row.nudges,
            onboarded=row.onboarded,
            warnings=frozenset(w for w in row.warnings.split(",") if w),
            last_position=row.last_position,
            last_event=row.last_event,
        )

    def save_group(self, record: GroupFields) -> None:
        """Create or replace the group's record."""
        BotGroup.objects.using(self.using).update_or_create(
            platform=record.platform,
            group=record.group,
            defaults={
                "language": record.language,
                "welcome": record.welcome,
                "nudges": record.nudges,
                "onboarded": record.onboarded,
                "warnings": ",".join(sorted(record.warnings)),
                "last_position": record.last_position,
                "last_event": record.last_event,
            },
        )

    def add_count(self, platform: str, group: str, *, day: date, kind: str, do: int = 0, n: int = 1) -> None:
        """Add ``n`` to a count of a day, creating it when it is the day's first."""
        key = {"platform": platform, "group": group, "day": day, "kind": kind, "do": do}
        counts = BotCount.objects.using(self.using)
        if counts.filter(**key).update(n=F("n") + n):
            return
        try:
            with transaction.atomic(using=self.using):
                counts.create(**key, n=n)
        except IntegrityError:
            # Another process created it between our update and create.
            counts.filter(**key).update(n=F("n") + n)

    def counts(self, platform: str, group: str) -> list[tuple[date, str, int, int]]:
        """Every count of a group, sorted by day, kind and Do."""
        rows = (
            BotCount.objects.using(self.using)
            .filter(platform=platform, group=group)
            .order_by("day", "kind", "do")
            .values_list("day", "kind", "do", "n")
        )
        return [(day, kind, do, n) for day, kind, do, n in rows]
