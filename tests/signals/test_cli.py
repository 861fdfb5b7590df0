"""`samen signals classify`, run as a person runs it: a real process with stdin and stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from samen.content import load_pack


def classify(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = os.environ | {"SAMEN_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "samen", "signals", "classify", *args],
        input=data,
        capture_output=True,
        env=env,
        timeout=120,
    )


def test_one_json_object_per_line_in_order() -> None:
    lines = ["homo's zijn niet ziek", "ik maak je af", "", "bel Lisa op 06-12345678", "k4nker lijer"]
    done = classify("\n".join(lines).encode() + b"\n", "--lang", "nl")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["text"] for r in records] == lines
    for record in records:
        assert set(record) == {"text", "language", "signals", "nudge"}
        for signal in record["signals"]:
            assert set(signal) == {"kind", "subtype", "score", "do", "explanation", "span"}
    assert records[0]["signals"] == [] and records[0]["nudge"] is None
    assert records[1]["signals"][0]["kind"] == "threat"
    assert records[1]["nudge"]["audience"] == "author" and records[1]["nudge"]["severity"] == "high"
    assert set(records[1]["nudge"]) == {"do", "severity", "audience", "message"}
    assert records[2]["language"] == "und" and records[2]["nudge"] is None
    phone = records[3]["signals"][0]
    assert (phone["kind"], phone["subtype"], phone["span"]) == ("privacy", "phone", [12, 23])
    assert records[3]["nudge"]["do"] == 4
    assert "insult" in {s["kind"] for s in records[4]["signals"]}


def test_nudge_speaks_the_group_language_or_the_messages_own() -> None:
    # --lang is the group's language; a message in the pack's other language is answered in its own.
    done = classify(b"ik maak je af\nI will kill you\n", "--lang", "en")
    dutch, english = (json.loads(line) for line in done.stdout.splitlines())
    pack = load_pack()
    assert pack.language("nl").do(1).title in dutch["nudge"]["message"]
    assert pack.language("en").do(1).title in english["nudge"]["message"]
    assert pack.language("en").campaign_url in english["nudge"]["message"]  # the campaign's English page


def test_non_utf8_line_is_a_clear_error_without_traceback() -> None:
    done = classify(b"hallo\n\xff\xfe kapot\n")
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode()
    assert "Line 2" in err and "UTF-8" in err and "Traceback" not in err


def test_unknown_language_is_a_clear_error() -> None:
    done = classify(b"hoi\n", "--lang", "xx")
    assert done.returncode == 2 and b"Traceback" not in done.stderr


def blind(tmp_path: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "blind.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "samen", "signals", "eval", "--blind", str(path)],
        capture_output=True,
        text=True,
        env=os.environ | {"SAMEN_LANG": "en"},
        timeout=120,
    )


def test_a_blind_set_is_counted_per_kind_and_no_line_is_printed(tmp_path: Path) -> None:
    lines = [
        "nl\tharm\tthreat\tik maak je af",
        "en\tharm\tinsult\tyou're such an idiot, nobody wants you here",
        "",
        "nl\tharmless\tlogistics\tHoe laat is de werkgroep morgen eigenlijk?",
        "en\tharmless\tnegation\tI don't think you're an idiot",
    ]
    done = blind(tmp_path, lines)
    assert done.returncode == 0, done.stderr
    assert "| harm | threat | 1 | 1 |" in done.stdout and "| harmless | logistics | 0 | 1 |" in done.stdout
    assert "Harm found: 2 of 2. Harmless lines nudged: 0 of 2." in done.stdout
    assert "| 0.50 | 2 | 0 |" in done.stdout
    # The set stays blind: no line's text, nor a word of one, reaches the output.
    for word in ("maak", "idiot", "werkgroep", "nobody"):
        assert word not in done.stdout + done.stderr


def test_a_blind_line_of_another_shape_is_named_before_anything_is_scored(tmp_path: Path) -> None:
    done = blind(tmp_path, ["nl\tharm\tthreat\tik maak je af", "en\tmaybe\tinsult\tyou idiot"])
    assert done.returncode == 2 and done.stdout == ""
    assert "Line 2 of the blind set" in done.stderr and "Traceback" not in done.stderr
