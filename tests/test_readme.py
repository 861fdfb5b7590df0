"""The README as a newcomer reads it: its command table is one table that names every command."""

from __future__ import annotations

from pathlib import Path

from samen.cli import samen

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_command_table_is_whole_and_names_every_command() -> None:
    """A blank line inside the table ended it, so the `samen bot` and `samen signals` rows showed as raw
    `|` text on GitHub."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| command | what it does |")
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    rows = "\n".join(table[2:])
    for name in samen.commands:
        assert f"`samen {name}" in rows, name
