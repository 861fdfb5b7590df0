"""``samen signals eval``: how the signals do on text they were not built from.

Held-out rows only: the test split of our own examples, the held-out (test) templates of our grammar, the
test splits of our everyday chat and rule twins, RTP-LX Dutch (its test half), and the ConvAbuse and EDOS
test splits.
Reported: precision, recall and F1 per set, language and kind (``any``: some abuse, and some nudge);
accuracy per functional family on the grammar's held-out templates (a harmful row is right when it is
nudged, a harmless one when it is not); the share of everyday chat and of rule twins nudged;
each labelling function's precision and coverage; a confusion table of identity subtypes; how often the
embedding stage ran; and, with ``plots``, precision-recall curves per kind as a PNG.

Two models compared (``--against``): row by row on the same sets, the rows each gets right that the other
gets wrong, and whether the candidate's losses are within the noise of a paired count (McNemar's).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samen.signals.analyzer import THRESHOLD, Signals
from samen.signals.corpora import ABUSE_KINDS, OUR_SETS, READERS, Example, own_examples
from samen.signals.findings import IDENTITY_SUBTYPES

#: Kinds a nudge follows (profanity alone never brings one).
NUDGED = frozenset(ABUSE_KINDS)
#: The held-out shared sets: (name, split).
HELD_OUT = (("rtp-lx", "test"), ("convabuse", "test"), ("edos", "test"))
#: Sets that label one subtype only: a finding of another subtype is neither right nor wrong there.
ONLY_SUBTYPE = {"edos": ("identity_attack", "sexism")}


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


#: Our all-harmless sets, whose nudge rate is reported, with their names in the report.
HARMLESS_SETS = {"everyday": "Everyday chat", "twins": "Rule twins (hard negatives)"}


@dataclass
class Report:
    """Everything ``samen signals eval`` prints."""

    counts: dict[tuple[str, str, str], Counts] = field(default_factory=dict)
    families: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    #: per set of :data:`HARMLESS_SETS`: (rows nudged, rows).
    harmless: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: per labelling function: [rows it fired on, of which right]; and how many rows were read.
    rules: dict[str, list[int]] = field(default_factory=dict)
    rows: int = 0
    subtypes: dict[tuple[str, str], int] = field(default_factory=dict)
    embedded: tuple[int, int] = (0, 0)
    #: per kind: (score, truth) pairs over every held-out row, for precision-recall curves.
    curves: dict[str, list[tuple[float, bool]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """What the signals said about one example."""

    found: frozenset[str]
    scores: dict[str, float]
    subtype: str | None
    fired: tuple[str, ...]


def found_kinds(signals: Signals, text: str) -> set[str]:
    """The nudge-worthy kinds :meth:`Signals.analyze` reports for a text."""
    return {f.kind for f in signals.analyze(text).findings if f.kind in NUDGED}


def judge(signals: Signals, text: str) -> Verdict:
    """The nudge-worthy kinds found in a text, every kind's score, the identity subtype and the labelling
    functions that fired."""
    analysis, raw, reading = signals.examine(text)
    scores = {k: s for k, (s, _, _) in raw.items() if k in NUDGED}
    identity = analysis.strongest("identity_attack")
    fired = tuple(lf.id for lf in reading.fired)
    found = frozenset(f.kind for f in analysis.findings if f.kind in NUDGED)
    return Verdict(found, scores, identity.subtype if identity else None, fired)


def _judged(name: str, verdict: Verdict) -> set[str]:
    """The kinds found that a set's labels can judge: every nudge-worthy one, or, in a set that labels
    one subtype only (:data:`ONLY_SUBTYPE`), its kind where the subtype found is that one or none."""
    only = ONLY_SUBTYPE.get(name)
    if only is None:
        return set(verdict.found)
    kind, subtype = only
    return {kind} if kind in verdict.found and verdict.subtype in (subtype, None) else set()


def _count(report: Report, name: str, example: Example, verdict: Verdict) -> None:
    only = ONLY_SUBTYPE.get(name)
    found = _judged(name, verdict)
    kinds = (only[0],) if only else (*ABUSE_KINDS, "any")
    for kind in kinds:
        truth = bool(example.kinds) if kind == "any" else kind in example.kinds
        predicted = bool(found) if kind == "any" else kind in found
        counts = report.counts.setdefault((name, example.lang, kind), Counts())
        counts.tp += truth and predicted
        counts.fp += predicted and not truth
        counts.fn += truth and not predicted


def score_set(signals: Signals, name: str, examples: Iterable[Example], report: Report) -> None:
    """Add one set's counts, rule firings, subtypes and curve points to the report."""
    n = 0
    for example in examples:
        n += 1
        verdict = judge(signals, example.text)
        _count(report, name, example, verdict)
        for lf in verdict.fired:
            right = any(lf_kind in example.kinds for lf_kind in _rule_kinds(signals, lf))
            fired = report.rules.setdefault(lf, [0, 0])
            fired[0] += 1
            fired[1] += right
        report.rows += 1
        if "identity_attack" in example.kinds and example.subtype and "identity_attack" in verdict.found:
            key = (example.subtype, verdict.subtype or "none")
            report.subtypes[key] = report.subtypes.get(key, 0) + 1
        if name not in ONLY_SUBTYPE:
            for kind in ABUSE_KINDS:
                report.curves.setdefault(kind, []).append(
                    (verdict.scores.get(kind, 0.0), kind in example.kinds)
                )
        if example.source == "grammar":
            # As the functional test suites judge: a harmful row is right when it is nudged (whatever the
            # kind; the per-kind table above says whether the kind was right), a harmless one when not.
            right = bool(verdict.found) == bool(example.kinds)
            done, total = report.families.get((example.lang, example.pattern), (0, 0))
            report.families[(example.lang, example.pattern)] = (done + right, total + 1)
        if example.source in HARMLESS_SETS:
            nudged, total = report.harmless.get(example.source, (0, 0))
            report.harmless[example.source] = (nudged + bool(verdict.found), total + 1)
    report.sizes[name] = n


def _rule_kinds(signals: Signals, lf_id: str) -> tuple[str, ...]:
    kinds = [lf.kind for lf in signals.rules if lf.id == lf_id]
    # A threat against a group is also an identity attack in some sets' labels.
    return (*kinds, "identity_attack") if "threat" in kinds else tuple(kinds)


def _sample(examples: Iterable[Example], size: int) -> list[Example]:
    items = list(examples)
    if size <= 0 or len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


def held_out(root: Path, split: str = "test") -> list[tuple[str, list[Example]]]:
    """The held-out sets (or, with ``split="dev"``, the development halves), by name."""
    sets = [("own", [e for e in own_examples() if e.split == split])]
    for name in OUR_SETS:
        sets.append((name, [e for e in READERS[name](root) if e.split == split]))
    for name, _ in HELD_OUT:
        sets.append((name, [e for e in READERS[name](root) if e.split == split]))
    return sets


def evaluate_all(signals: Signals, root: Path, sample: int = 0, split: str = "test") -> Report:
    """Evaluate on every held-out set.

    Args:
        signals: the loaded signals.
        root: the shared data folder.
        sample: at most this many examples per set (0: all), taken evenly.
        split: ``test`` (what is reported) or ``dev`` (what thresholds and choices were made on).
    """
    report = Report()
    before = (signals.scored, signals.embedded)
    for name, examples in held_out(root, split):
        score_set(signals, name, _sample(examples, sample), report)
    report.embedded = (signals.embedded - before[1], signals.scored - before[0])
    return report


def operating_point(points: Sequence[tuple[float, bool]], min_precision: float) -> tuple[float, float]:
    """The highest recall at which precision is at least ``min_precision`` (and that precision)."""
    ranked = sorted(points, key=lambda p: -p[0])
    positives = sum(t for _, t in ranked)
    best = (0.0, 0.0)
    tp = fp = 0
    for _, truth in ranked:
        tp += truth
        fp += not truth
        precision = tp / (tp + fp)
        if precision >= min_precision and positives and tp / positives > best[0]:
            best = (tp / positives, precision)
    return best


def plot_curves(report: Report, path: Path) -> None:
    """Precision-recall curves per kind over every held-out row, with the threshold marked (matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=110)
    for kind, points in sorted(report.curves.items()):
        ranked = sorted(points, key=lambda p: -p[0])
        positives = sum(t for _, t in ranked)
        if not positives:
            continue
        xs, ys = [], []
        tp = fp = 0
        mark = None
        for score, truth in ranked:
            tp += truth
            fp += not truth
            xs.append(tp / positives)
            ys.append(tp / (tp + fp))
            if score >= THRESHOLD:
                mark = (xs[-1], ys[-1])
        (line,) = ax.plot(xs, ys, label=f"{kind} ({positives})")
        if mark is not None:
            ax.plot(*mark, "o", color=line.get_color())
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, 1)
    ax.grid(alpha=0.3)
    ax.set_title("Held-out rows, per kind (dot: the reporting threshold)")
    ax.legend(loc="lower left")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)


def format_report(report: Report, signals: Signals | None = None) -> str:
    """The report as Markdown tables (the docs quote it)."""
    lines = ["| set | lang | kind | precision | recall | F1 | support |", "|---|---|---|---|---|---|---|"]
    for (name, lang, kind), c in sorted(report.counts.items()):
        support = c.tp + c.fn
        if support == 0 and c.fp == 0:
            continue
        lines.append(
            f"| {name} | {lang} | {kind} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} | {support} |"
        )
    for source, label in HARMLESS_SETS.items():
        nudged, total = report.harmless.get(source, (0, 0))
        if total:
            lines += ["", f"{label} nudged: {nudged} of {total} ({nudged / total:.1%})."]
    if report.families:
        lines += ["", "| family | accuracy nl | accuracy en | rows |", "|---|---|---|---|"]
        families = sorted({f for _, f in report.families})
        for family in families:
            cells = []
            rows = 0
            for lang in ("nl", "en"):
                right, count = report.families.get((lang, family), (0, 0))
                rows += count
                cells.append(f"{right / count:.2f}" if count else "-")
            lines.append(f"| {family} | {cells[0]} | {cells[1]} | {rows} |")
    rows = report.rows
    if rows:
        reasons = {lf.id: lf.reason for lf in signals.rules} if signals is not None else {}
        lines += ["", "| rule | fires on | precision | reason |", "|---|---|---|---|"]
        for lf_id in sorted(report.rules):
            fired, right = report.rules[lf_id]
            lines.append(
                f"| `{lf_id}` | {fired} ({fired / rows:.2%}) | {right / fired:.2f} "
                f"| {reasons.get(lf_id, '')} |"
            )
        for lf_id in sorted(reasons.keys() - report.rules.keys()):
            lines.append(f"| `{lf_id}` | 0 | - | {reasons[lf_id]} |")
    if report.subtypes:
        found = [*IDENTITY_SUBTYPES, "none"]
        lines += ["", "| true \\ found | " + " | ".join(found) + " |", "|---" * (len(found) + 1) + "|"]
        for truth in IDENTITY_SUBTYPES:
            cells = [str(report.subtypes.get((truth, f), 0)) for f in found]
            lines.append(f"| {truth} | " + " | ".join(cells) + " |")
    embedded, scored = report.embedded
    if scored:
        lines += ["", f"Embedding stage ran on {embedded} of {scored} messages ({embedded / scored:.1%})."]
    if report.curves:
        lines += ["", "| kind | recall at precision ≥ 0.85 | at ≥ 0.90 |", "|---|---|---|"]
        for kind, points in sorted(report.curves.items()):
            r85, _ = operating_point(points, 0.85)
            r90, _ = operating_point(points, 0.90)
            lines.append(f"| {kind} | {r85:.2f} | {r90:.2f} |")
    lines += ["", "Sizes: " + ", ".join(f"{k} {v}" for k, v in report.sizes.items())]
    return "\n".join(lines)


#: A blind set's labels: a line is harm or it is not.
BLIND_LABELS = ("harm", "harmless")
#: Calibrated scores at which a blind set is also counted (0.5 is what nudges).
BLIND_CUTOFFS = (0.3, 0.35, 0.4, 0.45, 0.5)


@dataclass(frozen=True)
class BlindLine:
    """One line of a blind set: its language, whether it is harm, the kind its writer gave it, its text."""

    lang: str
    harmful: bool
    kind: str
    text: str


@dataclass(frozen=True)
class BlindScore:
    """What the signals made of one blind line, without its text: whether a nudge-worthy kind was found,
    the highest calibrated score of any kind, and whether the embedding stage read it."""

    lang: str
    harmful: bool
    kind: str
    found: bool
    top: float
    embedded: bool


def count_blind(signals: Signals, lines: Iterable[BlindLine]) -> list[BlindScore]:
    """Score every line of a blind set as the bot would (nudge-worthy kinds found, as in :func:`judge`)."""
    scores = []
    for line in lines:
        before = signals.embedded
        verdict = judge(signals, line.text)
        top = max(verdict.scores.values(), default=0.0)
        scores.append(
            BlindScore(
                line.lang, line.harmful, line.kind, bool(verdict.found), top, signals.embedded > before
            )
        )
    return scores


def format_blind(scores: Sequence[BlindScore]) -> str:
    """The blind set's counts as Markdown: per label and kind, in all, at other cutoffs, by stage and per
    language."""
    kinds = Counter((BLIND_LABELS[not s.harmful], s.kind) for s in scores)
    found = Counter((BLIND_LABELS[not s.harmful], s.kind) for s in scores if s.found)
    out = ["| label | kind | found or nudged | lines |", "|---|---|---|---|"]
    out += [
        f"| {label} | {kind} | {found[label, kind]} | {n} |" for (label, kind), n in sorted(kinds.items())
    ]
    harm = [s for s in scores if s.harmful]
    harmless = [s for s in scores if not s.harmful]
    out += [
        "",
        f"Harm found: {sum(s.found for s in harm)} of {len(harm)}. "
        f"Harmless lines nudged: {sum(s.found for s in harmless)} of {len(harmless)}.",
        "",
        "| nudging from a calibrated score of | harm found | harmless nudged |",
        "|---|---|---|",
    ]
    out += [
        f"| {cut:.2f} | {sum(s.top >= cut for s in harm)} | {sum(s.top >= cut for s in harmless)} |"
        for cut in BLIND_CUTOFFS
    ]
    missed = [s for s in harm if not s.found]
    out += [
        "",
        f"Embedded: {sum(s.embedded for s in scores)} of {len(scores)} lines. "
        f"Harmful lines missed: {len(missed)}, embedded of those: {sum(s.embedded for s in missed)}.",
        "",
        "| language | harm found | harmless nudged |",
        "|---|---|---|",
    ]
    for lang in sorted({s.lang for s in scores}):  # the aims hold in each language
        hits = [sum(s.found for s in group if s.lang == lang) for group in (harm, harmless)]
        lines = [sum(s.lang == lang for s in group) for group in (harm, harmless)]
        out.append(f"| {lang} | {hits[0]} of {lines[0]} | {hits[1]} of {lines[1]} |")
    return "\n".join(out)


#: A candidate's losses against a base model on one set count as noise up to this many standard deviations
#: of a paired count (McNemar's: the deviation of wins minus losses is the square root of the rows on which
#: the two disagree), and never less than :data:`MIN_TOLERANCE` rows. Small public sets (ConvAbuse's 108
#: abusive dev rows) move by a few rows between two trainings on the same data (docs/signals-rounds.md,
#: the forty-fifth round).
PAIRED_DEVIATIONS = 2.0
MIN_TOLERANCE = 2


@dataclass(frozen=True)
class Paired:
    """Two models judged on the same rows of one set, one side at a time.

    Attributes:
        name: the set (``grammar``, ``convabuse``, ``blind``, ``blind en``…).
        side: ``harmful`` (right: found) or ``harmless`` (right: left alone).
        rows: the set's rows on that side.
        base_right: rows the base model gets right.
        won: rows the candidate gets right and the base model wrong.
        lost: rows the base model gets right and the candidate wrong.
    """

    name: str
    side: str
    rows: int
    base_right: int
    won: int
    lost: int

    @property
    def candidate_right(self) -> int:
        """Rows the candidate gets right."""
        return self.base_right + self.won - self.lost

    @property
    def tolerance(self) -> float:
        """How many more rows the candidate may lose than win before it is worse beyond noise."""
        return max(MIN_TOLERANCE, PAIRED_DEVIATIONS * math.sqrt(self.won + self.lost))

    @property
    def within(self) -> bool:
        """Whether the candidate's net loss (lost - won) is within :attr:`tolerance`."""
        return self.lost - self.won <= self.tolerance


def _paired(name: str, rows: Iterable[tuple[bool, bool, bool]]) -> list[Paired]:
    """Paired counts per side from ``(harmful, base right, candidate right)`` per row."""
    counts: dict[bool, list[int]] = {}
    for harmful, base, candidate in rows:
        row = counts.setdefault(harmful, [0, 0, 0, 0])
        row[0] += 1
        row[1] += base
        row[2] += candidate and not base
        row[3] += base and not candidate
    return [
        Paired(name, "harmful" if harmful else "harmless", *counts[harmful])
        for harmful in (True, False)
        if harmful in counts
    ]


def compare_held_out(
    base: Signals, candidate: Signals, root: Path, sample: int = 0, split: str = "test"
) -> list[Paired]:
    """Both models on every held-out set of ``split`` (:func:`held_out`), row by row. A row is right when
    some abuse is found, of whatever kind, exactly where its labels hold some (in EDOS: sexism,
    :data:`ONLY_SUBTYPE`), as the report's ``any`` rows count it; a nudge of the wrong kind is right here.

    Args:
        base: the model judged against (the shipped one).
        candidate: the model that would replace it.
        root: the shared data folder.
        sample: at most this many rows per set (0: all), taken evenly.
        split: ``test`` or ``dev``.
    """
    out: list[Paired] = []
    for name, examples in held_out(root, split):
        only = ONLY_SUBTYPE.get(name)
        rows = []
        for example in _sample(examples, sample):
            truth = only[0] in example.kinds if only else bool(example.kinds)
            base_found, candidate_found = (
                bool(_judged(name, judge(s, example.text))) for s in (base, candidate)
            )
            rows.append((truth, base_found == truth, candidate_found == truth))
        out += _paired(name, rows)
    return out


def compare_blind(base: Signals, candidate: Signals, lines: Sequence[BlindLine]) -> list[Paired]:
    """Both models on a blind set's lines, row by row, in all and per language (nothing of a line but
    whether each model got it right is kept)."""
    rows: list[tuple[str, tuple[bool, bool, bool]]] = []
    for line in lines:
        base_found, candidate_found = (bool(judge(s, line.text).found) for s in (base, candidate))
        rows.append((line.lang, (line.harmful, base_found == line.harmful, candidate_found == line.harmful)))
    out = _paired("blind", (row for _, row in rows))
    for lang in sorted({lang for lang, _ in rows}):
        out += _paired(f"blind {lang}", (row for row_lang, row in rows if row_lang == lang))
    return out


def format_paired(rows: Sequence[Paired]) -> str:
    """The paired counts as Markdown, a row per set and side."""
    out = [
        "| set | side | rows | base right | candidate right | won | lost | lost - won | tolerance | within |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    out += [
        f"| {p.name} | {p.side} | {p.rows} | {p.base_right} | {p.candidate_right} | {p.won} | {p.lost} | "
        f"{p.lost - p.won} | {p.tolerance:.1f} | {'yes' if p.within else 'no'} |"
        for p in rows
    ]
    return "\n".join(out)
