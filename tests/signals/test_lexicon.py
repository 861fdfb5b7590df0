"""The curated lexicon: the group names our grammar's targets use (nationalities, Dutch adjectives,
descriptions of several words) are read as groups, a group's name that is also an everyday word (blind,
doof, Poles) only where it stands for people, and a term that no word of a message could match is refused
when the lexicon is loaded."""

from __future__ import annotations

import pytest

from samen.signals import Signals
from samen.signals.lexicon import parse_lexicon
from samen.signals.normalize import fold, tokens


@pytest.mark.parametrize(
    "text",
    [
        # The group names our grammar's targets use, their Dutch adjectives, descriptions of several words.
        "Marokkaanse studenten zijn lui", "Turks are lazy", "Somalis zijn welkom", "deaf people are loud",
        "biseksuelen zijn verward", "Moslima's horen hier", "Katholieke studenten", "non-binaire mensen",
        "Wheelchair users are loud", "zijn mensen met een beperking welkom?",
        "Mensen met het syndroom van Down",
        # A group's everyday name where it stands for people.
        "Blind people are useless.", "Blinde mensen zijn nutteloos.", "Poles are lazy.",
        "Een dove kan dat niet.", "dove studenten horen hier niet", "I'm deaf.", "De Chinees is irritant.",
        "Deaf students should leave", "heb je ooit een blinde gezien die aardig was?",
        "een blinde als tutor", "als elke blinde afgemaakt werd", "deaf peopel are loud", "die dove sukkels",
        "Een Chinees neersteken",
    ],
)  # fmt: skip
def test_a_group_named_for_people_is_read_as_a_group(signals: Signals, text: str) -> None:
    folded = fold(text)
    assert "group" in signals.reading(folded, tokens(folded)).cues


@pytest.mark.parametrize(
    "text",
    ["I'm turning a blind eye to that deadline lol.", "Hij is doof aan één oor, praat even wat harder.",
     "We did the poles of a magnet in week 3.", "Zullen we chinees halen na het werkcollege?",
     "The blind spot in the mirror test is interesting.", "I'm deaf in one ear, sit on my left.",
     "Ik ben zo doof als een kwartel vandaag haha.", "Het is een blinde vlek in de literatuur.",
     "Can you polish the intro before Friday?", "Mensen met een beperkte planning: begin vandaag.",
     "ik doe gewoon een blinde gok", "Ik heb een blind vertrouwen in de docent.",
     "we went in blind on the stats assignment"],
)  # fmt: skip
def test_a_groups_everyday_name_used_as_an_everyday_word_is_no_group(signals: Signals, text: str) -> None:
    folded = fold(text)
    assert "group" not in signals.reading(folded, tokens(folded)).cues


@pytest.mark.parametrize("term", ["non-binair", "moslima's"])
def test_a_lexicon_term_that_no_message_word_could_match_is_refused(term: str) -> None:
    with pytest.raises(ValueError, match="not one word"):
        parse_lexicon(f"{term}\tgroup\ttransphobia\t0\n")


@pytest.mark.parametrize(
    ("text", "role"),
    [("Dat is een andere zaak, vraag het de docent.", "insult"), ("Negeer die mail maar.", "slur"),
     ("Send it as soon as you can.", "sexual"), ("Ik doe een gok: antwoord B.", "slur"),
     ("That's a con of this method.", "slur"), ("Het stoom-practicum is om 10:00.", "insult")],
)  # fmt: skip
def test_a_common_word_a_term_squeezes_to_stands_for_itself(signals: Signals, text: str, role: str) -> None:
    folded = fold(text)
    assert role not in signals.reading(folded, tokens(folded)).cues


@pytest.mark.parametrize(
    ("text", "role"),
    [("je bent een idioooot", "insult"), ("wat een sukkkel", "insult"), ("die gook", "slur"),
     ("je bent een zak", "insult")],
)  # fmt: skip
def test_a_term_written_as_it_is_or_stretched_is_still_read(signals: Signals, text: str, role: str) -> None:
    folded = fold(text)
    assert role in signals.reading(folded, tokens(folded)).cues
