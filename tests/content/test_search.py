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
