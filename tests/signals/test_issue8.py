"""Every case quoted in issue 8, each standing for a kind of fault: the learned detector must get them
right without a rule written for the sentence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from samen.signals import Signals
from samen.signals.corpora import READERS
from samen.signals.evaluation import NUDGED


def nudged(signals: Signals, text: str) -> set[str]:
    return {f.kind for f in signals.analyze(text).findings if f.kind in NUDGED}


def test_ordinary_logistics_is_not_an_insult(signals: Signals) -> None:
    assert nudged(signals, "Hoe laat is de werkgroep morgen eigenlijk?") == set()


@pytest.mark.parametrize(
    "text",
    [
        "niemand hier is een idioot",
        "Ik vind niet dat je een idioot bent",
        "I don't think you're an idiot",
        "You are neither stupid nor an idiot",
    ],
)
def test_negation_of_the_subject_or_the_main_clause_is_no_insult(signals: Signals, text: str) -> None:
    assert nudged(signals, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "je bent een idioot",
        "je bent een idi\U000e0041oot",  # a tag character
        "je bent een idi\u180eoot",  # Mongolian vowel separator
        "je bent een idi\u034foot",  # combining grapheme joiner
        "je bent een ɪᴅɪᴏᴏᴛ",  # small capitals
        "je bent een \u202eidioot\u202c",  # a right-to-left override
    ],
)
def test_invisible_and_look_alike_characters_hide_nothing(signals: Signals, text: str) -> None:
    assert "insult" in nudged(signals, text)


@pytest.mark.parametrize("text", ["Mijn oma is kankerpatiënt", "Ik woon in Kuttekoven"])
def test_an_ordinary_compound_that_starts_with_a_curse_is_no_profanity(signals: Signals, text: str) -> None:
    assert {f.kind for f in signals.analyze(text).findings} == set()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Moslims zijn verachtelijk", "identity_attack"),
        ("Vrouwen zijn niets waard", "identity_attack"),
        ("Women are worthless", "identity_attack"),
        ("you're such an idiot, nobody wants you here", "insult"),
    ],
)
def test_the_families_named_in_the_issue_are_found(signals: Signals, text: str, kind: str) -> None:
    assert kind in nudged(signals, text)


def test_without_the_embedding_engine_the_cheap_stage_decides_alone() -> None:
    cheap = Signals.load(embeddings=False)
    assert cheap.embed is None
    assert "insult" in nudged(cheap, "je bent een idioot")
    assert nudged(cheap, "Hoe laat is de werkgroep morgen eigenlijk?") == set()
    assert cheap.embedded == 0 and cheap.scored == 2


def test_the_embedding_stage_runs_where_the_gate_sends_a_message_or_a_line_is_in_doubt(
    signals: Signals,
) -> None:
    assert signals.embed is not None and signals.model is not None
    assert signals.model.gate.size and np.isfinite(signals.model.gate_threshold)
    # Ordinary chat mostly stays in the cheap stage: the gate's budget is 3 % of everyday dev chat, and the
    # cheap stage's own nudges are checked too. A line that names a group goes on when its cheap score
    # reaches GROUP_LOOK, so the group lines read as plainly harmless stay (most of the everyday ones).
    ordinary = [e.text for e in READERS["everyday"](Path("/unused")) if e.split == "test"]
    sent = {True: 0, False: 0}
    count = {True: 0, False: 0}
    for text in ordinary:
        before = signals.embedded
        _, _, reading = signals.examine(text)
        names_group = "group" in reading.cues
        count[names_group] += 1
        sent[names_group] += signals.embedded - before
    assert count[True] > 20 and 0 < sent[True] < 0.5 * count[True]
    assert sent[False] < 0.1 * count[False]
    # Hate against a group goes on, also in a short line that the cheap stage scores low.
    # So does the shape of harm (rules.shaped), which the gate learnt to wave through from everyday chat's
    # laughs and short lines.
    for line in (
        "I hate women.", "Ik haat vrouwen.", "vrouwen zijn dom en horen niet op de universiteit",
        "ik maak je af haha", "i'm gonna murder you", "je bent een idioot 🤣",
    ):  # fmt: skip
        before = signals.embedded
        signals.analyze(line)
        assert signals.embedded == before + 1, line
