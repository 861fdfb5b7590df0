"""The bot's state, through a small interface the composition root hands the core.

What is kept per group: its language, whether newcomers are welcomed, the nudge mode, whether the
onboarding was done (so a restart never repeats it), which missing permissions the admins were already told
about, and the last event handled (so nothing is answered twice after a reconnect). And counts per group,
day, kind and Do; and an adapter's cursors (where to read on after a restart: Matrix's since-token). Never
any message text.

The record is :class:`samen.groups.GroupState`, in a layer below the bot and the web app. Two
implementations: :class:`MemoryStore` here (tests, benchmarks) and the database one in ``samen.web.store``,
which satisfies the protocol structurally (the web app does not import the bot).
One contract test (``tests/bot/test_store_contract.py``) runs against both.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from samen.groups import ADMINS, NUDGE_MODES, REPORTER, CountRow, GroupState, ReportView

__all__ = [
    "ADMINS",
    "NUDGE_MODES",
    "REPORTER",
    "CountRow",
    "GroupState",
    "MemoryStore",
    "ReportView",
    "Store",
]


class Store(Protocol):
    """Where the bot keeps its state."""

    def load_group(self, platform: str, group: str) -> GroupState | None:
        """The group's record, or None for a group the bot has never seen."""
        ...

    def save_group(self, record: GroupState) -> None:
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

    def staffed(self, routes: Sequence[str]) -> tuple[str, ...]:
        """The routes among ``routes`` (in their order) that someone can read: with at least one active
        staff account of that role. Only these are offered; a report to nobody would be a broken promise."""
        ...

    def file_report(
        self, *, route: str, text: str, language: str, platform: str, name: str, special: bool, link: str
    ) -> str:
        """Keep a confidential report durably (its words sealed) and return its follow-up code.

        Args:
            route: the pack's support route id it goes to.
            text: the account in the reporter's words.
            language: the reporter's language.
            platform: where it came from (``matrix``, ``discord``, ``telegram``).
            name: the reporter's name; empty when anonymous.
            special: it concerns sexual behaviour or health, and the reporter gave explicit consent.
            link: a reference to the chat message it is about (never the message itself); may be empty.
        """
        ...

    def relay_report(self, code: str, *, group: str, left_out: str) -> tuple[str, int]:
        """Mark a report (by its reporter's code) as relayed to a group's admins through the bot: the group
        and the member left out are kept with the words (sealed). Returns the admins' own code for the
        report (only its hash is kept), with which they read and answer it, and the report's number.

        Raises:
            KeyError: for a wrong code.
        """
        ...

    def report_view(self, code: str) -> ReportView | None:
        """A report as the holder of a code sees it (the reporter's code, or the admins' code of a relayed
        report); None for a wrong code."""
        ...

    def answer_report(self, code: str, text: str) -> bool:
        """The holder of a code answers: the reporter, or the group's admins (their answer is the route's,
        as a staff reply; a received case is then in conversation). False for a wrong code or a closed
        case."""
        ...

    def withdraw_report(self, code: str) -> bool:
        """The reporter withdraws (deletes) the report; False for a wrong code or the admins' code."""
        ...


@dataclass
class KeptReport:
    """A report as :class:`MemoryStore` keeps it (the database store seals it instead)."""

    route: str
    text: str
    language: str
    platform: str
    name: str
    special: bool
    link: str
    status: str = "received"
    messages: list[tuple[str, str]] = field(default_factory=list)
    case: int = 0
    admins_code: str = ""
    group: str = ""
    left_out: str = ""


class MemoryStore:
    """A store in memory: a real implementation for tests and benchmarks, gone when the process ends."""

    def __init__(self, staff: Collection[str] | None = None) -> None:
        self.groups: dict[tuple[str, str], GroupState] = {}
        self.tally: Counter[tuple[str, str, date, str, int]] = Counter()
        self.cursors: dict[str, str] = {}
        self.reports: dict[str, KeptReport] = {}
        #: The routes with a staff account (None: every route, as a store with no accounts to ask).
        self.staff = None if staff is None else frozenset(staff)

    def staffed(self, routes: Sequence[str]) -> tuple[str, ...]:
        """The routes that have a staff account (:attr:`staff`), in their order."""
        return tuple(r for r in routes if self.staff is None or r in self.staff)

    def load_group(self, platform: str, group: str) -> GroupState | None:
        """The group's record, or None for a group the bot has never seen."""
        return self.groups.get((platform, group))

    def save_group(self, record: GroupState) -> None:
        """Create or replace the group's record."""
        self.groups[(record.platform, record.group)] = record

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

    def file_report(
        self, *, route: str, text: str, language: str, platform: str, name: str, special: bool, link: str
    ) -> str:
        """Keep the report in memory (tests) and return a code."""
        code = secrets.token_hex(10).upper()
        case = max((r.case for r in self.reports.values()), default=0) + 1
        self.reports[code] = KeptReport(route, text, language, platform, name, special, link, case=case)
        return code

    def relay_report(self, code: str, *, group: str, left_out: str) -> tuple[str, int]:
        """Keep the group and the member left out; return the admins' code and the report's number."""
        found = self.reports[code.strip().upper()]
        found.admins_code = secrets.token_hex(10).upper()
        found.group, found.left_out = group, left_out
        return found.admins_code, found.case

    def _find(self, code: str) -> tuple[KeptReport, str] | None:
        wanted = code.strip().upper()
        if wanted in self.reports:
            return self.reports[wanted], REPORTER
        found = next((r for r in self.reports.values() if r.admins_code and r.admins_code == wanted), None)
        return (found, ADMINS) if found is not None else None

    def report_view(self, code: str) -> ReportView | None:
        """The report of a code, as its side sees it, or None."""
        found = self._find(code)
        if found is None:
            return None
        report, side = found
        conversation = [("reporter", report.text), *report.messages]
        return ReportView(
            report.route, report.status, conversation, side, report.case, report.group, report.left_out
        )

    def answer_report(self, code: str, text: str) -> bool:
        """Add an answer from the code's side; False for a wrong code or a closed case."""
        found = self._find(code)
        if found is None or found[0].status == "closed":
            return False
        report, side = found
        report.messages.append(("reporter" if side == REPORTER else "staff", text))
        if side == ADMINS and report.status == "received":
            report.status = "conversation"
        return True

    def withdraw_report(self, code: str) -> bool:
        """Forget the report; False for a wrong code or the admins' code."""
        return self.reports.pop(code.strip().upper(), None) is not None
