"""``samen reports purge|rekey|new-key``: retention and keys of the confidential reports.

``samen serve`` runs the purge at start and then once a day; the command is there for a server that is
not running, and for a cron job.
"""

from __future__ import annotations

import click

from samen.cli.staff import say_reports


@click.group()
def reports() -> None:
    """Retention and encryption keys of confidential reports."""


@reports.command()
def purge() -> None:
    """Delete closed reports whose retention period has passed, leaving only their counts."""
    from samen.web.reports import open_database

    open_database()
    from samen.web.reports.actions import purge as purge_reports

    click.echo(say_reports("purged", count=purge_reports()))


@reports.command()
def rekey() -> None:
    """Seal every report again with the first key of SAMEN_REPORT_KEYS (after adding a new key first)."""
    from samen.web.reports import open_database

    open_database()
    from samen.web.reports.actions import rekey as rekey_reports

    click.echo(say_reports("rekeyed", count=rekey_reports()))


@reports.command("new-key")
def new_key() -> None:
    """Print a new key for SAMEN_REPORT_KEYS (put it first; keep the old one until `rekey` has run)."""
    from samen.web.reports.crypto import new_key as make_key

    click.echo(make_key())
