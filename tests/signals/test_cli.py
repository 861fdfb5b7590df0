"""`samen signals classify` and `samen signals eval --blind` / `--against`, run as a person runs them: a real
process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from samen.content import load_pack
from samen.signals.model import load_model


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


def blind(tmp_path: Path, lines: list[str], *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    path = tmp_path / "blind.tsv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return subprocess.run(
        [sys.executable, "-m", "samen", "signals", "eval", "--blind", str(path), *args],
        capture_output=True,
        text=True,
        env=os.environ | {"SAMEN_LANG": lang},
        timeout=120,
    )


def test_a_blind_set_is_counted_per_kind_and_no_line_is_printed(tmp_path: Path) -> None:
    # As a spreadsheet exports it: a byte-order mark, CRLF, a label in capitals, a trailing tab, a tab
    # inside a pasted message.
    lines = [
        "nl\tharm\tthreat\tik maak je af",
        "en\tHarm\tinsult\tyou're such an idiot, nobody wants you here\t",
        "",
        "nl\tharmless\tlogistics\tHoe laat is de werkgroep morgen eigenlijk?\tZaal 2.14",
        "EN\tharmless\tnegation\tI don't think you're an idiot",
    ]
    done = blind(tmp_path, lines)
    assert done.returncode == 0, done.stderr
    assert "| harm | threat | 1 | 1 |" in done.stdout and "| harmless | logistics | 0 | 1 |" in done.stdout
    assert "Harm found: 2 of 2. Harmless lines nudged: 0 of 2." in done.stdout
    assert "| 0.50 | 2 | 0 |" in done.stdout
    assert "| en | 1 of 1 | 0 of 1 |" in done.stdout and "| nl | 1 of 1 | 0 of 1 |" in done.stdout
    # The set stays blind: no line's text, nor a word of one, reaches the output.
    for word in ("maak", "idiot", "werkgroep", "nobody", "Zaal"):
        assert word not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("en\tmaybe\tinsult\tyou idiot", "its label is not harm or harmless"),
        ("en\tharm\tin|sult\tyou idiot", "its kind is not a name"),
        ("en\tharm\t \tyou idiot", "its kind is not a name"),
        ("english\tharm\tinsult\tyou idiot", "its language is not a language code"),
        ("en\tharm\tinsult\t  ", "it has no text"),
        ("en harm insult you idiot", "has 1 fields, not 4"),
    ],
)
def test_a_blind_line_of_another_shape_is_named_before_anything_is_scored(
    tmp_path: Path, line: str, problem: str
) -> None:
    done = blind(tmp_path, ["nl\tharm\tthreat\tik maak je af", line])
    assert done.returncode == 2 and done.stdout == ""
    assert "Line 2 of the blind set" in done.stderr and problem in done.stderr
    assert "Traceback" not in done.stderr and "idiot" not in done.stderr


def test_a_blind_set_without_lines_or_with_other_options_is_refused_in_dutch(tmp_path: Path) -> None:
    empty = blind(tmp_path, ["", "   "], lang="nl")
    assert empty.returncode == 2 and "bevat geen regel om te tellen" in empty.stderr
    # Refused whenever given, even as the default: the count would not be what the options say.
    for option in (("--sample", "5"), ("--split", "test"), ("--sample", "0"), ("--data", str(tmp_path))):
        alone = blind(tmp_path, ["nl\tharm\tthreat\tik maak je af"], *option, lang="nl")
        assert alone.returncode == 2 and "laat --data, --plot, --sample en --split weg" in alone.stderr
        assert alone.stdout == ""
    assert empty.stdout == ""


def test_two_models_are_compared_row_by_row_and_no_line_is_printed(tmp_path: Path) -> None:
    # The shipped model against a copy of it with the insult kind switched off: the copy loses the lines
    # that only an insult nudge found, wins none, and leaves the harmless lines as they were. Five lines
    # lost and none won is beyond a paired count's noise (2 x sqrt(5) = 4.5); two are not (at least 2).
    shipped = load_model()
    assert shipped is not None
    insult = shipped.kinds.index("insult")
    off = shipped.thresholds.copy(), shipped.cascade_thresholds.copy()
    for thresholds in off:
        thresholds[insult] = 1.0  # a threshold of 1: the kind is off
    copy = tmp_path / "no-insult.npz"
    copy.write_bytes(replace(shipped, thresholds=off[0], cascade_thresholds=off[1]).dump())
    lines = [
        "nl\tharm\tinsult\tje bent een idioot",
        "en\tharm\tinsult\tyou're such an idiot",
        "nl\tharm\tinsult\twat ben jij een sukkel zeg",
        "en\tharm\tinsult\tshut up you absolute moron",
        "nl\tharm\tinsult\tjij stomme eikel",
        "nl\tharm\tthreat\tik maak je af",
        "nl\tharmless\tlogistics\tHoe laat is de werkgroep morgen eigenlijk?",
        "en\tharmless\tnegation\tI don't think you're an idiot",
    ]
    done = blind(tmp_path, lines, "--against", str(copy))
    assert done.returncode == 0, done.stderr
    assert "| blind | harmful | 6 | 6 | 1 | 0 | 5 | 5 | 4.5 | no |" in done.stdout
    assert "| blind | harmless | 2 | 2 | 2 | 0 | 0 | 0 | 2.0 | yes |" in done.stdout
    assert "| blind en | harmful | 2 | 2 | 0 | 0 | 2 | 2 | 2.8 | yes |" in done.stdout
    for word in ("idioot", "idiot", "sukkel", "moron", "maak", "werkgroep"):
        assert word not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("make", "args", "said"),
    [
        (None, (), "dit bestand bestaat niet"),
        ("folder", (), "is een map, geen bestand"),
        (b"not a model", (), "is geen modelbestand dat samen kan lezen"),
        ("short thresholds", (), "is geen modelbestand dat samen kan lezen"),
        (None, ("--plot", "curves.png"), "--against vergelijkt twee modellen: laat --plot weg"),
    ],
)
def test_a_model_to_compare_that_cannot_be_read_is_named_without_a_traceback(
    tmp_path: Path, make: bytes | str | None, args: tuple[str, ...], said: str
) -> None:
    other = tmp_path / "other.npz"
    if make == "folder":
        other.mkdir()
    elif make == "short thresholds":  # reads as a model, but its arrays do not fit its kinds
        shipped = load_model()
        assert shipped is not None
        other.write_bytes(replace(shipped, thresholds=shipped.thresholds[:3]).dump())
    elif isinstance(make, bytes):
        other.write_bytes(make)
    done = subprocess.run(
        [sys.executable, "-m", "samen", "signals", "eval", "--against", str(other), *args],
        capture_output=True,
        text=True,
        env=os.environ | {"SAMEN_LANG": "nl"},
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert said in done.stderr and "Traceback" not in done.stderr and "Please" not in done.stderr
    assert not (tmp_path / "curves.png").exists()
