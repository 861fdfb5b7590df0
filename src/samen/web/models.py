"""The database tables of samen: the bot's state per group, its counts and its adapters' cursors (never any
message text)."""

from __future__ import annotations

from datetime import date, datetime

from django.db import models


class BotGroup(models.Model):
    """One group the bot is in, on one platform: its settings and the bot's bookkeeping.

    ``warnings`` holds the missing permissions the admins were told about, comma-separated;
    ``last_position`` and ``last_event`` mark the last event handled, so that nothing is answered twice.
    """

    platform: models.CharField[str, str] = models.CharField(max_length=32)
    group: models.CharField[str, str] = models.CharField(max_length=255)
    language: models.CharField[str | None, str | None] = models.CharField(
        max_length=16, null=True, blank=True
    )
    welcome: models.BooleanField[bool, bool] = models.BooleanField(default=True)
    nudges: models.CharField[str, str] = models.CharField(max_length=16, default="author")
    onboarded: models.BooleanField[bool, bool] = models.BooleanField(default=False)
    warnings: models.CharField[str, str] = models.CharField(max_length=255, blank=True, default="")
    last_position: models.BigIntegerField[int | None, int | None] = models.BigIntegerField(
        null=True, blank=True
    )
    last_event: models.CharField[str | None, str | None] = models.CharField(
        max_length=255, null=True, blank=True
    )
    updated: models.DateTimeField[datetime, datetime] = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["platform", "group"], name="web_botgroup_unique"),)

    def __str__(self) -> str:
        return f"{self.platform}:{self.group}"


class BotCount(models.Model):
    """How often something happened in a group on a day: a Do pointed to, a nudge, "not meant that way".

    ``do`` is the Do's number, 0 when the count concerns no Do.
    """

    platform: models.CharField[str, str] = models.CharField(max_length=32)
    group: models.CharField[str, str] = models.CharField(max_length=255)
    day: models.DateField[date, date] = models.DateField()
    kind: models.CharField[str, str] = models.CharField(max_length=32)
    do: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(default=0)
    n: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["platform", "group", "day", "kind", "do"], name="web_botcount_unique"
            ),
        )
        indexes = (models.Index(fields=["platform", "group", "day"], name="web_botcount_group_day"),)

    def __str__(self) -> str:
        return f"{self.platform}:{self.group} {self.day} {self.kind} {self.do}: {self.n}"


class BotCursor(models.Model):
    """Where a bot adapter reads on after a restart, by name: Matrix's ``/sync`` since-token.

    Kept apart from the groups, so that a list of groups holds only groups. ``value`` is a text field:
    Matrix sets no bound on a token's length.
    """

    name: models.CharField[str, str] = models.CharField(max_length=255, unique=True)
    value: models.TextField[str, str] = models.TextField()
    updated: models.DateTimeField[datetime, datetime] = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name
