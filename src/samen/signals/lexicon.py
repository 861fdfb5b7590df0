"""The curated lexicon (``data/lexicon.tsv``): names for people, slurs, group names, coarse words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from samen.signals.normalize import deletions, squeeze, tokens, transpositions

#: The roles a word plays in a message (each a cue feature of the model).
ROLES = ("insult", "slur", "group", "profanity", "curse", "sexual")
#: A group's name that is also an everyday word (``blind``, ``doof``, ``Poles``): read as ``group`` only
#: where it stands for people (:func:`samen.signals.rules.read`), so it is no role of its own in a message.
EVERYDAY_GROUP = "everyday_group"


@dataclass(frozen=True)
class Entry:
    """One lexicon word in one role (a word may have several roles: ``lul`` is insult and sexual)."""

    term: str
    role: str
    subtype: str | None
    weight: float


@dataclass(frozen=True)
class Lexicon:
    """Lexicon entries by squeezed word, the curse prefixes of Dutch compounds, and the terms of several
    words (``wheelchair users``, ``mensen met een beperking``) by their first squeezed word."""

    words: dict[str, tuple[Entry, ...]]
    curse_prefixes: tuple[str, ...]
    phrases: dict[str, tuple[tuple[tuple[str, ...], Entry], ...]] = field(default_factory=dict)
    prefix_set: frozenset[str] = field(init=False, repr=False, compare=False)
    prefix_lengths: tuple[int, ...] = field(init=False, repr=False, compare=False)
    near: dict[str, tuple[Entry, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "near", _near_misses(self.words))
        lengths = tuple(sorted({len(p) for p in self.curse_prefixes}, reverse=True))
        object.__setattr__(self, "prefix_set", frozenset(self.curse_prefixes))
        object.__setattr__(self, "prefix_lengths", lengths)

    def curse_prefix(self, key: str) -> str | None:
        """The longest curse prefix a compound starts with (``kanker`` in ``kankerlijer``), if any."""
        for length in self.prefix_lengths:
            if len(key) > length + 1 and key[:length] in self.prefix_set:
                return key[:length]
        return None

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """The entries for a squeezed word (empty when none)."""
        return self.words.get(key, ())

    def phrases_at(self, words: Sequence[str], i: int) -> tuple[Entry, ...]:
        """The entries of the terms of several words that start at ``words[i]`` (empty when none)."""
        return tuple(
            entry
            for keys, entry in self.phrases.get(squeeze(words[i]), ())
            if tuple(squeeze(w) for w in words[i : i + len(keys)]) == keys
        )


def _near_misses(words: dict[str, tuple[Entry, ...]]) -> dict[str, tuple[Entry, ...]]:
    """Misspellings of strong words that are no everyday words: a missing letter (words of seven letters
    or more) or two neighbouring letters swapped (five or more)."""
    near: dict[str, tuple[Entry, ...]] = {}
    for key, entries in words.items():
        strong = tuple(e for e in entries if e.role in ("insult", "slur") and e.weight >= 0.8)
        if not strong or len(key) < 5:
            continue
        variants = transpositions(key)
        if len(key) >= 7:
            variants |= deletions(key)
        for variant in variants - {key}:
            if variant not in words:
                near.setdefault(variant, strong)
    return near


def parse_lexicon(text: str) -> Lexicon:
    """Parse the lexicon's TSV text (``term, role, subtype, weight``; ``#`` starts a comment line).

    Raises:
        ValueError: for a line with an unknown role, a weight outside 0…1, or a term that is not one word
            (or several, separated by spaces) as messages are read.
    """
    words: dict[str, list[Entry]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    prefixes: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        term, role, subtype, weight = line.split("\t")
        value = float(weight)
        if role not in (*ROLES, EVERYDAY_GROUP) or not 0 <= value <= 1:
            raise ValueError(f"lexicon line {number}: unknown role or weight out of range")
        if tokens(term.lower()) != term.lower().split():
            # "non-binair" or "moslima's" would never match: messages are read as tokens() splits them.
            raise ValueError(f"lexicon line {number}: {term!r} is not one word as messages are read")
        entry = Entry(term=term, role=role, subtype=subtype or None, weight=value)
        if " " in term:
            keys = tuple(squeeze(w) for w in term.lower().split())
            phrases.setdefault(keys[0], []).append((keys, entry))
            continue
        words.setdefault(squeeze(term), []).append(entry)
        if role in ("curse", "profanity") and len(term) >= 3:
            prefixes.append(squeeze(term))
    return Lexicon(
        {k: tuple(v) for k, v in words.items()},
        tuple(sorted(set(prefixes), key=len, reverse=True)),
        {k: tuple(v) for k, v in phrases.items()},
    )


def load_lexicon() -> Lexicon:
    """Load the shipped lexicon from the package."""
    return parse_lexicon(
        resources.files("samen.signals").joinpath("data/lexicon.tsv").read_text(encoding="utf-8")
    )
