"""click's own usage errors, run as a person runs them: one line in the CLI's language and exit 2, like every
other user error (no "Usage:" block, no "Try … --help"). ``--help`` itself stays English. In process
(``tests/cli/run.py``)."""

from __future__ import annotations

import pytest

from tests.cli.run import Ran
from tests.cli.run import samen as run


def samen(*args: str, env: dict[str, str]) -> Ran:
    return run(*args, lang=None, env=env)


CASES = [
    (["--bogus"], "Fout: Onbekende optie '--bogus'.", "Error: No such option '--bogus'."),
    (
        ["dos", "--formt", "json"],
        "Fout: Onbekende optie '--formt'. Bedoelde je '--format'?",
        "Error: No such option '--formt'. Did you mean '--format'?",
    ),
    (
        ["dos", "--format", "xml"],
        "Fout: Ongeldige waarde 'xml' voor '--format'; kies uit: text, json.",
        "Error: Invalid value 'xml' for '--format'; choose from: text, json.",
    ),
    (
        ["serve", "--port", "0"],
        "Fout: Ongeldige waarde 0 voor '--port': kies een geheel getal van 1 tot en met 65535.",
        "Error: Invalid value 0 for '--port': choose a whole number from 1 to 65535.",
    ),
    (
        ["serve", "--port", "abc"],
        "Fout: Ongeldige waarde 'abc' voor '--port': kies een geheel getal van 1 tot en met 65535.",
        "Error: Invalid value 'abc' for '--port': choose a whole number from 1 to 65535.",
    ),
    (
        ["signals", "eval", "--sample", "-1"],
        "Fout: Ongeldige waarde -1 voor '--sample': kies een geheel getal van 0 of meer.",
        "Error: Invalid value -1 for '--sample': choose a whole number of 0 or more.",
    ),
    (["pack", "validate"], "Fout: Het argument FILE ontbreekt.", "Error: Missing argument FILE."),
    (
        ["kit", "--out"],
        "Fout: De optie '--out' heeft een waarde nodig.",
        "Error: Option '--out' needs a value.",
    ),
    (
        ["nonsense"],
        "Fout: Onbekend commando 'nonsense'; kies uit: bot, dos, faq, kit, pack, reports, serve, signals, "
        "staff.",
        "Error: No such command 'nonsense'; choose from: bot, dos, faq, kit, pack, reports, serve, signals, "
        "staff.",
    ),
    (["dos", "extra"], "Fout: Onverwacht argument: extra.", "Error: Unexpected argument: extra."),
]


@pytest.mark.parametrize(("args", "dutch", "english"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_is_one_translated_line_and_exit_2(args: list[str], dutch: str, english: str) -> None:
    for env, expected in (({"SAMEN_LANG": "nl"}, dutch), ({"SAMEN_LANG": "en"}, english)):
        done = samen(*args, env=env)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip() == expected
        assert done.stdout == ""


def test_the_language_comes_from_lang_when_samen_lang_is_not_set() -> None:
    done = samen("dos", "--format", "xml", env={"LANG": "nl_NL.UTF-8"})
    assert done.stderr.strip().startswith("Fout: Ongeldige waarde 'xml'")
    done = samen("dos", "--format", "xml", env={"LANG": "nl_NL.UTF-8", "SAMEN_LANG": "en"})
    assert done.stderr.strip().startswith("Error: Invalid value 'xml'")


def test_help_stays_english_and_exits_0() -> None:
    done = samen("dos", "--help", env={"SAMEN_LANG": "nl"})
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: samen dos")
