"""The shared PostgreSQL fixture starts a real server that takes queries."""

from __future__ import annotations

import psycopg


def test_postgres_server_answers(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as conn:
        row = conn.execute("SELECT current_database(), 6 * 7").fetchone()
    assert row == ("samen", 42)
