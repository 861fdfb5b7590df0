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
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from samen.groups import NUDGE_MODES, CountRow, GroupState

__all__ = ["NUDGE_MODES", "CountRow", "GroupState", "MemoryStore", "ReportView", "Store"]

#: A report as its reporter sees it: route id, status, and the conversation as (author, text) pairs, where
#: the author is ``reporter`` or ``staff``.
ReportView = tuple[str, str, list[tuple[str, str]]]


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

    def report_view(self, code: str) -> ReportView | None:
        """A report as its reporter sees it with the code: its route, status and conversation (the report
        first, as ``("reporter", text)``, then each message as ``(author, text)``); None for a wrong code."""
        ...

    def answer_report(self, code: str, text: str) -> bool:
        """The reporter answers; False for a wrong code or a closed case."""
        ...

    def withdraw_report(self, code: str) -> bool:
        """The reporter withdraws (deletes) the report; False for a wrong code."""
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


class MemoryStore:
    """A store in memory: a real implementation for tests and benchmarks, gone when the process ends."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], GroupState] = {}
        self.tally: Counter[tuple[str, str, date, str, int]] = Counter()
        self.cursors: dict[str, str] = {}
        self.reports: dict[str, KeptReport] = {}

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
        self.reports[code] = KeptReport(route, text, language, platform, name, special, link)
        return code

    def report_view(self, code: str) -> ReportView | None:
        """The report of a code, or None."""
        found = self.reports.get(code.strip().upper())
        if found is None:
            return None
        return found.route, found.status, [("reporter", found.text), *found.messages]

    def answer_report(self, code: str, text: str) -> bool:
        """Add the reporter's answer; False for a wrong code or a closed case."""
        found = self.reports.get(code.strip().upper())
        if found is None or found.status == "closed":
            return False
        found.messages.append(("reporter", text))
        return True

    def withdraw_report(self, code: str) -> bool:
        """Forget the report; False for a wrong code."""
        return self.reports.pop(code.strip().upper(), None) is not None
