"""Fixtures shared by every test area: real servers started on loopback for the session."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for this test session: ``postgresql://samen@127.0.0.1:PORT/samen``.

    Started from Debian's (or the machine's) ``initdb``/``postgres``; scripts/test installs them when
    missing. Runs as a non-root user when the tests run as root, as PostgreSQL refuses root.
    """
    initdb, postgres = _postgres_bin("initdb"), _postgres_bin("postgres")
    if not initdb or not postgres:
        pytest.fail("PostgreSQL's initdb/postgres were not found; scripts/test installs Debian's postgresql")
    # Not under pytest's tmp folder: that is private to root, and the server may run as another user.
    root = Path(tempfile.mkdtemp(prefix="samen-postgres-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    port = free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL will not run as root; use the nobody account and hand it the folder.
        subprocess.run(["chown", "-R", "nobody", str(root)], check=True)
        os.chmod(root, 0o777)
        as_user = ["runuser", "-u", "nobody", "--"]
    subprocess.run(
        [*as_user, initdb, "-D", str(data), "-U", "samen", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True,
        capture_output=True,
    )
    log = root / "postgres.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                *as_user,
                postgres,
                "-D",
                str(data),
                "-p",
                str(port),
                "-k",
                str(sockets),
                "-h",
                "127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"PostgreSQL did not start: {Path(log).read_text(errors='replace')[-2000:]}")
                time.sleep(0.1)
        import psycopg

        for _ in range(100):
            try:
                with psycopg.connect(
                    f"postgresql://samen@127.0.0.1:{port}/postgres", autocommit=True
                ) as conn:
                    conn.execute("CREATE DATABASE samen")
                break
            except psycopg.OperationalError:
                time.sleep(0.1)
        yield f"postgresql://samen@127.0.0.1:{port}/samen"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(root, ignore_errors=True)
