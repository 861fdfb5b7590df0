"""The tables of confidential reports.

What a reporter or staff member writes is kept only sealed (:mod:`samen.web.reports.crypto`): ``sealed``
holds a Fernet token, never plain text. What stays readable is what routing, retention and the anonymous
counts need: the route, the status, the platform, the language and the dates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: A case's statuses in their order (received → in conversation → advised or referred → closed).
STATUSES: tuple[tuple[str, Any], ...] = (
    ("received", _("Received")),
    ("conversation", _("In conversation")),
    ("advised", _("Advised")),
    ("referred", _("Referred")),
    ("closed", _("Closed")),
)

#: The role that sees the anonymous insight only, never a case.
CAMPAIGN_ROLE = "campaign"


class Report(models.Model):
    """One report to one support route.

    ``code_hash`` is the SHA-256 of the follow-up code (the code itself is shown once and never kept);
    ``sealed`` the encrypted account (text, and name and contact when given); ``closed`` when the case was
    closed (the retention clock starts there).
    """

    code_hash: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    # The SHA-256 of the code the bot gave a group's admins for a report relayed to them (the pack's
    # ``reports.group_route``); null for every other report.
    admins_hash: models.CharField[str | None, str | None] = models.CharField(
        max_length=64, unique=True, null=True, blank=True, default=None
    )
    route: models.CharField[str, str] = models.CharField(max_length=64)
    platform: models.CharField[str, str] = models.CharField(max_length=32, default="web")
    language: models.CharField[str, str] = models.CharField(max_length=16)
    status: models.CharField[str, str] = models.CharField(max_length=16, choices=STATUSES, default="received")
    anonymous: models.BooleanField[bool, bool] = models.BooleanField(default=True)
    special_consent: models.BooleanField[bool, bool] = models.BooleanField(default=False)
    sealed: models.TextField[str, str] = models.TextField()
    created: models.DateTimeField[datetime, datetime] = models.DateTimeField(default=timezone.now)
    updated: models.DateTimeField[datetime, datetime] = models.DateTimeField(default=timezone.now)
    closed: models.DateTimeField[datetime | None, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    class Meta:
        indexes = (
            models.Index(fields=["route", "-updated", "-id"], name="reports_route_updated"),
            models.Index(fields=["status", "closed"], name="reports_status_closed"),
        )

    def __str__(self) -> str:
        return f"case {self.pk} ({self.route}, {self.status})"


class Message(models.Model):
    """A message of a case's conversation: ``author`` is ``reporter`` or ``staff`` (``user`` says who)."""

    report: models.ForeignKey[Report, Report] = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="messages"
    )
    author: models.CharField[str, str] = models.CharField(max_length=16)
    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sealed: models.TextField[str, str] = models.TextField()
    created: models.DateTimeField[datetime, datetime] = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created", "pk")

    def __str__(self) -> str:
        return f"message {self.pk} of case {self.report_id} by {self.author}"  # type: ignore[attr-defined]


class StaffRole(models.Model):
    """A staff account's role: a support route id of the pack (its cases), or ``campaign`` (insight only)."""

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_roles"
    )
    role: models.CharField[str, str] = models.CharField(max_length=64)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["user", "role"], name="reports_staffrole_unique"),)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.role}"  # type: ignore[attr-defined]


class AccessLog(models.Model):
    """Who opened or changed which case, and when; never content. Append-only: the database refuses any
    change or removal of a row (triggers in migration 0002), and so does the model."""

    at: models.DateTimeField[datetime, datetime] = models.DateTimeField(default=timezone.now)
    who: models.CharField[str, str] = models.CharField(max_length=150)
    case: models.BigIntegerField[int, int] = models.BigIntegerField()
    action: models.CharField[str, str] = models.CharField(max_length=16)

    class Meta:
        indexes = (models.Index(fields=["case", "at"], name="reports_log_case_at"),)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Write a new row; an existing one cannot be changed."""
        if self.pk is not None:
            raise PermissionError("the access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Never: the access log is append-only."""
        raise PermissionError("the access log is append-only")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.who} {self.action} case {self.case}"


class ReportTally(models.Model):
    """The anonymous count that outlives purged and withdrawn reports: per week filed, route, platform and
    how it ended (``closed`` or ``withdrawn``)."""

    week: models.DateField[date, date] = models.DateField()
    route: models.CharField[str, str] = models.CharField(max_length=64)
    platform: models.CharField[str, str] = models.CharField(max_length=32)
    outcome: models.CharField[str, str] = models.CharField(max_length=16)
    n: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["week", "route", "platform", "outcome"], name="reports_tally_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.week} {self.route} {self.platform} {self.outcome}: {self.n}"


class CodeAttempt(models.Model):
    """A wrong follow-up code (or staff password), for the guessing limit: ``client`` is a keyed hash of the
    address it came from, never the address itself; rows older than the window are removed."""

    client: models.CharField[str, str] = models.CharField(max_length=64)
    at: models.DateTimeField[datetime, datetime] = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = (models.Index(fields=["client", "at"], name="reports_attempt_client_at"),)

    def __str__(self) -> str:
        return f"{self.client[:8]} {self.at}"


class WithdrawnCode(models.Model):
    """The hash of a withdrawn report's code, kept only while a report form that carries that code could
    still be sent again (``until``: the withdrawal plus the signed form code's day). A reload of the old
    receipt then files nothing. Nothing else of the report: no route, no words, no case number."""

    code_hash: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    until: models.DateTimeField[datetime, datetime] = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"withdrawn code until {self.until:%Y-%m-%d %H:%M}"
