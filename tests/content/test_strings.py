"""The product's own strings: a limit error names the platform and the field in the reader's language."""

from __future__ import annotations

import re

import pytest

from samen.content import PLATFORMS, describe_error, load_strings
from samen.errors import LimitError
from samen.render.limits import LIMITS, check_count, check_limit


def _refused(platform: str, field: str, text: str) -> LimitError:
    with pytest.raises(LimitError) as caught:
        check_limit(platform, field, text)
    return caught.value


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "nl",
            "WhatsApp, bijschrift bij een afbeelding: 1120 tekens is langer dan de limiet van 1024 tekens.",
        ),
        ("en", "WhatsApp, caption of an image: 1120 characters is longer than the limit of 1024 characters."),
    ],
)
def test_a_limit_error_names_the_platform_and_the_field_in_the_readers_language(
    lang: str, sentence: str
) -> None:
    """It said "whatsapp, caption of an image: 1120 tekens …": English words and a lowercase id in Dutch."""
    assert describe_error(_refused("whatsapp", "caption", "x" * 1120), lang) == sentence


def test_every_unit_and_platform_reads_as_dutch() -> None:
    teams = describe_error(_refused("teams", "message", "x" * 28001), "nl")
    assert teams.startswith("MS Teams, chatbericht")
    telegram = describe_error(_refused("telegram", "description", "x" * 300), "nl")
    assert telegram.startswith("Telegram, beschrijving van de chat")
    with pytest.raises(LimitError) as caught:
        check_count("discord", "rules", 17)
    assert describe_error(caught.value, "nl").startswith("Discord, regels van Rules Screening: 17 onderdelen")


def test_every_limit_and_platform_has_its_words_in_both_languages() -> None:
    """One mechanism: ``limit.<platform>.<field>`` and ``platform.<platform>`` in render.yaml; the English
    words are the limits table's own, so the table (and docs/kit.md) and the errors never drift apart."""
    table = load_strings("render").table
    for platform, fields in LIMITS.items():
        for field, limit in fields.items():
            words = table[f"limit.{platform}.{field}"]
            assert words["en"] == limit.what, (platform, field)
            assert words["nl"] and words["nl"] != limit.what, (platform, field)
    for platform in PLATFORMS:
        assert table[f"platform.{platform}"]["nl"] and table[f"platform.{platform}"]["en"]


def test_a_limit_error_without_words_of_its_own_still_reads() -> None:
    """A limit raised by hand (no table entry) falls back to its English field and the platform id."""
    error = LimitError("myspace", "profile song", 5, 1, "items")
    assert describe_error(error, "nl") == "myspace, profile song: 5 onderdelen is meer dan de limiet van 1."


@pytest.mark.parametrize(
    ("count", "nl", "en"),
    [
        (1, "Het campagnepakket heeft 1 probleem.", "The campaign pack has 1 problem."),
        (2, "Het campagnepakket heeft 2 problemen.", "The campaign pack has 2 problems."),
        (0, "Het campagnepakket heeft 0 problemen.", "The campaign pack has 0 problems."),
    ],
)
def test_a_count_takes_its_nouns_singular_or_plural(count: int, nl: str, en: str) -> None:
    """It said "1 probleem/problemen" and "1 problem(s)": ``{count:one|other}`` picks the noun's form."""
    errors = load_strings("errors")
    assert errors.get("nl", "error.pack", count=count) == nl
    assert errors.get("en", "error.pack", count=count) == en
    assert errors.get("en", "pack.too_few", least=1, count=0) == "must have at least 1 item; it has 0"
    assert (
        errors.get("nl", "pack.too_many", most=12, count=13)
        == "mag hoogstens 12 onderdelen hebben; het heeft er 13"
    )


def test_no_catalogue_says_a_plural_with_a_slash_or_brackets_for_a_number() -> None:
    """A noun counted by a number takes its form from the number, in every catalogue."""
    for area in ("errors", "cli", "reports", "render", "bot"):
        for key, texts in load_strings(area).table.items():
            for text in texts.values():
                for counted in re.finditer(r"\{(\w+)\} (\w+)(?:\(s\)|\(en\)|/\w+)", text):
                    pytest.fail(
                        f"{area}.yaml {key}: {counted.group()} (write {{{counted.group(1)}:one|other}})"
                    )
