"""FAQ search as people search: word forms, the pack's keywords and synonyms, and small typos.

A question is found when every searched word (that the FAQ knows at all) matches a word of its question,
answer or keywords, or one of the words the pack lists as that word's synonyms ("pesten" → "ongewenst
gedrag"). When no question has them all, as when a student types a sentence ("ik word gepest", "someone
threatens me"), words are let go one by one until a question has the rest: first the language's stop words
("ik", "someone", "me"; the ``stop-words`` package's lists), then the word found in the most questions.

Two words match when they are the same after Snowball stemming (``snowballstemmer``, Dutch and English
algorithms; no stemming for a language it lacks), when they share a long common beginning
("racist"/"racisme", "homofoob"/"homofobie": the Dutch stemmer leaves these apart), or when one is a small
typo of the other (one edit for words of 4 to 7 letters, two from 8: optimal string alignment distance).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import snowballstemmer
from stop_words import LANGUAGE_MAPPING, get_stop_words

from samen.content.pack import FaqEntry, Localized

#: pack language code → Snowball algorithm.
ALGORITHMS = {
    "nl": "dutch",
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
}

#: The shortest common beginning that makes two word forms one word, and how much the shorter may add to it
#: (at least MAX_TAIL letters, or half the common beginning: "discrimin-eren" / "discrimin-atie").
MIN_PREFIX = 5
MAX_TAIL = 3

WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents: "Diversiteit" and "créëren" as people type them."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of a text, folded."""
    return WORD.findall(fold(text))


def _distance_at_most(a: str, b: str, limit: int) -> bool:
    """Whether the optimal string alignment distance (edits and swaps of neighbours) is at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return False
        previous2, previous = previous, row
    return previous[-1] <= limit


class _Index:
    """The words of one language's FAQ, per entry, with their stems."""

    def __init__(self, local: Localized) -> None:
        algorithm = ALGORITHMS.get(local.code)
        self._stemmer = snowballstemmer.stemmer(algorithm) if algorithm else None
        self.entries = local.faq
        self.words = [
            set(words(" ".join([entry.question, entry.answer, *entry.keywords]))) for entry in local.faq
        ]
        self.stems = [{self.stem(w) for w in ws} for ws in self.words]
        # What names an entry: its question, keywords, topic and id (not its answer).
        self.names = [
            set(words(" ".join([entry.question, *entry.keywords, entry.topic or "", entry.id])))
            for entry in local.faq
        ]
        self.synonyms = {fold(key): tuple(values) for key, values in local.text.search_synonyms.items()}
        listed = local.code in LANGUAGE_MAPPING
        self.stop_words = {fold(w) for w in get_stop_words(local.code)} if listed else set()

    def stem(self, word: str) -> str:
        return str(self._stemmer.stemWord(word)) if self._stemmer else word

    def same_word(self, typed: str, known: str, typed_stem: str) -> bool:
        if typed == known or typed_stem == self.stem(known):
            return True
        shared = len(_common_prefix(typed, known))
        if shared >= MIN_PREFIX and min(len(typed), len(known)) - shared <= max(MAX_TAIL, shared // 2):
            return True
        if len(typed) >= 4:
            return _distance_at_most(typed, known, 1 if len(typed) < 8 else 2)
        return False

    def word_in(self, typed: str, index: int) -> bool:
        stem = self.stem(typed)
        if stem in self.stems[index] or typed in self.words[index]:
            return True
        return any(self.same_word(typed, known, stem) for known in self.words[index])

    def phrase_in(self, phrase: str, index: int) -> bool:
        return all(self.word_in(w, index) for w in words(phrase))

    def expansions(self, typed: str) -> tuple[str, ...]:
        """The pack's synonyms of a searched word (its key matched as any word is)."""
        stem = self.stem(typed)
        return tuple(
            value
            for key, values in self.synonyms.items()
            if self.same_word(typed, key, stem)
            for value in values
        )

    def names_it(self, typed: str, index: int) -> bool:
        """Whether a searched word (or one of its synonyms) is in what names the entry."""
        stem = self.stem(typed)
        named = self.names[index]
        if any(self.same_word(typed, known, stem) for known in named):
            return True
        return any(
            all(any(self.same_word(w, known, self.stem(w)) for known in named) for w in words(phrase))
            for phrase in self.expansions(typed)
        )

    def found(self, typed: str) -> set[int]:
        """The entries one searched word finds, directly or through a synonym."""
        alternatives = (typed, *self.expansions(typed))
        return {
            i
            for i in range(len(self.entries))
            if self.word_in(typed, i) or any(self.phrase_in(p, i) for p in alternatives[1:])
        }


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


@cache
def _index(local: Localized) -> _Index:
    return _Index(local)


def search_faq(local: Localized, query: str) -> tuple[FaqEntry, ...]:
    """The FAQ entries a search finds, in the FAQ's order; every entry for an empty search.

    Words the FAQ does not know at all ("please", "wat") do not narrow the search; when no word is known,
    nothing is found.
    """
    typed = words(query)
    index = _index(local)
    if not typed:
        return index.entries
    found = [(word in index.stop_words, len(hits), hits) for word in typed if (hits := index.found(word))]
    if not found:
        return ()
    # Let go first of stop words, then of the word in most questions; the last word left finds something.
    known = [hits for _, _, hits in sorted(found, key=lambda f: (f[0], f[1]))]
    chosen = set.intersection(*known)
    while not chosen:
        known.pop()
        chosen = set.intersection(*known)
    return tuple(entry for i, entry in enumerate(index.entries) if i in chosen)


def search_ids(local: Localized, query: str) -> list[str]:
    """The ids of the entries :func:`search_faq` finds."""
    return [entry.id for entry in search_faq(local, query)]


def best_faq(local: Localized, query: str) -> tuple[FaqEntry, ...]:
    """The answer to a search that asks for one (``samen faq TOPIC``): the one entry :func:`search_faq`
    finds whose question, keywords, topic or id hold every searched word (stop words aside), else every
    entry it finds, in the FAQ's order (none when it finds none; all for an empty search)."""
    found = search_faq(local, query)
    if len(found) <= 1:
        return found
    index = _index(local)
    typed = [w for w in words(query) if w not in index.stop_words] or words(query)
    positions = {entry.id: i for i, entry in enumerate(index.entries)}
    named = [e for e in found if all(index.names_it(w, positions[e.id]) for w in typed)]
    return (named[0],) if len(named) == 1 else found
