"""``samen``: the command line and the composition root.

Each command group lives in its own module and is listed once in :data:`COMMANDS`. Every error a user can
cause ends as one translated line on stderr and exit status 2, click's own usage errors included (an unknown
option, a wrong choice, a missing argument); nothing prints a traceback. ``--help`` stays English.
"""

from __future__ import annotations

import sys

import click

from samen.cli import content as content_commands
from samen.cli import signals as signals_commands
from samen.cli.bot import bot
from samen.cli.kit import kit
from samen.cli.output import cli_language, fail, say, usage_error
from samen.cli.reports import reports
from samen.cli.serve import serve
from samen.cli.staff import staff
from samen.errors import SamenError

COMMANDS: dict[str, click.Command] = {
    "dos": content_commands.dos,
    "faq": content_commands.faq,
    "pack": content_commands.pack,
    "kit": kit,
    "signals": signals_commands.signals,
    "serve": serve,
    "bot": bot,
    "staff": staff,
    "reports": reports,
}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="samen")
def samen() -> None:
    """samen: the Do's for online study groups, as a kit, a web toolkit, a bot and gentle signals."""


for _name, _command in COMMANDS.items():
    samen.add_command(_command, _name)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; user errors exit 2 with one line, unexpected ones 1 without a traceback."""
    try:
        samen.main(args=argv, prog_name="samen", standalone_mode=False)
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
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: say so in one line, never a traceback
        lang = cli_language()
        message = "Onverwachte fout" if lang == "nl" else "Unexpected error"
        click.echo(f"{message}: {type(exc).__name__}. Please report it.", err=True)
        sys.exit(1)
