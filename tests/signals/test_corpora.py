"""Our own training data: the grammar of harm and its twins, and the everyday chat corpus."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from random import Random

import pytest

from samen.signals.corpora import ABUSE_KINDS, READERS, Example
from samen.signals.grammar import (
    DERIVED,
    HARMFUL,
    HARMLESS,
    Template,
    _fill,
    generate,
    load,
    template_splits,
    templates,
)
from samen.signals.normalize import fold

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SPLITS = ("train", "dev", "test")
_DIGEST = (
    "import hashlib; from samen.signals.grammar import generate; "
    "print(hashlib.sha256(repr(generate()).encode()).hexdigest())"
)


@pytest.fixture(scope="module")
def grammar() -> list[Example]:
    return list(READERS["grammar"](Path("/unused")))


@pytest.fixture(scope="module")
def everyday() -> list[Example]:
    return list(READERS["everyday"](Path("/unused")))


def test_the_grammar_writes_the_same_examples_in_every_run_and_process(grammar: list[Example]) -> None:
    assert generate() == grammar
    digest = hashlib.sha256(repr(grammar).encode()).hexdigest()
    for seed in ("1", "2"):
        env = os.environ | {"PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _DIGEST], capture_output=True, text=True, env=env, timeout=120
        )
        assert done.stdout.strip() == digest, done.stderr


def test_every_family_is_in_every_split_of_both_languages(grammar: list[Example]) -> None:
    found = {(e.lang, e.pattern, e.split) for e in grammar}
    for lang in ("nl", "en"):
        for family in (*HARMFUL, *HARMLESS, *DERIVED):
            for split in SPLITS:
                assert (lang, family, split) in found, (lang, family, split)


def test_a_template_and_all_its_variants_stay_in_one_split(grammar: list[Example]) -> None:
    splits: dict[str, set[str]] = defaultdict(set)
    for example in grammar:
        assert example.template, example
        splits[example.template].add(example.split)
    assert all(len(s) == 1 for s in splits.values())
    for lang in ("nl", "en"):
        ids = template_splits(lang)
        assert set(ids) == {t.id for t in templates(lang)}
        shares = {s: sum(v == s for v in ids.values()) / len(ids) for s in SPLITS}
        assert 0.5 <= shares["train"] <= 0.7 and shares["dev"] >= 0.15 and shares["test"] >= 0.15


def test_labels_follow_the_families(grammar: list[Example]) -> None:
    for example in grammar:
        assert example.source == "grammar" and example.lang in ("nl", "en")
        if example.pattern in HARMLESS:
            assert not example.kinds and example.subtype is None, example
            continue
        (kind,) = example.kinds
        assert kind in ABUSE_KINDS
        if example.pattern in HARMFUL:
            assert kind == HARMFUL[example.pattern]
        if kind == "identity_attack":
            assert example.subtype in {"racism", "sexism", "homophobia", "transphobia", "ableism", "religion"}
    subtypes = {(e.lang, e.subtype) for e in grammar if e.subtype}
    assert len(subtypes) == 12, "six subtypes in each language"


def test_a_shape_that_names_no_group_takes_its_one_subtype() -> None:
    # Coded hate names no group ("(((globalisten)))"); its @subtype is then the row's subtype. A shape
    # marked with two subtypes and no group (a threat to a place) has none to give.
    slots = load("nl")["slots"]
    coded = Template(
        "nl/implicit_derogation/x", "nl", "implicit_derogation", "@religion de (((globalisten))) weer"
    )
    assert _fill(coded, slots, Random(1))[:2] == ("de (((globalisten))) weer", "religion")
    place = Template(
        "nl/threat_group/x", "nl", "threat_group", "@homophobia,transphobia die borrel gaat eraan"
    )
    assert _fill(place, slots, Random(1))[1] is None
    named = Template("nl/slur/x", "nl", "slur", "@racism Rot op, {G.slur1}.")
    text, subtype, _ = _fill(named, slots, Random(1))
    assert subtype == "racism" and text.startswith("Rot op, ") and "{" not in text


def test_harmless_twins_share_the_harmful_vocabulary(grammar: list[Example]) -> None:
    # A model must learn composition, not words: most group, slur, insult, threat and sexual phrases of the
    # harmful examples also occur in harmless ones (negated, quoted, discussed, aimed at things).
    for lang in ("nl", "en"):
        slots = load(lang)["slots"]
        harmless = " ".join(e.text.lower() for e in grammar if e.lang == lang and not e.kinds)
        phrases = [g[f] for g in slots["groups"] for f in ("pl", "slur") if f in g]
        for name in ("insult", "attr", "dehum", "threat", "sex", "img", "looks_n", "kill_inf", "kill_pp"):
            phrases += slots[name]
        missing = [p for p in phrases if p.lower() not in harmless]
        assert len(missing) <= 0.1 * len(phrases), (lang, missing)


def test_spelling_perturbations_also_touch_harmless_examples(grammar: list[Example]) -> None:
    for lang in ("nl", "en"):
        odd = [e for e in grammar if e.lang == lang and not e.kinds and any(ord(c) > 0x2000 for c in e.text)]
        assert len(odd) >= 20, lang


def test_harm_is_also_written_with_chat_around_it_and_shouting(
    grammar: list[Example], everyday: list[Example]
) -> None:
    around = [e for e in grammar if e.pattern == "chat_around"]
    assert around and all(e.restyled and e.kinds for e in around)
    for lang in ("nl", "en"):
        for split in SPLITS:
            assert any(e.lang == lang and e.split == split for e in around), (lang, split)
    lines = {e.text.rstrip(".,!?;: "): e.split for e in everyday}
    originals = defaultdict(list)
    for e in grammar:
        if not e.restyled:
            originals[e.template].append(e.text.rstrip(".,!?;: "))
    shouted = 0
    for example in [e for e in grammar if e.restyled][::40]:
        # Each copy is one of its template's fillings, with an everyday line of the same split around it
        # or with exclamation marks; never a line of another split.
        # (a line inside the template's own filling is not the chat around it: "hoop dat je je snel beter
        # voelt" is an everyday line and part of a congratulation)
        own = originals[example.template]
        found = [line for line in lines if line and line in example.text and not any(line in o for o in own)]
        # The line used is the longest found: "this reading is killing me" (dev) is inside "… slowly" (train).
        used = [line for line in found if not any(line != other and line in other for other in found)]
        assert all(lines[line] == example.split for line in used if len(line) > 25), example.text
        # (folded: a filling may have been written with look-alike letters and its copy plainly)
        assert any(fold(text) in fold(example.text) for text in originals[example.template])
        if not used and example.pattern == "chat_around":
            # Its line is also inside one of its own fillings (the reaction "W" in "We …"): it still stands
            # at one end of the copy.
            ends = example.text.rstrip(".,!?;: ")
            assert any(line and (ends.startswith(line) or ends.endswith(line)) for line in lines), (
                example.text
            )
            continue
        if not used:
            shouted += 1
            assert "!" in example.text and example.pattern not in ("banter", "congratulation")
            assert example.pattern != "chat_around" and bool(example.kinds) == (example.pattern in HARMFUL)
    assert shouted > 20  # (short everyday lines like "ok" occur inside many texts)
    # A harmless twin's copies stay in its family (counter-speech with chat around it is still harmless).
    assert all(e.pattern in HARMLESS for e in grammar if e.restyled and not e.kinds)


def test_harm_and_its_twins_are_also_addressed_to_someone_by_name(grammar: list[Example]) -> None:
    # A name taught that a message is ordinary ("kys" 0.99, "kys Sam" 0.16) until harm was addressed too.
    names = {lang: load(lang)["slots"]["vocative"] for lang in ("nl", "en")}
    fillings = defaultdict(set)
    for e in grammar:
        if e.pattern == e.template.split("/")[1]:  # the template's own fillings, not its copies
            fillings[e.template].add(fold(e.text))
    addressed = [e for e in grammar if e.pattern == "addressed"]
    assert addressed and all(e.kinds and not e.restyled for e in addressed)
    twins_addressed = 0
    for e in grammar[::7]:
        if e.restyled or e.pattern.startswith("spelling_"):
            continue
        for name in names[e.lang]:
            for form in (f"{name}, ", f"{name} ", f"@{name} ", f", {name}", f" {name}", f" @{name}"):
                body = e.text.rstrip(".!?")
                if form.endswith(" ") and e.text.startswith(form):
                    rest = e.text[len(form) :]
                elif not form.endswith(" ") and body.endswith(form):
                    rest = body[: -len(form)] + e.text[len(body) :]
                else:
                    continue
                if fold(rest) in fillings[e.template]:  # a filling of its own template, addressed
                    assert e.pattern == "addressed" if e.kinds else e.pattern in HARMLESS, e
                    twins_addressed += not e.kinds
    assert twins_addressed > 100, twins_addressed


def test_harm_is_also_written_with_a_tail_after_it(grammar: list[Example]) -> None:
    # A laugh taught that a message is banter ("i'm gonna stab you" 0.91, "… lol" 0.00), and a word more
    # diluted a short threat ("watch your back" against "watch your back tomorrow").
    from samen.signals.grammar import load

    tails = {lang: load(lang)["slots"]["tail"] for lang in ("nl", "en")}
    fillings = defaultdict(set)
    for e in grammar:
        if e.pattern == e.template.split("/")[1]:
            fillings[e.template].add(e.text.rstrip("."))
    tailed = [e for e in grammar if e.pattern == "tailed"]
    assert tailed and all(e.kinds and not e.restyled for e in tailed)
    seen = set()
    for e in tailed[::7]:
        tail = next(t for t in tails[e.lang] if e.text.endswith(f" {t}") and e.text[: -len(t) - 1].rstrip(".")
                    in fillings[e.template])  # fmt: skip
        seen.add(tail)
    assert len(seen) > 40  # laughs, fillers and times, in both languages


def test_no_text_is_in_two_splits_or_in_a_test_split_elsewhere(
    grammar: list[Example], everyday: list[Example]
) -> None:
    texts = [e.text for e in grammar]
    assert len(set(texts)) == len(texts)
    held_out = {e.text for e in everyday if e.split == "test"}
    assert not held_out & set(texts)


@pytest.mark.skipif(
    not (DATA / "README.md").is_file(), reason="the shared data folder is not beside the clone"
)
def test_no_grammar_text_is_in_a_shared_set_test_split(grammar: list[Example]) -> None:
    texts = {e.text.casefold() for e in grammar}
    for name in ("convabuse", "edos", "davidson", "stormfront", "rtp-lx"):
        held_out = {e.text.casefold() for e in READERS[name](DATA) if e.split == "test"}
        assert not held_out & texts, name


def test_everyday_chat_is_large_harmless_and_in_both_languages(everyday: list[Example]) -> None:
    assert len(everyday) >= 1000
    by_lang = {lang: [e for e in everyday if e.lang == lang] for lang in ("nl", "en")}
    assert all(len(v) >= 450 for v in by_lang.values())
    assert len(by_lang) == 2 and sum(len(v) for v in by_lang.values()) == len(everyday)
    assert all(not e.kinds and e.source == "everyday" and e.pattern.startswith("everyday/") for e in everyday)
    assert len({e.text for e in everyday}) == len(everyday)
    for lang, mine in by_lang.items():
        shares = {s: sum(e.split == s for e in mine) / len(mine) for s in SPLITS}
        assert 0.5 <= shares["train"] <= 0.7 and min(shares["dev"], shares["test"]) >= 0.12, lang
    texts = {e.text for e in everyday}
    for case in (
        "Hoe laat is de werkgroep morgen eigenlijk?",
        "die deadline gaat me slopen",
        "ik ga dood van het lachen",
    ):
        assert case in texts
    joined = "\n".join(texts)
    for trap in ("06-12-2024 23:59", "logo@2x.png", "1500 MB", "git@github.com:org/x.git"):
        assert trap in joined


def test_rule_twins_are_harmless_and_apart_from_everyday_chat(everyday: list[Example]) -> None:
    twins = list(READERS["twins"](Path("/unused")))
    assert {e.lang for e in twins} == {"nl", "en"} and {e.split for e in twins} == set(SPLITS)
    assert all(not e.kinds and e.source == "twins" and e.pattern.startswith("twins/") for e in twins)
    assert not {e.text for e in twins} & {e.text for e in everyday}, "a line is a twin or everyday chat"


def test_a_corpus_line_that_opens_with_a_hashtag_is_an_example_and_a_comment_is_not() -> None:
    from samen.signals.corpora import holds_example, own_examples

    assert holds_example("#kys @Finn\tthreat\t\tobfuscation")
    assert not holds_example("# text\tkind\tsubtype\tpattern") and not holds_example("#")
    opening = [e.text for e in own_examples() if e.text.startswith("#")]
    assert "#kys @Finn" in opening and len(opening) >= 10
    assert not any(e.text.startswith("# ") for e in own_examples())


def test_the_docs_show_the_current_counts() -> None:
    from samen.signals.grammar.__main__ import everyday_table, grammar_table

    docs = (Path(__file__).resolve().parents[2] / "docs" / "signals.md").read_text(encoding="utf-8")
    assert grammar_table() in docs and everyday_table() in docs, "run python -m samen.signals.grammar"
