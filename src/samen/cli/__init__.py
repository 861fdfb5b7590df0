"""``samen``: the command line and the composition root.

Each command group lives in its own module and is listed once in :data:`COMMANDS`, with the line
``samen --help`` shows for it; its module (and what that imports: the pack, the renderers, the signals,
Django) is imported only when the command runs or shows its own help, so ``samen --help`` starts at once.
Every error a user can cause ends as one translated line on stderr and exit status 2, click's own usage
errors included (an unknown option, a wrong choice, a missing argument); nothing prints a traceback.
``--help`` stays English. A reader that stops reading (``samen faq | head -3``) ends the command quietly
with exit status 0: what was asked is done (a kit is written before its file list is printed), only the
rest of the text went unread; 141, as a shell reports a program killed by SIGPIPE, would fail a
``set -o pipefail`` script for a good run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

import click

from samen.errors import SamenError


@dataclass(frozen=True)
class Entry:
    """One command of ``samen``.

    Attributes:
        summary: the line ``samen --help`` shows (the first line of the command's own help; a test keeps
            them equal), so listing the commands imports none of them.
        load: imports the command's module and returns the command.
    """

    summary: str
    load: Callable[[], click.Command]


def _dos() -> click.Command:
    from samen.cli.content import dos

    return dos


def _faq() -> click.Command:
    from samen.cli.content import faq

    return faq


def _pack() -> click.Command:
    from samen.cli.content import pack

    return pack


def _kit() -> click.Command:
    from samen.cli.kit import kit

    return kit


def _signals() -> click.Command:
    from samen.cli.signals import signals

    return signals


def _serve() -> click.Command:
    from samen.cli.serve import serve

    return serve


def _bot() -> click.Command:
    from samen.cli.bot import bot

    return bot


def _staff() -> click.Command:
    from samen.cli.staff import staff

    return staff


def _reports() -> click.Command:
    from samen.cli.reports import reports

    return reports


#: Every command of ``samen`` (``samen --help`` lists them by name).
COMMANDS: dict[str, Entry] = {
    "dos": Entry("Print the Do's, exactly as in the campaign pack.", _dos),
    "faq": Entry("Print the FAQ, or the answer on one topic (such as racism or racisme).", _faq),
    "pack": Entry("Work with campaign packs.", _pack),
    "kit": Entry("Write every material of a setting to a folder (or of every setting with --all).", _kit),
    "signals": Entry("Notice likely harm, privacy leaks and heat in messages (Dutch and English).", _signals),
    "serve": Entry(
        "Serve the web toolkit: applies the database migrations, then serves it with gunicorn.", _serve
    ),
    "bot": Entry("Run the bot on PLATFORM (matrix, discord or telegram) until stopped.", _bot),
    "staff": Entry("Staff accounts for confidential reports.", _staff),
    "reports": Entry("Retention and encryption keys of confidential reports.", _reports),
}


class ReaderGone(Exception):
    """stdout's reader went away (a closed pipe), raised past click, which would end it with exit 1."""


class Commands(click.Group):
    """The ``samen`` group over :data:`COMMANDS`: a command's module is imported when it is chosen."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the chosen command; a closed stdout leaves as :class:`ReaderGone` for :func:`main`."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise ReaderGone from exc

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands, by name (as click lists them)."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command by name, its module imported now; None for an unknown name."""
        entry = COMMANDS.get(cmd_name)
        return entry.load() if entry is not None else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``samen --help``, from the summaries: nothing is imported for it."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _shorten(COMMANDS[name].summary, limit)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _shorten(text: str, limit: int) -> str:
    """The summary as click would show it: its first sentence, cut to the width with an ellipsis."""
    return click.Command(None, help=text).get_short_help_str(limit)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="samen")
def samen() -> None:
    """samen: the Do's for online study groups, as a kit, a web toolkit, a bot and gentle signals."""


def main(argv: list[str] | None = None) -> None:
    """Run the command line; user errors exit 2 with one line, unexpected ones 1 without a traceback."""
    from samen.cli.output import cli_language, fail, say, usage_error

    try:
        samen.main(args=argv, prog_name="samen", standalone_mode=False)
        sys.stdout.flush()  # here, not at exit: a reader that left is seen while it can be handled
    except (ReaderGone, BrokenPipeError):
        _quiet_stdout()
        sys.exit(0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:  # one translated line, as every other user error (--help stays English)
        click.echo(f"{say('error.prefix')}: {usage_error(exc)}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"{say('error.prefix')}: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code or 2)
    except click.exceptions.Abort:
        sys.exit(130)
    except SamenError as exc:
        fail(exc)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, never a traceback
        name = type(exc).__name__
        if cli_language() == "nl":
            click.echo(f"Onverwachte fout: {name}. Meld die alsjeblieft.", err=True)
        else:
            click.echo(f"Unexpected error: {name}. Please report it.", err=True)
        sys.exit(1)


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that the text still buffered for a reader who left is not
    flushed at exit into a second broken pipe ("Exception ignored … BrokenPipeError", exit 120)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests run in process)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)
