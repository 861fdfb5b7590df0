"""Context cues and labelling functions: what the words around a lexicon word say, as model features.

A word alone decides little. ``sukkel`` is an insult in "jij sukkel" and nothing in "ik ben zo'n sukkel"
or "niemand hier is een sukkel"; ``homo's`` is neutral in "homo's zijn niet ziek". This module does not
decide; it *describes*: for each lexicon role present (insult, slur, group, profanity, curse, sexual) it
says whether the word is aimed at someone, negated (and by what scope), said of oneself, quoted,
condemned or studied, used in-group, laughed off, asked, or said of a thing. The trained model
(:mod:`samen.signals.model`) weighs these cues; no score is set by hand here.

Labelling functions (``data/rules.tsv``, in the Snorkel sense) are the few sentence shapes a rule states
better than data teaches: each has an id and a one-line reason; it fires as a feature the model weighs,
and ``samen signals eval`` reports its precision and coverage.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from importlib import resources

from samen.signals.lexicon import EVERYDAY_GROUP, ROLES, Entry, Lexicon
from samen.signals.normalize import COMMON, deletions, frequency, pictographs, squeeze, tokens, transpositions


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and extend)."""
    return frozenset(text.split())


SECOND_PERSON = _words("je jij jou jouw jullie u jezelf jouwe you your youre yourself yall ya ur thou")
THIRD_PERSON = _words("hij zij ze hem haar he she him her hes shes")
FIRST_PERSON = _words("ik me mij mijn mezelf i im ive id my myself me")
FIRST_SUBJECT = _words("ik mezelf i im ive id myself")
NEGATIONS = _words(
    "niet geen nooit niks niets niemand nergens not no never isnt arent dont doesnt wasnt werent aint "
    "nobody cant wont neither nor noch none nothing"
)
# A negated subject: "niemand hier is een idioot", "nobody here is stupid", "none of you is a loser".
_NEGATED_SUBJECT = re.compile(
    r"^(?:en |and |maar |but )?(?:niemand|nobody|no one|noone|none|geen van|geen enkele)\b"
)
# A negated main clause puts the whole claim that follows in its scope: "ik vind niet dat je een idioot
# bent", "I don't think you're an idiot", "het is niet waar dat…", "it's a myth that…".
_NEGATED_MAIN = re.compile(
    r"\b(?:(?:ik|wij|we) (?:vind|vinden|denk|denken|geloof|geloven|zeg|zeggen|bedoel|bedoelen) (?:\w+ )?"
    r"(?:niet|helemaal niet|echt niet|nooit)(?: dat)?|"
    r"(?:i|we) (?:dont|do not|didnt|did not|never) (?:\w+ )?(?:think|believe|say|said|mean|meant|find|call)|"
    r"(?:het is|dat is|its|it is) (?:\w+ )?(?:niet waar|not true|een mythe|a myth|onzin|nonsense|false)|"
    r"(?:niet waar|not true|geen bewijs|no evidence|klopt niet|fabeltje) (?:\w+ ){0,2}(?:dat|that)|"
    r"neither|noch|nor)\b"
)
_CLAUSE = re.compile(r"[,;:.!?\n]+|\s(?:maar|but|en|and|want|because|omdat|terwijl|while)\s")
LAUGHTER = re.compile(
    r"\b(?:ha(?:ha)+|hihi+|hehe+|lol+|lmao|rofl|xd+|grapje|geintje|jk|just kidding)\b|[😂🤣😜😝😛😉😆😅]"
)
CONGRATULATION = re.compile(
    r"\b(?:gefeliciteerd|proficiat|congrats|congratulations|goed gedaan|well done|wat goed|nice one|"
    r"knap|top gedaan|trots op|proud of|lekker bezig|you did it|je hebt het gehaald|geslaagd|passed)\b|"
    r"[🎉🥳👏]"
)
QUOTED = re.compile(r"\"[^\"]{1,200}\"|'[^']{2,200}'")
# An apostrophe inside a word (i'm, tuesday's, homo's, zo'n) or of a Dutch clitic ('s avonds, 't, 'n) is no
# quotation mark. QUOTED, which the model's cues are read with, takes "can't … you're" for a quotation; the
# shipped model was trained so: models retrained with the right reading lost threats twice
# (docs/signals-rounds.md, the twenty-first and twenty-second rounds), so only :func:`quotations`, the frame
# check's, reads them right.
_WORD_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<!\w)'(?=[stn]\b)")
#: Where a folded message breaks into sentences: after . ! ? … and a space, and at line breaks.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+")
# A later sentence that rejects what came before (:func:`answers`): "X zijn Y? Nee joh.", "X are Y.
# Absolutely not.", "Daar klopt niets van.", "That's a stereotype.", "…? Serieus?".
_DENIALS = _words("nee neen welnee nope no nah neuh")
_TRUTH = _words("klopt waar true correct juist case geval")
_DISMISSAL = re.compile(
    r"\b(?:onzin|nonsense|bullshit|rubbish|flauwekul|untrue|stereotype\w*|vooroorde\w*|prejudice\w*|myth|"
    r"mythe|fabeltje|oneens|disagree)\b"
)
_OUTRAGE = re.compile(r"^\W*(?:serieus|seriously|really|echt|wtf|huh|what)\W*\?[?\W]*$")
# Words that say the writer condemns or reports what they mention.
CONDEMN = re.compile(
    r"\b(?:racis\w*|discrimin\w*|homofo\w*|homophob\w*|transfo\w*|transphob\w*|seksis\w*|sexis\w*|"
    r"misogyn\w*|validis\w*|ableis\w*|islamofob\w*|islamophob\w*|antisemit\w*|haatzaai\w*|hate ?speech|"
    r"kan (?:echt )?niet|niet oke|not ok(?:ay)?|onacceptabel|unacceptable|schaam je|shame on|"
    r"melden|gemeld|report(?:ed)?|walgelijk dat|disgusting that|no place|geen plek|geen plaats|bigot\w*|"
    r"schandalig|tegen (?:racisme|discriminatie|homofobie|haat)|against (?:racism|hate|homophobia))\b"
)
REPORTING = re.compile(
    r"\b(?:noemde|noemt|noemen|genoemd|zei|zegt|zeggen|schreef|schrijft|riep|roept|uitgescholden|scheldt|"
    r"schold|called|calls|said|says|saying|wrote|writes|shouted|yelled|told)\b"
)
ACADEMIC = re.compile(
    r"\b(?:het woord|de term|dat woord|die term|het begrip|the word|the term|that word|the slur|slurs?|"
    r"scheldwoord\w*|n-?woord|n-?word|etymolog\w*|onderzoek\w*|research\w*|studies|literatuur|literature|"
    r"stereotype\w*|vooroorde\w*|prejudice|discourse|historisch\w*|historical\w*|koloniaal|koloniale|"
    r"colonial|definitie|definition|sociolog\w*|linguist\w*|taalkunde|scriptie|thesis|essay|paper|"
    r"artikel|article|college|lecture|tentamenvraag|seminar)\b"
)
IN_GROUP = re.compile(
    r"\b(?:als|as an?|as a fellow|my fellow|mijn mede|wij|we|ons|us|onze|our)\s+(?:(?!alle|all)\w+\s+)?"
    r"(?:homo\w*|gay\w*|lesb\w*|queer\w*|flikker\w*|potten|dyke\w*|trans\w*|zwart\w*|black|nikker\w*|"
    r"nigga\w*|moslim\w*|muslim\w*|jood|joden|jew\w*|autist\w*|gehandicapt\w*|disabled|crip\w*|"
    r"vrouw\w*|wom[ae]n|girls|meiden|mietje\w*|nicht\w*)\b"
)
# Words that make a name point at someone: "die sukkel", "wat een idioot", "stupid bitch".
ADDRESS = _words(
    "die dat deze wat zon zo such what a an een hey hee oi "
    "vuile vieze smerige stomme domme verdomde godverdomde kleine zielige gestoorde achterlijke waardeloze "
    "irritante arrogante vette lelijke stinkende vervelende walgelijke "
    "fucking dirty ugly damn damned stupid dumb little pathetic stinking fat filthy annoying disgusting "
    "useless"
)
_COPULAS = _words("is was ben bent zijn are were blijft blijkt remain")
_GROUP_ROLES = ("group", EVERYDAY_GROUP)
# Where a group's everyday name stands for people: before a word for people ("blind people", "dove
# studenten", misspelt too: "blind peopel"), before a verb ("Poles are…", "een dove kan…", "als je een dove
# ziet", "elke blinde afgemaakt"), or after a determiner and before a closed-class word ("die dove uit de
# werkgroep", "een blinde als tutor", "every blind one in…"); before any other word it is an adjective of an
# everyday thing ("a blind eye", "een blinde gok"). "of" and "van" are no closed-class words here: "the poles
# of a magnet", "de polen van een batterij".
_PEOPLE = _words(
    "people persons person men women man woman students student kids children folks guys girls boys one "
    "colleagues users ones teacher teachers lecturer lecturers tutor tutors friend friends classmate "
    "classmates researcher researchers scientist scientists writer writers author authors speaker speakers "
    "supervisor supervisors neighbour neighbours housemate housemates alumni community society population "
    "mensen personen persoon mannen vrouwen vrouw studenten studente studentes kinderen jongens "
    "meisjes meiden collega collegas medestudent medestudenten gebruikers docent docenten gastdocent "
    "begeleider begeleiders vriend vriendin vrienden huisgenoot huisgenoten klasgenoot klasgenoten "
    "onderzoeker onderzoekers wetenschapper wetenschappers schrijver schrijvers buurman buren eerstejaars "
    "ouderejaars voorzitter penningmeester medewerker medewerkers gemeenschap bevolking"
)
_VERBS_AFTER = _COPULAS | _words(
    "should shouldnt can cant cannot could will wont would do dont does doesnt have has had deserve "
    "deserves need needs get gets live lives sit sits being arent isnt wasnt werent whos "
    "moeten moet mogen mag kunnen kan horen hoort willen wil zullen zal hebben heeft heb "
    "verdienen verdient krijgen krijgt komt komen zit zitten praat doet wordt worden werd werden "
    "ziet zie zag vind vindt voel voelt hoef hoeft"
)
# A Dutch past participle ("gezien", "afgemaakt", "vergast") or an infinitive with a separable particle
# ("neersteken", "opsluiten") after a group's everyday name ends the verb phrase it is the object of.
_DUTCH_VERB_FORM = re.compile(
    r"(?:aan|af|bij|door|in|mee|na|neer|om|op|over|toe|uit|weg|terug)?ge[a-z]{2,}(?:t|d|en)|"
    r"(?:ver|be|ont)[a-z]{3,}[td]|(?:aan|af|dood|in|mee|neer|op|uit|weg|kapot)[a-z]{3,}en"
)
_DETERMINERS = _words(
    "de het een die dat deze dit elke iedere ieder geen zon zulke alle als "
    "a an the that this those these every each no any some all as"
)
_CLOSED_CLASS = _words(
    "in uit op met bij aan voor naar over achter onder om tot door na naast zonder tegen als te "
    "die dat wie de het een je jij hij ze zij we wij maar wel toch ook gewoon nog even hier daar eens er "
    "erbij eigenlijk weer iets degene anders altijd nooit echt zo zon al vandaag morgen vanavond nu en dan "
    "in on at from with for to by into about after without against as who that which what the a an you "
    "he she they we all off so too like just really ever never always here there also even again today "
    "tomorrow tonight now and or but then"
)
_THINGS_SUBJECT = _words("het dat dit it that this er there")
# "een bitch van een tentamen", "rot op met die colleges": a name or curse for a thing.
_THING = re.compile(
    r"\b\w+ (?:van een|of an?) \w+|\bmet (?:die|dat|de|het|deze|dit) \w+|"
    r"\b(?:het|it) is een? \w+ (?:idee|plan|vak|tentamen|boek|film|idea|plan|course|exam|book|movie)\b"
)
_FOND = _words("lucky poor arme gelukkige")
_VOCATIVE = re.compile(r",\s*(\w+)\s*[!.?]*\s*$|^\s*(\w+)\s*(?:,|!)")

_ROLE_CUES = (
    "aimed", "negated", "self", "quoted", "distanced", "in_group", "laughing", "thing", "question", "fond",
    "group_near", "after_group", "negation_after",
)  # fmt: skip
MESSAGE_CUES = (
    "second_person", "third_person", "first_person_only", "negated_subject", "negated_main", "quoted",
    "reporting", "condemns", "academic", "in_group", "laughing", "congratulating", "question", "thing",
    "short", "exclaims", "answered",
)  # fmt: skip


#: Every labelling function's id starts with this (its cues are told from the lexicon's roles by it).
LF_PREFIX = "lf_"


@dataclass(frozen=True)
class LabellingFunction:
    """A sentence shape stated as a rule (``data/rules.tsv``): it fires as a feature for the model.

    Attributes:
        id: a stable name (``lf_threat_kill_you``), reported with its precision and coverage.
        kind: the kind it votes for.
        subtype: the identity-attack subtype it implies, or None.
        reason: one line on why this is a rule and not left to the data.
        regex: matched on the folded words joined by single spaces, then the message's emoji
            (:func:`samen.signals.normalize.pictographs`), each after a space.
    """

    id: str
    kind: str
    subtype: str | None
    reason: str
    regex: re.Pattern[str]


def parse_rules(text: str) -> tuple[LabellingFunction, ...]:
    """Parse ``rules.tsv`` (``id, kind, subtype, reason, regex``; ``#`` starts a comment line).

    Raises:
        ValueError: for a line with an unknown kind, a repeated id or a regular expression that does not
            compile.
    """
    found: list[LabellingFunction] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        lf_id, kind, subtype, reason, regex = line.split("\t")
        if kind not in ("insult", "identity_attack", "sexual", "threat"):
            raise ValueError(f"rules line {number}: unknown kind {kind!r}")
        if not lf_id.startswith(LF_PREFIX):
            raise ValueError(f"rules line {number}: id {lf_id!r} does not start with {LF_PREFIX!r}")
        if any(lf.id == lf_id for lf in found):
            raise ValueError(f"rules line {number}: id {lf_id!r} used twice")
        try:
            compiled = re.compile(regex)
        except re.error as exc:
            raise ValueError(f"rules line {number}: {exc}") from None
        found.append(LabellingFunction(lf_id, kind, subtype or None, reason, compiled))
    return tuple(found)


def load_rules() -> tuple[LabellingFunction, ...]:
    """The shipped labelling functions."""
    path = resources.files("samen.signals").joinpath("data/rules.tsv")
    return parse_rules(path.read_text(encoding="utf-8"))


#: Every cue feature's name, in the order of the model's dense weights.
def cue_names(rules: Sequence[LabellingFunction]) -> tuple[str, ...]:
    """The names of the dense cue features for these labelling functions (the model stores them)."""
    names = [f"msg:{c}" for c in MESSAGE_CUES]
    for role in ROLES:
        names.append(f"{role}")
        names += [f"{role}&{c}" for c in _ROLE_CUES]
    for lf in rules:
        names += [lf.id, f"{lf.id}&negated", f"{lf.id}&distanced", f"{lf.id}&laughing"]
    return tuple(names)


#: The cues of a word of harm aimed at a person (an insult, a slur, a sexual word) with a laugh, which
#: may only seem to soften it.
_LAUGHED = frozenset(f"{role}&laughing" for role in ("insult", "slur", "sexual"))
_FRAMED = ("&negated", "&distanced")


def shaped(cues: Collection[str]) -> bool:
    """Whether the cues that are on show the shape of harm: a labelling function fires and is neither
    negated nor distanced there, or a word of harm at a person (an insult, a slur, a sexual word) comes with
    a laugh, "jk" or "grapje" (``insult&laughing``). Whether the laugh makes it banter is for the embedding
    stage to weigh (``ik maak je af haha`` against ``ik maak jullie kapot met fifa haha``).

    Args:
        cues: the names of the cues that are on (:attr:`Reading.cues`).
    """
    return any(
        cue in _LAUGHED
        or (cue.startswith(LF_PREFIX) and "&" not in cue and all(cue + f not in cues for f in _FRAMED))
        for cue in cues
    )


@dataclass(frozen=True)
class Reading:
    """What the cues say about one message.

    Attributes:
        cues: the names of the cue features that are on.
        subtype: the identity subtype of the first group or slur named, or None.
        fired: the labelling functions whose shape the message has.
        profanity: a coarse word aimed at no one (reported, never nudged).
    """

    cues: frozenset[str]
    subtype: str | None
    fired: tuple[LabellingFunction, ...]
    profanity: bool


# Everyday words that an inflected lexicon word, or a squeezed one, would otherwise match and that wordfreq
# knows too rarely for resolve()'s common-word bar (``niger`` is above it and needs no place here).
_REAL_WORDS = _words("mongol mongolen mongools mongolie mongolier")
_SUFFIXES = ("tjes", "tje", "jes", "je", "en", "es", "s", "e")
_PERSON_NOUNS = _words(
    "lijer lyer lijders hoer wijf wyf vent kind jong joch gozer man kop bek face head wad bag hole "
    "lul leraar docent student mongool hond honden"
)


def resolve(word: str, lexicon: Lexicon) -> tuple[Entry, ...]:
    """Lexicon entries for a word, also inflected (``klootzakken``, ``hoertje``: strong name-calling words
    of four letters or more), misspelt (``idoit``) or a curse joined to a name
    (``kankerlijer``, ``kutmarokkaan``). A curse joined to an ordinary word (``kankerpatient``,
    ``Kuttekoven``) is nothing: the tail makes it an everyday word. A common word that matches a term only
    once letters are squeezed stands for itself: ``zaak`` is no ``zak``, ``gok`` no ``gook``, ``as`` no
    ``ass``, ``negeer`` no ``neger`` (a stretched slur, ``idioooot``, is no common word)."""
    if word in _REAL_WORDS:
        return ()
    if word.startswith("#") and len(word) > 1:
        word = word[1:]
    key = squeeze(word)
    found = lexicon.lookup(key)
    if found:
        return found if any(e.term.lower() == word for e in found) or frequency(word) < COMMON else ()
    if key in lexicon.near:
        return lexicon.near[key]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            stem = lexicon.lookup(key[: -len(suffix)])
            strong = tuple(e for e in stem if e.role in ("insult", "slur") and e.weight >= 0.6)
            if strong:
                return strong
    prefix = lexicon.curse_prefix(key)
    if prefix is not None:
        rest = key[len(prefix) :]
        tail = tuple(e for e in lexicon.lookup(rest) if e.role in ("insult", "slur", *_GROUP_ROLES))
        if tail:
            # A curse joined to a group name is a slur of that group; to a name, a stronger name.
            return tuple(
                Entry(e.term, "slur" if e.role in _GROUP_ROLES else e.role, e.subtype, max(0.85, e.weight))
                for e in tail
            )
        if rest in _PERSON_NOUNS:
            return (Entry(key, "insult", None, 0.85),)
    return ()


def _clause_spans(folded: str, words: Sequence[str]) -> list[int]:
    """The clause number of each word (clauses split by punctuation and conjunctions)."""
    clause_of: list[int] = []
    clause = 0
    at = 0
    bounds = [m.end() for m in _CLAUSE.finditer(folded)]
    pos = 0
    for word in words:
        found = folded.find(word, pos)
        if found >= 0:
            pos = found + len(word)
        while at < len(bounds) and bounds[at] <= found:
            at += 1
            clause += 1
        clause_of.append(clause)
    return clause_of


def _names_people(words: Sequence[str], clauses: Sequence[int], i: int, lexicon: Lexicon) -> bool:
    """Whether word ``i`` (a group's everyday name) stands for people: at the end of its clause, before a
    word for people (also misspelt by one letter), a verb, an insult or a slur, or after a determiner and
    before a closed-class word or a Dutch verb form ("de Chinees.", "I'm deaf.", "blind peopel", "Poles
    are…", "blinde sukkels", "die dove uit de werkgroep", "elke blinde afgemaakt")."""
    if i + 1 == len(words) or clauses[i + 1] != clauses[i]:
        return True
    after = words[i + 1]
    if after in _PEOPLE or _one_edit_from_people(after) or after in _VERBS_AFTER:
        return True
    # An insult or a slur names a person: "blinde sukkels", "deaf bastards".
    if any(e.role in ("insult", "slur") for e in resolve(after, lexicon)):
        return True
    determined = i > 0 and words[i - 1] in _DETERMINERS
    return determined and (after in _CLOSED_CLASS or _DUTCH_VERB_FORM.fullmatch(after) is not None)


def _one_edit_from_people(word: str) -> bool:
    """Whether ``word`` is a word for people of six letters or more with one slip: a letter dropped, added,
    changed, or two neighbours swapped ("peopel", "perosn", "studnten")."""
    if len(word) < 5:
        return False
    return any(_one_edit(word, p) for p in _LONG_PEOPLE if abs(len(p) - len(word)) <= 1)


_LONG_PEOPLE = tuple(p for p in _PEOPLE if len(p) >= 6)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one edit: a letter changed, dropped or added, or two
    neighbours swapped (optimal string alignment distance 1)."""
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1 or b in transpositions(a)
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and short in deletions(long)


def quotations(folded: str) -> str:
    """The quoted parts of a folded message, joined by spaces ("" when none), apostrophes in words not
    taken for quotation marks."""
    masked = _WORD_APOSTROPHE.sub("\x00", folded)
    return " ".join(QUOTED.findall(masked)).replace("\x00", "'")


def sentences(folded: str) -> list[str]:
    """A folded message's sentences (:data:`SENTENCE_BREAK`), empty ones left out."""
    return [s for s in SENTENCE_BREAK.split(folded) if s.strip()]


def answers(sentence: str) -> bool:
    """Whether a folded sentence rejects what came before it: it opens with a "no" ("Nee joh, …", "No,
    …"; not "no one"), is a short reply ending in a negation ("Absolutely not.", "Zeker niet!", "Hell
    no"), denies a truth ("Daar klopt niets van.", "That's not true."), dismisses ("onzin", "a myth",
    "I disagree") or asks in outrage ("Serieus?"). A negation inside a statement rejects nothing: "Ze
    horen hier niet." and "Niet normaal meer." are no answers."""
    words = tokens(sentence)
    if not words:
        return False
    if words[0] in _DENIALS and words[1:2] not in (["one"], ["body"]):
        return True
    if len(words) <= 3 and (words[-1] in NEGATIONS or words[-1] in _DENIALS):
        return True
    if not _TRUTH.isdisjoint(words) and not NEGATIONS.isdisjoint(words):
        return True
    return bool(_DISMISSAL.search(sentence) or _OUTRAGE.search(sentence))


def read(folded: str, words: Sequence[str], lexicon: Lexicon, rules: Sequence[LabellingFunction]) -> Reading:
    """The cues of a folded message and its words (:func:`samen.signals.normalize.tokens`).

    Args:
        folded: the folded message.
        words: its words.
        lexicon: the curated lexicon.
        rules: the labelling functions.
    """
    on: set[str] = set()
    n = len(words)
    second = any(w in SECOND_PERSON for w in words)
    first = any(w in FIRST_PERSON for w in words)
    quoted_text = " ".join(QUOTED.findall(folded))
    laughing = bool(LAUGHTER.search(folded))
    question = "?" in folded
    condemns = bool(CONDEMN.search(folded))
    academic = bool(ACADEMIC.search(folded))
    reporting = bool(REPORTING.search(folded))
    in_group = bool(IN_GROUP.search(folded))
    thing = bool(_THING.search(folded))
    distanced = condemns or academic or (reporting and bool(quoted_text))
    flags = {
        "second_person": second,
        "third_person": any(w in THIRD_PERSON for w in words),
        "first_person_only": first and not second,
        "quoted": bool(quoted_text),
        "reporting": reporting,
        "condemns": condemns,
        "academic": academic,
        "in_group": in_group,
        "laughing": laughing,
        "congratulating": bool(CONGRATULATION.search(folded)),
        "question": question,
        "thing": thing,
        "short": n <= 3,
        "exclaims": "!" in folded,
        "answered": any(answers(s) for s in sentences(folded)[1:]),
    }
    clauses = _clause_spans(folded, words)
    # Negation scope: a negated subject or main clause covers the rest of its clause (and, for a main
    # clause, what follows); a negation word covers the next four words of its clause.
    negated = [False] * n
    clause_text = _CLAUSE.split(folded)
    subject_clauses = {i for i, c in enumerate(clause_text) if _NEGATED_SUBJECT.search(c.strip())}
    main = _NEGATED_MAIN.search(folded)
    main_from = len(tokens(folded[: main.start()])) if main else n
    for i in range(n):
        near = any(words[j] in NEGATIONS and clauses[j] == clauses[i] for j in range(max(0, i - 4), i))
        negated[i] = clauses[i] in subject_clauses or i >= main_from or near
    flags["negated_subject"] = bool(subject_clauses)
    flags["negated_main"] = main is not None
    on.update(f"msg:{k}" for k, v in flags.items() if v)

    vocatives = {m.group(1) or m.group(2) for m in _VOCATIVE.finditer(folded)}
    subtype: str | None = None
    profanity = False
    group_at: list[int] = []
    found: list[tuple[int, Entry]] = []
    for i, word in enumerate(words):
        for entry in resolve(word, lexicon) + lexicon.phrases_at(words, i):
            if entry.role == EVERYDAY_GROUP:
                # "a blind eye", "doof aan één oor", "the poles of a magnet": an everyday word, no group.
                if not _names_people(words, clauses, i, lexicon):
                    continue
                entry = replace(entry, role="group")
            found.append((i, entry))
            if entry.role == "group":
                group_at.append(i)
            if entry.role in ("group", "slur") and entry.subtype and subtype is None:
                subtype = entry.subtype
    for i, entry in found:
        role = entry.role
        on.add(role)
        window = words[max(0, i - 4) : i + 3]
        near_person = any(w in SECOND_PERSON or w in THIRD_PERSON for w in window)
        before = words[i - 1] if i else ""
        copula = i >= 2 and words[i - 1] in ("een", "a", "an") and words[i - 2] in _COPULAS
        copula = copula and (i < 3 or words[i - 3] not in _THINGS_SUBJECT)
        aimed = near_person or before in ADDRESS or words[i] in vocatives or copula or n <= 2
        # "ik ben zo'n sukkel": the writer as subject before the word, and nobody else addressed.
        self_directed = any(w in FIRST_SUBJECT for w in words[max(0, i - 4) : i]) and not any(
            w in SECOND_PERSON for w in window
        )
        cues = {
            "aimed": aimed,
            "negated": negated[i],
            "self": self_directed,
            "quoted": bool(quoted_text) and words[i] in quoted_text,
            "distanced": distanced,
            "in_group": in_group,
            "laughing": laughing,
            "thing": thing,
            "question": question,
            "fond": before in _FOND,
            "group_near": any(abs(g - i) <= 3 and g != i for g in group_at),
            "after_group": any(0 < i - g <= 6 for g in group_at),
            # "moslims zijn niet minderwaardig": the negation after a group name denies what is said of it.
            "negation_after": any(
                words[j] in NEGATIONS and clauses[j] == clauses[i] for j in range(i + 1, min(n, i + 4))
            ),
        }
        on.update(f"{role}&{c}" for c, v in cues.items() if v)
        if role in ("profanity", "curse") and not near_person:
            profanity = True
    # The emoji come after the words, so the shapes written for words match as before.
    plain = " ".join([*words, *pictographs(folded)])
    fired = []
    for lf in rules:
        m = lf.regex.search(plain)
        if m is None:
            continue
        fired.append(lf)
        on.add(lf.id)
        start = len(plain[: m.start()].split())
        span_negated = any(negated[j] for j in range(start, min(n, start + len(m.group(0).split()))))
        if span_negated or any(w in NEGATIONS for w in m.group(0).split()):
            on.add(f"{lf.id}&negated")
        if distanced:
            on.add(f"{lf.id}&distanced")
        if laughing:
            on.add(f"{lf.id}&laughing")
        if lf.subtype and subtype is None:
            subtype = lf.subtype
    return Reading(frozenset(on), subtype, tuple(fired), profanity)
