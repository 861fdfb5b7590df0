"""``samen signals eval``, privacy part: precision and recall per subtype on our own privacy set, and how
often the privacy signal speaks on everyday chat.

A finding counts as right only when its subtype matches and its span is exactly the expected detail (as
written, invisible characters included); a finding elsewhere or of another subtype is a false positive,
an expected detail not found a false negative. The set (``corpus/privacy.tsv``) is split in halves by a
hash of the text: tune on ``dev``, report on ``test``. Everyday chat is every harmless line of our own
examples (``corpus/nl.tsv``, ``corpus/en.tsv``, ``corpus/everyday.tsv`` where present) and the privacy
set's look-alikes; the false-nudge rate is privacy findings per 1,000 of those messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources

from samen.signals.analyzer import Signals
from samen.signals.corpora import data_lines, hash_split, holds_example
from samen.signals.findings import PRIVACY_SUBTYPES


@dataclass(frozen=True)
class PrivacyExample:
    """One message of the privacy set.

    Attributes:
        text: the message.
        lang: ``nl`` or ``en``.
        expected: (subtype, exact detail) pairs; empty for a harmless look-alike.
        pattern: what it tests (``phone-intl``, ``date``, ``role-mailbox``…).
        split: ``dev`` or ``test``.
    """

    text: str
    lang: str
    expected: tuple[tuple[str, str], ...]
    pattern: str
    split: str


def _corpus(name: str) -> str | None:
    file = resources.files("samen.signals").joinpath("corpus").joinpath(name)
    return file.read_text(encoding="utf-8") if file.is_file() else None


def privacy_examples() -> Iterator[PrivacyExample]:
    """The privacy set (``corpus/privacy.tsv``), each example with its split.

    Raises:
        ValueError: on a malformed line or an expected detail that is not in its text.
    """
    text = _corpus("privacy.tsv") or ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not holds_example(line):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise ValueError(f"privacy.tsv line {number}: expected 4 columns, found {len(cells)}")
        message, lang, expected, pattern = cells
        pairs = []
        if expected != "-":
            for item in expected.split(" | "):
                subtype, _, detail = item.partition("=")
                if subtype not in PRIVACY_SUBTYPES or detail not in message:
                    raise ValueError(f"privacy.tsv line {number}: {item!r} is no subtype=detail of the text")
                pairs.append((subtype, detail))
        split = "test" if hash_split(message, dev=1, test=1, parts=2) == "test" else "dev"
        yield PrivacyExample(message, lang, tuple(pairs), pattern, split)


def everyday_messages() -> Iterator[str]:
    """Harmless everyday chat: our own examples labelled ``none`` and the everyday-chat corpus."""
    for name in ("nl.tsv", "en.tsv"):
        for line in data_lines(_corpus(name) or ""):
            cells = line.split("\t")
            if len(cells) >= 2 and cells[1] == "none":
                yield cells[0]
    for line in data_lines(_corpus("everyday.tsv") or ""):
        yield line.split("\t")[0]


@dataclass
class PrivacyReport:
    """Counts per (lang, subtype), wrong examples by pattern, and the everyday false-nudge rate."""

    counts: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # [tp, fp, fn]
    examples: int = 0
    everyday: int = 0
    everyday_nudges: int = 0
    lookalikes: int = 0
    lookalike_nudges: int = 0
    wrong: dict[str, int] = field(default_factory=dict)

    def figures(self, lang: str | None = None) -> dict[str, tuple[float, float, int]]:
        """(precision, recall, support) per subtype and ``all``, for one language or both."""
        total: dict[str, list[int]] = {}
        for (lg, subtype), c in self.counts.items():
            if lang is None or lg == lang:
                for key in (subtype, "all"):
                    acc = total.setdefault(key, [0, 0, 0])
                    for i in range(3):
                        acc[i] += c[i]
        out = {}
        for key, (tp, fp, fn) in total.items():
            out[key] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp + fn)
        return out


def privacy_found(signals: Signals, text: str) -> list[tuple[str, str]]:
    """(subtype, span text) of every privacy finding for a message."""
    found = []
    for f in signals.analyze(text).findings:
        if f.kind == "privacy" and f.span is not None and f.subtype is not None:
            found.append((f.subtype, text[f.span[0] : f.span[1]]))
    return found


def score_privacy(signals: Signals, examples: Iterable[PrivacyExample], report: PrivacyReport) -> None:
    """Add the examples' counts per subtype to the report."""
    for example in examples:
        report.examples += 1
        found = privacy_found(signals, example.text)
        expected = list(example.expected)
        for item in found:
            key = (example.lang, item[0])
            counts = report.counts.setdefault(key, [0, 0, 0])
            if item in expected:
                expected.remove(item)
                counts[0] += 1
            else:
                counts[1] += 1
        for subtype, _ in expected:
            report.counts.setdefault((example.lang, subtype), [0, 0, 0])[2] += 1
        if sorted(found) != sorted(example.expected):
            report.wrong[example.pattern] = report.wrong.get(example.pattern, 0) + 1
        if not example.expected:
            report.lookalikes += 1
            report.lookalike_nudges += bool(found)


def evaluate_privacy(signals: Signals, split: str = "test") -> PrivacyReport:
    """Privacy figures on one split of our privacy set and the false-nudge rate on everyday chat.

    Args:
        signals: the loaded signals (with the pack's privacy options).
        split: ``test`` (report) or ``dev`` (tune).
    """
    report = PrivacyReport()
    score_privacy(signals, [e for e in privacy_examples() if e.split == split], report)
    for text in everyday_messages():
        report.everyday += 1
        report.everyday_nudges += bool(privacy_found(signals, text))
    return report


def format_privacy_report(report: PrivacyReport, split: str = "test") -> str:
    """The privacy figures as Markdown tables (the docs quote them)."""
    lines = [
        f"Privacy, own set ({split} split, {report.examples} messages): exact spans.",
        "",
        "| lang | subtype | precision | recall | support |",
        "|---|---|---|---|---|",
    ]
    for lang in ("nl", "en", None):
        for subtype, (p, r, n) in sorted(
            report.figures(lang).items(), key=lambda kv: (kv[0] == "all", kv[0])
        ):
            lines.append(f"| {lang or 'both'} | {subtype} | {p:.2f} | {r:.2f} | {n} |")
    rate = 1000 * report.everyday_nudges / max(1, report.everyday)
    look = 1000 * report.lookalike_nudges / max(1, report.lookalikes)
    lines += [
        "",
        f"Everyday chat: {report.everyday_nudges} privacy findings in {report.everyday} messages "
        f"({rate:.1f} per 1,000). Look-alikes in this split: "
        f"{report.lookalike_nudges} of {report.lookalikes} "
        f"({look:.1f} per 1,000).",
    ]
    if report.wrong:
        lines.append("Wrong by pattern: " + ", ".join(f"{k} {v}" for k, v in sorted(report.wrong.items())))
    return "\n".join(lines)
