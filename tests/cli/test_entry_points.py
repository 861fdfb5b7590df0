"""One real process per entry point (the installed ``samen`` script and ``python -m samen``); every other
CLI test runs in process (``tests/cli/run.py``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from samen.cli import COMMANDS
from samen.content import DEFAULT_PACK

SCRIPT = shutil.which("samen") or str(Path(sys.executable).parent / "samen")


@pytest.mark.parametrize("command", [[SCRIPT], [sys.executable, "-m", "samen"]], ids=["script", "module"])
def test_each_entry_point_runs_a_command_and_reports_a_user_error_with_exit_2(command: list[str]) -> None:
    env = os.environ | {"SAMEN_LANG": "en"}
    done = subprocess.run(
        [*command, "dos", "--lang", "en"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("1. ")
    wrong = subprocess.run(
        [*command, "pack", "validate", str(DEFAULT_PACK.parent)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert wrong.returncode == 2 and wrong.stderr.startswith("Error: ") and "Traceback" not in wrong.stderr


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_help_list_says_what_each_commands_own_help_says(name: str) -> None:
    entry = COMMANDS[name]
    command = entry.load()
    assert isinstance(command, click.Command)
    assert command.help is not None and command.help.splitlines()[0] == entry.summary


@pytest.mark.parametrize("args", [["faq"], ["dos", "--format", "json"]])
def test_a_reader_that_stops_reading_ends_the_command_quietly_with_0(args: list[str]) -> None:
    """``samen faq | head -3`` sometimes ended with exit 1 and no word: click ends a broken pipe so.
    The pipe is closed before the command writes, so every run meets it (``head`` only sometimes does)."""
    env = os.environ | {"SAMEN_LANG": "en"}
    process = subprocess.Popen([SCRIPT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err.decode()) == (0, "")
