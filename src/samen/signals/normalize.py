"""Undo the usual disguises before matching: invisible characters, bidirectional overrides, look-alike
letters, diacritics, l33t, letters spaced out or stretched, words split apart, letters dropped, swapped
or doubled, and words run together.

:func:`fold` turns a message into lower-case ASCII-ish text of the same meaning; :func:`tokens` splits
folded text into words and :func:`pictographs` picks out its emoji; :func:`squeeze` collapses repeated
letters so that ``idioooot``, ``idiot`` and ``iddiot`` meet in one key; :func:`ordinary_compound` tells a
word that merely starts with a curse (``kankerpatiënt``, ``Kuttekoven``) from a curse compound
(``kankerlijer``).

Characters are folded one code point at a time through a table filled on first use:

- removed: every format character (Unicode category Cf: zero-width spaces and joiners, soft hyphen, word
  joiner, U+180E, the tag block U+E0000–E007F, bidirectional embeddings, overrides and isolates), every
  combining mark (Mn, Me: diacritics, U+034F combining grapheme joiner, variation selectors), control
  characters and the blank fillers (Hangul fillers, braille blank);
- mapped to ASCII: compatibility forms (NFKD: fullwidth, mathematical, circled, superscript letters),
  Latin letter variants by their Unicode name (small capitals ``ɪᴅɪᴏᴏᴛ``, letters with stroke, dotless
  i), and look-alikes by the Unicode confusables table (TR39) shipped by ``confusable-homoglyphs``,
  followed to a Latin prototype; a few Cyrillic and Greek letters whose prototype is not Latin are
  mapped by :data:`_LOOKALIKE_EXTRA`.

Before lower-casing, a capital I among small letters is read as an l where only that makes a word
(``kiII``, ``sIut``; a 1 or ``|`` read as l33t likewise: ``ki11``), and two capitalised words next to
each other are names that no split-word join crosses (``Mo Ron``, ``Sam Bo``). A stretched letter is
read twice, or once where once makes a common word and twice does not (``hoeeee`` → ``hoe``,
``kuuuut`` → ``kut``).

A run written under a right-to-left override (U+202E) is shown reversed; it is read reversed when that
makes a lexicon word appear (``\u202etooidi`` shows as ``idioot``), and as written otherwise.

A sign that masks letters (``k*nker``, ``t@ringlijer``, ``idi@@t``, ``b**ch``) is read as the letters of
the word it hides. A word whose signs are all l33t and which l33t makes a common or lexicon word is that
word (``m@rk``, ``k@k``); else each ``*``, ``#`` or ``@`` may be a vowel, and the likeliest reading that is
a lexicon word of three letters or more (``k*t`` → ``kut``, ``h**r`` → ``hoer``) or a curse joined to a
lexicon or common word (``teringlijer``) is kept; failing those, a run of signs stands for one to three
letters of a lexicon word, when two letters or more are shown (a run of ``*`` or ``#``: ``b**ch``,
``sh**``). A sign at a word's edge is a mention, a hashtag, emphasis or part of a name (``@lisa``,
``#metoo``, ``#ok``, ``*echt*``, ``C#``), unless the word without it is no known word and the sign hides a
lexicon word's letter (``@sshole``) or two signs or more end the word (``sh**``); the name after it is
not respelt, and a hashtag is read as words only where words run together in it (``#killyourself``). A
common word with a number after it is numbered, no l33t (``week1``, ``opdracht12``; ``fag5`` is read).
A message with a sum or formula in it (``=`` or ``^`` between terms, a digit beside ``*``, a product of
single letters, ``f(x)``) reads no ``*`` as a mask; at most eight masked words are read in a
message (each costs up to a millisecond), and the words after those are left as written.

A word that hides a lexicon word is repaired, with the Dutch and English word frequencies of ``wordfreq``
(Speer 2022) telling likely from unlikely words, as a noisy-channel spelling corrector does (Kernighan,
Church and Gale 1990; Norvig 2007): a word of four letters or more, not common itself (:data:`CERTAIN`),
becomes the lexicon word one letter dropped, added or two neighbours swapped away when that word is far
more frequent (:data:`LIKELIER`: ``idot`` → ``idiot``, ``retads`` → ``retards``; ``gas`` stays ``gas``).
A word rare in both languages (:data:`RARE`) may also become a word of harm that names no one
(``harm_words``: the verbs and adjectives of threats and hate) the same way, or by its Dutch ``d``/``t``
ending: ``murdr``, ``kappot``, ``vermoort``; an everyday word one letter away (``dief``, ``hakte``,
``hater``) is not rare, so it stays.
Failing that, a word rare in both languages is split into the likeliest run of common words
(unigram segmentation, Manning and Schütze 1999) when that shows a lexicon word: ``moslimszijnidioten`` →
``moslims zijn idioten``, ``blackpeoplearetrash``. A split with a curse or coarse word in it is left whole
(``ordinary_compound`` decides those), and so is a compound whose last part is a thing as well as a slur
(``klassenpot``: the class's kitty). Repairs only ever show a lexicon word or a word of harm: a rare word
of ordinary talk (``resit``, a course name, ``mensa``) is left as written, where a general corrector would
make ``rest``. A word that holds a pronoun it is said to or about (``sentence_words``), a function word
beside a word of harm or a curse (``ikvermoord``, ``fuckoff``), or two function words in words of one
language and no compound (``jebentzogestoord``; not ``toasties``, ``bendegeweld``) is a sentence run
together, split even with a curse in it (``killyourself``); "a", "I" and "u" are pieces only where they
read as words (``ihatewomen``). Words split apart are joined where together they make a lexicon word, a
curse or a word of harm of four letters or more (``idi oot``, ``sh oot``), or a common word when one piece
is no word (``zie kenhuis``); never across a function word (``kan ker``) or from a clitic's letter left by
a dropped apostrophe (``it s past``). Four letters or more set apart by one sign each are a word
(``f*e*m*a*l*e``; with another sign, ``~ , ; · / |`` and the like, only when the letters make a word, a
curse compound or words run together: ``i~d~i~o~o~t``, ``f,a,g,g,o,t``, ``k,a,n,k,e,r,l,i,j,e,r``, not
``a,b,c,d``; in a formula, never across ``= ^ + < >``).

What is apart stays apart: nothing is joined across a sentence's end (``les. Bo``) or to a clitic
(``she's stupid``), a lone word beside spaced letters stays a word (``a f u c k i n g``), and numbers with
their ending, decimals, pages and rooms keep their digits (``4e``, ``7.5``, ``p15``).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Collection
from functools import cache, lru_cache, partial
from importlib import resources

import regex
import yaml
from confusable_homoglyphs.confusables import confusables_data

#: A word rarer than this (share of running words, in Dutch and in English: Zipf 2) may be a run of words.
RARE = 1e-7
#: The fewest letters of a run of words read as a sentence by its function words alone (``jebentdom``,
#: not ``toasties``, which is no ``to as ties``).
SENTENCE_RUN = 9
#: A word whose frequencies differ this much (log10) leans to one language, in a split that is read as a
#: sentence: ``national`` (-0.96) leans to English, ``we`` (0.06) to neither.
LEANS = 0.75
#: A word this common (Zipf 4) is taken as written.
CERTAIN = 1e-5
#: A word is respelt as a lexicon word one edit away when that is this many times more frequent.
LIKELIER = 50
#: A repair must land on words at least this common (Zipf 3).
COMMON = 1e-6
#: Short pieces of a split must be this common: two letters Zipf 5 (``in``, ``je``), three letters
#: Zipf 4.3 (``the``, ``dom``, not ``ist`` or ``che``), as words run together are mostly common words. A
#: letter alone is a piece only if it is a word (:data:`_LONE_WORDS`: ``ihatewomen``); see :func:`_segment`.
SHORT_PIECE = {1: 1e-3, 2: 1e-4, 3: 2e-5}
#: Longest piece tried when splitting a run-together word.
LONGEST_PIECE = 16
#: Longest run of letters and signs read for l33t and masks, and longest word repaired: no disguised word
#: is longer, and reading one costs time that grows faster than its length (``a@`` × 2,500 took 24 s,
#: ``i d i o o t`` × 400, joined into one word, 1.3 s).
LONGEST_READ = 160

# Digits and signs used for letters inside words (only applied to words that also hold a letter).
_LEET = str.maketrans({"4": "a", "@": "a", "3": "e", "€": "e", "1": "i", "!": "i", "|": "i", "0": "o",
                       "5": "s", "$": "s", "7": "t", "+": "t", "9": "g", "8": "b"})  # fmt: skip
_LEET_L = str.maketrans({**_LEET, ord("1"): "l", ord("|"): "l"})

# Look-alikes whose confusables prototype is not the Latin letter they pass for (the table maps к to ĸ,
# м to ʍ, ε to ꞓ); they take precedence over the table.
_LOOKALIKE_EXTRA = {"к": "k", "м": "m", "н": "h", "т": "t", "в": "b", "η": "n", "κ": "k", "ε": "e",
                    "χ": "x", "ω": "w", "ш": "w", "г": "r", "п": "n", "и": "u", "ј": "j", "ь": "b",
                    "ĸ": "k", "ð": "d", "þ": "p", "ȷ": "j", "ſ": "s"}  # fmt: skip
# Blank letters and symbols that show as nothing (not in category Cf).
_FILLERS = frozenset({0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x17B4, 0x17B5})
_NO_FILLERS = dict.fromkeys(_FILLERS)
_BACKTICK_IN_WORD = re.compile(r"(?<=[a-z])`(?=[a-z])")
_LATIN_NAME = re.compile(
    r"\bLATIN (?:SMALL |CAPITAL )?LETTER (?:SMALL CAPITAL )?(?:DOTLESS |SCRIPT )?([A-Z]{1,2})\b"
    r"|\bREGIONAL INDICATOR SYMBOL LETTER ([A-Z])\b"
)

_WORDISH = re.compile(r"[\w@$€!|+*#']+")
# Links, e-mail addresses and file names: their digits and @ are no l33t (logo@2x.png, git@github.com).
# Each alternative starts only where a run of its characters starts, and an address's local part holds
# no @, so a line of thousands of signs is read once, not once per position (linear, not cubic).
_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|(?<!\S)@*[^\s@]+@\S+\.\w+|(?<![\w@.\-])[\w@.\-]+\.(?:png|jpe?g|gif|svg|pdf|docx?|xlsx?|pptx?|csv|txt|zip"
    r"|r|py|ipynb|tex|bib|mp[34]|mov|html?|json|git|nl|com|org|net|edu|eu|be|de|uk)\b"
)
_HAS_LETTER = re.compile(r"[a-z]")
# Exclamation marks ending a word, with the 1s of a shift key let go too early ("!!1").
_EXCLAIMED = re.compile(r"![!1]*$")
_HAS_SIGN = re.compile(r"[0-9@$€!|+*#]")
#: The linking sound of a Dutch compound that a split reads as the word "en" (fooi-en-pot).
_LINKING = frozenset({"en"})
# Signs that mask letters (k*nker, t@ringlijer), the most signs read as vowels in one word (6**3 readings)
# and the most masked words read in one message (each costs up to a millisecond).
_MASKS = "*#@"
_MOST_VOWELS = 3
_MOST_MASKED_WORDS = 8
_MASK_RUN = re.compile(r"[*#@]+")
# Four letters or more each set apart by the same sign (``f*e*m*a*l*e``, ``k#u#t#j#e``): a word spaced
# out, not a masked one.
_SIGN_SPACED = re.compile(r"[a-z](?:([*#])[a-z])(?:\1[a-z]){2,}")
# Four letters or more each set apart by the same sign (``i~d~i~o~o~t``, ``i|d|i|o|o|t``, ``f,a,g,g,o,t``,
# ``i·d·i·o·o·t``, ``k;i;l;l``): any sign but those read elsewhere (spaced ``. - _``, masking ``* #``, l33t
# ``@ $ € !``); read before | and + are read as l33t. A sign or emoji may touch the run (``i,d,i,o,o,t,``,
# ``(s,l,e,t)``, ``s,l,e,t😂``), a word beyond it may not (``src/a/b/c/d``); see :func:`_join_separated`
# for when the letters are taken. Three letters are not enough: a list of three spells a word too often
# (``c,o,w``, ``r,g,b``).
_SEPARATOR_SIGN = r"[^\w\s.\-*#@$€!]"
_SEPARATED = re.compile(
    rf"(?<!\w)(?<!\w{_SEPARATOR_SIGN})[a-z](?:({_SEPARATOR_SIGN})[a-z])(?:\1[a-z]){{2,}}(?!\w)(?!{_SEPARATOR_SIGN}\w)"
)
# Signs that join terms in a formula: letters they set apart stay apart in one (``a=b=c=d``).
_OPERATORS = frozenset("=^+<>%")
# Single letters or digits joined by a * (or raised to a power by **): a product in a formula.
_PRODUCT = re.compile(r"(?<![a-z0-9])[a-z0-9](?:\*|\*\*(?=\d))[a-z0-9](?![a-z0-9])")
# A sum or formula: = or ^ between terms (not a smiley's "=)" or "^^"), a digit beside *, a product of
# single letters beside an operator, f(x).
_ARITHMETIC = re.compile(
    r"\w\s*[=^]\s*[\w(]|\d\s*\*|\*\s*\d|\b[a-z]\*[a-z]\b\s*[-+/)]|[-+/(]\s*[a-z]\*[a-z]\b|[a-z]\([a-z0-9]"
)
# Letters spaced out; a decimal (``7.5``, ``3,5``) is none of them.
_SPACED = re.compile(
    r"(?<![\w])(?<!\d[.,])((?:(?:[a-z@$*]|\d(?![.,]\d))(?:[ .\-_]|  )){2,}(?:[a-z@$*]|\d(?![.,]\d)))(?![\w])"
)
# Letters that are words on their own: the English "a" and "I", the Dutch "u"; spaced out beside a word's
# letters (``a f u c k i n g``, ``u b e n t``) they stay apart, and only they are pieces of a split.
_LONE_WORDS = frozenset("aiu")
# Letters that are words in chat: u (you), r (are), y (why), k (ok), n (and), c (see), b (be), and the
# lone words; spaced apart they are a sentence, not a word spelt out, unless together they make a word.
_CHAT_LETTERS = frozenset("uryknbc") | _LONE_WORDS
# The letters left of a clitic when its apostrophe is dropped (``it s``, ``that s``, ``het s``, ``I m``): no
# first piece of a word split apart. Not the Dutch ``k`` and ``n`` of :data:`_LONG_WORD`'s clitics: a lone
# ``k`` or ``n`` before letters is a word split far more often than a dropped ``'k`` (``k lootzak``).
_CLITICS = frozenset("stdm")
# An ordinal or a decade and a decimal: their digits are no l33t (``4e``, ``14th``, ``1930s``, ``7.5``).
_NUMBER = re.compile(r"\d{1,4}(?:e|de|ste|st|nd|rd|th|s|'s)|\d+(?:[.,]\d+)+")
# An item, a time, an amount (``3a``, ``9u30``, ``5pm``, ``10k``): no l33t unless l33t makes it a lexicon
# word (``94y``, ``4514n``).
_ITEM = re.compile(r"\d{1,4}[a-z]|\d{1,2}[uh]\d\d|\d{1,2}(?:am|pm)")
# A page, room or seat: a letter and one to three digits (``p15``, ``A55``, ``H8``, ``B12``) is always a
# code, whatever l33t would make of it (``pis``, ``ass``).
_ROOM = re.compile(r"[a-z]\d{1,3}")
# A code of a few letters and two digits or more (``cs101``): no l33t unless l33t makes it a word
# (``dum8455``); one digit after two letters or more is l33t (``fa7``, ``jew5``).
_CODE = re.compile(r"[a-z]{2,4}\d{2,}")
# A word and a number after it (``week1``, ``opdracht12``, ``#leiden2026``): see :func:`_numbered_word`.
_NUMBERED = re.compile(r"[#@]?([a-z]{3,})\d+")
_STRETCH = re.compile(r"(.)\1{2,}")
# A word with digits between its letters (m44k, l0s3r, b3nt): a line that holds one that l33t makes a
# known word writes l33t, and there a short word with a digit is l33t too (j3, 4f; a lone 4 before a l33t
# word).
_DIGITS_INSIDE = re.compile(r"(?<![a-z0-9])[a-z]+[0-9][a-z0-9]*[a-z](?![a-z0-9])")
_SHORT_SIGNED = re.compile(r"[a-z0-9]{1,3}")
# The next word written in l33t (digits and letters): a lone number before it is a letter ("4 l0s3r").
_LEET_NEXT = re.compile(r"\s+(?=[a-z0-9]*[a-z])[a-z0-9]*[0-9]")
# A capital I after a small letter, before another or at the word's end, may be an l in disguise
# (``kiII``, ``sIut``); not at a word's start (``Ik``, ``It``) nor before a capital (``eID``).
_CAPITAL_I = re.compile(r"(?<=[a-z])I+(?=[a-z]|\b)")
_CAPITAL_I_WORD = re.compile(r"\b[A-Za-z]*[a-z]I+(?:[a-z][A-Za-z]*)?\b")
# Two capitalised words next to each other: names (``Mo Ron``, ``Sam Bo``), no word split apart.
_NAMES = re.compile(r"\b([A-Z][a-z]+) (?=([A-Z][a-z]+)\b)")
# A word with a letter stretched (``hoeeee``, ``kuuuut``): see :func:`_unstretch`.
_STRETCHED = re.compile(r"(?<![a-z])[a-z]*([a-z])\1{2,}[a-z]*")  # from a word's start: linear, not quadratic
_DOUBLE = re.compile(r"(.)\1+")
_TOKEN = re.compile(r"[a-z0-9*#]+(?:'[a-z]+)?")
# Not after an apostrophe: a clitic is no piece of the next word (``she's stupid``, ``zo'n idioot``).
_RUN = re.compile(r"(?<![a-z])(?<![a-z]')[a-z]+(?:[ .\-_*]+[a-z]+)+")
# A sentence's end: words on both sides of it are never one word (``na de les. Bo``).
_SENTENCE_END = re.compile(r"[.!?]\s")
_PIECES = re.compile(r"([ .\-_*]+)")
#: One to eight words said three times or more in a row ("lol lol lol lol", a sentence pasted twenty
#: times): read twice. Repetition adds no meaning, but the models were never shown it and read a long
#: run of "thanks!" as abuse (0.84 at twenty).
_REPEATED = re.compile(r"(?<!\S)(\S+(?:\s+\S+){0,7}?)(?:\s+\1){2,}(?!\S)")
_OVERRIDE = re.compile(r"\u202e([^\u202c\n]*)\u202c?")
# Not the name of a mention or hashtag, nor letters glued to a sign or to a lone letter and a sign
# (``k?nker``, ``k-nker``: the ``nker`` is no word to respell; ``groepje?dieisrolstoeler`` is a sentence);
# after a word's apostrophe the clitic's word is read apart (``zo'nretard``, ``i'mmuslim``; not ``'spast'``).
_LONG_WORD = re.compile(
    r"(?<![\w@#*%&=/\\~^<>])(?<!\b[a-z][?.\-])(?:(?<=[a-z]')(n|s|t|k|m|d|re|ve|ll)(?=[a-z]{3}))?([a-z]{3,})\b"
)
# Words set in bold, italics or strikethrough as chat apps write them (``*kys*``, ``**kys**``, ``_echt_``,
# ``~nee~``, ``*marokkanen zijn dieven*``): the marks are emphasis, not letters or masks, and are read
# away. A mark opens only after a space or an opening bracket or quote and closes only before a space or a
# punctuation mark, so ``k*nker``, ``2*3``, ``verslag_v3`` and ``src/**/*.py`` keep theirs.
_EMPHASIS = re.compile(
    r"(?<![^\s(\"'])(\*\*|__|~~|[*_~])(?=[^\s*_~])([^*_~\n]*?[^\s*_~])\1(?=[\s.,!?;:)\"']|$)"
)
# A hashtag (``#killyourself``, ``#jebentdom``): see :func:`_read_hashtag`.
_HASHTAG = re.compile(r"(?<![\w#])#([a-z]{6,})\b")
_PLAIN_WORD = re.compile(r"[a-z]+")
_DOUBLED_START = re.compile(r"([b-df-hj-np-tv-z])\1")
_AFTER_LONE_LETTER = re.compile(r"(?<![a-z])[a-z]'$")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _ignorable(code: int) -> bool:
    """Blank fillers, and the default-ignorable ranges in full (their unassigned code points too)."""
    return (
        code in _FILLERS or 0xE0000 <= code <= 0xE0FFF or 0x2060 <= code <= 0x206F or 0xFFF0 <= code <= 0xFFF8
    )


class _CharTable(dict[int, str]):
    """A ``str.translate`` table that folds each code point the first time it is met."""

    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


def _fold_char(char: str) -> str:
    """One (NFKD-decomposed, lower-cased) character folded: removed, ASCII, or kept as it is."""
    if char.isascii():
        return char
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf", "Cc", "Cs", "Co") or _ignorable(ord(char)):
        return ""
    if category == "Zs":
        return " "
    if category in ("Zl", "Zp"):
        return "\n"
    named = _LATIN_NAME.search(unicodedata.name(char, ""))
    if named:
        return (named.group(1) or named.group(2)).lower()
    if char in _LOOKALIKE_EXTRA:
        return _LOOKALIKE_EXTRA[char]
    if category[0] in "LN" or category in ("Pi", "Pf", "Pd", "Sk"):
        return _lookalike(char, 0) or char
    return char


def _lookalike(char: str, depth: int) -> str | None:
    """The ASCII prototype of a confusable character, followed through the confusables table."""
    if depth > 2:
        return None
    candidates = [h["c"] for h in confusables_data.get(char, ())]
    for candidate in candidates:
        plain = "".join(c for c in unicodedata.normalize("NFKD", candidate) if not unicodedata.combining(c))
        if plain.isascii() and plain.strip():
            return '"' if plain == "''" else plain.lower()
    for candidate in candidates:
        if len(candidate) == 1 and candidate != char:
            named = _LATIN_NAME.search(unicodedata.name(candidate, ""))
            if named:
                return (named.group(1) or named.group(2)).lower()
            deeper = _lookalike(candidate, depth + 1) or _LOOKALIKE_EXTRA.get(candidate)
            if deeper:
                return deeper
    return None


_TABLE = _CharTable()
_SIGNS = "0123456789@$€!|+*#"
_SHIELD = str.maketrans({c: chr(0xF0000 + i) for i, c in enumerate(_SIGNS)})
_UNSHIELD = str.maketrans({chr(0xF0000 + i): c for i, c in enumerate(_SIGNS)})


@cache
def _lexicon_rows() -> tuple[tuple[str, str], ...]:
    """Every ``(term, role)`` of ``data/lexicon.tsv``, read once for all the tables below."""
    text = resources.files("samen.signals").joinpath("data", "lexicon.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t")[:2] for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return tuple((term, role) for term, role in rows)


@cache
def _lexicon_terms() -> frozenset[str]:
    """The squeezed lexicon words of four letters or more (``data/lexicon.tsv``): the words that letters
    split apart or written under an override are put back together into."""
    return frozenset(squeeze(t) for t, _ in _lexicon_rows() if len(t) >= 4 and t.isalpha())


@cache
def _word_lists() -> dict[str, frozenset[str]]:
    """The lists of ``data/normalize.yaml``: ordinary ``words``, ``tails``, ``heads``, ``things``,
    ``slur_adjectives``, ``function_words``."""
    text = resources.files("samen.signals").joinpath("data", "normalize.yaml").read_text(encoding="utf-8")
    return {name: frozenset(map(str, words)) for name, words in yaml.safe_load(text).items()}


@cache
def _compounds() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Ordinary words, tails and heads; curse prefixes and disease curses (from the lexicon)."""
    data = _word_lists()
    prefixes, curses = set(), set()
    for term, role in _lexicon_rows():
        if role in ("curse", "profanity") and len(term) >= 3:
            prefixes.add(term)
        if role == "curse":
            curses.add(term)
    return (
        frozenset(data["words"]),
        frozenset(data["tails"]),
        frozenset(data["heads"]),
        tuple(sorted(prefixes, key=len, reverse=True)),
        tuple(sorted(curses | {c + "n" for c in curses}, key=len, reverse=True)),
    )


@lru_cache(maxsize=1 << 14)
def ordinary_compound(word: str) -> bool:
    """Whether a word that starts (or ends) with a curse or coarse word is an ordinary word.

    ``kankerpatiënt``, ``kankeronderzoek``, ``longkanker``, ``Kuttekoven`` and ``pesten`` are; ``kankerlijer``
    and ``kankerdocent`` are not. The lists are in ``data/normalize.yaml``.

    Args:
        word: one word, as written or folded (case and diacritics do not matter).

    Returns:
        True for a listed word, a curse prefix followed by a listed tail (with or without a linking
        ``s`` or ``e``), or a disease curse after a listed head.
    """
    key = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    words, tails, heads, prefixes, curses = _compounds()
    if key in words:
        return True
    for prefix in prefixes:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            tail = key[len(prefix) :]
            if tail in tails or (tail[0] in "se" and tail[1:] in tails):
                return True
    return any(key.endswith(curse) and key[: -len(curse)].rstrip("-") in heads for curse in curses)


def _rejoin(match: re.Match[str], names: frozenset[tuple[str, str]] = frozenset()) -> str:
    """Words split apart (``idi oot``, ``k lootzak``, ``sh oot``) joined again where together they make a
    lexicon word, a curse or a word of harm of four letters or more, not every piece is one already, one
    piece is shorter than four letters (a fragment), and none is a common function word (``hoe ren``, ``kan
    ker``) or a clitic's letter first (``it s past``, ``het s teken``). Two such pieces of two letters or
    more of which one is no known word are joined into a common word as well (``acci dents``, ``zie
    kenhuis``; not ``a mong``). Two capitalised words next to each other (``names``, lower-cased) are
    names, never a word split (``Mo Ron``, ``Sam Bo``, ``Ho Mo``)."""
    parts = _PIECES.split(match.group(0))  # word, separator, word, separator, ...
    words = parts[::2]
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2):
            group = words[i : i + size]
            if (
                len(group) == size
                and not any(pair in names for pair in itertools.pairwise(group))
                and _joins_across(group, parts[2 * i + 1 : 2 * (i + size) - 1 : 2])
                and _split_word(group)
            ):
                out.append("".join(group))
                i += size
                break
        else:
            out.append(words[i])
            i += 1
        if i < len(words):
            out.append(parts[2 * i - 1])
    return "".join(out)


def _split_word(group: list[str]) -> bool:
    """Whether pieces written apart are one word split (see :func:`_rejoin`). The cheap tests come first:
    this runs for every two to four neighbouring words of every message."""
    if group[0] in _CLITICS:
        return False  # "it s past", "that s tom", "het s teken": an apostrophe dropped, not a word split
    function_words = _word_lists()["function_words"]
    if any(len(w) > 1 and w in function_words for w in group):
        return False
    joined = "".join(group)
    common = len(group) == 2 and min(map(len, group)) >= 2 and frequency(joined) >= COMMON
    if common and not all(_known(w) for w in group):
        return True
    if min(map(len, group)) >= 4 or len(joined) < 4:  # "worth less" is two words; "mo f" is no "mof"
        return False
    return _shows_harm(joined) and not all(_shows(w, _shown_forms()[0]) for w in group)


def _reads_as_word(word: str) -> bool:
    """Whether a reading of disguised letters is worth taking: a known word, or one that shows harm."""
    return _known(word) or _shows_harm(word)


def _shows_harm(word: str) -> bool:
    """Whether a word shows a lexicon word (a form or a coarse prefix's) or is a word of harm."""
    forms, coarse = _shown_forms()
    return _shows(word, forms) or _shows(word, coarse) or word in _harm_words()


def _joins_across(group: list[str], separators: list[str]) -> bool:
    """Whether pieces may join across their separators: across a sentence's end only fragments, none a
    common word (``idi. oot`` hides ``idioot``; ``les. Bo`` is two sentences)."""
    if not any(_SENTENCE_END.search(sep) for sep in separators):
        return True
    return all(frequency(piece) < COMMON for piece in group)


#: The lowest frequency (share of running words) of a word whose Dutch or English leaning is kept: Zipf
#: 2.5, so that chat's rarer insults have a language ("mongool" is 2.8 in Dutch and unknown in English).
#: From Zipf 3, 60 of the 2,879 language rows of dev were undecided; from 2.5, 55, none more wrong.
LEANING_FLOOR = 10**-6.5


def _frequencies() -> dict[str, float]:
    """wordfreq's Dutch and English word frequencies by folded word, the larger of the two, for words of
    plain letters only (the only ones repaired); a word with diacritics is found without them, as folding
    removes them (``hindoeïsme``). Loaded on first use: under a second, about 70 MB."""
    return _tables()[0]


def _leanings() -> dict[str, float]:
    """For the words at least :data:`LEANING_FLOOR` frequent in Dutch or English (wordfreq), how much more
    Dutch than English each is: log10 of its Dutch frequency over its English one, a word missing from a
    language's list counted at a tenth of the floor. About 94,000 words, 4 MB."""
    return _tables()[1]


@cache
def _tables() -> tuple[dict[str, float], dict[str, float]]:
    """:func:`_frequencies` and :func:`_leanings`, read in one pass over wordfreq's lists."""
    import wordfreq

    merged: dict[str, float] = {}
    frequent: dict[str, dict[str, float]] = {"nl": {}, "en": {}}
    for lang in ("nl", "en"):
        # wordfreq keeps words in buckets one centibel apart, most frequent first (its own layout).
        for bucket, words in enumerate(wordfreq.get_frequency_list(lang)):
            value = 10.0 ** (-bucket / 100)
            for word in words:
                if not word.isascii():
                    decomposed = unicodedata.normalize("NFKD", word)
                    word = "".join(c for c in decomposed if not unicodedata.combining(c))
                if value >= LEANING_FLOOR and value > frequent[lang].get(word, 0.0):
                    frequent[lang][word] = value
                if _PLAIN_WORD.fullmatch(word) and value > merged.get(word, 0.0):
                    merged[word] = value
    wordfreq.get_frequency_list.cache_clear()  # its lists would double the memory
    dutch, english = frequent["nl"], frequent["en"]
    leanings = {
        word: math.log10(dutch.get(word, LEANING_FLOOR / 10) / english.get(word, LEANING_FLOOR / 10))
        for word in dutch.keys() | english.keys()
    }
    return merged, leanings


def prepare() -> None:
    """Load the tables folding reads on first use (wordfreq's frequencies, the lexicon's words), so that a
    service pays for them when it starts rather than on its first message."""
    _frequencies()
    _lexicon_terms()
    _one_short()


def leaning(word: str) -> float:
    """How much more Dutch than English a folded word is (log10 of the ratio of its frequencies in
    wordfreq; 0 for a word frequent in neither)."""
    return _leanings().get(word, 0.0)


def frequency(word: str) -> float:
    """A folded word's frequency as a share of running words, the larger of Dutch and English (0: unknown)."""
    return _frequencies().get(word, 0.0)


@cache
def _shown_forms() -> tuple[frozenset[str], frozenset[str]]:
    """The squeezed forms a repair may show: the lexicon words of three letters or more (``gay`` in
    ``gaypeople``), also in the plural for words of four letters or more (``retards``, ``idioten``; "mens"
    is no plural of "men"); and those of the curse and coarse words, which a split is not made to show."""
    _, _, _, prefixes, _ = _compounds()
    coarse = frozenset(squeeze(p) for p in prefixes)
    terms = frozenset(squeeze(t) for t, _ in _lexicon_rows() if len(t) >= 3 and t.isalpha()) - coarse

    def with_plurals(words: frozenset[str]) -> frozenset[str]:
        return words | {w + end for w in words if len(w) >= 4 for end in ("s", "en")}

    return with_plurals(terms), with_plurals(coarse)


@cache
def _harm_words() -> frozenset[str]:
    """The words of harm that name no one (``harm_words`` in ``data/normalize.yaml``: ``murder``, ``kapot``),
    which a misspelling is read back to like a lexicon word."""
    return _word_lists()["harm_words"]


def loaded_forms() -> frozenset[str]:
    """The squeezed forms of the lexicon's words (with plurals) and of the words of harm: words that no
    other reading (a first name, :mod:`samen.signals.names`) may take for an ordinary one."""
    shown, coarse = _shown_forms()
    return shown | coarse | {squeeze(w) for w in _harm_words()}


@cache
def _one_short() -> frozenset[str]:
    """The shown forms and words of harm, and each with one letter dropped, squeezed: the squeezed keys of
    the words that a letter added could turn into one of them. Any other word needs no additions tried (26
    per place)."""
    forms = _shown_forms()[0] | {squeeze(w) for w in _harm_words()}
    return forms | {squeeze(f[:i] + f[i + 1 :]) for f in forms for i in range(len(f))}


def deletions(word: str) -> set[str]:
    """Every string ``word`` becomes with one letter dropped (``len(word)`` strings at most)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def transpositions(word: str) -> set[str]:
    """Every string ``word`` becomes with two neighbouring letters swapped (``word`` itself among them
    when two neighbours are the same letter)."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def _respell(word: str) -> str | None:
    """The lexicon word one edit away (a letter dropped or added, two neighbours swapped), the most
    frequent if there are several; failing that, for a word rare in both languages (:data:`RARE`), the
    word of harm (:func:`_harm_words`) one edit or a Dutch ``d``/``t`` ending away (``vermoort``); None
    when there is none or it is not far more likely than ``word``."""
    edits = deletions(word) | transpositions(word)
    # A letter added shows a form only if the word squeezes to that form less one letter (or to the form).
    if squeeze(word) in _one_short():
        edits |= {word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in _ALPHABET}
    edits.discard(word)
    forms = _shown_forms()[0]
    listed = sorted(e for e in edits if _shows(e, forms))
    if not listed and frequency(word) < RARE:
        # A word of harm is matched as written, not squeezed ("haat" must not show in "hat"), and only
        # from a word rare in both languages ("dief", "hakte" and "hater" are words).
        listed = sorted((edits | _dt_endings(word)) & _harm_words())
    best = max(listed, key=frequency) if listed else None
    # A noisy channel (Kernighan et al. 1990): a word is read as a slip for a lexicon word only when that
    # word is far more likely than the one written (a typo here is taken to be about 1 in LIKELIER).
    if best is None or frequency(best) < LIKELIER * frequency(word):
        return None
    return best


def _dt_endings(word: str) -> set[str]:
    """A word with its Dutch verb ending ``d``, ``t`` or ``dt`` written as each of the others: the
    spelling slip Dutch writers make most (``vermoort`` for ``vermoord``)."""
    stem = word.removesuffix("dt") if word.endswith("dt") else word[:-1] if word[-1:] in ("d", "t") else None
    return set() if stem is None else {stem + end for end in ("d", "t", "dt")} - {word}


def _shows(piece: str, forms: Collection[str]) -> bool:
    """Whether a piece is one of the squeezed forms (three letters or more: "as" is not "ass")."""
    key = squeeze(piece)
    return len(key) >= 3 and key in forms


def _segment(word: str, lone: bool = True) -> list[str] | None:
    """The likeliest split of a word into two or more pieces, each a common word (:data:`COMMON`, and
    :data:`SHORT_PIECE` for short ones) or a lexicon word (the highest product of their frequencies), or
    None. A lexicon word's piece does not start with a doubled consonant (``attard`` is no ``a ttard``). A
    letter alone is a piece only if it is a word (:data:`_LONE_WORDS`), if ``lone``, and only where
    :func:`_lone_letters_fit`; else the likeliest split without one."""
    forms = _shown_forms()[0]
    # best[i]: (log-probability, pieces) of the best split of word[:i].
    best: list[tuple[float, list[str]] | None] = [(0.0, [])] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - LONGEST_PIECE), end):
            before = best[start]
            piece = word[start:end]
            if before is None:
                continue
            if len(piece) == 1 and (piece not in _LONE_WORDS or not lone):
                continue
            found = frequency(piece)
            needed = SHORT_PIECE.get(len(piece), COMMON)
            if found < needed and _shows(piece, forms) and not _DOUBLED_START.match(piece):
                found = max(found, COMMON)
            if found < needed:
                continue
            score = before[0] + math.log10(found)
            current = best[end]
            if current is None or score > current[0]:
                best[end] = (score, [*before[1], piece])
    split = best[len(word)]
    if split is None or len(split[1]) < 2:
        return None
    if lone and not _lone_letters_fit(split[1]):
        return _segment(word, lone=False)
    return split[1]


def _lone_letters_fit(pieces: list[str]) -> bool:
    """Whether a split's lone letters read as words: each followed by a common word of four letters or more
    (``i hate women``, ``is a mistake``), and every piece of two letters a function word; not ``a sperg er
    syndroom``, ``a bimbo la``, ``a pot he ken onderzoek``, ``comp i i men ter en``."""
    if not any(len(p) == 1 for p in pieces):
        return True
    function_words = _word_lists()["function_words"]
    for i, piece in enumerate(pieces):
        if len(piece) == 2 and piece not in function_words:
            return False
        if len(piece) == 1:
            after = pieces[i + 1] if i + 1 < len(pieces) else ""
            if len(after) < 4 or frequency(after) < COMMON:
                return False
    return True


def _sentence(pieces: list[str]) -> bool:
    """Whether a split is a sentence run together. It is when it holds a word it is said to or about
    (``sentence_words``: ``kill yourself``, ``you are trash``); or a function word of two letters or more
    beside a word of harm or a curse (``ik vermoord``, ``ga dood``, ``fuck off``); or two function words
    (``je bent echt gestoord``, ``they should have their own university``) in :data:`SENTENCE_RUN`
    letters or more, with no other piece of two letters or fewer, in words of one language, and no
    compound of two known words (``bende geweld``). A compound holds one function word at most (``op haal
    locatie``) and no word of harm. Not when only pieces of two letters or fewer follow the word that makes
    it one (Dutch endings: ``thematiseren`` is no ``them at is er en``, ``uitjouwen`` no ``uit jouw en``),
    nor when a function word's split ends in such a piece."""
    lists = _word_lists()
    if any(p in lists["sentence_words"] for i, p in enumerate(pieces) if not _endings_only(pieces[i + 1 :])):
        return True
    # a last piece of two letters or fewer is an ending (``huis je``, ``valid is me``), unless it is a
    # function word after a word of harm or a curse with which it makes no word (``ik vermoord je``)
    last = pieces[-1]
    trailing = len(last) <= 2
    if trailing and (last not in lists["function_words"] or last in _LINKING or _known(pieces[-2] + last)):
        return False
    function = {p for p in pieces[: -1 if trailing else None] if len(p) >= 2 and p in lists["function_words"]}
    coarse = _shown_forms()[1]
    harm = any(p in _harm_words() or _shows(p, coarse) for p in pieces)
    if harm and (len(function) == 1 or (trailing and not function)):
        return True
    if trailing:
        return False
    # every short piece a word of its own ("an not at ie richtlijn" is a compound misread), and words of one
    # language ("in te er national" is a typo's misreading)
    words = all(len(p) > 2 or p in lists["function_words"] for p in pieces)
    joined = "".join(pieces)
    return (
        len(function) >= 2
        and len(joined) >= SENTENCE_RUN
        and words
        and _one_language(pieces)
        and not _compound(joined)
    )


def _one_language(pieces: list[str]) -> bool:
    """Whether no piece leans to Dutch while another leans to English (by :data:`LEANS` or more)."""
    leanings = [leaning(p) for p in pieces]
    return not (max(leanings) >= LEANS and min(leanings) <= -LEANS)


def _endings_only(pieces: list[str]) -> bool:
    return bool(pieces) and all(len(p) <= 2 for p in pieces)


def _compound(word: str) -> bool:
    """Whether a word reads as a compound of two known words of three letters or more, neither a function
    word, with or without a linking ``s``, ``e`` or ``en`` (``annotatie richtlijn``, ``herkansing s
    rooster``): then a split into function words (``an not at ie``) is a misreading."""
    function_words = _word_lists()["function_words"]

    def content(piece: str) -> bool:
        return len(piece) >= 3 and piece not in function_words and _known(piece)

    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        links = (link for link in ("", "s", "e", "en") if tail.startswith(link))
        if content(head) and any(content(tail[len(link) :]) for link in links):
            return True
    return False


def _ordinary_parts_joined(pieces: list[str]) -> list[str]:
    """A sentence's pieces with an ordinary compound put back together (``jouw kanker onderzoek`` →
    ``jouw kankeronderzoek``)."""
    out: list[str] = []
    for piece in pieces:
        if out and ordinary_compound(out[-1] + piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


@lru_cache(maxsize=1 << 16)
def repair(word: str) -> str:
    """A folded word as meant: a rare word that hides a lexicon word respelt or split (see the module's
    docstring), else the word as it is.

    Args:
        word: one folded word of letters only.

    Returns:
        The word, the lexicon word it hides, or its pieces joined by spaces.
    """
    written = frequency(word)
    if (
        not 4 <= len(word) <= LONGEST_READ
        or written >= CERTAIN
        or squeeze(word) in _lexicon_terms()
        or ordinary_compound(word)
    ):
        return word
    respelt = _respell(word)
    if respelt is not None:
        return respelt
    pieces = _segment(word) if len(word) >= 6 and written < RARE else None
    if pieces is None:
        return word
    forms, coarse = _shown_forms()
    sentence = _sentence(pieces)
    if sentence:
        pieces = _ordinary_parts_joined(pieces)
    if not sentence and (not any(_shows(p, forms) for p in pieces) or any(_shows(p, coarse) for p in pieces)):
        return word
    if _thing_compound(pieces):
        return word
    return " ".join(pieces)


def _thing_compound(pieces: list[str]) -> bool:
    """Whether a split is a compound that ends in a word that is a thing too (``things`` in
    ``data/normalize.yaml``) after content words that show no lexicon word: ``klassenpot`` is the class's
    kitty, ``kerstfooienpot`` (read ``kerst fooi en pot``: a linking ``-en-``) the Christmas tips jar. A
    sentence run together keeps its split (``jij vuile pot`` has a function word), and so does a lexicon
    word or an insulting adjective before the thing (``homo pot``, ``vuile pot``)."""
    *before, last = pieces
    things, ahead = _thing_lists()
    if squeeze(last) not in things:
        return False
    content = [p for i, p in enumerate(before) if not (i > 0 and p in _LINKING)]
    return not any(p in ahead or _shows(p, _shown_forms()[0]) for p in content)


@cache
def _thing_lists() -> tuple[frozenset[str], frozenset[str]]:
    """The squeezed ``things``, and the words that make a split before one a sentence or an insult: the
    function words and the ``slur_adjectives`` of ``data/normalize.yaml``."""
    lists = _word_lists()
    return frozenset(map(squeeze, lists["things"])), lists["function_words"] | lists["slur_adjectives"]


def _read_override(match: re.Match[str]) -> str:
    """A right-to-left override run: reversed when that shows more words (lexicon, common or curse
    compound words: ``llik`` shows ``kill``, ``rejilreknak`` ``kankerlijer``), else as written."""
    # An override inside the run overrides nothing more: removed, so that folding the run does not read it
    # again (each one nested had doubled the time: 20 took 9 s).
    written = match.group(1).replace("\u202e", "")
    shown = written[::-1]
    terms = _lexicon_terms()

    def hits(run: str) -> int:
        words = _TOKEN.findall(fold(run))
        return sum(squeeze(w) in terms or _known(w) or _curse_compound(w) for w in words)

    return shown if hits(shown) > hits(written) else written


# Compatibility decomposition writes a parenthesised letter as three characters (``⒤`` → ``(i)``), which
# would hide the letter behind two signs; it is read as the letter before.
_PARENTHESISED = str.maketrans(
    {0x249C + i: letter for i, letter in enumerate(_ALPHABET)}  # ⒜ to ⒵
    | {0x1F110 + i: letter for i, letter in enumerate(_ALPHABET)}  # 🄐 to 🄩
    | {0x2474 + i: str(i + 1) for i in range(9)}  # ⑴ to ⑼, digits that l33t may read
)


def _strip(text: str) -> str:
    """Compatibility-decompose, lower-case and fold every character through the table."""
    return unicodedata.normalize("NFKD", text.translate(_PARENTHESISED)).lower().translate(_TABLE)


def _read_word(word: str, masks: str) -> str:
    """A word with digits or signs for letters (from :data:`_WORDISH`), read as meant: l33t undone, and
    the ``masks`` among its signs read as the letters they hide (see the module's docstring)."""
    core = _EXCLAIMED.sub("", word)  # a trailing ! is punctuation, not an i, and so is "!!1"
    if not _HAS_LETTER.search(core) or not _HAS_SIGN.search(core):
        return word
    body = core.strip(masks)
    if body == core:
        return (_unmask(core, masks) or _leet(core)) + word[len(core) :]
    # A sign at a word's edge is a mention, a hashtag or emphasis (@lisa, #metoo, *echt*) or part of a name
    # (C#), unless the word is no known word without it and the sign hides a letter of a lexicon word (@ss).
    # Two signs or more after a word, none before it, hide its end (sh**, fu**) whatever the word shows.
    hidden_end = core.startswith(body) and len(core) - len(body) >= 2
    unknown = len(body) >= 2 and (hidden_end or not _known(body.translate(_LEET)))
    read = _unmask(core, masks) if unknown else None
    if read is None:
        lead = core.index(body) if body else len(core)
        read = core[:lead] + _leet(body) + core[lead + len(body) :]
    return read + word[len(core) :]


@lru_cache(maxsize=1 << 12)
def _unmask(word: str, masks: str) -> str | None:
    """A word read as l33t with its ``masks`` read as the letters of the likeliest word they can hide, or
    None when they hide no word."""
    plain = _leet(word)
    at = [i for i, char in enumerate(word) if char in masks]
    edge = word[0] in masks or word[-1] in masks
    if not at or (not edge and not _MASK_RUN.search(plain) and _known(plain)):
        return plain  # l33t alone makes a word (m@rk, k@k)
    readings = []
    if len(at) <= _MOST_VOWELS:
        for vowels in itertools.product("aeiouy", repeat=len(at)):
            letters = list(plain)
            for place, vowel in zip(at, vowels, strict=True):
                letters[place] = vowel
            readings.append("".join(letters))
    # Each sign a vowel that makes a lexicon word (as the lexicon spells it: k**t is kut) or a curse
    # compound; else a run of signs one to three letters of a lexicon word (b**ch), when two letters or
    # more are shown. The likeliest (wordfreq) wins.
    spelt = _mask_forms()
    terms = [term for r in readings for term in spelt.get(squeeze(r), ())]
    if terms:
        return max(terms, key=frequency)
    compounds = [r for r in readings if _curse_compound(r)]
    if compounds:
        return max(compounds, key=frequency)
    if sum(c.isalpha() for c in plain) >= 2:
        pattern = re.compile("[a-z]{1,3}".join(map(re.escape, _MASK_RUN.split(plain))))
        fitting = [term for term in _mask_terms() if pattern.fullmatch(term)]
        if fitting:
            return max(fitting, key=frequency)
    return None


@cache
def _mask_terms() -> tuple[str, ...]:
    """The lexicon's words of three letters or more (``kut``, ``fag``): the words a mask may hide."""
    return tuple(sorted({t for t, _ in _lexicon_rows() if len(t) >= 3 and t.isalpha()}))


@cache
def _mask_forms() -> dict[str, tuple[str, ...]]:
    """The words of :func:`_mask_terms` by their squeezed form (``idiot``: ``idiot``, ``idioot``)."""
    forms: dict[str, tuple[str, ...]] = {}
    for term in _mask_terms():
        key = squeeze(term)
        forms[key] = (*forms.get(key, ()), term)
    return forms


def _known(word: str) -> bool:
    """Whether a word is common (:data:`COMMON`) or a lexicon word of three letters or more."""
    return frequency(word) >= COMMON or squeeze(word) in _mask_forms()


def _leet_word(word: str) -> bool:
    """Whether l33t makes a word known or a lexicon word's form (``dum8455`` → ``dumbass``)."""
    plain = _leet(word)
    return _known(plain) or _shows(plain, _shown_forms()[0])


def _short_leet(word: str) -> str | None:
    """A short word with a digit read as l33t, in a line that writes l33t (``j3`` → ``je``, ``4`` → ``a``),
    when that makes a word as common as a short piece of a split (:data:`SHORT_PIECE`); else None."""
    plain = _leet(word)
    if plain == word or not plain.isalpha():
        return None
    return plain if frequency(plain) >= SHORT_PIECE[len(plain)] else None


def _numbered_word(letters: str, word: str) -> bool:
    """Whether a word with a number after it is an ordinary numbered word (``week1``): its letters make a
    common word that shows no harm, and l33t makes no word of the whole (``fag5`` is ``fags``)."""
    return frequency(letters) >= COMMON and not _shows_harm(letters) and not _leet_word(word)


def _curse_compound(word: str) -> bool:
    """Whether a word is a curse joined to a lexicon or common word (``teringlijer``, ``kankerdocent``)
    and not an ordinary compound (``kankeronderzoek``)."""
    for prefix in _compounds()[3]:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and _known(word[len(prefix) :]):
            return not ordinary_compound(word)
    return False


def _shield(match: re.Match[str]) -> str:
    # Digits and signs of an address go out of l33t's reach for a moment (into the Private Use Area).
    return match.group(0).translate(_SHIELD)


def _leet(word: str) -> str:
    """A word with l33t undone; a 1 or | is an i (``1d10t``), or an l where only that makes a known word or
    shows a word of harm (``ki11``, ``s1ut``)."""
    as_i = word.translate(_LEET)
    if "1" not in word and "|" not in word:
        return as_i
    as_l = word.translate(_LEET_L)
    return as_l if _reads_as_word(as_l) and not _reads_as_word(as_i) else as_i


def _capital_i(match: re.Match[str]) -> str:
    """A word with a capital I among small letters read with an l there when that makes a known word or
    shows a word of harm and the word with an i is no known word (``kiII`` → ``kill``, ``sIut`` → ``slut``;
    ``wIth`` and ``McIntosh`` stay)."""
    word = match.group(0)
    as_l = _CAPITAL_I.sub(lambda run: "l" * len(run.group(0)), word).lower()
    return as_l if _reads_as_word(as_l) and not _known(word.lower()) else word


def _unstretch(match: re.Match[str]) -> str:
    """A stretched word with each stretched letter twice (``idioooot`` → ``idioot``), or once when that is
    a common word and twice is not (``hoeeee`` → ``hoe``, not ``hoee``, which a repair then took for
    ``hoer``; ``kuuuut`` → ``kut`` and ``fuuuuck`` → ``fuck``, though ``kuut`` and ``fuuck`` squeeze to a
    lexicon word)."""
    word = match.group(0)
    twice = _STRETCH.sub(r"\1\1", word)
    once = _STRETCH.sub(r"\1", word)
    return once if frequency(once) >= COMMON > frequency(twice) else twice


def _join_separated(match: re.Match[str]) -> str:
    # The letters are taken when they make a word, show harm, are a curse compound
    # (``k,a,n,k,e,r,l,i,j,e,r``) or hide words run together (``k,i,l,l,y,o,u,r,s,e,l,f``); not across an
    # operator in a formula (``als a=b=c=d dan geldt f*k`` keeps its sum, and so its f*k a product).
    if match.group(1) in _OPERATORS and _ARITHMETIC.search(match.string):
        return match.group(0)
    letters = match.group(0)[::2]
    if _reads_as_word(letters) or _curse_compound(letters) or " " in repair(letters):
        return letters
    return match.group(0)


def _join_spaced(match: re.Match[str]) -> str:
    # Letters spaced one apart make a word; two spaces between them mark the next word. Chat's one-letter
    # words that make no word together are left apart ("u r a m0ron": you are a moron).
    words = []
    for spaced in match.group(1).split("  "):
        word = _lone_apart(re.sub(r"[ .\-_]", "", spaced))
        words.append(spaced if _CHAT_LETTERS.issuperset(word) and not _known(word) else word)
    return " ".join(words)


def _lone_apart(word: str) -> str:
    """A spaced word with a lone word's letter (:data:`_LONE_WORDS`) set apart at its start or end when
    the word is no known word and is one without that letter (``afucking`` → ``a fucking``)."""
    if len(word) < 4 or _known(word):
        return word
    if word[0] in _LONE_WORDS and _known(word[1:]):
        return f"{word[0]} {word[1:]}"
    if word[-1] in _LONE_WORDS and _known(word[:-1]):
        return f"{word[:-1]} {word[-1]}"
    return word


def _repair_match(match: re.Match[str]) -> str:
    # After an apostrophe a clitic may have run into the next word (zo'nretard, she'sstupid): the word
    # after it is repaired apart, unless the whole is a word ('skill').
    clitic, word = match.group(1), match.group(2)
    if clitic and frequency(clitic + word) < COMMON and _known(word):
        return f"{clitic} {repair(word)}"
    # only the two characters before the word are read (a search from the line's start was quadratic)
    if _AFTER_LONE_LETTER.search(match.string, max(0, match.start() - 2), match.start()):
        return match.group(0)  # k'nker: the letters after a lone letter's apostrophe are no word to respell
    return repair(match.group(0))


def _read_hashtag(match: re.Match[str]) -> str:
    """A hashtag read as the words run together in it when :func:`repair` splits it (``#killyourself`` →
    ``kill yourself``), else left as written (``#metoo``, ``#leiden2026``): its name is no word to respell."""
    words = repair(match.group(1))
    return words if " " in words else match.group(0)


def fold(text: str) -> str:
    """Fold a message to plain lower-case letters, undoing disguises; keeps words and punctuation.

    Args:
        text: the message as written.

    Returns:
        The folded text (not character-aligned with the input; spans come from the original text).
    """
    # blank fillers are letters to a regex (Hangul), so they are dropped before names are looked for
    names = frozenset((a.lower(), b.lower()) for a, b in _NAMES.findall(text.translate(_NO_FILLERS)))
    if "I" in text and _CAPITAL_I.search(text):  # the cheap test first: "I" alone is a pronoun
        text = _CAPITAL_I_WORD.sub(_capital_i, text)
    if text.isascii():
        text = text.lower().replace("`", "'")
    else:
        if "\u202e" in text:
            text = _OVERRIDE.sub(_read_override, text)
        # A backtick inside a word is its apostrophe here too (``you`re`` beside a no-break space); a
        # shared set's ``quotes`` keep theirs, as the shipped model was trained on them.
        text = _BACKTICK_IN_WORD.sub("'", _strip(text))
    if ("*" in text or "_" in text or "~" in text) and _EMPHASIS.search(text):
        text = _EMPHASIS.sub(r"\2", text)
    # Any sign may set letters apart now, so a cheap test for one would pass most chat: one scan instead.
    text = _SEPARATED.sub(_join_separated, text)
    if _HAS_SIGN.search(text):
        # In a sum or formula a * between single letters or digits multiplies (F=m*a, 2*x), while a * inside
        # a longer word still masks (2*3=6, jij k*nkerlijer); a few masked words at most are read in one
        # message.
        formula = bool(_ARITHMETIC.search(text))
        budget = iter(range(_MOST_MASKED_WORDS))
        leet_line = any(_leet_word(w) for w in _DIGITS_INSIDE.findall(text)[:_MOST_MASKED_WORDS])

        def read(match: re.Match[str]) -> str:
            word = match.group(0)
            masks = "#@" if formula and _PRODUCT.search(word) else _MASKS
            if len(word) > LONGEST_READ or (any(c in masks for c in word) and next(budget, None) is None):
                return word
            # In a l33t line a short word is l33t too ("j3", "4f"); a lone number only before a l33t word
            # ("4 l0s3r", not "h00fdstuk 4 af").
            lone = word.isdigit() and not _LEET_NEXT.match(match.string, match.end())
            if leet_line and _SHORT_SIGNED.fullmatch(word) and not lone and (short := _short_leet(word)):
                return short
            if _NUMBER.fullmatch(word) or _ROOM.fullmatch(word):
                return word
            if _ITEM.fullmatch(word) and not _shows(_leet(word), _shown_forms()[0]):
                return word
            if _CODE.fullmatch(word) and not _leet_word(word):
                return word
            numbered = _NUMBERED.fullmatch(word)
            if numbered and _numbered_word(numbered.group(1), word.lstrip("#@")):
                return word
            spaced = _SIGN_SPACED.fullmatch(_EXCLAIMED.sub("", word))
            if spaced and spaced.group(1) in masks:  # in a formula, m*a*b*c is a product
                return spaced.group(0)[::2] + word[spaced.end() :]
            return _read_word(word, masks)

        # The table removed every private-use character, so the shielded ones are the only ones left.
        text = _WORDISH.sub(read, _ADDRESS.sub(_shield, text)).translate(_UNSHIELD)
    text = _SPACED.sub(_join_spaced, text)
    if _STRETCH.search(text):
        text = _STRETCH.sub(r"\1\1", _STRETCHED.sub(_unstretch, text))
    text = _RUN.sub(partial(_rejoin, names=names), text)
    text = _REPEATED.sub(r"\1 \1", text)
    if "#" in text:
        text = _HASHTAG.sub(_read_hashtag, text)
    return _LONG_WORD.sub(_repair_match, text)


def tokens(folded: str) -> list[str]:
    """The words of folded text; an apostrophe inside a word is dropped (``homo's`` → ``homos``)."""
    return [t.replace("'", "") for t in _TOKEN.findall(folded)]


# Unicode's Extended_Pictographic property (UTS #51): every emoji, with the code points set aside for
# future ones. Skin tones are not pictographs, and folding has removed joiners and variation selectors, so
# "👍🏽" gives "👍" and "👨‍🍳" gives "👨", "🍳".
_PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")


def pictographs(folded: str) -> list[str]:
    """The emoji of folded text in order, one per pictograph (``"🔪🔪 @jesse"`` → ``["🔪", "🔪"]``); they
    are no words, so :func:`tokens` leaves them out, but "ik kom je halen 🔪" is a threat because of one."""
    return [] if folded.isascii() else _PICTOGRAPH.findall(folded)


@lru_cache(maxsize=1 << 16)
def squeeze(word: str) -> str:
    """A word with every run of one letter collapsed to one (the key the lexicon is indexed by)."""
    return _DOUBLE.sub(r"\1", word)
