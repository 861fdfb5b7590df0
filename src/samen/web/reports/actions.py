"""Every write to the reports goes through one of these functions, and each one that touches a case writes
a line to the access log (who, when, which case, what was done; never content).

A report is committed (SQLite with ``synchronous=FULL``, PostgreSQL's default synchronous commit) before
:func:`file_report` returns, so a reporter who sees the follow-up code can be sure it was kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from samen.errors import InputError
from samen.web.reports import codes
from samen.web.reports.crypto import reseal, seal, unseal
from samen.web.reports.models import (
    AccessLog,
    CodeAttempt,
    Message,
    Report,
    ReportTally,
    StaffRole,
    WithdrawnCode,
)

#: Who the access log names when the reporter acts (the reporter is never identified there).
REPORTER = "reporter"
#: Who the access log names when a group's admins act on a report relayed to them by the bot.
GROUP_ADMINS = "group-admins"
#: Who the access log names for the retention purge.
RETENTION = "retention"
#: Special categories of personal data (GDPR art. 9) a reporter can say the report touches.
SPECIAL_CATEGORIES = ("sexual", "health")
#: A report's or message's words, at most (characters).
TEXT_MAX = 10_000


@dataclass(frozen=True)
class Entry:
    """A message of a case as shown: ``author`` is ``reporter`` or ``staff``."""

    author: str
    text: str
    created: datetime
    staff: str


@dataclass(frozen=True)
class Case:
    """A case opened: its report and what is sealed in it, and the conversation."""

    report: Report
    text: str
    name: str
    contact: str
    special: tuple[str, ...]
    link: str
    messages: tuple[Entry, ...]


def log(who: str, report_id: int, action: str) -> None:
    """Append a line to the access log."""
    AccessLog.objects.create(who=who[:150], case=report_id, action=action)


def file_report(
    route: str,
    text: str,
    *,
    language: str,
    platform: str = "web",
    name: str = "",
    contact: str = "",
    special: Sequence[str] = (),
    consent: bool = False,
    link: str = "",
    code: str | None = None,
) -> tuple[Report, str]:
    """Keep a new report, durably, and return it with its follow-up code (shown once, never kept).

    With ``code`` (the one a report form carried), a report filed under that code already is returned as
    it is instead of filing another: a form sent twice (a reload, a double click, two requests at once)
    files once, and both answers show the same code.

    Args:
        route: the pack's support route id it goes to.
        text: the account in the reporter's own words.
        language: the reporter's language (replies and the status page).
        platform: where it was filed (``web``, ``matrix``, ``discord``, ``telegram``).
        name: the reporter's name when they chose to give it (empty: anonymous).
        contact: how the reporter wants to be reached, when given.
        special: the special categories it touches (:data:`SPECIAL_CATEGORIES`).
        consent: the reporter's explicit consent to process them; required when ``special`` is not empty.
        link: a link to a chat message the report is about (never the message itself).
        code: the follow-up code to file under; None draws a fresh one.

    Raises:
        InputError: special categories without consent, an unknown category, or an empty text.
    """
    if not text.strip():
        raise InputError("A report needs words.", key="reports:empty")
    if any(category not in SPECIAL_CATEGORIES for category in special):
        raise InputError("Unknown special category.", key="reports:category")
    if special and not consent:
        raise InputError("Special categories need explicit consent.", key="reports:consent")
    sealed = seal({"text": text, "name": name, "contact": contact, "special": list(special), "link": link})
    given = code
    while True:
        code = given or codes.new_code()
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    code_hash=codes.code_hash(code),
                    route=route,
                    platform=platform,
                    language=language,
                    anonymous=not name,
                    special_consent=bool(special) and consent,
                    sealed=sealed,
                )
                log(REPORTER, report.pk, "filed")
        except IntegrityError:
            filed = find_report(code) if given is not None else None
            if filed is not None:  # the same form sent again (or twice at once): filed already
                return filed, code
            given = None  # the same code twice by chance (1 in 2**100): simply draw another
            continue
        return report, code


def find_report(code: str) -> Report | None:
    """The report of a follow-up code, or None (also for a string that cannot be a code)."""
    try:
        wanted = codes.code_hash(code)
    except ValueError:
        return None
    report = Report.objects.filter(code_hash=wanted).first()
    if report is None or not codes.same_hash(report.code_hash, wanted):
        return None
    return report


def find_relayed(code: str) -> Report | None:
    """The report relayed to a group's admins whose admins' code this is, or None."""
    try:
        wanted = codes.code_hash(code)
    except ValueError:
        return None
    report = Report.objects.filter(admins_hash=wanted).first()
    if report is None or report.admins_hash is None or not codes.same_hash(report.admins_hash, wanted):
        return None
    return report


def relay(report: Report, *, group: str, left_out: str) -> str:
    """Relay a report to a group's admins through the bot: the group and the member left out (the one the
    report is about) are sealed with the words, and the admins get a code of their own, of which only the
    hash is kept. Returns that code."""
    sealed = {**unseal(report.sealed), "group": group, "left_out": left_out}
    while True:
        code = codes.new_code()
        try:
            with transaction.atomic():
                report.admins_hash = codes.code_hash(code)
                report.sealed = seal(sealed)
                report.save(update_fields=["admins_hash", "sealed"])
                log(GROUP_ADMINS, report.pk, "relayed")
        except IntegrityError:  # the same code twice: draw another
            continue
        return code


def relayed_to(report: Report) -> tuple[str, str]:
    """The group a report was relayed to and the member left out ("" when not relayed); not logged as an
    opening (the words stay sealed)."""
    sealed = unseal(report.sealed)
    return str(sealed.get("group", "")), str(sealed.get("left_out", ""))


def open_case(report: Report, who: str) -> Case:
    """A case's words and conversation, unsealed; the opening is written to the access log."""
    log(who, report.pk, "open")
    sealed = unseal(report.sealed)
    messages = tuple(
        Entry(
            author=m.author,
            text=str(unseal(m.sealed)["text"]),
            created=m.created,
            staff=m.user.get_username() if m.user is not None else "",
        )
        for m in Message.objects.filter(report=report).select_related("user")
    )
    return Case(
        report=report,
        text=str(sealed.get("text", "")),
        name=str(sealed.get("name", "")),
        contact=str(sealed.get("contact", "")),
        special=tuple(sealed.get("special", ())),
        link=str(sealed.get("link", "")),
        messages=messages,
    )


def _add_message(report: Report, author: str, text: str, user: Any = None) -> Message:
    if not text.strip():
        raise InputError("A message needs words.", key="reports:empty")
    now = timezone.now()
    message = Message.objects.create(
        report=report, author=author, user=user, sealed=seal({"text": text}), created=now
    )
    report.updated = now
    return message


def reporter_reply(report: Report, text: str) -> None:
    """The reporter answers; a closed case takes no more messages.

    Raises:
        InputError: the case is closed, or the text is empty.
    """
    if report.status == "closed":
        raise InputError("This case is closed.", key="reports:closed")
    with transaction.atomic():
        _add_message(report, REPORTER, text)
        report.save(update_fields=["updated"])
        log(REPORTER, report.pk, "reply")


def staff_reply(report: Report, user: Any, text: str) -> None:
    """A staff member answers; a case that was only received is now in conversation."""
    with transaction.atomic():
        _add_message(report, "staff", text, user)
        fields = ["updated"]
        if report.status == "received":
            report.status = "conversation"
            fields.append("status")
        report.save(update_fields=fields)
        log(user.get_username(), report.pk, "reply")


def admins_reply(report: Report, text: str) -> None:
    """A group's admins answer a report relayed to them, as the route's reply (a received case is then in
    conversation); a closed case takes no more messages.

    Raises:
        InputError: the case is closed, or the text is empty.
    """
    if report.status == "closed":
        raise InputError("This case is closed.", key="reports:closed")
    with transaction.atomic():
        _add_message(report, "staff", text)
        fields = ["updated"]
        if report.status == "received":
            report.status = "conversation"
            fields.append("status")
        report.save(update_fields=fields)
        log(GROUP_ADMINS, report.pk, "reply")


def set_status(report: Report, user: Any, status: str) -> None:
    """Move a case to a status; closing starts the retention clock, reopening stops it.

    Raises:
        InputError: for a status that is not one of :data:`~samen.web.reports.models.STATUSES`.
    """
    from samen.web.reports.models import STATUSES

    if status not in dict(STATUSES):
        raise InputError("Unknown status.", key="reports:status")
    with transaction.atomic():
        report.status = status
        report.closed = timezone.now() if status == "closed" else None
        report.updated = timezone.now()
        report.save(update_fields=["status", "closed", "updated"])
        log(user.get_username(), report.pk, f"status:{status}"[:16])


def _week(moment: datetime) -> date:
    day = timezone.localdate(moment)
    return day - timedelta(days=day.weekday())


def _tally(report: Report, outcome: str) -> None:
    key = {"week": _week(report.created), "route": report.route, "platform": report.platform}
    if ReportTally.objects.filter(**key, outcome=outcome).update(n=F("n") + 1):
        return
    try:
        with transaction.atomic():
            ReportTally.objects.create(**key, outcome=outcome, n=1)
    except IntegrityError:
        ReportTally.objects.filter(**key, outcome=outcome).update(n=F("n") + 1)


def _remove(report: Report, who: str, outcome: str) -> None:
    """Delete a report and its conversation, leaving only its count."""
    with transaction.atomic():
        _tally(report, outcome)
        report_id = report.pk
        report.delete()  # its messages go with it (cascade)
        log(who, report_id, outcome)


def withdraw(report: Report) -> None:
    """The reporter withdraws the report: it is deleted at once, with every message; a count is left.

    Its code's hash is kept for :data:`codes.FORM_CODE_AGE` more (:class:`WithdrawnCode`): the report form
    that filed it, or a receipt shown before the withdrawal, carries that code signed for as long, and sent
    again (a reload of the old receipt tab) it must not file the report anew.
    """
    with transaction.atomic():
        WithdrawnCode.objects.get_or_create(
            code_hash=report.code_hash, defaults={"until": timezone.now() + codes.FORM_CODE_AGE}
        )
        _remove(report, REPORTER, "withdrawn")


def was_withdrawn(code: str) -> bool:
    """Whether a report filed under this code was withdrawn within the last :data:`codes.FORM_CODE_AGE`."""
    try:
        wanted = codes.code_hash(code)
    except ValueError:
        return False
    return WithdrawnCode.objects.filter(code_hash=wanted, until__gt=timezone.now()).exists()


def _local_time(moment: datetime) -> str:
    """A time as ISO 8601 in the site's time zone, with its offset (``2026-12-02T14:03:11+01:00``): what a
    clock in the Netherlands showed, and still exact for a program."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def export(report: Report) -> dict[str, Any]:
    """Everything kept about a report, for its reporter (GDPR art. 15 and 20); logged as an export.

    The keys are the data's own (stable, for a program); times are the site's local time with their offset.
    The page adds the words a reader needs (:func:`samen.web.reports.views.export_document`).
    """
    case = open_case(report, REPORTER)
    log(REPORTER, report.pk, "export")
    return {
        "route": report.route,
        "platform": report.platform,
        "language": report.language,
        "status": report.status,
        "created": _local_time(report.created),
        "updated": _local_time(report.updated),
        "closed": _local_time(report.closed) if report.closed else None,
        "anonymous": report.anonymous,
        "name": case.name,
        "contact": case.contact,
        "special_categories": list(case.special),
        "special_categories_consent": report.special_consent,
        "link": case.link,
        "relayed_to_group": relayed_to(report)[0],
        "text": case.text,
        "messages": [
            {"from": m.author, "created": _local_time(m.created), "text": m.text} for m in case.messages
        ],
    }


def purge(now: datetime | None = None) -> int:
    """Delete every closed case whose route's retention has passed (``SAMEN_REPORT_RETENTION``), leaving
    only its count; forget old wrong-code tries, withdrawn codes past their day and expired staff sessions.

    Returns:
        How many cases were purged.
    """
    from django.contrib.sessions.models import Session

    now = now or timezone.now()
    purged = 0
    for report in Report.objects.filter(status="closed", closed__isnull=False).order_by("pk").iterator():
        days = settings.SAMEN.retention_days(report.route)
        if report.closed is not None and report.closed <= now - timedelta(days=days):
            _remove(report, RETENTION, "purged")
            purged += 1
    CodeAttempt.objects.filter(at__lt=now - codes.WINDOW).delete()
    WithdrawnCode.objects.filter(until__lte=now).delete()
    Session.objects.filter(expire_date__lt=now).delete()
    return purged


def rekey() -> int:
    """Seal every report and message again with the first key (after a new key was put first).

    Returns:
        How many tokens were sealed again.
    """
    done = 0
    for model in (Report, Message):
        for pk, token in model.objects.values_list("pk", "sealed").iterator():
            model.objects.filter(pk=pk).update(sealed=reseal(token))
            done += 1
    return done


def add_staff(username: str, password: str, roles: Iterable[str]) -> bool:
    """Create a staff account (or set a new password on an existing one) and give it these roles.

    Returns:
        Whether the account is new.
    """
    from django.contrib.auth import get_user_model

    users = get_user_model()
    with transaction.atomic():
        user, created = users.objects.get_or_create(username=username)
        user.set_password(password)
        user.is_active = True
        user.save()
        for role in roles:
            StaffRole.objects.get_or_create(user=user, role=role)
    return bool(created)


def remove_staff_role(username: str, role: str) -> int:
    """Take a role from an account; returns how many roles were taken (0 or 1)."""
    deleted, _ = StaffRole.objects.filter(user__username=username, role=role).delete()
    return deleted
