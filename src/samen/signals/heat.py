"""A conversation heating up, and a group writing in more than one language.

Heat is read from the recent window: a few people writing fast and back and forth, with accusations in
the second person ("jij altijd…", "you never…"), capitals and exclamation marks, and rising insult scores.
It never depends on who the people are, only on how the exchange goes.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from samen.signals.findings import Finding

#: Heat looks at the last this many seconds of the window.
HEAT_SPAN_S = 600.0
#: The fewest messages in that span before heat is considered.
HEAT_MIN_MESSAGES = 6

_ACCUSATION = re.compile(
    r"\b(?:jij|je|jullie|you|your)\s(?:\w+\s)?(?:altijd|nooit|weer|steeds|always|never|again|constantly)\b|"
    r"\b(?:jouw|your) (?:schuld|fout|probleem|fault|problem)\b|"
    r"\b(?:waarom|why) (?:doe|heb|ben|do|did|are|would)\s(?:je|jij|jullie|you)\b|"
    r"\b(?:jij|you) (?:bent|snapt|begrijpt|luistert|are|dont|don't|never|just)\b|"
    r"\b(?:lieg|liegt|liar|lying|bullshit|onzin|belachelijk|ridiculous|serieus\?|seriously\?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TurnReading:
    """What heat needs of one message: who, when, how hostile (0…1), which language."""

    author: str
    at: float
    hostility: float
    language: str
    words: int


def hostility(text: str, insult_score: float) -> float:
    """How hostile one message reads (0…1): accusations and insult scores, made louder by capitals and
    exclamation marks. Shouting alone is no hostility: "GEFELICITEERD!!!" is joy."""
    letters = [c for c in text if c.isalpha()]
    caps = sum(c.isupper() for c in letters) / len(letters) if len(letters) >= 8 else 0.0
    marks = min(text.count("!"), 5) / 5
    accusation = 0.5 if _ACCUSATION.search(text) else 0.0
    base = max(accusation, insult_score, 0.6 * accusation + 0.6 * insult_score)
    return min(1.0, base * (1.0 + 0.6 * min(1.0, caps * 1.5) + 0.3 * marks))


def assess_heat(readings: Sequence[TurnReading]) -> Finding | None:
    """Heat in a window of readings (oldest first), or None."""
    if len(readings) < HEAT_MIN_MESSAGES:
        return None
    last = readings[-1].at
    recent = [r for r in readings if last - r.at <= HEAT_SPAN_S][-12:]
    if len(recent) < HEAT_MIN_MESSAGES:
        return None
    authors = Counter(r.author for r in recent)
    # Heat is between a few people; a busy group of many voices is not a quarrel.
    main = [a for a, n in authors.items() if n >= 2]
    if not 2 <= len(main) <= 3 or sum(authors[a] for a in main) < 0.75 * len(recent):
        return None
    switches = sum(1 for a, b in itertools.pairwise(recent) if a.author != b.author)
    pace = len(recent) / max(30.0, recent[-1].at - recent[0].at) * 60  # messages per minute
    half = len(recent) // 2
    early = sum(r.hostility for r in recent[:half]) / half
    late = sum(r.hostility for r in recent[half:]) / (len(recent) - half)
    mean = sum(r.hostility for r in recent) / len(recent)
    score = (
        0.35 * min(1.0, mean / 0.4)
        + 0.2 * min(1.0, switches / (len(recent) - 1) / 0.7)
        + 0.15 * min(1.0, pace / 4)
        + 0.3 * min(1.0, max(0.0, late - early) / 0.25 + (0.5 if late >= 0.45 else 0.0))
    )
    if mean < 0.2 or score < 0.6:
        return None
    return Finding(
        kind="heat",
        subtype=None,
        score=round(min(1.0, score), 3),
        explanation=f"{len(main)} people in a fast, heated back-and-forth",
    )


def assess_language_mix(readings: Sequence[TurnReading]) -> Finding | None:
    """Two or more languages in a group's recent messages (each from more than one message), or None."""
    known = [r for r in readings if r.language != "und" and r.words >= 3]
    if len(known) < 6:
        return None
    counts = Counter(r.language for r in known)
    used = [lang for lang, n in counts.most_common() if n >= 2 and n / len(known) >= 0.2]
    if len(used) < 2:
        return None
    writers = {r.author for r in known if r.language in used[1:]}
    share = sum(counts[lang] for lang in used[1:]) / len(known)
    return Finding(
        kind="language_mix",
        subtype=",".join(sorted(used)),
        score=round(min(1.0, 0.5 + share), 3),
        explanation=f"the group writes in {len(used)} languages ({len(writers)} people in the less used one)",
    )
