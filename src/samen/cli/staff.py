"""``samen staff add|remove``: the accounts that receive confidential reports, one role per support route.

The password is read from standard input (a pipe or a file; typed twice, hidden, at a terminal), never from
the command line, where other users of the machine could read it in the process list.
"""

from __future__ import annotations

import sys

import click

from samen.errors import InputError

#: The shortest password a staff account takes.
MIN_PASSWORD = 12


def _roles_known() -> tuple[str, ...]:
    from samen.web.reports import report_routes
    from samen.web.reports.models import CAMPAIGN_ROLE

    return (*report_routes(), CAMPAIGN_ROLE)


def _read_password(username: str, role: str) -> str:
    """The one password line from stdin (prompted twice at a terminal).

    A pipe or file must hold exactly one non-empty line: a password cannot contain a line break, and two
    lines (say, a password and its confirmation) would otherwise be stored joined, so that no login works.
    Raises :class:`InputError` for none, several lines, or fewer than :data:`MIN_PASSWORD` characters.
    """
    if sys.stdin.isatty():
        password = str(click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True))
        lines = password.splitlines() or [""]
    else:
        lines = [line for line in sys.stdin.read().splitlines() if line] or [""]
    if len(lines) > 1:
        raise InputError(
            "More than one line on standard input.",
            key="reports:password_lines",
            username=username,
            role=role,
        )
    password = lines[0]
    if not password:
        raise InputError(
            "No password on standard input.",
            key="reports:no_password",
            length=MIN_PASSWORD,
            username=username,
            role=role,
        )
    if len(password) < MIN_PASSWORD:
        raise InputError(
            "Password too short.", key="reports:short_password", length=MIN_PASSWORD, given=len(password)
        )
    return password


@click.group()
def staff() -> None:
    """Staff accounts for confidential reports."""


@staff.command()
@click.argument("username")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    help="A support route id of the pack (its reports), or 'campaign' (the anonymous insight only).",
)
def add(username: str, roles: tuple[str, ...]) -> None:
    """Create USERNAME (or give it a new password) with these roles; the password comes from stdin."""
    from samen.web.reports import open_database

    open_database()
    known = _roles_known()
    for role in roles:
        if role not in known:
            raise InputError("Unknown role.", key="reports:unknown_role", role=role, roles=", ".join(known))
    from django.contrib.auth.validators import UnicodeUsernameValidator
    from django.core.exceptions import ValidationError

    try:
        UnicodeUsernameValidator()(username)
        if len(username) > 150:
            raise ValidationError("too long")
    except ValidationError:
        raise InputError("Bad user name.", key="reports:bad_username") from None
    password = _read_password(username, roles[0])
    from django.contrib.auth.password_validation import validate_password
    from django.utils import translation

    from samen.cli.output import cli_language

    try:
        with translation.override(cli_language()):  # Django's reasons in the message's language
            validate_password(password)
    except ValidationError as exc:
        raise InputError(
            "Weak password.", key="reports:weak_password", reasons=" ".join(exc.messages)
        ) from None
    from samen.web.reports.actions import add_staff

    created = add_staff(username, password, roles)
    key = "staff.created" if created else "staff.updated"
    click.echo(say_reports(key, username=username, roles=", ".join(roles)))


@staff.command()
@click.argument("username")
@click.option("--role", required=True, help="The role to take away.")
def remove(username: str, role: str) -> None:
    """Take a role away from USERNAME (the account stays; its other roles too)."""
    from samen.web.reports import open_database

    open_database()
    from samen.web.reports.actions import remove_staff_role

    key = "staff.removed" if remove_staff_role(username, role) else "staff.not_found"
    click.echo(say_reports(key, username=username, role=role))


def say_reports(key: str, **values: object) -> str:
    """A reports string (``strings/reports.yaml``) in the CLI's language."""
    from samen.cli.output import cli_language
    from samen.content import load_strings

    return load_strings("reports").get(cli_language(), key, **values)


__all__ = ["add", "remove", "say_reports", "staff"]
