"""How the command line speaks: its language and its one-line errors."""

from __future__ import annotations

import os

import click

from samen.content import describe_error, load_strings
from samen.errors import PackError, SamenError


def cli_language() -> str:
    """The language of the CLI's own messages: ``SAMEN_LANG``, else Dutch for a Dutch locale, else English."""
    chosen = os.environ.get("SAMEN_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "nl" if chosen.lower().startswith("nl") else "en"


def say(key: str, **values: object) -> str:
    """A CLI string in the CLI's language."""
    return load_strings("cli").get(cli_language(), key, **values)


def fail(exc: SamenError) -> None:
    """Print a user error: ``Error: …`` (or each pack problem on its own line)."""
    prefix = say("error.prefix")
    if isinstance(exc, PackError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{prefix}: {describe_error(exc, cli_language())}", err=True)
        return
    click.echo(f"{prefix}: {describe_error(exc, cli_language())}", err=True)
