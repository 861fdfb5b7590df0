"""The one entry point: :class:`Signals` loads its files once, then analyses messages as pure calls."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from samen.signals.findings import KIND_DO, Analysis, Finding, Turn
from samen.signals.heat import TurnReading, assess_heat, assess_language_mix, hostility
from samen.signals.language import detect_language
from samen.signals.lexicon import Lexicon, load_lexicon
from samen.signals.model import LinearModel, features, load_model
from samen.signals.normalize import fold, squeeze, tokens
from samen.signals.privacy import PrivacyContext, find_details, privacy_context
from samen.signals.rules import Hit, phrase_hits, read_context, unmask, word_hits

#: A finding is reported when its score reaches this (every kind's scores are calibrated to it).
THRESHOLD = 0.5
#: The model speaks only on messages of at least this many words: on fewer, a few strong n-grams make it
#: overconfident ("women are women"), and the rules cover short messages well.
MODEL_MIN_WORDS = 5
#: How many window messages' readings are remembered (by a hash of their text, never the text).
READING_CACHE = 4096
#: Longer messages are analysed in their first this many characters (a pasted essay is not a chat line).
MAX_CHARS = 4000

_INTENSIFIER_AFTER = frozenset({("van", "een"), ("of", "a"), ("of", "an")})

_MODEL_EXPLANATION = {
    "insult": "wording that reads like name-calling or harassment",
    "identity_attack": "wording that reads like an attack on people for who they are",
    "sexual": "wording that reads like an unwanted sexual remark",
    "threat": "wording that reads like a threat",
}


class Signals:
    """Findings about messages and conversation windows (load once with :meth:`load`).

    Args:
        lexicon: the curated lexicon.
        model: the hashed n-gram model, or None to use the rules alone.
        privacy: what the campaign pack says about public details and student numbers.
    """

    def __init__(
        self, lexicon: Lexicon, model: LinearModel | None, privacy: PrivacyContext | None = None
    ) -> None:
        self.lexicon = lexicon
        self.model = model
        self.privacy = privacy or PrivacyContext()
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
    ) -> Signals:
        """Load the shipped lexicon and model (the arguments are the pack's ``signals_options()``).

        Args:
            student_number_pattern: the campaign pack's regular expression for a student number.
            public_domains: the institution's e-mail domains; their mailboxes are public.
            personal_domains: subdomains of those with personal mailboxes (students' mail).
            role_words: words naming the institution's desks and offices, in every language.

        Raises:
            ValueError: when the pattern is not a valid regular expression.
        """
        privacy = privacy_context(
            student_number_pattern=student_number_pattern,
            public_domains=public_domains,
            personal_domains=personal_domains,
            role_words=role_words,
        )
        return cls(load_lexicon(), load_model(), privacy)

    def analyze(self, text: str) -> Analysis:
        """The language of a message and what it likely holds, strongest first.

        Args:
            text: one message as written.
        """
        text = text[:MAX_CHARS]
        folded = fold(text)
        words = tokens(folded)
        language = detect_language(words, folded)
        scores = self.score(folded, words)
        findings = [
            Finding(kind, subtype, round(score, 3), KIND_DO[kind], why)
            for kind, (score, subtype, why) in scores.items()
            if score >= THRESHOLD
        ]
        for detail in find_details(text, self.privacy):
            findings.append(
                Finding(
                    "privacy",
                    detail.subtype,
                    detail.score,
                    KIND_DO["privacy"],
                    detail.explanation,
                    detail.span,
                )
            )
        findings.sort(key=lambda f: (-f.score, f.kind))
        return Analysis(language=language, findings=tuple(findings))

    def score(self, folded: str, words: Sequence[str]) -> dict[str, tuple[float, str | None, str]]:
        """Every abuse kind's score with its subtype and explanation, before thresholds.

        Args:
            folded: the folded message.
            words: its words.
        """
        words = [unmask(w, self.lexicon) for w in words]
        ctx = read_context(folded, words)
        plain = " ".join(words)
        best: dict[str, tuple[float, str | None, str]] = {}

        def keep(hit: Hit) -> None:
            if hit.kind not in best or hit.score > best[hit.kind][0]:
                best[hit.kind] = (hit.score, hit.subtype, hit.explanation)

        for hit in word_hits(words, self.lexicon, ctx):
            keep(hit)
        for hit in phrase_hits(plain, words, self.lexicon, ctx):
            keep(hit)
        if self.model is not None and len(words) >= MODEL_MIN_WORDS:
            damp = 0.5 if ctx.distancing or ctx.in_group or self.intensifier(words) else 1.0
            if ctx.laughing:
                damp *= 0.7
            group = self.group_named(words)
            for kind, value in self.model.calibrated(features(words)).items():
                value *= damp
                if kind == "identity_attack" and group is None:
                    continue  # an attack on people for who they are names who they are
                current = best.get(kind)
                if current is None or value > current[0]:
                    subtype = group if kind == "identity_attack" else None
                    if current is not None and current[1] is not None:
                        subtype = current[1]
                    best[kind] = (value, subtype, _MODEL_EXPLANATION[kind])
        return best

    def group_named(self, words: Sequence[str]) -> str | None:
        """The subtype of the first group the words name (a neutral name or a slur), or None."""
        for word in words:
            for entry in self.lexicon.lookup(squeeze(word)):
                if entry.role in ("group", "slur") and entry.subtype:
                    return entry.subtype
        return None

    def intensifier(self, words: Sequence[str]) -> bool:
        """A name-calling word used for a thing: "een bitch van een tentamen", "a bitch of a test"."""
        for i, word in enumerate(words[:-2]):
            if tuple(words[i + 1 : i + 3]) in _INTENSIFIER_AFTER and any(
                e.role in ("insult", "slur", "curse") for e in self.lexicon.lookup(squeeze(word))
            ):
                return True
        return False

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
        folded = fold(text)
        words = tokens(folded)
        scores = self.score(folded, words)
        insult = max(
            (scores[k][0] for k in ("insult", "identity_attack", "threat") if k in scores), default=0.0
        )
        reading = (hostility(text, insult), detect_language(words, folded), len(words))
        with self._lock:
            self._readings[key] = reading
            if len(self._readings) > READING_CACHE:
                self._readings.popitem(last=False)
        return reading
