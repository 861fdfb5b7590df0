"""Counts for the campaign team, and nothing else: what the bot counted (per ISO week, Do and kind) and the
reports (per route, status and platform, the purged and withdrawn ones included through their tallies).

No text, no group, no person: only counts, and a count below :data:`K` is shown as "fewer than K" (and
written as ``<5`` in the CSV), so that a single case or a small group cannot be picked out. No totals are
shown beside suppressed counts, since a total minus the shown counts would give the hidden ones away.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.content import Localized
from samen.web.models import BotCount
from samen.web.reports.models import STATUSES, Report, ReportTally

#: The smallest count shown (k-anonymity).
K = 5
#: Bar chart geometry (SVG user units).
BAR_HEIGHT = 22
LABEL_WIDTH = 340
BAR_WIDTH = 360

#: The bot's count kinds in words; a signal's own kind (insult, threat…) is shown by its id.
KINDS = {
    "nudge": gettext_lazy("nudge sent"),
    "not_meant": gettext_lazy("“not meant that way”"),
    "point": gettext_lazy("Do pointed to (!do)"),
    "seen": gettext_lazy("“I see it” (!seen)"),
    "heat": gettext_lazy("heated conversation"),
    "language_mix": gettext_lazy("mixed languages"),
}
#: How a report that is no longer kept ended.
OUTCOMES = {"withdrawn": gettext_lazy("Withdrawn"), "purged": gettext_lazy("Closed and deleted")}


@dataclass(frozen=True)
class Row:
    """One line of a table: its labels, and the count (None when below :data:`K`)."""

    labels: tuple[str, ...]
    count: int | None

    @property
    def shown(self) -> str:
        """The count as the page and the CSV show it."""
        return str(self.count) if self.count is not None else f"<{K}"


@dataclass(frozen=True)
class Table:
    """A table of counts with its chart."""

    id: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def chart(self) -> dict[str, object]:
        """The bars of the rows that are shown, scaled to the largest (for the SVG in the template)."""
        shown = [row for row in self.rows if row.count is not None]
        top = max((row.count or 0 for row in shown), default=1)
        bars = [
            {
                "label": " · ".join(row.labels),
                "count": row.count,
                "y": i * BAR_HEIGHT,
                "text_y": i * BAR_HEIGHT + BAR_HEIGHT * 0.7,
                "width": max(1, round(BAR_WIDTH * (row.count or 0) / top)),
                "end": LABEL_WIDTH + max(1, round(BAR_WIDTH * (row.count or 0) / top)) + 6,
            }
            for i, row in enumerate(shown)
        ]
        return {
            "bars": bars,
            "height": max(1, len(bars)) * BAR_HEIGHT,
            "width": LABEL_WIDTH + BAR_WIDTH + 60,
            "label_width": LABEL_WIDTH,
        }


def _k(n: int) -> int | None:
    return n if n >= K else None


def _week(day: object) -> str:
    year, week, _weekday = day.isocalendar()  # type: ignore[attr-defined]
    return f"{year}-W{week:02d}"


def bot_counts(local: Localized) -> Table:
    """What the bot counted, per ISO week, Do and kind (summed over every group and platform)."""
    totals: Counter[tuple[str, int, str]] = Counter()
    for day, do, kind, n in BotCount.objects.values_list("day", "do", "kind").annotate(n=Sum("n")):
        totals[(_week(day), do, kind)] += n
    dos = {do.number: do.title for do in local.dos}
    rows = tuple(
        Row((week, f"{do} {dos[do]}" if do in dos else "—", str(KINDS.get(kind, kind))), _k(n))
        for (week, do, kind), n in sorted(
            totals.items(), key=lambda item: (item[0][0], item[0][1], item[0][2])
        )
        if n > 0
    )
    return Table("bot", _("What the bot counted, per week"), (_("Week"), _("Do"), _("What")), rows)


def report_counts(local: Localized) -> Table:
    """Reports per route, status and platform: those kept, and the tallies of those no longer kept."""
    names = {route.id: route.name for route in local.support}
    statuses = dict(STATUSES)
    totals: Counter[tuple[str, str, str]] = Counter()
    for route, status, platform, n in Report.objects.values_list("route", "status", "platform").annotate(
        n=Count("pk")
    ):
        totals[(names.get(route, route), str(statuses.get(status, status)), platform)] += n
    for route, outcome, platform, n in ReportTally.objects.values_list(
        "route", "outcome", "platform"
    ).annotate(n=Sum("n")):
        totals[(names.get(route, route), str(OUTCOMES.get(outcome, outcome)), platform)] += n
    rows = tuple(Row(key, _k(n)) for key, n in sorted(totals.items()) if n > 0)
    return Table(
        "reports", _("Reports per route, status and platform"), (_("Route"), _("Status"), _("Platform")), rows
    )


def tables(local: Localized) -> list[Table]:
    """Every table of the insight page, in its order."""
    return [bot_counts(local), report_counts(local)]


def csv_text(local: Localized) -> str:
    """The same tables as one CSV: ``table,label 1,label 2,label 3,count`` (counts below K as ``<5``)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "label_1", "label_2", "label_3", "count"])
    for table in tables(local):
        for row in table.rows:
            writer.writerow([table.id, *row.labels, row.shown])
    return out.getvalue()
