"""The reports' database part on a real PostgreSQL: the same tests as on SQLite (the access matrix, the
sealed rows, the append-only log with PostgreSQL's own trigger, retention, tallies), run by a second
pytest whose Django database is the test session's PostgreSQL server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgres
def test_the_reports_tests_pass_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": postgres_url, "SAMEN_DATA_DIR": str(tmp_path)}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/web/test_reports.py",
            "tests/web/test_reports_access.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout
