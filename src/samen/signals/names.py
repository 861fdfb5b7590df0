"""First names in a message, so that the cheap stage reads what a message says rather than whom it speaks to.

Whom a message speaks to does not decide what it says, yet a name's n-grams take on whatever the training
lines that hold that name happened to be: "kys" scored 0.99 and "kys Sam" 0.22, and the gate did not send
the second on to the embedding stage, which scores it 0.99 (docs/signals-rounds.md, thirty-second round). The
cheap stage and its gate now read every first name written in a message as one word, :data:`NAME`
(:func:`written_names`, :func:`names_as_one`): that a person is named stays ("don't add NAME to the group
chat" excludes someone), which person does not. Dropping the names instead lost that (the grammar's
exclusion family fell from 0.65 / 0.73 to 0.56 / 0.58 on dev). The embedding stage reads the names as
written.

The names are the given names of Faker's person providers for the languages students at a Dutch university
most often have, in Latin letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from samen.signals.normalize import fold, frequency, loaded_forms, squeeze

#: The one word every first name is read as. Folded words are lower case, so its n-grams are its own.
NAME = "NAME"
_LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
#: Words of hate that a provider also lists as a given name (the lexicon's own words are left out too).
_NOT_NAMES = frozenset({"nazi", "isis"})
#: Below this frequency as a word (wordfreq, Dutch or English), a name at a sentence's start is read as a
#: name even without a comma after it ("Marcus I'll find you"); a more common one ("Hope", "Max", "Sam")
#: there may be the word.
RARE_AS_WORD = 10**-5
# A word, not the start of a contraction ("Don't") nor a mention; a mention.
_WORD = re.compile(r"(?<![\w'’@])[^\W\d_]{2,}(?![\w'’])")
_MENTION = re.compile(r"@([^\W\d_]{2,})")
# A capitalised word with a possessive 's ("Sam's notes", "Lisa’s slides"): folding writes it as one word.
_POSSESSIVE = re.compile(r"(?<![\w'’@])([^\W\d_]{2,})['’]s(?!\w)")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n])\s*$")


@cache
def first_names() -> frozenset[str]:
    """The given names read as names, in plain lower-case letters (about 6,000): every name of the providers
    of one word in Latin letters, less the lexicon's words (``kike``, ``christian``) and
    :data:`_NOT_NAMES`."""
    # Imported here: Faker costs about 60 MB and 0.2 s, which only the signals' first use should pay.
    from faker.providers.person import (
        de_DE,
        en_GB,
        en_IE,
        en_IN,
        en_US,
        es_ES,
        fr_FR,
        it_IT,
        nl_BE,
        nl_NL,
        pl_PL,
        pt_PT,
        tr_TR,
    )

    providers = (nl_NL, nl_BE, en_US, en_GB, en_IE, en_IN, de_DE, fr_FR, tr_TR, pl_PL, es_ES, it_IT, pt_PT)
    names = set()
    for provider in providers:
        for listed in _LISTS:
            for name in getattr(provider.Provider, listed, ()):
                if name.isalpha() and len(name) >= 2 and _latin(name):
                    names.add(_plain(name))
    loaded = loaded_forms()
    return frozenset(n for n in names if squeeze(n) not in loaded and n not in _NOT_NAMES)


def _plain(word: str) -> str:
    """A name as folding writes it, lower case and plain letters (``Łukasz`` → ``lukasz``); not folded
    whole, as folding reads an unknown word as words it knows (``Berat`` → ``beat``)."""
    return word.lower() if word.isascii() else fold(word)


def _latin(name: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in name)


def written_names(text: str) -> frozenset[str]:
    """The first names written as names in a message, in plain lower-case letters: a name after ``@``, or
    capitalised (``Sam``, ``Łukasz``) inside a sentence, before a comma at its start ("Marcus, …"), or at
    its start when it is rare as a word (:data:`RARE_AS_WORD`); a capitalised name with a possessive ``'s``
    anywhere, as folding writes it (``Sam's`` → ``sams``). Another contraction is not read ("Don't" is not
    the name Don).

    Args:
        text: the message as written.
    """
    if not any(c.isupper() for c in text) and "@" not in text:
        return frozenset()  # most chat: nothing to look up
    names = first_names()
    found = set()
    for match in _MENTION.finditer(text):
        if (word := _plain(match.group(1))) in names:
            found.add(word)
    for match in _WORD.finditer(text):
        written = match.group(0)
        if not (written[0].isupper() and written[1:].islower()) or (word := _plain(written)) not in names:
            continue
        # only the few characters before it are read (a search from the line's start would be quadratic)
        at_start = bool(_SENTENCE_START.search(text, max(0, match.start() - 8), match.start()))
        if not at_start or text.startswith(",", match.end()) or frequency(word) < RARE_AS_WORD:
            found.add(word)
    for match in _POSSESSIVE.finditer(text):
        written = match.group(1)
        if written[0].isupper() and written[1:].islower() and (word := _plain(written)) in names:
            found.add(word + "s")
    return frozenset(found)


def names_as_one(words: Sequence[str], names: frozenset[str]) -> list[str]:
    """A message's folded words with each name written in it (:func:`written_names`) as :data:`NAME`."""
    return [NAME if w in names else w for w in words] if names else list(words)
