"""Print the counts of our own training data as Markdown tables (``python -m samen.signals.grammar``):
grammar examples and templates per family, language and split, and the everyday chat per language,
topic and split. The tables in ``docs/signals.md`` are this output."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from samen.signals.corpora import everyday
from samen.signals.grammar import DERIVED, HARMFUL, HARMLESS, LANGS, generate, templates

SPLITS = ("train", "dev", "test")


def grammar_table() -> str:
    """Examples per family, language and split, with the number of templates (shapes) of each."""
    examples = generate()
    counts = Counter((e.lang, e.pattern, e.split) for e in examples)
    shapes = Counter((t.lang, t.family) for lang in LANGS for t in templates(lang))
    head = "| family | kind | " + " | ".join(f"{lang} {s}" for lang in LANGS for s in SPLITS)
    head += " | " + " | ".join(f"{lang} templates" for lang in LANGS) + " |"
    lines = [head, "|" + "---|" * (2 + 4 * len(LANGS))]
    for family in (*HARMFUL, *DERIVED, *HARMLESS):
        kind = HARMFUL.get(family, "(template's)" if family in DERIVED else "none")
        cells = [str(counts[(lang, family, s)]) for lang in LANGS for s in SPLITS]
        cells += [str(shapes[(lang, family)]) if family not in DERIVED else "–" for lang in LANGS]
        lines.append(f"| {family} | {kind} | " + " | ".join(cells) + " |")
    totals = [
        str(sum(counts[(lang, f, s)] for f in (*HARMFUL, *DERIVED, *HARMLESS)))
        for lang in LANGS
        for s in SPLITS
    ]
    totals += [str(sum(v for (lang2, _), v in shapes.items() if lang2 == lang)) for lang in LANGS]
    lines.append("| **all** | | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def everyday_table() -> str:
    """Everyday chat lines per topic, language and split."""
    examples = list(everyday(Path()))
    counts = Counter((e.lang, e.pattern.removeprefix("everyday/"), e.split) for e in examples)
    topics = sorted({topic for _, topic, _ in counts})
    lines = ["| topic | " + " | ".join(f"{lang} {s}" for lang in LANGS for s in SPLITS) + " |"]
    lines.append("|" + "---|" * (1 + 3 * len(LANGS)))
    for topic in (*topics, None):
        cells = [
            str(sum(v for (l2, t, s2), v in counts.items() if l2 == lang and s2 == s and topic in (None, t)))
            for lang in LANGS
            for s in SPLITS
        ]
        lines.append(f"| {topic or '**all**'} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(grammar_table())
    print()
    print(everyday_table())
