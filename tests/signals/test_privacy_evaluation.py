"""Our own privacy set: well-formed, in both languages, and the signal meets its aims on the test half."""

from __future__ import annotations

from collections import Counter

from samen.signals import PRIVACY_SUBTYPES, Signals
from samen.signals.privacy_evaluation import evaluate_privacy, format_privacy_report, privacy_examples


def test_the_privacy_set_is_large_bilingual_and_has_look_alikes_for_every_kind() -> None:
    examples = list(privacy_examples())
    assert len(examples) >= 300
    assert Counter(e.lang for e in examples)["nl"] >= 120 and Counter(e.lang for e in examples)["en"] >= 120
    subtypes = {s for e in examples for s, _ in e.expected}
    assert subtypes == set(PRIVACY_SUBTYPES)
    patterns = {e.pattern for e in examples if not e.expected}
    for kind in ("date", "size", "file", "git-remote", "role-mailbox", "own", "meeting-id", "isbn", "place"):
        assert kind in patterns
    assert {e.split for e in examples} == {"dev", "test"}


def test_the_test_half_meets_the_aims(signals: Signals) -> None:
    report = evaluate_privacy(signals, "test")
    precision, recall, support = report.figures()["all"]
    assert support >= 60
    assert precision >= 0.97 and recall >= 0.95, format_privacy_report(report)
    assert report.everyday_nudges * 1000 <= report.everyday, format_privacy_report(report)
