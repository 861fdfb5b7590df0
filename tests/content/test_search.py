"""FAQ search as people search: word forms, synonyms from the pack and small typos, in both languages."""

from __future__ import annotations

import pytest

from samen.content import load_pack
from samen.content.search import search_ids


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        # word forms the exact-text search missed (issue 11)
        ("nl", "discrimineren", "discrimination"),
        ("nl", "homofoob", "homophobia-transphobia"),
        ("nl", "racist", "racism"),
        ("nl", "seksist", "sexism"),
        ("en", "racist", "racism"),
        ("en", "sexist", "sexism"),
        ("en", "homophobic", "homophobia-transphobia"),
        ("en", "discriminating", "discrimination"),
        # synonyms from the pack
        ("nl", "pesten", "sexual-harassment"),
        ("nl", "melden", "why"),
        ("nl", "hulp", "why"),
        ("en", "bullying", "sexual-harassment"),
        ("en", "help", "why"),
        ("en", "lgbtq", "homophobia-transphobia"),
        # what a student who was threatened, harassed or stalked types
        ("nl", "bedreiging", "sexual-harassment"),
        ("nl", "ik word bedreigd", "sexual-harassment"),
        ("nl", "lastiggevallen", "sexual-harassment"),
        ("nl", "stalking", "sexual-harassment"),
        ("en", "threat", "sexual-harassment"),
        ("en", "stalked", "sexual-harassment"),
        # small typos
        ("nl", "rasisme", "racism"),
        ("en", "harrasment", "sexual-harassment"),
        ("en", "acadmic freedom", "academic-freedom"),
        # words the FAQ does not know do not narrow a search
        ("nl", "wat is validisme eigenlijk", "validism"),
    ],
)
def test_a_search_finds_the_question_people_mean(lang: str, query: str, expected: str) -> None:
    assert expected in search_ids(load_pack().language(lang), query)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_search_that_means_nothing_finds_nothing_and_an_empty_one_everything(lang: str) -> None:
    local = load_pack().language(lang)
    assert search_ids(local, "zzzqqq") == []
    assert search_ids(local, "  ") == [entry.id for entry in local.faq]


def test_a_specific_word_narrows_rather_than_matching_everything() -> None:
    local = load_pack().language("en")
    assert search_ids(local, "racism") == ["discrimination", "racism"]
    assert search_ids(local, "sexism women") == ["sexism"]


@pytest.mark.parametrize(
    ("lang", "sentence", "word"),
    [
        ("nl", "ik word gepest", "gepest"),
        ("nl", "iemand discrimineert mij in de groep", "discrimineert"),
        ("nl", "wat moet ik doen bij racisme", "racisme"),
        ("en", "someone threatens me", "threatens"),
        ("en", "I am being bullied in my group", "bullied"),
        ("en", "what do I do about sexism", "sexism"),
    ],
)
def test_a_sentence_finds_what_its_telling_word_finds(lang: str, sentence: str, word: str) -> None:
    """Students type what happened; the common words of a sentence ("ik", "word", "me") must not cancel the
    one that says it (issue 11: "ik word gepest" found nothing while "gepest" finds five questions)."""
    local = load_pack().language(lang)
    alone = search_ids(local, word)
    found = search_ids(local, sentence)
    assert alone, f"{word!r} alone finds nothing in {lang}"
    assert found and set(found) <= set(alone), (sentence, found, alone)
