"""``samen signals eval``: precision, recall and F1 per kind, set and language; accuracy per pattern.

Held-out sets only: our own examples' test split, RTP-LX Dutch (its test half), and the ConvAbuse and
EDOS test splits. Our functional cases are also scored all together per pattern (negation, banter…): a
harmful case is right when its kind is found, a harmless one when nothing a nudge would follow is found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from samen.signals.analyzer import Signals
from samen.signals.corpora import ABUSE_KINDS, READERS, Example, own_examples

#: Kinds a nudge follows (profanity alone never brings one).
NUDGED = frozenset(ABUSE_KINDS)
#: The held-out sets: (name, reader, split).
HELD_OUT = (("rtp-lx", "test"), ("convabuse", "test"), ("edos", "test"))


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Counts per (set, language, kind), pattern accuracy and the sizes of the sets."""

    counts: dict[tuple[str, str, str], Counts] = field(default_factory=dict)
    patterns: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)


#: Sets that label one subtype only: a finding of another subtype is neither right nor wrong there.
ONLY_SUBTYPE = {"edos": ("identity_attack", "sexism")}


def found_kinds(signals: Signals, text: str, only: tuple[str, str] | None = None) -> set[str]:
    """The nudge-worthy kinds :meth:`Signals.analyze` reports for a text.

    Args:
        signals: the loaded signals.
        text: the message.
        only: (kind, subtype): report just that kind, and only with that subtype or none.
    """
    findings = signals.analyze(text).findings
    if only is not None:
        kind, subtype = only
        return {f.kind for f in findings if f.kind == kind and f.subtype in (subtype, None)}
    return {f.kind for f in findings if f.kind in NUDGED}


def score_set(signals: Signals, name: str, examples: Iterable[Example], report: Report) -> None:
    """Add one set's counts per kind (and ``any``: any nudge-worthy kind) to the report."""
    n = 0
    only = ONLY_SUBTYPE.get(name)
    kinds = (only[0],) if only else (*ABUSE_KINDS, "any")
    for example in examples:
        n += 1
        found = found_kinds(signals, example.text, only)
        for kind in kinds:
            truth = bool(example.kinds) if kind == "any" else kind in example.kinds
            predicted = bool(found) if kind == "any" else kind in found
            counts = report.counts.setdefault((name, example.lang, kind), Counts())
            counts.tp += truth and predicted
            counts.fp += predicted and not truth
            counts.fn += truth and not predicted
    report.sizes[name] = n


def score_patterns(signals: Signals, examples: Iterable[Example], report: Report) -> None:
    """Accuracy per (language, pattern) on our own functional cases."""
    for example in examples:
        found = found_kinds(signals, example.text)
        right = bool(example.kinds & found) if example.kinds else not found
        done, total = report.patterns.get((example.lang, example.pattern), (0, 0))
        report.patterns[(example.lang, example.pattern)] = (done + right, total + 1)


def _sample(examples: Iterable[Example], size: int) -> list[Example]:
    items = list(examples)
    if size <= 0 or len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


def evaluate_all(signals: Signals, root: Path, sample: int = 0) -> Report:
    """Evaluate on our test split, the held-out shared sets and our functional cases.

    Args:
        signals: the loaded signals.
        root: the shared data folder.
        sample: at most this many examples per set (0: all), taken evenly.
    """
    report = Report()
    own = list(own_examples())
    score_set(signals, "own-test", [e for e in own if e.split == "test"], report)
    for name, split in HELD_OUT:
        examples = [e for e in READERS[name](root) if e.split == split]
        score_set(signals, name, _sample(examples, sample), report)
    score_patterns(signals, own, report)
    return report


def format_report(report: Report) -> str:
    """The report as Markdown tables (the docs quote it)."""
    lines = ["| set | lang | kind | precision | recall | F1 | support |", "|---|---|---|---|---|---|---|"]
    for (name, lang, kind), c in sorted(report.counts.items()):
        support = c.tp + c.fn
        if support == 0 and c.fp == 0:
            continue
        lines.append(
            f"| {name} | {lang} | {kind} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} | {support} |"
        )
    lines += ["", "| lang | pattern | accuracy | cases |", "|---|---|---|---|"]
    for (lang, pattern), (right, total) in sorted(report.patterns.items()):
        lines.append(f"| {lang} | {pattern} | {right / total:.2f} | {total} |")
    lines += ["", "Sizes: " + ", ".join(f"{k} {v}" for k, v in report.sizes.items())]
    return "\n".join(lines)
