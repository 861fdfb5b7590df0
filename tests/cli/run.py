"""The ``samen`` command run in this process, as a person runs it, through click's ``CliRunner`` isolation:
its own stdin, stdout, stderr and environment, and ``main``'s exit status. A new Python process per call
cost about half a second each; one subprocess smoke test per entry point (``tests/cli/test_entry_points.py``)
keeps the installed commands honest."""

from __future__ import annotations

from dataclasses import dataclass

from click.testing import CliRunner

from samen.cli import main

#: Variables that choose the CLI's language or the pack, removed unless a test sets them.
CLEARED = ("SAMEN_LANG", "LANG", "LC_ALL", "SAMEN_PACK", "SAMEN_BASE_URL")


@dataclass(frozen=True)
class Ran:
    """What a run of ``samen`` left: as ``subprocess.CompletedProcess`` names it."""

    returncode: int
    stdout: str
    stderr: str


def samen(
    *args: str, lang: str | None = "en", env: dict[str, str] | None = None, input: bytes | None = None
) -> Ran:
    """Run ``samen ARGS`` in process.

    Args:
        lang: ``SAMEN_LANG`` (None: unset, so ``LANG`` decides).
        env: more variables for the run.
        input: what stdin holds.
    """
    environ: dict[str, str | None] = dict.fromkeys(CLEARED)
    if lang is not None:
        environ["SAMEN_LANG"] = lang
    environ.update(env or {})
    with CliRunner().isolation(input=input, env=environ) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exited:
            code = exited.code if isinstance(exited.code, int) else (0 if exited.code is None else 1)
        return Ran(code, out.getvalue().decode(), err.getvalue().decode())
