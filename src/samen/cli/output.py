"""How the command line speaks: its language and its one-line errors."""

from __future__ import annotations

import os
import re

import click

from samen.errors import PackError, SamenError


def cli_language() -> str:
    """The language of the CLI's own messages: ``SAMEN_LANG``, else Dutch for a Dutch locale, else English."""
    chosen = os.environ.get("SAMEN_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "nl" if chosen.lower().startswith("nl") else "en"


def say(key: str, **values: object) -> str:
    """A CLI string in the CLI's language."""
    from samen.content import load_strings  # here: ``samen --help`` needs no catalogue and no pack

    return load_strings("cli").get(cli_language(), key, **values)


def fail(exc: SamenError) -> None:
    """Print a user error: ``Error: …`` (or each pack problem on its own line)."""
    from samen.content import describe_error, describe_problem

    prefix = say("error.prefix")
    if isinstance(exc, PackError):
        for problem in exc.problems:
            click.echo(describe_problem(problem, cli_language()), err=True)
        click.echo(f"{prefix}: {describe_error(exc, cli_language())}", err=True)
        return
    click.echo(f"{prefix}: {describe_error(exc, cli_language())}", err=True)


def usage_error(exc: click.UsageError) -> str:
    """click's usage error as one sentence in the CLI's language, without click's "Usage:" and "Try" lines.

    The common cases (an unknown option or command, a wrong choice or number, a missing option, argument or
    value) are translated; any other keeps click's English words after the translated prefix.
    """
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        if isinstance(exc.param, click.Option):
            return say("usage.missing_option", param=_param_name(exc.param))
        return say("usage.missing_argument", param=_param_name(exc.param))
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return _bad_value(exc, exc.param)
    if isinstance(exc, click.NoSuchOption):
        text = say("usage.no_such_option", option=exc.option_name)
        if exc.possibilities:
            options = f" {say('usage.or')} ".join(f"'{p}'" for p in sorted(exc.possibilities))
            text = f"{text} {say('usage.did_you_mean', options=options)}"
        return text
    if isinstance(exc, click.BadOptionUsage) and "requires" in exc.message:
        return say("usage.needs_value", option=exc.option_name)
    command = re.fullmatch(r"No such command '(.+)'\.", exc.message)
    if command and exc.ctx is not None and isinstance(exc.ctx.command, click.Group):
        choices = ", ".join(exc.ctx.command.list_commands(exc.ctx))
        return say("usage.no_such_command", command=command.group(1), choices=choices)
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", exc.message)
    if extra:
        return say("usage.extra", arguments=extra.group(1))
    return exc.format_message()


def _param_name(param: click.Parameter) -> str:
    """``--port`` for an option, ``FILE`` for an argument: as the person typed or reads it in ``--help``."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name.upper()


def _bad_value(exc: click.BadParameter, param: click.Parameter) -> str:
    name = _param_name(param)
    # click puts the value first, as Python writes it ('xml', or 0 for a number); it keeps no other copy.
    given = re.match(r"('.*?'|\S+) is not\b", exc.message)
    value = given.group(1) if given else ""
    kind = param.type
    if given and isinstance(kind, click.Choice):
        return say("usage.choice", value=value, param=name, choices=", ".join(str(c) for c in kind.choices))
    if given and isinstance(kind, click.IntRange) and kind.min is not None and kind.max is not None:
        low = kind.min + (1 if kind.min_open else 0)
        high = kind.max - (1 if kind.max_open else 0)
        return say("usage.range", value=value, param=name, min=low, max=high)
    if given and isinstance(kind, click.IntRange) and kind.min is not None:
        return say("usage.at_least", value=value, param=name, min=kind.min + (1 if kind.min_open else 0))
    if given and isinstance(kind, click.types.IntParamType):
        return say("usage.integer", value=value, param=name)
    return say("usage.invalid", param=name, detail=exc.message)
