"""Context rules over the lexicon: who a word is aimed at, and whether it is meant.

A word alone decides little. ``sukkel`` is an insult in "jij sukkel" and nothing in "ik ben zo'n sukkel";
``homo's`` is neutral in "homo's zijn niet ziek" and part of an attack in "homo's zijn ziek". The rules
here look at the words around a lexicon hit: the person it is aimed at, negation, self-mockery, quoting
to condemn, academic discussion, in-group use, laughter, and the shape of threats and sexual requests.
Each rule yields a :class:`Hit` with an explanation that never quotes the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from samen.signals.lexicon import Entry, Lexicon
from samen.signals.normalize import squeeze


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and extend)."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Hit:
    """A rule's verdict on one message: a kind, its subtype, a score and why."""

    kind: str
    subtype: str | None
    score: float
    explanation: str


SECOND_PERSON = _words("je jij jou jouw jullie u jezelf jouwe you your youre yourself yall ya ur thou")
# Name-calling about someone who is talked about (gossip) counts as well as to their face.
THIRD_PERSON = _words("hij zij ze hem haar he she him her hes shes")
FIRST_PERSON = _words("ik me mij mijn mezelf i im ive id my myself me")
NEGATIONS = _words(
    "niet geen nooit niks niemand not no never isnt arent dont doesnt wasnt werent aint nobody cant wont"
)
LAUGHTER = re.compile(
    r"\b(?:ha(?:ha)+|hihi+|hehe+|lol+|lmao|xd+|grapje|geintje|jk|just kidding)\b|[😂🤣😜😝😛😉😆]"
)
_QUOTED = re.compile(r"\"[^\"]{1,200}\"|'[^']{2,200}'|“[^”]{1,200}”|‘[^’]{1,200}’")

# Words that say the writer condemns, reports or studies what they mention.
CONDEMN = re.compile(
    r"\b(?:racis\w*|discrimin\w*|homofo\w*|homophob\w*|transfo\w*|transphob\w*|seksis\w*|sexis\w*|"
    r"misogyn\w*|validis\w*|ableis\w*|islamofob\w*|islamophob\w*|antisemit\w*|haatzaai\w*|hate ?speech|"
    r"(?:dat|dit) kan (?:echt )?niet|kan echt niet|niet oke|niet ok|not ok|not okay|"
    r"onacceptabel|unacceptable|"
    r"schaam je|shame on|zeg dat niet|don'?t say|niet zeggen|"
    r"stop met (?:mensen|iemand|elkaar|het woord|dat woord|die woorden|zulke)|stop (?:calling|saying|using)|"
    r"ik (?:ga )?(?:dit|het) melden|(?:heb|hebben) (?:het|dit|hem|haar) gemeld|gemeld bij|"
    r"i reported|reported (?:it|this|him|her|them)|report (?:this|him|her|them|it) to|"
    r"walgelijk dat|disgusting that|horrible that|afschuwelijk|"
    r"has no place|heeft geen plek|heeft geen plaats|"
    r"geen plek voor|no place for|vile thing|vile comment|vile to say|bigot\w*|onverdraagza\w*|intolerant\w*|"
    r"(?:people|those|anyone|whoever|mensen|iedereen|wie) (?:who |that |die )?"
    r"(?:say|says|zegt|zeggen) (?:that |dat )?|"
    r"what an? (?:horrible|terrible|disgusting|awful|hateful) (?:thing|comment|message)|"
    r"hoe kun je (?:nou |nu )?(?:dat |zoiets )?zeggen|how can you say|you can'?t say that|"
    r"dat mag je niet zeggen|dat zeg je niet|schandalig|"
    r"tegen (?:racisme|discriminatie|homofobie|haat)|against (?:racism|hate|homophobia))\b"
)
REPORTING = re.compile(
    r"\b(?:noemde|noemt|noemen|genoemd|zei|zegt|zeggen|schreef|schrijft|riep|roept|stuurde|stuurt|"
    r"uitgescholden|scheldt|schold|called|calls|call|said|says|say|saying|wrote|writes|texted|sent|shouted|"
    r"yelled|told)\b"
)
ACADEMIC = re.compile(
    r"\b(?:het woord|de term|dat woord|die term|het begrip|the word|the term|that word|the slur|slurs?|"
    r"scheldwoord\w*|n-?woord|n-?word|etymolog\w*|onderzoek(?:t|en|ers?)?|research(?:ers?)?|studies|"
    r"literatuur|literature|stereotype\w*|vooroorde\w*|prejudice|discourse|historisch\w*|historical\w*|"
    r"historically|koloniaal|koloniale|colonial|definitie|definition|sociolog\w*|linguist\w*|taalkunde|"
    r"scriptie|thesis|enquete|survey|steekproef|hypothese|hypothesis)\b"
)
IN_GROUP = re.compile(
    r"\b(?:(?:als|as an?|as a fellow|my fellow|mijn mede)\s+(?:\w+\s+)?|(?:wij|we|ons|us|onze|our)\s+)"
    r"(homo'?s?|gay|gays|lesbo'?s?|lesbi\w*|queers?|flikkers?|potten|pot|dykes?|trans\w*|zwart\w*|"
    r"black|nikkers?|niggas?|moslim\w*|muslims?|jood|joden|jew\w*|autist\w*|autistic|gehandicapt\w*|"
    r"disabled|crips?|vrouw\w*|wom[ae]n|girls|meiden|mietjes?|nichten|nicht)\b"
)
_IN_GROUP_SUBTYPE = {
    "homo": "homophobia", "gay": "homophobia", "lesb": "homophobia", "quee": "homophobia",
    "flik": "homophobia", "pot": "homophobia", "dyke": "homophobia", "miet": "homophobia",
    "nich": "homophobia", "tran": "transphobia", "zwar": "racism", "blac": "racism", "nikk": "racism",
    "nigg": "racism", "mosl": "religion", "musl": "religion", "jood": "religion", "jode": "religion",
    "jew": "religion", "auti": "ableism", "geha": "ableism", "disa": "ableism", "crip": "ableism",
    "vrou": "sexism", "woma": "sexism", "wome": "sexism", "girl": "sexism", "meid": "sexism",
}  # fmt: skip

# Words that make a name-calling word point at someone: "die sukkel", "wat een idioot", "such a moron".
ADDRESS = _words(
    "die dat deze wat vuile vieze smerige stomme domme vuil vies such what fucking dirty ugly "
    # a scornful adjective before a name-calling word: "verdomde klootzak", "kleine trut", "stupid bitch"
    "verdomde godverdomde vuile kleine zielige gestoorde achterlijke waardeloze irritante arrogante "
    "verwaande ellendige zeurende pompeuze vette lelijke stinkende domme vervelende walgelijke "
    "damn damned stupid dumb little pathetic stinking fat filthy annoying disgusting useless "
    "tering kanker tyfus kut klote kolere"
)

# A generalising or dehumanising statement about a group.
GROUP_PREDICATE = re.compile(
    r"\b(?:ziek|zieke|gestoord\w*|ongedierte|kakkerlakken|parasiet\w*|beesten|dieren|apen|tuig|uitschot|"
    r"minderwaardig\w*|inferieur\w*|criminel\w*|crimineel|terrorist\w*|verkrachters|vies|smerig\w*|"
    r"walgelijk\w*|abnormaal|abnormale|onnatuurlijk\w*|pervers\w*|pedo\w*|een ziekte|een plaag|"
    r"horen hier niet|horen niet (?:hier|thuis|bij ons|in nederland|op (?:de|onze) uni\w*)|horen er niet bij|"
    r"moeten (?:allemaal )?(?:hier )?(?:dood|weg|terug|opgesloten|vergast|opgehangen)|afmaken|"
    r"horen niet te \w+|zouden niet (?:mogen )?(?:bestaan|leven|studeren|stemmen|werken|trouwen)|"
    r"mogen niet (?:bestaan|studeren|stemmen|werken|trouwen)|"
    r"should(?:nt| not) (?:be allowed to )?(?:exist|live|study|vote|work|marry|drive)|"
    r"should(?:nt| not) be allowed|"
    r"should be deported|must be deported|"
    r"mogen (?:hier )?niet|oprotten|vergassen|uitroeien|afknallen|doodschieten|ophangen|geen echte|"
    r"doden|gedood|vermoorden|vermoord|afslachten|afgeslacht|verbranden|verbrand|uitmoorden|"
    r"kill(?:ed)?|exterminated?|wiped out|burned|slaughtered|"
    r"te dom|zijn dom|zijn stom|kunnen niet (?:autorijden|rijden|denken|leren|programmeren|rekenen)|"
    r"horen in de keuken|in de keuken|achter het aanrecht|hysterisch\w*|te emotioneel|"
    r"sick|disgusting|animals|vermin|parasites|cockroaches|subhuman|inferior|dirty|filthy|criminals|"
    r"terrorists|rapists|should (?:all )?(?:die|be (?:killed|shot|gassed|deported|banned|locked up))|"
    r"go back|don'?t belong|do not belong|belong in the kitchen|in the kitchen|"
    r"can'?t (?:drive|think|code|do math)|"
    r"are stupid|are dumb|are idiots|abnormal|unnatural|perverts|a disease|a plague|mentally ill|"
    r"not real (?:women|men)|too emotional|hysterical|less intelligent|minder intelligent|"
    r"nooit (?:zo )?goed als|never as good as|a mistake|een vergissing|freaks|"
    r"haat ze|haat hen|hate them|despise them|cant stand them|hoeren|sletten|whores|sluts|bitches|"
    r"gold ?diggers|property|objects|bezit|gehoorzamen|obey|shut up|zwijgen|hun mond houden|"
    r"moeten (?:het land |nederland )?uit|moeten eruit|moeten vertrekken|must leave|should leave|get out|"
    r"out of (?:our|my|this) country|het land uit|"
    r"stay (?:at )?home|thuisblijven|worthless|scum|trash|garbage|waardeloos|afval|vuilnis|schorem|gespuis|"
    r"minder waard|niks waard|less than human|"
    r"horen in (?:de|een) (?:oven|gaskamer|kamp)|belong in (?:the|an?) (?:oven|gas chamber|camp)|"
    r"(?:kunnen|moeten|mogen) (?:\w+ ){0,3}terug naar (?:hun|waar)|terug naar hun (?:eigen )?land)\b"
)
_GROUP_VIOLENCE = re.compile(
    r"\b(?:vergassen|uitroeien|afknallen|doodschieten|ophangen|moeten (?:allemaal )?dood|doden|gedood|"
    r"vermoorden|vermoord|afslachten|afgeslacht|verbranden|verbrand|uitmoorden|kill(?:ed)?|exterminated?|"
    r"wiped out|burned|slaughtered|"
    r"should (?:all )?(?:die|be (?:killed|shot|gassed))|kill all|dood aan)\b"
)


_PERSON_NOUNS = _words(
    "lijer lyer lijders hoer wijf wyf vent kind jong joch gozer man kop bek face head wad bag hole "
    "lul leraar docent student mongool hond honden"
)

_AIMED_PHRASES = re.compile(
    r"\b(?:fuck (?:you|u|jou|off)|rot (?:toch |maar |lekker )?op|"
    r"flikker op|kanker op|tering op|tyfus op|sodemieter op|oprotten|"
    r"hou je (?:bek|kop|muil|smoel)|houd je (?:bek|kop)|shut (?:the fuck )?up|stfu|get lost|"
    r"krijg (?:de|het|een) (?:kanker|tering|tyfus|pest|klere|kolere|pleuris|pokken)|"
    r"go to hell|loop naar de hel|screw you|piss off|"
    r"fuck (?:jullie|iedereen|everyone|everybody|them|yourself|urself|jezelf)|"
    r"(?:you|u) fuck (?:yourself|urself)|get the fuck out|eat shit|(?:you|u) suck\b(?! at)|"
    r"donder (?:een eind |toch |maar )?op|sodemieter (?:toch |maar )?op|lazer (?:toch |maar )?op|"
    r"tief (?:toch |maar )?op|"
    r"krijg (?:toch |maar |lekker |allemaal )*(?:de|het|een) (?:kanker|tering|tyfus|pest|klere|kolere|"
    r"pleuris|pokken)|"
    r"(?:kan|kun|kunnen) (?:je |jij |jullie |u )?(?:allemaal |toch |lekker )*(?:de pot op|doodvallen|"
    r"de klere krijgen|de tering krijgen|opzouten|oprotten))\b"
)


# "rot op met die vroege colleges": off with a thing, not with a person ("rot op met je vragen" is).
_OFF_WITH_A_THING = re.compile(r" met (?!(?:\w+ )?(?:je|jij|jou|jouw|jullie|u)\b)")
_DISBELIEF = re.compile(
    r"\b(?:meen je (?:dat|niet|het)|serieus|gefeliciteerd|wat goed|no way|congrats|congratulations|"
    r"seriously)\b"
)


@dataclass(frozen=True)
class Context:
    """What the words around the hits say about the whole message."""

    second_person: bool
    laughing: bool
    condemns: bool
    reports: bool
    academic: bool
    quoted: str
    in_group: frozenset[str]
    question: bool
    #: words the writer calls out to, set off by punctuation ("…, klootzakken!", "sukkel, lees eerst…").
    vocatives: frozenset[str] = frozenset()

    @property
    def distancing(self) -> bool:
        """The writer quotes, condemns or studies what they mention rather than saying it."""
        return self.condemns or self.academic or (self.reports and bool(self.quoted))


# A word called out: after a comma at the end ("…, trut!"), or first and followed by a comma or "!".
_VOCATIVE = re.compile(r",\s*(\w+)\s*[!.?]*\s*$|^\s*(\w+)\s*(?:,|!)")


def read_context(folded: str, words: Sequence[str]) -> Context:
    """The message-level context cues of folded text and its words."""
    quoted = " ".join(_QUOTED.findall(folded))
    in_group = frozenset(
        subtype
        for m in IN_GROUP.finditer(folded)
        for prefix, subtype in _IN_GROUP_SUBTYPE.items()
        if m.group(1).startswith(prefix)
    )
    return Context(
        second_person=any(w in SECOND_PERSON for w in words),
        laughing=bool(LAUGHTER.search(folded)),
        condemns=bool(CONDEMN.search(folded)),
        reports=bool(REPORTING.search(folded)),
        academic=bool(ACADEMIC.search(folded)),
        quoted=quoted,
        in_group=in_group,
        question="?" in folded,
        vocatives=frozenset(m.group(1) or m.group(2) for m in _VOCATIVE.finditer(folded)),
    )


def _negated(words: Sequence[str], i: int, reach: int = 2, *, words_: frozenset[str] = NEGATIONS) -> bool:
    return any(w in words_ for w in words[max(0, i - reach) : i])


_FOND = _words("lucky poor arme gelukkige")
# "idioot, zei ik tegen mezelf": a name the writer gives themselves.
_REFLEXIVE = _words("mezelf myself")
# "je hebt niks gedaan, rotzak": "niks" is what was done, it does not deny the name.
_NAME_NEGATIONS = NEGATIONS - {"niks"}
# "het is niet waar dat vrouwen …", "it's a myth that women …": the claim that follows is denied.
_DENIAL = re.compile(
    r"\b(?:niet waar|not true|geen bewijs|no evidence|een mythe|a myth|onzin|nonsense|klopt niet|"
    r"is false|fabeltje|vooroordeel)(?: \w+){0,2} (?:dat|that)\b"
)


def _denied(words: Sequence[str], i: int) -> bool:
    """The words before position ``i`` deny what follows ("het is niet waar dat …")."""
    return bool(_DENIAL.search(" ".join(words[max(0, i - 8) : i])))


def _self_directed(words: Sequence[str], i: int) -> bool:
    window = words[max(0, i - 5) : i]
    return any(w in FIRST_PERSON for w in window) and not any(w in SECOND_PERSON for w in window)


_COPULA_SAYS = _words("is was ben bent zijn are were blijft blijkt")


def _aimed(words: Sequence[str], i: int, ctx: Context) -> bool:
    # "een bitch van een tentamen", "a bitch of a test": an intensifier for a thing, not a name for someone.
    if tuple(words[i + 1 : i + 3]) in (("van", "een"), ("of", "a"), ("of", "an")):
        return False
    if len(words) <= 3:
        return True
    if words[i] in ctx.vocatives:
        return True
    before = words[max(0, i - 4) : i]
    after = words[i + 1 : i + 3]
    near = any(w in SECOND_PERSON or w in THIRD_PERSON for w in (*before, *after))
    # "Donovan is een klootzak", "Trump is een onverdraagzame idioot": a copula and an article (and
    # adjectives) before the word name someone, unless the subject is a thing ("het is een idioot idee").
    k = i
    while k > 0 and i - k < 3 and (words[k - 1] in ADDRESS or words[k - 1].endswith(("e", "ig"))):
        if words[k - 1] in ("de", "die", "deze", "the", "een"):
            break
        k -= 1
    article = words[max(0, k - 4) : k]
    if len(article) >= 2 and article[-1] in ("een", "a", "an") and article[-2] in _COPULA_SAYS:
        subject = article[-3] if len(article) >= 3 else ""
        if subject not in ("het", "dat", "dit", "it", "that", "this", "er", "there"):
            return True
    addressed = bool(before) and (before[-1] in ADDRESS or (len(before) > 1 and before[-2] in ADDRESS))
    return near or addressed or (ctx.second_person and i == len(words) - 1)


def _split_compound(key: str, lexicon: Lexicon) -> tuple[str, str] | None:
    prefix = lexicon.curse_prefix(key)
    return (prefix, key[len(prefix) :]) if prefix is not None else None


# Everyday words that a squeezed or inflected lexicon word would otherwise match.
_REAL_WORDS = _words("niger mongol mongolen mongools mongolie mongolier")
_SUFFIXES = ("tjes", "tje", "jes", "je", "en", "es", "s", "e")


def _resolve(word: str, lexicon: Lexicon) -> tuple[Entry, ...]:
    """Lexicon entries for a word, also inflected (``klootzakken``, ``hoertje``: only for strong name-calling
    words of four letters or more) or masked with ``*`` or ``#`` (``f*ck``, ``k*nker``)."""
    if word in _REAL_WORDS:
        return ()
    key = squeeze(word)
    found = lexicon.lookup(key)
    if found:
        return found
    if "*" not in word and "#" not in word:
        if key in lexicon.near:
            return lexicon.near[key]
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= 4:
                stem = lexicon.lookup(key[: -len(suffix)])
                strong = tuple(e for e in stem if e.role in ("insult", "slur") and e.weight >= 0.6)
                if strong:
                    return strong
        return ()
    return lexicon.lookup(squeeze(unmask(word, lexicon)))


def unmask(word: str, lexicon: Lexicon) -> str:
    """The lexicon word a masked or stretched word stands for (``f*ck``, ``fuuck``: ``fuck``), or the word.

    A leading ``#`` is a hashtag, not a mask: ``#life`` is ``life`` (not ``lowlife``).
    """
    if word.startswith("#") and len(word) > 1 and "#" not in word[1:]:
        word = word[1:]
    if "*" not in word and "#" not in word:
        entries = lexicon.lookup(squeeze(word)) if word not in _REAL_WORDS else ()
        return entries[0].term if entries and len(entries[0].term) == len(squeeze(entries[0].term)) else word
    # Masks stand for one to three letters: f*ck, f**k, k*nker.
    masked = re.sub(r"[*#]+", "[a-z]{1,3}", re.escape(squeeze(word)).replace(r"\*", "*").replace(r"\#", "#"))
    pattern = re.compile(masked)
    for candidate, entries in lexicon.words.items():
        if len(candidate) >= 3 and pattern.fullmatch(candidate):
            return entries[0].term
    return word


def word_hits(words: Sequence[str], lexicon: Lexicon, ctx: Context) -> Iterator[Hit]:
    """Hits from lexicon words in their context: insults, slurs, curses, profanity, sexual remarks."""
    groups = [(i, e) for i, w in enumerate(words) for e in lexicon.lookup(squeeze(w)) if e.role == "group"]
    for i, word in enumerate(words):
        entries = _resolve(word, lexicon)
        if not entries:
            compound = _split_compound(squeeze(word), lexicon)
            if compound is None:
                continue
            yield from _compound_hits(compound, words, i, lexicon, ctx)
            continue
        for entry in entries:
            yield from _entry_hits(entry, words, i, ctx, groups)


_CONDEMN_ADJECTIVE = re.compile(
    r"(?:racistisch|seksistisch|homofob|transfob|racist|sexist|homophobic|transphobic|misogynist|"
    r"onverdraagza|intoleran|bigot)\w*"
)


def _discount(score: float, ctx: Context, quoted_word: bool) -> float:
    if ctx.distancing and (quoted_word or ctx.condemns or ctx.academic):
        return score * 0.15
    return score


def _entry_hits(
    entry: Entry, words: Sequence[str], i: int, ctx: Context, groups: list[tuple[int, Entry]]
) -> Iterator[Hit]:
    word = words[i]
    quoted_word = word in ctx.quoted
    if entry.role == "slur":
        # Ableist words are mostly adjectives: "je bent niet achterlijk" reassures.
        if entry.subtype == "ableism" and _negated(words, i):
            return
        score = entry.weight
        if entry.subtype in ctx.in_group:
            score *= 0.2
        score = _discount(score, ctx, quoted_word)
        if ctx.laughing and score < 0.9:
            score *= 0.85
        yield Hit(
            "identity_attack",
            entry.subtype,
            score,
            f"a slur against people for who they are ({entry.subtype})",
        )
        if entry.subtype == "ableism" and _aimed(words, i, ctx) and not _self_directed(words, i):
            yield Hit(
                "insult", None, _discount(entry.weight * 0.9, ctx, quoted_word), "calling someone names"
            )
        return
    if entry.role == "insult":
        if _negated(words, i, words_=_NAME_NEGATIONS) or _self_directed(words, i) or _denied(words, i):
            return
        if not ctx.second_person and any(w in _REFLEXIVE for w in words):
            return
        if i and words[i - 1] in _FOND:
            return  # "you lucky bastard", "arme sukkel": sympathy, not name-calling
        aimed = _aimed(words, i, ctx)
        score = entry.weight if aimed else entry.weight * 0.5
        near_group = [g for j, g in groups if abs(j - i) <= 2 and g.subtype]
        if near_group and not _negated(words, min(i, *(j for j, _ in groups if abs(j - i) <= 2))):
            subtype = near_group[0].subtype
            attack = _discount(max(0.8, entry.weight), ctx, quoted_word)
            if subtype in ctx.in_group:
                attack *= 0.3
            yield Hit("identity_attack", subtype, attack, f"name-calling aimed at a group ({subtype})")
            return
        if i and _CONDEMN_ADJECTIVE.fullmatch(words[i - 1]) and not ctx.academic and not quoted_word:
            # "een racistische klootzak": the adjective names a fault of someone called names, not distance.
            score = entry.weight
        else:
            score = _discount(score, ctx, quoted_word)
        if ctx.laughing:
            score *= 0.6
        yield Hit("insult", None, score, "calling someone names")
        return
    if entry.role in ("curse", "profanity"):
        if entry.role == "curse" and _names_the_disease(words, i):
            return
        aimed = _aimed(words, i, ctx) and ctx.second_person and entry.role == "curse"
        if aimed and not _negated(words, i):
            yield Hit("insult", None, _discount(0.85, ctx, quoted_word), "wishing a disease on someone")
        else:
            yield Hit("profanity", None, entry.weight, "coarse language")
        return
    if entry.role == "sexual":
        near = any(w in SECOND_PERSON for w in words[max(0, i - 3) : i + 3])
        if near and not _negated(words, i, 3):
            score = _discount(entry.weight, ctx, quoted_word)
            yield Hit(
                "sexual", None, score * (0.7 if ctx.laughing else 1.0), "a sexual remark aimed at someone"
            )


_DISEASE_BEFORE = _words(
    "heeft had hebben aan tegen met de het van over krijgt kreeg longkanker has had with against of"
)
_DISEASE_AFTER = _words("is was heeft onderzoek patienten cellen behandeling ziekte gehad overleden")


def _names_the_disease(words: Sequence[str], i: int) -> bool:
    """``kanker`` as the illness ("mijn oma heeft kanker", "kanker is een ziekte"), not as a curse."""
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    return before in _DISEASE_BEFORE or after in _DISEASE_AFTER


def _compound_hits(
    compound: tuple[str, str], words: Sequence[str], i: int, lexicon: Lexicon, ctx: Context
) -> Iterator[Hit]:
    _, rest = compound
    quoted_word = words[i] in ctx.quoted
    for entry in lexicon.lookup(rest):
        if entry.role in ("group", "slur") and entry.subtype:
            score = 0.9 if entry.subtype not in ctx.in_group else 0.3
            yield Hit(
                "identity_attack",
                entry.subtype,
                _discount(score, ctx, quoted_word),
                f"a curse word joined to a group ({entry.subtype})",
            )
            return
        if entry.role == "insult":
            yield Hit(
                "insult",
                None,
                _discount(max(0.85, entry.weight), ctx, quoted_word),
                "a curse word joined to a name for someone",
            )
            return
    if rest in _PERSON_NOUNS or squeeze(rest) in _PERSON_NOUNS:
        yield Hit(
            "insult", None, _discount(0.85, ctx, quoted_word), "a curse word joined to a name for someone"
        )
    else:
        yield Hit("profanity", None, 0.5, "coarse language")


def phrase_hits(plain: str, words: Sequence[str], lexicon: Lexicon, ctx: Context) -> Iterator[Hit]:
    """Hits from the shape of a sentence: threats, group attacks, aimed curses, sexual requests.

    Args:
        plain: the message's words joined by single spaces (folded, apostrophes dropped).
        words: the same words as a list.
        lexicon: the lexicon (for group names).
        ctx: the message's context cues.
    """
    distancing = ctx.distancing
    for shape in lexicon.shapes("threat", plain):
        m = shape.regex.search(plain)
        if m is None:
            continue
        score = shape.score
        span_words = m.group(0).split()
        if any(w in NEGATIONS for w in span_words) or _negated(
            plain[: m.start()].split(), len(plain[: m.start()].split()), 1
        ):
            continue
        if distancing or (ctx.reports and not ctx.second_person):
            score *= 0.2
        if ctx.laughing:
            score *= 0.5
        yield Hit("threat", None, score, shape.explanation)
        break
    for shape in lexicon.shapes("insult", plain):
        m = shape.regex.search(plain)
        if m is None:
            continue
        before = plain[: m.start()].split()
        if _negated(before, len(before), 2) or _self_directed(before, len(before)):
            continue
        score = shape.score * (0.15 if distancing else 1.0) * (0.6 if ctx.laughing else 1.0)
        yield Hit("insult", None, score, shape.explanation)
        break
    m = _AIMED_PHRASES.search(plain)
    if m is not None and not _OFF_WITH_A_THING.match(plain[m.end() :]):
        # "donder op, dat meen je niet!", "get the fuck out, you got a 10?!": disbelief, not telling off.
        surprised = ctx.question or _DISBELIEF.search(plain) is not None
        yield Hit(
            "insult",
            None,
            0.8 * (0.2 if distancing else 1.0) * (0.6 if ctx.laughing else 1.0) * (0.5 if surprised else 1.0),
            "telling someone off rudely",
        )
    for shape in lexicon.shapes("identity_attack", plain):
        if shape.regex.search(plain):
            score = shape.score * (0.15 if distancing else 1.0)
            yield Hit("identity_attack", shape.subtype, score, f"{shape.explanation} ({shape.subtype})")
    yield from _group_statements(plain, words, lexicon, ctx)
    for shape in lexicon.shapes("sexual", plain):
        m = shape.regex.search(plain)
        if m is None or any(w in NEGATIONS for w in m.group(0).split()):
            continue
        if _negated(plain[: m.start()].split(), len(plain[: m.start()].split()), 1):
            continue
        yield Hit("sexual", None, shape.score * (0.15 if distancing else 1.0), shape.explanation)


# Hate said before naming the group: "ik haat moslims", "death to all X", "vieze X".
_BEFORE_GROUP = re.compile(
    r"\b(?:haat|haten|hate|hates|despise|verafschuw|walg van|kan niet uitstaan|cant stand|dood aan|death to|"
    r"weg met|kill all|vermoord alle|fuck|fucking|kut|kanker|tyfus|tering|"
    r"(?:ziek|zat|moe|beu) van|sick of|tired of|fed up with|"
    r"vieze|smerige|vuile|filthy|dirty|disgusting|stinkende|stinking|"
    r"(?:murder|kill|shoot|vermoorden|doden|neerschieten)(?: every| all| elke| iedere| alle))"
    r"(?: (?:alle|de|die|jullie|al|vieze|verdomde|smerige|stomme|fucking|damn|all|the|those|these|every|"
    r"elke|iedere|you)){0,2}$"
)
_VIOLENT_BEFORE = re.compile(
    r"\b(?:dood aan|death to|kill all|vermoord alle|murder|kill|shoot|vermoorden|doden|neerschieten)\b"
)
# Calling someone a group name as an insult: "jij homo!" (not "ben jij homo?").
_ADDRESS_GROUP = _words("jij you hey jou")
# "vuile jood", "vieze homo": an abusive word before a group name makes the name an insult.
_SLURRING = _words(
    "vieze vuile smerige stomme domme kut kanker tyfus tering fucking dirty filthy stinking stinkende stupid"
)
_ASKING = _words("ben bent are is was als as of or")


# One person, not a group: "mijn vriendin is ziek", "ik haat die vrouw" say nothing about women.
_SINGULAR = _words(
    "vrouw woman girl female wife girlfriend lady moslim moslima muslim jood jew turk marokkaan "
    "immigrant migrant refugee arab mexican autist homo jodin feministe"
)
# Adjectives name a group only with a word for people after them: "zwarte mensen", not "zwarte kat".
_ADJECTIVES = _words(
    "zwarte black witte joodse jewish islamic homoseksuele gay lesbian lesbisch trans disabled "
    "autistic chinese female homosexual transgender bi queer"
)
_PEOPLE = _words(
    "mensen people men women man vrouwen mannen students studenten kids kinderen guys folks jongens "
    "meisjes meiden girls boys person persoon persons personen families gezinnen vrouw woman"
)
_QUANTIFIERS = _words("alle elke iedere every all typical typisch typische")


_COPULAS = _words("zijn is are were waren blijven remain worden become")
_INTENSIFIERS = _words(
    "allemaal all altijd always echt really so zo te too gewoon just nogal pretty ontzettend "
    "extremely heel very honestly eigenlijk basically natuurlijk obviously duidelijk clearly een a an "
    "typisch typically erg vaak often inherently van nature by nature naturally hetzelfde the same"
)
# Negative traits said of a whole group ("zwarte mensen zijn lui", "jews are greedy"); name-calling words
# from the lexicon count as well.
_TRAITS = _words(
    "lui gierig oppervlakkig crimineel criminelen gevaarlijk agressief vies smerig vuil onbetrouwbaar "
    "primitief inferieur minderwaardig zwak zwakker hysterisch overgevoelig walgelijk ziek gestoord "
    "gek abnormaal onnatuurlijk pervers last parasieten ratten apen beesten dieren varkens honden "
    "ongedierte kakkerlakken terroristen verkrachters dieven profiteurs uitvreters tuig uitschot "
    "afval nutteloos waardeloos leugenaars lazy greedy dirty dangerous violent criminal criminals "
    "inferior primitive weak hysterical disgusting sick abnormal unnatural perverted perverts burden "
    "parasites rats apes monkeys animals pigs dogs vermin cockroaches terrorists rapists thieves scum "
    "trash garbage worthless useless liars freaks subhuman evil filthy untrustworthy shallow"
)


def _trait_follows(words: Sequence[str], i: int, lexicon: Lexicon) -> bool:
    """A group name, (a copula), intensifiers, then a negative trait: "vrouwen zijn zo dom", "why are
    black people so lazy"."""
    k = i + 1
    if k < len(words) and words[i] in _ADJECTIVES:
        k += 1  # the word for people after an adjective
    inverted = i > 0 and words[i - 1] in _COPULAS
    if not inverted:
        if k >= len(words) or words[k] not in _COPULAS:
            return False
        k += 1
    while k < len(words) and words[k] in _INTENSIFIERS:
        k += 1
    if k >= len(words):
        return False
    word = words[k]
    if word in _TRAITS:
        return True
    return any(e.role in ("insult", "slur") and e.weight >= 0.45 for e in _resolve(word, lexicon))


def _speaks_of_a_group(words: Sequence[str], i: int, entry: Entry) -> bool:
    term = squeeze(words[i])
    if entry.term in _ADJECTIVES or term in _ADJECTIVES:
        return i + 1 < len(words) and words[i + 1] in _PEOPLE
    if entry.term in _SINGULAR:
        return i > 0 and words[i - 1] in _QUANTIFIERS
    return True


def _group_statements(plain: str, words: Sequence[str], lexicon: Lexicon, ctx: Context) -> Iterator[Hit]:
    """ "<group> zijn ziek", "<group> should die": a predicate after a group name, unless negated."""
    positions = [(i, e) for i, w in enumerate(words) for e in lexicon.lookup(squeeze(w)) if e.role == "group"]
    if not positions:
        return
    offsets = []
    at = 0
    for w in words:
        offsets.append(at)
        at += len(w) + 1
    for i, entry in positions:
        if (
            i
            and (words[i - 1] in _SLURRING or (words[i - 1] in _ADDRESS_GROUP and not ctx.question))
            and (i < 2 or words[i - 2] not in _ASKING)
        ):
            score = (0.8 if entry.subtype not in ctx.in_group else 0.3) * (0.15 if ctx.distancing else 1.0)
            yield Hit(
                "identity_attack", entry.subtype, score, f"a group name used as an insult ({entry.subtype})"
            )
            return
        if not _speaks_of_a_group(words, i, entry) or _denied(words, i):
            continue
        before = " ".join(words[max(0, i - 5) : i])
        pre = _BEFORE_GROUP.search(before)
        if pre is not None and not any(w in NEGATIONS for w in before[: pre.start()].split()[-3:]):
            violent = bool(_VIOLENT_BEFORE.search(pre.group(0)))
            score = (0.95 if violent else 0.85) * (0.5 if entry.subtype in ctx.in_group else 1.0)
            score *= 0.15 if ctx.distancing else 0.8 if ctx.laughing else 1.0
            why = "a threat against a group" if violent else "hatred of a group"
            yield Hit("identity_attack", entry.subtype, score, f"{why} ({entry.subtype})")
            return
        if _trait_follows(words, i, lexicon):
            score = 0.85 * (0.5 if entry.subtype in ctx.in_group else 1.0)
            score *= 0.15 if ctx.distancing else 0.8 if ctx.laughing else 1.0
            score *= 0.6 if ctx.question else 1.0
            yield Hit(
                "identity_attack",
                entry.subtype,
                score,
                f"a demeaning generalisation about a group ({entry.subtype})",
            )
            return
        start = offsets[i] + len(words[i])
        end = offsets[min(i + 8, len(words) - 1)] + len(words[min(i + 8, len(words) - 1)])
        tail = plain[start:end]
        m = GROUP_PREDICATE.search(tail)
        if m is None:
            continue
        between = tail[: m.start()].split()
        if any(w in NEGATIONS for w in between):
            continue
        if _negated(words, i, 2) and words[max(0, i - 1)] not in ("alle", "all"):
            continue
        violent = bool(_GROUP_VIOLENCE.search(tail))
        score = 0.95 if violent else 0.85
        if entry.subtype in ctx.in_group:
            score *= 0.5
        if ctx.distancing:
            score *= 0.15
        elif ctx.laughing:
            score *= 0.8
        if ctx.question:
            score *= 0.6
        subtype = entry.subtype
        why = "a threat against a group" if violent else "a demeaning generalisation about a group"
        yield Hit("identity_attack", subtype, score, f"{why} ({subtype})")
        return
