"""Undo the usual disguises before matching: zero-width characters, homoglyphs, diacritics, l33t,
letters spaced out or stretched.

:func:`fold` turns a message into lower-case ASCII-ish text of the same meaning; :func:`tokens` splits
folded text into words; :func:`squeeze` collapses repeated letters so that ``idioooot``, ``idiot`` and
``iddiot`` meet in one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff\u00ad"))

# Cyrillic and Greek letters that look like Latin ones (after lower-casing).
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "і": "i", "ї": "i", "ј": "j", "к": "k",
        "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
        "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "s", "σ": "o",
        "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d",
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "`": "'", "´": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "«": '"', "»": '"',
    }
)  # fmt: skip

# Digits and signs used for letters inside words (only applied to words that also hold a letter).
_LEET = str.maketrans({"4": "a", "@": "a", "3": "e", "€": "e", "1": "i", "!": "i", "|": "i", "0": "o",
                       "5": "s", "$": "s", "7": "t", "+": "t", "9": "g", "8": "b"})  # fmt: skip

_WORDISH = re.compile(r"[\w@$€!|+*#']+")
_HAS_LETTER = re.compile(r"[a-z]")
_HAS_DIGITLIKE = re.compile(r"[0-9@$€!|+]")
_SPACED = re.compile(r"(?<![\w])((?:[a-z0-9@$*](?:[ .\-_]|  )){2,}[a-z0-9@$*])(?![\w])")
_STRETCH = re.compile(r"(.)\1{2,}")
_DOUBLE = re.compile(r"(.)\1+")
_TOKEN = re.compile(r"[a-z0-9*#]+(?:'[a-z]+)?")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if _HAS_LETTER.search(word) and _HAS_DIGITLIKE.search(word):
        # A trailing ! is punctuation, not an i.
        core = word.rstrip("!")
        return core.translate(_LEET) + word[len(core) :]
    return word


def _join_spaced(match: re.Match[str]) -> str:
    # Letters spaced one apart make a word; two spaces between them mark the next word.
    return " ".join(re.sub(r"[ .\-_]", "", word) for word in match.group(1).split("  "))


def fold(text: str) -> str:
    """Fold a message to plain lower-case letters, undoing disguises; keeps words and punctuation.

    Args:
        text: the message as written.

    Returns:
        The folded text (not character-aligned with the input; spans come from the original text).
    """
    text = text.translate(_ZERO_WIDTH)
    text = unicodedata.normalize("NFKC", text).lower().translate(_HOMOGLYPHS)
    if not text.isascii():
        text = _strip_marks(text)
    text = _WORDISH.sub(_unleet, text)
    text = _SPACED.sub(_join_spaced, text)
    return _STRETCH.sub(r"\1\1", text)


def tokens(folded: str) -> list[str]:
    """The words of folded text; an apostrophe inside a word is dropped (``homo's`` → ``homos``)."""
    return [t.replace("'", "") for t in _TOKEN.findall(folded)]


@lru_cache(maxsize=1 << 16)
def squeeze(word: str) -> str:
    """A word with every run of one letter collapsed to one (the key the lexicon is indexed by)."""
    return _DOUBLE.sub(r"\1", word)
