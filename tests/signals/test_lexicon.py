"""The curated lexicon: the one-word group names our grammar's targets use (nationalities, Dutch adjectives)
are read as groups, and a term that no word of a message could match is refused when the lexicon is
loaded."""

from __future__ import annotations

import pytest

from samen.signals import Signals
from samen.signals.lexicon import parse_lexicon
from samen.signals.normalize import fold, tokens


@pytest.mark.parametrize(
    "text",
    ["Marokkaanse studenten zijn lui", "Turks are lazy", "Somalis zijn welkom", "deaf people are loud",
     "biseksuelen zijn verward", "Moslima's horen hier", "Katholieke studenten", "non-binaire mensen"],
)  # fmt: skip
def test_group_names_and_their_dutch_adjectives_are_read_as_groups(signals: Signals, text: str) -> None:
    folded = fold(text)
    assert "group" in signals.reading(folded, tokens(folded)).cues


@pytest.mark.parametrize("term", ["non-binair", "moslima's"])
def test_a_lexicon_term_that_no_message_word_could_match_is_refused(term: str) -> None:
    with pytest.raises(ValueError, match="not one word"):
        parse_lexicon(f"{term}\tgroup\ttransphobia\t0\n")
