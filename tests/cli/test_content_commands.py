"""`samen dos`, `samen faq` and `samen pack validate`, run as a person runs them (in process, see
``tests/cli/run.py``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from samen.content import DEFAULT_PACK, load_pack
from samen.content.search import search_faq
from tests.cli.run import samen


def test_dos_json_gives_the_eight_dos_of_the_pack() -> None:
    done = samen("dos", "--lang", "nl", "--format", "json")
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    expected = load_pack().language("nl").dos
    assert [(i["number"], i["id"], i["title"], i["text"]) for i in items] == [
        (d.number, d.id, d.title, d.text) for d in expected
    ]
    assert set(items[0]) == {"number", "id", "title", "text"}


def test_dos_text_lists_the_english_dos_numbered() -> None:
    done = samen("dos", "--lang", "en")
    assert done.returncode == 0
    assert (
        "4. Respect each other’s privacy. Only share someone’s personal information with their consent."
        in done.stdout
    )


def test_faq_prints_every_question_and_one_topic() -> None:
    everything = samen("faq", "--lang", "nl").stdout
    for entry in load_pack().language("nl").faq:
        assert entry.question in everything
    one = samen("faq", "--lang", "en", "sexism")
    assert one.returncode == 0 and one.stdout.startswith("What is sexism?")
    assert "What is racism?" not in one.stdout


def test_wrong_input_is_one_translated_line_and_exit_2(tmp_path: Path) -> None:
    unknown = samen("dos", "--lang", "de", lang="nl")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "Fout: Onbekende taal 'de'; kies uit: nl, en."
    missing = samen("pack", "validate", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"Error: {tmp_path / 'nope.yaml'}: no such file."
    assert "Traceback" not in unknown.stderr + missing.stderr


def test_pack_validate_accepts_the_leiden_pack_and_lists_each_problem_of_a_broken_one(tmp_path: Path) -> None:
    ok = samen("pack", "validate", str(DEFAULT_PACK))
    assert ok.returncode == 0, ok.stderr
    assert "valid" in ok.stdout
    # The one route with no address of its own is named, as a warning that does not fail the pack.
    (warning,) = ok.stderr.splitlines()
    assert warning.startswith("Warning: ") and "'programme-chair' has no contact" in warning
    broken = tmp_path / "broken.yaml"
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    broken.write_text(
        text.replace("Welkom in {group}. Samen", "Welkom in {soort}. Samen").replace(
            "        text: 'Remember: there is a real person behind every screen and keyboard.'",
            "        text: ''",
        ),
        encoding="utf-8",
    )
    done = samen("pack", "validate", str(broken))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 3  # two problems, then the summary
    # In file order: the Dutch intro comes before the English Do's.
    assert lines[0].startswith(f"{broken}:") and "languages.nl.intro: unknown placeholder {soort}" in lines[0]
    assert "languages.en.dos.real-person.text: is empty" in lines[1]
    assert "Traceback" not in done.stderr


def test_pack_validate_refuses_yaml_aliases_without_a_traceback(tmp_path: Path) -> None:
    """A self-referencing alias made validate end in "Unexpected error: RecursionError", and nested
    aliases (a "billion laughs") would make it walk an endless tree; a pack is plain text, so both are a
    located problem."""
    looping = tmp_path / "looping.yaml"
    looping.write_text("pack: 1\nid: &me [*me]\n", encoding="utf-8")
    laughs = tmp_path / "laughs.yaml"
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    laughs.write_text("\n".join(levels) + "\n", encoding="utf-8")
    for path, line in ((looping, 2), (laughs, 2)):
        result = samen("pack", "validate", str(path))
        assert result.returncode == 2, result.stderr
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"{path}:{line}: (file): not valid YAML"), result.stderr
        assert "alias" in first
        assert "Traceback" not in result.stderr and "Unexpected" not in result.stderr


def test_an_unknown_faq_topic_is_one_translated_line() -> None:
    """It came with click's English "Usage: …" and "Try 'samen faq --help'" lines above the Dutch one."""
    result = samen("faq", "xyzzy", lang="nl")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Fout: Onbekend onderwerp 'xyzzy'; kies uit: ")
    assert "racisme" in line


def test_faq_takes_a_topic_of_more_than_one_word() -> None:
    """``samen faq seksuele intimidatie`` (no quotes) was "Got unexpected extra argument (intimidatie)"."""
    result = samen("faq", "--lang", "nl", "seksuele", "intimidatie", lang="nl")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wat verstaan we onder seksueel ongewenst gedrag?")
    unknown = samen("faq", "--lang", "nl", "xyzzy", "plugh", lang="nl")
    assert unknown.returncode == 2
    assert unknown.stderr.strip().startswith("Fout: Onbekend onderwerp 'xyzzy plugh'")


def test_a_pack_too_long_for_a_platform_is_said_in_dutch_with_the_platforms_name(tmp_path: Path) -> None:
    """`samen kit` said "whatsapp, caption of an image: … tekens is langer dan …" to a Dutch reader."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    short = "Remember: there is a real person behind every screen and keyboard."
    pack = tmp_path / "long.yaml"
    pack.write_text(text.replace(short, short + " Really." * 60), encoding="utf-8")
    done = samen(
        "kit",
        "--pack",
        str(pack),
        "--platform",
        "whatsapp",
        "--lang",
        "en",
        "--out",
        str(tmp_path / "o"),
        lang="nl",
    )
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("Fout: WhatsApp, "), line
    assert "caption" not in line and "tekens is langer dan" in line
    validated = samen("pack", "validate", str(pack), lang="nl")
    assert validated.returncode == 2
    # What does not fit is said in the reader's language too, the platform and its field included.
    assert re.search(r"WhatsApp, bijschrift bij een afbeelding: 14\d\d tekens", validated.stderr)
    assert validated.stderr.strip().splitlines()[-1].startswith("Fout: Het campagnepakket heeft")


def test_pack_validate_refuses_what_yaml_lets_through_with_the_line_and_exit_2(tmp_path: Path) -> None:
    """The issue's three packs: a second title under Do 1, an unquoted ``no:`` as a language, a U+0007 in a
    Do's title; each said at its own line with the field and what to do, in the reader's language."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    first_word, rest = load_pack().language("nl").dos[0].title.split(" ", 1)
    title = f"        title: {first_word} {rest}\n"
    assert title in text
    packs = {
        "twice": text.replace(title, title + "        title: Iets anders\n", 1),
        "no": text.replace("\n  en:\n", "\n  no:\n", 1),
        "bell": text.replace(title, f'        title: "{first_word}\\a {rest}"\n', 1),
    }
    expected = {  # the field, its problem in Dutch and in English, and the text on its line
        "twice": (
            "languages.nl.dos.respect.title",
            "staat er twee keer",
            "given twice",
            "title: Iets anders",
        ),
        "no": ("languages.no", "zet hem tussen aanhalingstekens: 'no':", "put it in quotes: 'no':", "  no:"),
        "bell": (
            "languages.nl.dos.respect.title",
            "stuurteken (U+0007)",
            "control character (U+0007)",
            f"{first_word}\\a",
        ),
    }
    for name, content in packs.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(content, encoding="utf-8")
        field, dutch, english, needle = expected[name]
        line = next(i for i, text in enumerate(content.splitlines(), 1) if needle in text)
        for lang, words, prefix in (("nl", dutch, "Fout: "), ("en", english, "Error: ")):
            done = samen("pack", "validate", str(path), lang=lang)
            assert done.returncode == 2, done.stdout
            first, *_, summary = done.stderr.strip().splitlines()
            assert first.startswith(f"{path}:{line}: {field}: "), first
            assert words in first
            assert summary.startswith(prefix) and "Traceback" not in done.stderr


#: The validator's (pydantic's) and the parser's (PyYAML's) own words, which reached the reader before.
LIBRARY_WORDS = re.compile(
    r"Input should|String should|Field required|Extra inputs|validation error|match pattern|\^|"
    r"List should|mapping values|could not find|expected <|while (?:parsing|scanning)|token|Traceback"
)

#: (change to the Leiden pack, the field, the line's text, its words in Dutch, in English).
BROKEN = {
    "missing": (
        "default_language: nl\n => ",
        "default_language",
        None,
        "ontbreekt: dit veld is verplicht",
        "missing: this field is required",
    ),
    "wrong type": (
        "pack: 1 => pack: een",
        "pack",
        "pack: een",
        "moet een geheel getal zijn",
        "must be a whole number",
    ),
    "text for a list": (
        "signals: [privacy], icon: lock} => signals: privacy, icon: lock}",
        "dos.3.signals",
        "signals: privacy",
        "moet een lijst zijn",
        "must be a list",
    ),
    "unknown key": (
        "pack: 1 => pack: 1\nmascot: owl",
        "mascot",
        "mascot: owl",
        "onbekend veld; hier kunnen staan: pack, id, default_language,",
        "unknown field; the fields here are: pack, id, default_language,",
    ),
    "misspelt key": (
        "        title: Iedereen hoort erbij =>         titel: Iedereen hoort erbij",
        "languages.nl.dos.respect.titel",
        "titel: Iedereen",
        "onbekend veld; bedoel je ‘title’? Hier kunnen staan: title, text",
        "unknown field; did you mean 'title'? The fields here are: title, text",
    ),
    "wrong form": (
        'primary: "#001158" => primary: blue',
        "colours.primary",
        "primary: blue",
        "moet een kleur zijn: # en zes hexadecimale cijfers",
        "must be a colour: # and six hexadecimal digits",
    ),
    "language code as a key": (
        "\n  en:\n => \n  EN:\n",
        "languages.EN",
        "  EN:",
        "moet een taalcode van twee of drie kleine letters zijn",
        "must be a language code of two or three lower-case letters",
    ),
    "nothing after the colon": (
        "    tagline: Together, we make this a pleasant and safe place to learn. Online, too."
        " =>     tagline:",
        "languages.en.tagline",
        "    tagline:",
        "is leeg",
        "is empty",
    ),
    "an unknown platform": (
        "      platforms:\n        teams:\n          incidents: => "
        "      platforms:\n        zoom:\n          incidents:",
        "languages.nl.guide.platforms.zoom",
        "        zoom:",
        "‘zoom’ is geen platform; bekend: whatsapp,",
        "'zoom' is not a platform; known: whatsapp,",
    ),
    "a colon in a text": (
        "    tagline: Together, we make =>     tagline: Together: we make",
        "(file)",
        "    tagline: Together: we make",
        "geen geldige YAML: een dubbele punt waar geen nieuw veld kan beginnen",
        "not valid YAML: a colon where no new field can begin",
    ),
    "another pack format": (
        "pack: 1 => pack: 99",
        "pack",
        "pack: 99",
        "moet 1 zijn: de versie van de pakketindeling die deze samen leest",
        "must be 1: the version of the pack format this samen reads",
    ),
    "no e-mail address": (
        "email: diversiteit@leidenuniv.nl} => email: not-an-email}",
        "faq.9.email",
        "email: not-an-email",
        "moet een e-mailadres zijn",
        "must be an e-mail address",
    ),
    "a line break in a Do": (
        "        text: Wijs elkaar indien nodig op deze Do’s. => "
        "        text: |-\n          Wijs elkaar\n          indien nodig op deze Do’s.",
        "languages.nl.dos.point-to-dos.text",
        "text: |-",
        "moet op één regel staan: een Do is één regel",
        "must be on one line: a Do is one rule",
    ),
    "a colour YAML reads as a comment": (
        'background: "#f6f4ee" => background: #f6f4ee',
        "colours.background",
        "background: #f6f4ee",
        "is leeg: YAML leest ‘#f6f4ee’ als commentaar (alles vanaf # na een spatie); bedoel je dat als "
        "waarde, zet het dan tussen aanhalingstekens: '#f6f4ee'",
        "is empty: YAML reads '#f6f4ee' as a comment (everything from a # after a space); if you meant it as "
        "the value, put it in quotes: '#f6f4ee'",
    ),
    # A quote left open runs on until the next quote of its kind, often many lines down, where YAML then finds
    # what it cannot read: it was said there, as an indentation problem.
    "a double quote never closed": (
        '    name: Nederlands =>     name: "Nederlands',
        "(file)",
        'name: "Nederlands',
        "geen geldige YAML: een aanhalingsteken dat hier opent, wordt nergens gesloten",
        "not valid YAML: a quote opened here is never closed",
    ),
    "a single quote never closed": (
        "Lees onze Do’s: {dos_link}' => Lees onze Do’s: {dos_link}",
        "(file)",
        "description_short: 'Samen zorgen",
        "geen geldige YAML: een aanhalingsteken dat hier opent, wordt nergens gesloten",
        "not valid YAML: a quote opened here is never closed",
    ),
    "a list never closed": (
        "{id: privacy, signals: [privacy], icon: lock} => {id: privacy, signals: [privacy, icon: lock}",
        "(file)",
        "{id: privacy, signals: [privacy, icon: lock}",
        "geen geldige YAML: een [ of { die hier opent, wordt nergens gesloten",
        "not valid YAML: a [ or { opened here is never closed",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_each_schema_problem_is_one_translated_line_naming_its_field(tmp_path: Path, name: str) -> None:
    """A pack the schema refuses was told so in pydantic's English ("Input should be a valid integer, unable
    to parse string as an integer"), whatever the reader's language; now each problem is one line in the
    reader's words, with the file, the line and the field's path."""
    change, field, needle, dutch, english = BROKEN[name]
    old, new = change.split(" => ")
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    for lang, words, prefix in (("nl", dutch, "Fout: "), ("en", english, "Error: ")):
        done = samen("pack", "validate", str(path), lang=lang)
        assert done.returncode == 2 and done.stdout == ""
        *problems, summary = done.stderr.strip().splitlines()
        # a misspelt field is also a missing one: each problem on its own line, in the reader's words
        assert all(not LIBRARY_WORDS.search(line) for line in problems), problems
        (problem,) = [line for line in problems if f": {field}: " in line]
        where, said = problem.split(f": {field}: ")
        assert where.startswith(f"{path}:")
        if needle is not None:
            assert needle in lines[int(where.rsplit(":", 1)[1]) - 1]
        assert said.startswith(words), said
        assert not LIBRARY_WORDS.search(said), said
        assert summary.startswith(prefix)


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_a_pack_nested_too_deeply_is_one_translated_line(tmp_path: Path, opening: str) -> None:
    """5,000 nested ``[`` ended in "Unexpected error: RecursionError" (exit 1) from PyYAML's recursion."""
    deep = tmp_path / "deep.yaml"
    deep.write_text(opening * 5000 + "\n", encoding="utf-8")
    out = tmp_path / "kit"
    for args, lang, words in (
        (("pack", "validate", str(deep)), "en", "nested too deeply"),
        (("kit", "--pack", str(deep), "--platform", "whatsapp", "--out", str(out)), "nl", "te diep genest"),
    ):
        result = samen(*args, lang=lang)
        assert result.returncode == 2, result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert str(deep) in line and words in line, line
    assert not out.exists()


@pytest.mark.parametrize(
    ("lang", "topic", "entry"),
    [
        ("nl", "melden", "sexual-harassment"),
        ("nl", "homo", "homophobia-transphobia"),
        ("nl", "rasisme", "racism"),  # a typo
        ("nl", "negatieve reacties", "negative-reactions"),  # an entry without a topic of its own
        ("en", "bullying", "discrimination"),
        ("en", "gay", "homophobia-transphobia"),
        ("en", "racisme", "racism"),  # as --help promises: racism or racisme
        ("nl", "racism", "racism"),
    ],
)
def test_faq_finds_a_topic_as_the_web_search_does(lang: str, topic: str, entry: str) -> None:
    """These were "Unknown topic": the CLI knew only exact topic words, the web and bot search more."""
    local = load_pack().language(lang)
    (expected,) = (e for e in local.faq if e.id == entry)
    assert expected in search_faq(local, topic) or expected in search_faq(load_pack().language("nl"), topic)
    result = samen("faq", "--lang", lang, *topic.split())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == expected.question


def test_faq_lists_the_questions_when_several_fit_and_all_for_an_empty_topic() -> None:
    local = load_pack().language("nl")
    fits = search_faq(local, "pesten")
    assert len(fits) > 1
    result = samen("faq", "--lang", "nl", "pesten", lang="nl")
    assert result.returncode == 0, result.stderr
    head, *rows = result.stdout.splitlines()
    assert head.startswith(f"{len(fits)} vragen passen bij ‘pesten’")
    assert [row.split(": ", 1)[1] for row in rows] == [e.question for e in fits]
    for row in rows:  # each row names the word that asks for just that question
        word = row.removeprefix("- ").split(": ", 1)[0]
        one = samen("faq", "--lang", "nl", word)
        assert one.stdout.splitlines()[0] == row.split(": ", 1)[1]
    everything = samen("faq", "--lang", "nl", "")
    assert everything.returncode == 0, everything.stderr
    assert [q for q in everything.stdout.splitlines() if q in {e.question for e in local.faq}] == [
        e.question for e in local.faq
    ]


def test_validate_warns_and_counts_in_the_readers_words(tmp_path: Path) -> None:
    """A Dutch reader got the warning in English, and "1 probleem/problemen": each warning is said in the
    reader's words, and a count takes its noun's singular or plural."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "id: programme-chair" in t)
    ok = samen("pack", "validate", str(DEFAULT_PACK), lang="nl")
    assert ok.returncode == 0
    assert ok.stderr.splitlines() == [
        f"Waarschuwing: {DEFAULT_PACK}:{line}: support.2: hulproute ‘programme-chair’ heeft geen contact "
        "(pagina, e-mail of telefoon) in nl, en; alleen bereikbaar via ‘study-adviser’"
    ]
    assert "(nl, en; 8 Do’s, 11 vragen)" in ok.stdout
    one = tmp_path / "one.yaml"
    one.write_text(text.replace("pack: 1", "pack: 2", 1), encoding="utf-8")
    two = tmp_path / "two.yaml"
    two.write_text(
        text.replace("pack: 1", "pack: 2", 1).replace("id: leiden", "id: Leiden", 1), encoding="utf-8"
    )
    for path, lang, summary in (
        (one, "nl", "Fout: Het campagnepakket heeft 1 probleem."),
        (one, "en", "Error: The campaign pack has 1 problem."),
        (two, "nl", "Fout: Het campagnepakket heeft 2 problemen."),
        (two, "en", "Error: The campaign pack has 2 problems."),
    ):
        assert samen("pack", "validate", str(path), lang=lang).stderr.splitlines()[-1] == summary


def test_a_do_id_given_twice_is_listed_once_among_the_known(tmp_path: Path) -> None:
    """A duplicate Do id was also listed twice in "bekend: respect, respect, …"."""
    path = tmp_path / "twice.yaml"
    path.write_text(
        DEFAULT_PACK.read_text(encoding="utf-8").replace("{id: real-person,", "{id: respect,", 1),
        encoding="utf-8",
    )
    done = samen("pack", "validate", str(path), lang="nl")
    assert done.returncode == 2
    assert "de id ‘respect’ wordt twee keer gebruikt" in done.stderr
    known = [line for line in done.stderr.splitlines() if "bekend: " in line]
    assert known and all("bekend: respect, feelings, privacy," in line for line in known), known
