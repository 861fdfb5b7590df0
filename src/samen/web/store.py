"""The bot's store in the database (SQLite by default, PostgreSQL through ``DATABASE_URL``).

:class:`DatabaseStore` satisfies the bot core's ``Store`` protocol (``samen.bot.store``) structurally; the
web app does not import the bot. It keeps settings, counts and the adapters' cursors, never any message
text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from django.db import IntegrityError, InterfaceError, OperationalError, connections, transaction
from django.db.models import F

from samen.groups import ADMINS, REPORTER, GroupState, ReportView

T = TypeVar("T")


class DatabaseStore:
    """The bot's state in Django's database.

    Args:
        using: the database alias (``default`` unless a test or deployment says otherwise).
    """

    def __init__(self, using: str = "default") -> None:
        # Imported here: the models need Django set up, which open_store does first.
        from samen.web.models import BotCount, BotCursor, BotGroup

        self.using = using
        self._groups = BotGroup.objects.using(using)
        self._counts = BotCount.objects.using(using)
        self._cursors = BotCursor.objects.using(using)

    def _retry(self, work: Callable[[], T]) -> T:
        """Run database work; after a dropped connection (a database restart) reconnect and try once more."""
        try:
            return work()
        except (OperationalError, InterfaceError):
            if connections[self.using].in_atomic_block:
                raise
            connections[self.using].close()
            return work()

    def load_group(self, platform: str, group: str) -> GroupState | None:
        """The group's record, or None for a group the bot has never seen."""
        return self._retry(lambda: self._load_group(platform, group))

    def _load_group(self, platform: str, group: str) -> GroupState | None:
        row = self._groups.filter(platform=platform, group=group).first()
        if row is None:
            return None
        return GroupState(
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

    def save_group(self, record: GroupState) -> None:
        """Create or replace the group's record."""
        self._retry(lambda: self._save_group(record))

    def _save_group(self, record: GroupState) -> None:
        self._groups.update_or_create(
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
        self._retry(lambda: self._add_count(platform, group, day=day, kind=kind, do=do, n=n))

    def _add_count(self, platform: str, group: str, *, day: date, kind: str, do: int, n: int) -> None:
        key = {"platform": platform, "group": group, "day": day, "kind": kind, "do": do}
        counts = self._counts
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
        return self._retry(lambda: self._counts_of(platform, group))

    def _counts_of(self, platform: str, group: str) -> list[tuple[date, str, int, int]]:
        rows = (
            self._counts.filter(platform=platform, group=group)
            .order_by("day", "kind", "do")
            .values_list("day", "kind", "do", "n")
        )
        return [(day, kind, do, n) for day, kind, do, n in rows]

    def load_cursor(self, name: str) -> str | None:
        """An adapter's cursor saved under ``name``, or None."""
        return self._retry(lambda: self._cursors.filter(name=name).values_list("value", flat=True).first())

    def save_cursor(self, name: str, value: str) -> None:
        """Create or replace a cursor."""
        self._retry(lambda: self._cursors.update_or_create(name=name, defaults={"value": value}))

    def staffed(self, routes: Sequence[str]) -> tuple[str, ...]:
        """The routes among ``routes`` with at least one active staff account of that role, in their order:
        what the web's report form offers too (:func:`samen.web.reports.staffed_routes`)."""
        from samen.web.reports import staffed_routes

        return self._retry(lambda: staffed_routes(routes, using=self.using))

    def file_report(
        self, *, route: str, text: str, language: str, platform: str, name: str, special: bool, link: str
    ) -> str:
        """Keep a confidential report (sealed, committed, see :mod:`samen.web.reports`); returns its code.

        The bot asks about sexual behaviour and health in one question, so consent covers both.
        """
        from samen.web.reports.actions import SPECIAL_CATEGORIES, file_report

        _report, code = file_report(
            route,
            text,
            language=language,
            platform=platform,
            name=name,
            special=SPECIAL_CATEGORIES if special else (),
            consent=special,
            link=link,
        )
        return code

    def relay_report(self, code: str, *, group: str, left_out: str) -> tuple[str, int]:
        """Relay a report to a group's admins (sealed: the group, the member left out); their code and the
        report's number."""
        from samen.web.reports.actions import find_report, relay

        report = find_report(code)
        if report is None:
            raise KeyError("no report with this code")
        return relay(report, group=group, left_out=left_out), report.pk

    def report_view(self, code: str) -> ReportView | None:
        """A report as the holder of the code sees it (opening it is written to the access log)."""
        from samen.web.reports.actions import GROUP_ADMINS, find_relayed, find_report, open_case, relayed_to

        report = find_report(code)
        side = REPORTER
        if report is None:
            report, side = find_relayed(code), ADMINS
        if report is None:
            return None
        case = open_case(report, "reporter" if side == REPORTER else GROUP_ADMINS)
        group, left_out = relayed_to(report)
        return ReportView(
            route=report.route,
            status=report.status,
            conversation=[("reporter", case.text), *((m.author, m.text) for m in case.messages)],
            side=side,
            case=report.pk,
            group=group,
            left_out=left_out,
        )

    def answer_report(self, code: str, text: str) -> bool:
        """The holder of the code answers (the reporter, or the group's admins); False for a wrong code or
        a closed case."""
        from samen.web.reports.actions import admins_reply, find_relayed, find_report, reporter_reply

        report = find_report(code)
        if report is not None and report.status != "closed":
            reporter_reply(report, text)
            return True
        relayed = find_relayed(code) if report is None else None
        if relayed is None or relayed.status == "closed":
            return False
        admins_reply(relayed, text)
        return True

    def withdraw_report(self, code: str) -> bool:
        """The reporter withdraws the report: deleted, a count left; False for a wrong code."""
        from samen.web.reports.actions import find_report, withdraw

        report = find_report(code)
        if report is None:
            return False
        withdraw(report)
        return True


def open_store() -> DatabaseStore:
    """The database store for a bot process: Django set up, the database created and migrated.

    The database is the web app's (``SAMEN_DATA_DIR`` or ``DATABASE_URL``), so the dashboard to come reads
    the same counts.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.web.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    return DatabaseStore()
