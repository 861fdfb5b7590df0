"""The access log is append-only in the database itself: an UPDATE or DELETE of a row is refused, on
SQLite and on PostgreSQL, whoever asks (the model refuses too, but a raw query would not ask it)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SQLITE = [
    "CREATE TRIGGER reports_accesslog_no_update BEFORE UPDATE ON reports_accesslog "
    "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    "CREATE TRIGGER reports_accesslog_no_delete BEFORE DELETE ON reports_accesslog "
    "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
]
POSTGRES = [
    "CREATE FUNCTION reports_accesslog_refuse() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$",
    "CREATE TRIGGER reports_accesslog_append_only BEFORE UPDATE OR DELETE ON reports_accesslog "
    "FOR EACH ROW EXECUTE FUNCTION reports_accesslog_refuse()",
    "CREATE TRIGGER reports_accesslog_no_truncate BEFORE TRUNCATE ON reports_accesslog "
    "FOR EACH STATEMENT EXECUTE FUNCTION reports_accesslog_refuse()",
]
UNDO = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS reports_accesslog_no_update",
        "DROP TRIGGER IF EXISTS reports_accesslog_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS reports_accesslog_no_truncate ON reports_accesslog",
        "DROP TRIGGER IF EXISTS reports_accesslog_append_only ON reports_accesslog",
        "DROP FUNCTION IF EXISTS reports_accesslog_refuse()",
    ],
}


def forward(apps: Any, schema_editor: Any) -> None:
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps: Any, schema_editor: Any) -> None:
    for statement in UNDO.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]  # noqa: RUF012
    operations = [migrations.RunPython(forward, backward)]  # noqa: RUF012
