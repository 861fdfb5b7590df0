"""First names are read where they are written as names, and the cheap stage reads every one as one word."""

from __future__ import annotations

import pytest

from samen.signals import Signals
from samen.signals.names import NAME, first_names, names_as_one, written_names
from samen.signals.normalize import fold, tokens


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("kys Sam", {"sam"}),  # inside a sentence
        ("Sam, kys", {"sam"}),  # before a comma at the start
        ("Marcus, I'll knock your teeth out", {"marcus"}),
        ("I'll knock your teeth out Marcus, try me", {"marcus"}),
        ("@lisa je bent een hoer", {"lisa"}),  # a mention, in any case
        ("wat een waardeloze klaplopers, Joris en Mehmet", {"joris", "mehmet"}),
        ("Dankjewel! Noor, Daan en Priya hebben de slides gemaakt", {"noor", "daan", "priya"}),
        ("Dat is Deniz z'n laptop", {"deniz"}),
        ("Sam's notes are better than mine", {"sams"}),  # a possessive, as folding writes it
        ("zijn dit Lisa’s slides of die van Daan?", {"lisas", "daan"}),
    ],
)
def test_names_written_as_names_are_found(text: str, names: set[str]) -> None:
    assert written_names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Hope you fail the exam",  # a common word at a sentence's start, no comma: the word
        "Max 3 pagina's voor het essay",
        "Don't do that",  # a contraction, not the name Don
        "Christians are welcome here",  # a group's name, in the lexicon
        "jij bent een Nazi",  # a word of hate that a locale lists as a name
        "wat een Dom wijf",  # a lexicon word
        "kys sam",  # lower case: the word could be anything
        "hoe laat is de werkgroep morgen?",
    ],
)
def test_words_that_are_not_written_as_names_are_left(text: str) -> None:
    assert written_names(text) == frozenset()


def test_the_list_holds_names_of_many_languages_and_no_lexicon_words() -> None:
    names = first_names()
    assert {"sanne", "daan", "mehmet", "priya", "liam", "fatma", "lukasz", "chloe", "jose"} <= names
    assert not {"kike", "christian", "nazi", "dom"} & names


def test_the_cheap_stage_reads_every_name_as_one_word() -> None:
    cheap = Signals.load(embeddings=False)
    for one, other in [
        ("kys Sam", "kys Femke"),
        ("Marcus, I'll knock your teeth out", "Aylin, I'll knock your teeth out"),
        ("@lisa je bent een waardeloze parasiet", "@Mehmet je bent een waardeloze parasiet"),
        ("Sem, heb jij de slides al gestuurd?", "Łukasz, heb jij de slides al gestuurd?"),
        ("don't add Jayden to the new group chat", "don't add Priya to the new group chat"),
        ("Anna's a slut, everyone knows", "Fatma's a slut, everyone knows"),
    ]:
        words = names_as_one(tokens(fold(one)), written_names(one))
        assert NAME in words and words == names_as_one(tokens(fold(other)), written_names(other))
        assert cheap.analyze(one).findings == cheap.analyze(other).findings, one
