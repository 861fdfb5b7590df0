"""Labelled examples for training and evaluation: our own files and the shared data sets.

Used by ``samen signals train`` and ``samen signals eval`` only (never at analysis time). Every reader
maps its data set's labels onto samen's kinds and keeps the set's own split where it has one; sets without
one are split by a hash of the text, so every run splits the same way. The reserved functional test
suites (HateCheck and its translations) are never read.
"""

from __future__ import annotations

import csv
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

#: The kinds a labelled example can carry (the model's kinds; privacy, heat and mix have their own tests).
ABUSE_KINDS = ("insult", "identity_attack", "sexual", "threat")


@dataclass(frozen=True)
class Example:
    """One labelled message.

    Attributes:
        text: the message.
        lang: ``nl`` or ``en``.
        kinds: the abuse kinds it holds (empty: harmless).
        subtype: the identity-attack subtype where known.
        pattern: for our own examples, what it tests (``negation``, ``banter``…); else the set's name.
        source: the set it comes from (``own``, ``grammar``, ``everyday``, ``convabuse``…).
        split: ``train``, ``dev`` or ``test``.
        template: for grammar examples, the id of the sentence shape it was generated from (the unit the
            split is made by); empty for the other sets.
        restyled: a grammar example that is another one with chat around it or with exclamation marks.
    """

    text: str
    lang: str
    kinds: frozenset[str]
    subtype: str | None
    pattern: str
    source: str
    split: str
    template: str = ""
    restyled: bool = False


def hash_split(text: str, dev: int = 1, test: int = 1, parts: int = 5) -> str:
    """A stable split from a hash of the text: ``test`` and ``dev`` parts of ``parts``, the rest train."""
    bucket = zlib.crc32(text.encode("utf-8")) % parts
    if bucket < test:
        return "test"
    if bucket < test + dev:
        return "dev"
    return "train"


def holds_example(line: str) -> bool:
    """Whether a line of one of our corpus files holds an example: it is not blank and no comment. A comment
    is ``#`` then a space (or ``#`` alone); a message may open with a hashtag (``#kys @Finn``), and until
    the thirty-second round fifteen such examples were read as comments and never seen."""
    return bool(line.strip()) and line != "#" and not line.startswith("# ")


def data_lines(text: str) -> Iterator[str]:
    """The lines of a corpus file that hold an example (:func:`holds_example`)."""
    return (line for line in text.splitlines() if holds_example(line))


def own_examples() -> Iterator[Example]:
    """Our own Dutch and English examples (``corpus/nl.tsv``, ``corpus/en.tsv``)."""
    folder = resources.files("samen.signals").joinpath("corpus")
    for lang in ("nl", "en"):
        text = folder.joinpath(f"{lang}.tsv").read_text(encoding="utf-8")
        for line in data_lines(text):
            message, kind, subtype, pattern = line.split("\t")
            kinds = frozenset() if kind == "none" else frozenset({kind})
            yield Example(message, lang, kinds, subtype or None, pattern, "own", hash_split(message))


def grammar(root: Path | None = None) -> Iterator[Example]:
    """Examples written by our grammar (:mod:`samen.signals.grammar`), split by template; ``root`` unused."""
    from samen.signals.grammar import generate  # the grammar imports Example from here

    yield from generate()


def everyday(root: Path | None = None) -> Iterator[Example]:
    """Our everyday study-group chat (``corpus/everyday.tsv``: text, lang, topic), all harmless; split by a
    hash of the line; ``root`` unused."""
    yield from _harmless_lines("everyday")


def twins(root: Path | None = None) -> Iterator[Example]:
    """Our rule twins (``corpus/twins.tsv``: text, lang, topic): harmless chat in which a labelling
    function's phrase occurs, hard negatives like the grammar's twins, not a sample of ordinary chat; split
    by a hash of the line; ``root`` unused."""
    yield from _harmless_lines("twins")


def _harmless_lines(name: str) -> Iterator[Example]:
    text = resources.files("samen.signals").joinpath("corpus", f"{name}.tsv").read_text(encoding="utf-8")
    for line in data_lines(text):
        message, lang, topic = line.split("\t")
        yield Example(message, lang, frozenset(), None, f"{name}/{topic}", name, hash_split(line))


def _csv(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


_CONVABUSE_TYPES = {
    "ableist": ("identity_attack", "ableism"),
    "homophobic": ("identity_attack", "homophobia"),
    "transphobic": ("identity_attack", "transphobia"),
    "racist": ("identity_attack", "racism"),
    "sexist": ("identity_attack", "sexism"),
    "sex_harassment": ("sexual", None),
    "intellectual": ("insult", None),
}


def convabuse(root: Path) -> Iterator[Example]:
    """ConvAbuse: a user turn is abusive when most of its annotators rated it −1…−3."""
    for split, name in (("train", "train"), ("dev", "valid"), ("test", "test")):
        for row in _csv(root / "en" / "convabuse" / f"{name}.csv"):
            text = row.get("user", "").strip()
            if not text:
                continue
            votes = abusive = 0
            types: dict[str, int] = {}
            for n in range(1, 9):
                ratings = {v: row.get(f"Annotator{n}_is_abuse.{v}", "") for v in ("1", "0", "-1", "-2", "-3")}
                if not any(r.strip() for r in ratings.values()):
                    continue
                votes += 1
                if any(ratings[v].strip() == "1" for v in ("-1", "-2", "-3")):
                    abusive += 1
                    for kind in _CONVABUSE_TYPES:
                        if row.get(f"Annotator{n}_{kind}", "").strip() == "1":
                            types[kind] = types.get(kind, 0) + 1
            if votes == 0:
                continue
            kinds: set[str] = set()
            subtype = None
            if abusive * 2 > votes:
                typed = [k for k, c in types.items() if c * 2 >= abusive]
                for key in typed:
                    kind, sub = _CONVABUSE_TYPES[key]
                    kinds.add(kind)
                    subtype = subtype or sub
                if not kinds:
                    kinds.add("insult")
            yield Example(text, "en", frozenset(kinds), subtype, "convabuse", "convabuse", split)


def edos(root: Path) -> Iterator[Example]:
    """EDOS: sexist posts are identity attacks (sexism); its own train/dev/test split."""
    for row in _csv(root / "en" / "edos" / "edos_labelled_aggregated.csv"):
        sexist = row["label_sexist"] == "sexist"
        kinds = frozenset({"identity_attack"}) if sexist else frozenset()
        yield Example(row["text"], "en", kinds, "sexism" if sexist else None, "edos", "edos", row["split"])


def davidson(root: Path) -> Iterator[Example]:
    """Davidson et al.: hate → identity attack, offensive → insult (mostly coarse), neither → none."""
    for row in _csv(root / "en" / "davidson" / "labeled_data.csv"):
        label = row["class"]
        kinds = {"0": frozenset({"identity_attack"}), "1": frozenset({"insult"})}.get(label, frozenset())
        yield Example(row["tweet"], "en", kinds, None, "davidson", "davidson", hash_split(row["tweet"]))


def olid(root: Path) -> Iterator[Example]:
    """OLID (TweetEval): offensive → insult; train and validation splits."""
    folder = root / "en" / "olid"
    for split, name in (("train", "train"), ("dev", "val")):
        texts = (folder / f"{name}_text.txt").read_text(encoding="utf-8").splitlines()
        labels = (folder / f"{name}_labels.txt").read_text(encoding="utf-8").splitlines()
        for text, label in zip(texts, labels, strict=False):
            kinds = frozenset({"insult"}) if label.strip() == "1" else frozenset()
            yield Example(text, "en", kinds, None, "olid", "olid", split)


def stormfront(root: Path) -> Iterator[Example]:
    """Stormfront sentences: hate → identity attack, noHate → none (relation and skip left out)."""
    for row in _csv(root / "en" / "stormfront" / "stormfront.csv"):
        if row["label"] not in ("hate", "noHate"):
            continue
        kinds = frozenset({"identity_attack"}) if row["label"] == "hate" else frozenset()
        yield Example(row["text"], "en", kinds, None, "stormfront", "stormfront", hash_split(row["text"]))


_TOXIGEN_SUBTYPE = {
    "race": "racism",
    "nationality": "racism",
    "religion": "religion",
    "sexual_orientation": "homophobia",
    "disability": "ableism",
    "gender": "sexism",
}


def toxigen(root: Path) -> Iterator[Example]:
    """ToxiGen demonstrations: ``hate_*`` files → identity attack of the folder's subtype; neutral → none."""
    for path in sorted((root / "en" / "toxigen" / "demonstrations").glob("*/*.txt")):
        hate = path.name.startswith("hate_")
        subtype = _TOXIGEN_SUBTYPE.get(path.parent.name)
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip().lstrip("-").strip()
            if text:
                kinds = frozenset({"identity_attack"}) if hate else frozenset()
                yield Example(text, "en", kinds, subtype if hate else None, "toxigen", "toxigen", "train")


_RTP_KINDS = {
    "Insult": "insult",
    "IdentityAttack": "identity_attack",
    "Violence": "threat",
    "SexualContent": "sexual",
}


def rtp_lx_nl(root: Path) -> Iterator[Example]:
    """RTP-LX Dutch, for evaluation only: a kind when most of its three annotators rate it 2 or more
    (of 1…5: at least "slightly"); split in halves by hash into dev and test."""
    path = root / "nl" / "rtp-lx" / "RTP_LX_NL.json"
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["Prompt"].strip().strip('„“”"')
        raw = row["AnnotationsRaw"]
        kinds = frozenset(
            kind
            for key, kind in _RTP_KINDS.items()
            if sum(r >= 2 for r in raw.get(key, [])) * 2 > len(raw.get(key, [1]))
        )
        split = "dev" if zlib.crc32(text.encode()) % 2 == 0 else "test"
        yield Example(text, "nl", kinds, None, "rtp-lx", "rtp-lx", split)


#: Every data set's reader, by name: the shared sets (read from ``root``) and our own grammar and
#: everyday chat (shipped in the package; ``root`` unused).
READERS: dict[str, Callable[[Path], Iterator[Example]]] = {
    "convabuse": convabuse,
    "edos": edos,
    "davidson": davidson,
    "olid": olid,
    "stormfront": stormfront,
    "toxigen": toxigen,
    "rtp-lx": rtp_lx_nl,
    "grammar": grammar,
    "everyday": everyday,
    "twins": twins,
}

#: Our own sets beside :func:`own_examples`: trained on, and held out by their own splits.
OUR_SETS = ("grammar", "everyday", "twins")

#: Sets the model may learn from (RTP-LX is kept for evaluation, as its README asks).
TRAINING_SETS = ("convabuse", "edos", "davidson", "olid", "stormfront", "toxigen")
