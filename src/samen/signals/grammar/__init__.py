"""A generative grammar of study-group harm and its harmless twins, in Dutch and English.

Sentence shapes (templates) and their slot fillers live in ``nl.yaml`` and ``en.yaml`` beside this file,
written by us from study-group situations and the public taxonomies of online harm (never from the
reserved functional test suites). :func:`generate` fills every template a few times with a fixed seed,
varies the register (lower case, no punctuation, emoji, capitals) and writes spelling perturbations
(:mod:`samen.signals.grammar.perturb`) of harmful and of some harmless examples.

Every template is also written with a line of everyday chat (:func:`samen.signals.corpora.everyday`, of
the template's own split) before or after it, and (except banter and congratulations, which exclaim
already) with exclamation marks: harm does not stop being harm
when a message goes on about the meeting, or shouts. A harmful template's copies with chat around them
form the family ``chat_around``; a harmless one's stay in its family. They are drawn with a generator of
their own, so adding them changed no other example. Every template is also written addressed to someone by
name (``vocative`` in the YAML files: a name before or after it, or a mention), so that a name tells
nothing about harm; a harmful template's copies form the family ``addressed``. And every template is
written with a tail after it (``tail``: a laugh, a filler such as "bro" or "joh", a time such as
"tomorrow"), so that neither a laugh nor a word more turns harm into banter; a harmful template's copies
form the family ``tailed``.

Each example's ``pattern`` is its functional family, ``template`` the id of its sentence shape
(``<lang>/<family>/<crc32 of the shape>``). The split is by template: a hash of the shape's id deals it
to test, dev or train (1 : 1 : 3), so every variant of a shape stays in its shape's split and a shape
added later never moves another one between splits. Training shapes are filled more often (more words in
each slot, more disguises); held-out shapes keep a few fillings each, so that no shape outweighs others
in the figures.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from samen.signals.corpora import Example
from samen.signals.grammar.perturb import PERTURBATIONS, perturb

#: Harmful families and the kind each carries.
HARMFUL: dict[str, str] = {
    "derogation_attribute": "identity_attack",
    "dehumanisation": "identity_attack",
    "threat_group": "threat",
    "call_violence": "threat",
    "hate_opinion": "identity_attack",
    "implicit_derogation": "identity_attack",
    "negated_praise": "identity_attack",
    "slur": "identity_attack",
    "normative_exclusion": "identity_attack",
    "reference_back": "identity_attack",
    "insult_person": "insult",
    "exclusion_person": "insult",
    "looks": "insult",
    "threat_person": "threat",
    "sexual_demand": "sexual",
    "image_request": "sexual",
}

#: Harmless families (kinds empty).
HARMLESS = (
    "negated_hate",
    "negation_scope",
    "denial",
    "counter_quote",
    "counter_reference",
    "academic",
    "identity_neutral",
    "identity_positive",
    "reclaimed",
    "abuse_thing",
    "self_mockery",
    "banter",
    "congratulation",
    "profanity_untargeted",
    "compound_word",
    "ordinary_request",
)

#: The spelling families: a perturbed harmful example carries its template's kind.
SPELLING = tuple(f"spelling_{name}" for name in PERTURBATIONS)

#: Harm with a line of everyday chat before or after it (the harmful templates' copies).
CHAT_AROUND = "chat_around"
#: Harm addressed to someone by name, before or after it (the harmful templates' copies).
ADDRESSED = "addressed"
#: Harm with a laugh or a few everyday words after it (the harmful templates' copies).
TAILED = "tailed"
#: The families written from other families' templates; each example carries its template's kind.
DERIVED = (*SPELLING, CHAT_AROUND, ADDRESSED, TAILED)

LANGS = ("nl", "en")
SEED = 20261130
#: Examples drawn from each template, by split (fewer when its slots allow fewer).
FILLS = {"train": 8, "dev": 6, "test": 6}
#: Perturbed copies of each harmful (harmless) template, by split; the perturbations rotate.
SPELLING_PER_HARMFUL = {"train": 4, "dev": 3, "test": 3}
SPELLING_PER_HARMLESS = {"train": 1, "dev": 1, "test": 1}
#: Copies of each template with a line of everyday chat around them, and with exclamation marks, by split.
CHAT_PER_TEMPLATE = {"train": 2, "dev": 1, "test": 1}
EMPHASIS_PER_TEMPLATE = {"train": 1, "dev": 1, "test": 1}
#: Copies of each template addressed to someone by name, by split. Names fill everyday chat ("Sem, heb jij
#: de slides?") far more than harm, so without them a name taught the cheap stage and its gate that a
#: message is ordinary: "kys" scored 0.99 and "kys Sam" 0.16 (docs/signals-rounds.md, the thirty-first round).
ADDRESSED_PER_TEMPLATE = {"train": 2, "dev": 1, "test": 1}
#: Copies of each template with a tail after it (``tail`` in the YAML files: a laugh, a filler, a time), by
#: split. Banter laughs, so a laugh had come to mean harmless ("i'm gonna stab you" scored 0.91 and "… lol"
#: 0.00), and every added word diluted a short threat ("watch your back" against "… tomorrow";
#: docs/signals-rounds.md, the thirty-first and thirty-second rounds).
TAILED_PER_TEMPLATE = {"train": 2, "dev": 1, "test": 1}
# A message whose first capital stays after a name: "I …" or a word in capitals ("OK", "TA").
_KEEPS_CAPITAL = re.compile(r"I\b|[A-Z]{2}")
# How a message is addressed to someone, as students type it: before it or after it, with or without a
# comma, or as a mention.
_ADDRESSINGS = ("{name}, {text}", "{name} {text}", "@{name} {text}", "{text} {name}", "{text}, {name}",
                "{text} @{name}")  # fmt: skip
# Everyday topics that change how a message next to them reads (a harmful line beside a line about racism
# or moderation looks like counter-speech; beside banter or coarse words, like banter): never put around.
_NOT_AROUND = frozenset({"study_content", "identity", "moderation", "profanity", "compound_word", "banter"})
# How chat joins a message, and how a message shouts; as students type them.
_JOINS = (", ", ". ", " ", "\n", " - ", "! ", " 😂 ", "... ")
_SHOUTS = ("{}!!!", "{}!!", "!!! {}", "{}!?!", "{} !!!!!", "{}!!1", "{} 😡!!")
# Families whose messages exclaim by nature: copies with more exclamation marks teach nothing new.
_EXCLAIMING = frozenset({"banter", "congratulation"})

_SLOT = re.compile(r"\{([A-Za-z_0-9]+)(?:\.([a-z_0-9]+))?\}")
_CHOICE = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")
_ARTICLE = re.compile(r"\b([Aa])n? (?=['\"]?(\w+))")
# A slot and the space after it: a value ending in "-" is a prefix and takes the next word ("Roma-studenten").
_SLOT_AND_SPACE = re.compile(_SLOT.pattern + "( ?)")
_VOWEL_SOUND = re.compile(r"(?i)[aeio8]|u(?!s|ni|se|r|k)|h(?:our|onest)|1[18]\b")
# Slots whose value carries the harm, most telling first: the word a perturbation disguises.
_HOT = (
    "slur", "insult", "worst", "dehum", "attr", "looks", "G", "threat", "die_wish", "sex", "dumb", "curse",
    "profanity",
)  # fmt: skip


@dataclass(frozen=True)
class Template:
    """One sentence shape of one family in one language."""

    id: str
    lang: str
    family: str
    text: str


@cache
def load(lang: str) -> dict[str, Any]:
    """The parsed grammar file of a language (``slots`` and ``families``)."""
    text = resources.files("samen.signals.grammar").joinpath(f"{lang}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    unknown = set(data["families"]) - set(HARMFUL) - set(HARMLESS)
    if unknown:
        raise ValueError(f"grammar {lang}: unknown families {sorted(unknown)}")
    return data


def templates(lang: str) -> list[Template]:
    """Every template of a language, in file order."""
    found = []
    for family, shapes in load(lang)["families"].items():
        for shape in shapes:
            digest = zlib.crc32(shape.encode("utf-8"))
            found.append(Template(f"{lang}/{family}/{digest:08x}", lang, family, shape))
    return found


def template_splits(lang: str) -> dict[str, str]:
    """The split of every template id, by a hash of the id alone (test : dev : train = 1 : 1 : 3)."""
    return {
        t.id: ("test", "dev", "train", "train", "train")[zlib.crc32(f"split:{t.id}".encode()) % 5]
        for t in templates(lang)
    }


def _fill(template: Template, slots: dict[str, Any], rng: random.Random) -> tuple[str, str | None, str]:
    """One filling of a template: the text, its subtype (the drawn group's; for a shape that names no group
    but one ``@subtype``, that one: "@religion de (((globalisten))) …"), the hot word."""
    text, subtypes = template.text, None
    if text.startswith("@"):
        head, text = text[1:].split(" ", 1)
        subtypes = set(head.split(","))
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), text)
    names = {m.group(1) for m in _SLOT.finditer(text)}
    fields = {m.group(2) for m in _SLOT.finditer(text) if m.group(1) == "G" and m.group(2)}
    group: dict[str, str] | None = None
    if "G" in names:
        candidates = [
            g
            for g in slots["groups"]
            if all(g.get(f) for f in fields) and (subtypes is None or g["subtype"] in subtypes)
        ]
        group = rng.choice(candidates)
    chosen: dict[str, str] = {}
    for name in sorted(names - {"G"}):
        chosen[name] = rng.choice(slots[name])
    hot = ""
    for name in _HOT:
        if name == "G" and group is not None:
            field = "slur" if "slur" in fields else sorted(fields)[0]
            hot = group[field]
            break
        if name in chosen:
            hot = chosen[name]
            break

    def value(match: re.Match[str]) -> str:
        name, field, space = match.groups()
        if name == "G":
            assert group is not None
            written = group[field or "pl"]
        else:
            written = chosen[name]
        return written if written.endswith("-") else written + space

    filled = _SLOT_AND_SPACE.sub(value, text)
    if template.lang == "en":
        filled = _ARTICLE.sub(_article, filled)
    if group is not None:
        return filled, group.get("subtype"), hot
    return filled, next(iter(subtypes)) if subtypes and len(subtypes) == 1 else None, hot


def _article(match: re.Match[str]) -> str:
    """English "a" or "an" as the next word sounds."""
    return match.group(1) + ("n " if _VOWEL_SOUND.match(match.group(2)) else " ")


def _register(text: str, rng: random.Random, register: dict[str, list[str]]) -> str:
    """Vary the register as chat does: a study-chat sentence around it, lower case, no final punctuation,
    a lead-in, an emoji, capitals."""
    if rng.random() < 0.12:
        around = rng.choice(register["context"])
        text = f"{around} {text}" if rng.random() < 0.6 else f"{text} {around}"
    if rng.random() < 0.12:
        text = f"{rng.choice(register['lead'])} {text[0].lower()}{text[1:]}"
    if rng.random() < 0.3:
        text = text.rstrip(".!")
    if rng.random() < 0.35:
        text = text.lower()
    if rng.random() < 0.15:
        text = f"{text} {rng.choice(register['emoji'])}"
    if rng.random() < 0.04:
        text = text.upper()
    return text


def _variants(
    template: Template, data: dict[str, Any], first: int, split: str
) -> list[tuple[str, str, str | None]]:
    """The examples of one template as (text, family, subtype): its fillings in varied register, then its
    perturbed copies, whose perturbations rotate from ``first`` on; how many of each by ``split``."""
    rng = random.Random(zlib.crc32(f"{SEED}:{template.id}".encode()))
    drawn: dict[str, tuple[str | None, str]] = {}
    for _ in range(FILLS[split] * 4):
        filled, subtype, hot = _fill(template, data["slots"], rng)
        drawn.setdefault(filled, (subtype, hot))
        if len(drawn) == FILLS[split]:
            break
    out = [(_register(text, rng, data["register"]), template.family, sub) for text, (sub, _) in drawn.items()]
    harmful = template.family in HARMFUL
    fillings = list(drawn.items())
    for n in range((SPELLING_PER_HARMFUL if harmful else SPELLING_PER_HARMLESS)[split]):
        text, (subtype, hot) = fillings[n % len(fillings)]
        name = PERTURBATIONS[(first + n) % len(PERTURBATIONS)]
        perturbed = perturb(name, text, hot, rng)
        if perturbed != text:
            out.append((perturbed, f"spelling_{name}" if harmful else template.family, subtype))
    return out


@cache
def _chat_lines(split: str, lang: str) -> tuple[str, ...]:
    """Everyday lines of a split that may stand next to a message of ``lang``: its own language four
    times as often as the other (a Dutch group writes some English too)."""
    from samen.signals.corpora import everyday  # corpora imports this module lazily, for the grammar

    lines = [e for e in everyday() if e.split == split and e.pattern.split("/", 1)[1] not in _NOT_AROUND]
    return tuple(e.text for e in lines for _ in range(4 if e.lang == lang else 1))


def _with_chat(text: str, line: str, rng: random.Random) -> str:
    join = rng.choice(_JOINS)
    first, second = (text, line) if rng.random() < 0.6 else (line, text)
    if join.strip() in {",", ".", "!", "..."}:  # "…idiot.! See you" is no one's typing
        first = first.rstrip(".,!?;: ")
    return f"{first}{join}{second}"


def _emphasis(text: str, rng: random.Random) -> str:
    shouted = rng.choice(_SHOUTS).format(text.rstrip(".!"))
    return shouted.upper() if rng.random() < 0.25 else shouted


def _restyled(
    template: Template, variants: list[tuple[str, str, str | None]], split: str
) -> list[tuple[str, str, str | None]]:
    """A template's copies with chat around them and with exclamation marks (from its fillings)."""
    rng = random.Random(zlib.crc32(f"{SEED}:around:{template.id}".encode()))
    fillings = [v for v in variants if v[1] == template.family][: FILLS[split]]  # not the disguised
    harmful = template.family in HARMFUL
    lines = _chat_lines(split, template.lang)
    out = []
    for n in range(CHAT_PER_TEMPLATE[split]):
        text, _, subtype = fillings[n % len(fillings)]
        family = CHAT_AROUND if harmful else template.family
        out.append((_with_chat(text, rng.choice(lines), rng), family, subtype))
    if template.family not in _EXCLAIMING:
        for n in range(EMPHASIS_PER_TEMPLATE[split]):
            text, family, subtype = fillings[-1 - n % len(fillings)]
            out.append((_emphasis(text, rng), family, subtype))
    return out


def _addressed(
    template: Template, variants: list[tuple[str, str, str | None]], split: str, names: list[str]
) -> list[tuple[str, str, str | None]]:
    """A template's copies addressed to someone by name (from its fillings): a harmful one's form the
    family ``addressed``, a harmless one's stay in its family."""
    rng = random.Random(zlib.crc32(f"{SEED}:addressed:{template.id}".encode()))
    fillings = [v for v in variants if v[1] == template.family][: FILLS[split]]  # not the disguised
    family = ADDRESSED if template.family in HARMFUL else template.family
    out = []
    for n in range(ADDRESSED_PER_TEMPLATE[split]):
        text, _, subtype = fillings[n % len(fillings)]
        name = rng.choice(names)
        form = rng.choice(_ADDRESSINGS)
        if form.startswith("{text}"):  # the name goes before the closing mark: "idiot, Sam!"
            body = text.rstrip(".!?")
            addressed = form.format(text=body, name=name) + text[len(body) :]
        else:  # a capital that began the message follows the name in lower case, save "I"
            body = text if _KEEPS_CAPITAL.match(text) else text[:1].lower() + text[1:]
            addressed = form.format(text=body, name=name)
        out.append((addressed, family, subtype))
    return out


def _tailed(
    template: Template, variants: list[tuple[str, str, str | None]], split: str, tails: list[str]
) -> list[tuple[str, str, str | None]]:
    """A template's copies with a tail after them (from its fillings): a harmful one's form the family
    ``tailed``, a harmless one's stay in its family."""
    rng = random.Random(zlib.crc32(f"{SEED}:tailed:{template.id}".encode()))
    fillings = [v for v in variants if v[1] == template.family][: FILLS[split]]  # not the disguised
    family = TAILED if template.family in HARMFUL else template.family
    out = []
    for n in range(TAILED_PER_TEMPLATE[split]):
        text, _, subtype = fillings[-1 - n % len(fillings)]
        tail = rng.choice(tails)
        out.append((f"{text.rstrip('.') if rng.random() < 0.7 else text} {tail}", family, subtype))
    return out


def generate() -> list[Example]:
    """Every grammar example of both languages, the same on every run and in every process.

    Returns:
        Examples with ``source="grammar"``, ``pattern`` the family, ``template`` the shape's id, ``split``
        the shape's split; harmful families carry their kind (and a group's subtype for identity
        attacks), harmless ones no kind; ``restyled`` marks the copies with chat around them or
        with exclamation marks (training weighs them less). No text occurs twice.
    """
    examples: list[Example] = []
    seen: set[str] = set()
    for lang in LANGS:
        data = load(lang)
        splits = template_splits(lang)
        rotation = 0
        for template in templates(lang):
            kind = HARMFUL.get(template.family)
            kinds = frozenset({kind}) if kind else frozenset()
            split = splits[template.id]
            variants = _variants(template, data, rotation, split)
            copies = _restyled(template, variants, split)
            addressed = _addressed(template, variants, split, data["slots"]["vocative"])
            addressed += _tailed(template, variants, split, data["slots"]["tail"])
            for n, (text, family, subtype) in enumerate(variants + addressed + copies):
                if text in seen:
                    continue
                seen.add(text)
                sub = subtype if kind == "identity_attack" else None
                example = Example(text, lang, kinds, sub, family, "grammar", split, template.id)
                restyled = n >= len(variants) + len(addressed)
                examples.append(replace(example, restyled=True) if restyled else example)
            rotation += (SPELLING_PER_HARMFUL if kind else SPELLING_PER_HARMLESS)[split]
    return examples
