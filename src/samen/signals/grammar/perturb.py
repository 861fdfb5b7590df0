"""Spelling perturbations that disguise one word of a message, as people do to slip past filters.

Each takes the message, the word to disguise (the harmful slot's value; the longest word when it is not
found) and a seeded random generator, and returns the disguised message.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "g": "9", "b": "8", "l": "1"}
_LEET_SIGNS = {"a": "@", "s": "$", "i": "!", "e": "€"}
# Invisible characters: zero-width space, soft hyphen, combining grapheme joiner, Mongolian vowel
# separator, word joiner, zero-width (non-)joiner, a tag character, variation selectors, BOM.
_INVISIBLE = ("\u200b", "\u00ad", "\u034f", "\u180e", "\u2060", "\u200c", "\u200d", "\ufeff", "\ufe0f",
              "\ufe00", "\U000e0101", "\U000e0041", "\U000e0020", "\U000e007f", "\u2062")  # fmt: skip
# Look-alikes: Cyrillic and Greek letters, small capitals, and (built below) fullwidth and mathematical.
_CYRILLIC_GREEK = {"a": "аα", "c": "с", "e": "еε", "i": "іι", "o": "оοσ", "p": "рρ", "x": "хχ", "y": "у",
                   "k": "кκ", "s": "ѕ", "j": "ј", "h": "һ", "n": "η", "t": "τ", "u": "υ", "v": "ν",
                   "d": "ԁ", "w": "ԝ", "b": "Ь", "g": "ɡ", "l": "ⅼ", "m": "м"}  # fmt: skip
_SMALL_CAPS = dict(zip("abcdefghijklmnopqrstuvwxyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡxʏᴢ", strict=True))
_WORD = re.compile(r"\w+")


def _target(text: str, hot: str) -> tuple[int, int]:
    """The span of the word to disguise: the longest word of ``hot`` (of two letters or more) found in the
    text, else the longest word of the text."""
    words = [w for w in _WORD.findall(hot) if len(w) >= 2] if hot else []
    for word in sorted(words, key=len, reverse=True):
        found = re.search(rf"(?i)\b{re.escape(word)}\b", text)
        if found:
            return found.span()
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans:
        return 0, 0
    return max(spans, key=lambda s: s[1] - s[0])


def _letters(word: str, rng: random.Random, change: Callable[[str], str | None], share: float) -> str:
    """Change some letters of a word (at least one) where ``change`` offers a replacement."""
    places = [i for i, c in enumerate(word) if change(c.lower()) is not None]
    if not places:
        return word
    chosen = set(rng.sample(places, max(1, round(len(places) * share))))
    return "".join((change(c.lower()) or c) if i in chosen else c for i, c in enumerate(word))


def leet(word: str, rng: random.Random) -> str:
    signs = _LEET_SIGNS if rng.random() < 0.3 else {}
    return _letters(word, rng, lambda c: signs.get(c) or _LEET.get(c), rng.choice((0.3, 0.6, 1.0)))


def dropped(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1 :]


def swapped(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def doubled(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    return word[: i + 1] + word[i] * rng.choice((1, 1, 2, 4)) + word[i + 1 :]


def spaces_added(word: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice((" ", " ", ".", "-", "_", "*")).join(word)
    i = rng.randrange(1, len(word))
    return f"{word[:i]} {word[i:]}"


def invisible(word: str, rng: random.Random) -> str:
    count = rng.choice((1, 1, 2, len(word) - 1))
    places = sorted(rng.sample(range(1, len(word)), min(count, len(word) - 1)))
    sign = rng.choice(_INVISIBLE)
    out, last = [], 0
    for place in places:
        out += [word[last:place], sign]
        last = place
    return "".join([*out, word[last:]])


def _fullwidth(c: str) -> str | None:
    return chr(ord(c) - ord("a") + 0xFF41) if "a" <= c <= "z" else None


def _math(c: str) -> str | None:
    # Mathematical bold (U+1D41A…) and sans-serif bold (U+1D5EE…) small letters.
    return chr(ord(c) - ord("a") + 0x1D41A) if "a" <= c <= "z" else None


def homoglyph(word: str, rng: random.Random) -> str:
    style = rng.choice(("cyrillic", "cyrillic", "small_caps", "fullwidth", "math"))
    if style == "small_caps":
        return "".join(_SMALL_CAPS.get(c.lower(), c) for c in word)
    if style == "fullwidth":
        return "".join(_fullwidth(c.lower()) or c for c in word)
    if style == "math":
        return "".join(_math(c.lower()) or c for c in word)
    return _letters(
        word, rng, lambda c: rng.choice(_CYRILLIC_GREEK[c]) if c in _CYRILLIC_GREEK else None, 0.5
    )


def _in_word(change: Callable[[str, random.Random], str]) -> Callable[[str, str, random.Random], str]:
    def apply(text: str, hot: str, rng: random.Random) -> str:
        start, end = _target(text, hot)
        if end - start < 2:
            return text
        return text[:start] + change(text[start:end], rng) + text[end:]

    return apply


def spaces_removed(text: str, hot: str, rng: random.Random) -> str:
    """Words run together: the disguised word joined to its neighbour, or the whole message."""
    if rng.random() < 0.35:
        return text.replace(" ", "")
    start, end = _target(text, hot)
    before = text.rfind(" ", 0, start)
    if before >= 0 and (rng.random() < 0.5 or end >= len(text)):
        return text[:before] + text[before + 1 :]
    after = text.find(" ", end)
    if after >= 0:
        return text[:after] + text[after + 1 :]
    return text.replace(" ", "")


#: Every perturbation by name (the family is ``spelling_<name>``).
_BY_NAME: dict[str, Callable[[str, str, random.Random], str]] = {
    "leet": _in_word(leet),
    "dropped": _in_word(dropped),
    "swapped": _in_word(swapped),
    "doubled": _in_word(doubled),
    "spaces_added": _in_word(spaces_added),
    "spaces_removed": spaces_removed,
    "invisible": _in_word(invisible),
    "homoglyph": _in_word(homoglyph),
}
PERTURBATIONS = tuple(_BY_NAME)


def perturb(name: str, text: str, hot: str, rng: random.Random) -> str:
    """Disguise ``hot`` (a word of it) in ``text`` with the perturbation ``name``."""
    return _BY_NAME[name](text, hot, rng)
