"""What signals report: findings about one message, and the turns of a conversation window."""

from __future__ import annotations

from dataclasses import dataclass

#: Every kind of finding. Which Do a kind concerns is the campaign pack's fact (``dos[].signals``), read by
#: the bot and ``samen signals classify``; signals know no Do's.
KINDS = ("insult", "identity_attack", "sexual", "threat", "profanity", "privacy", "heat", "language_mix")

#: Subtypes of identity attacks (the FAQ has an entry for each group of them).
IDENTITY_SUBTYPES = ("racism", "sexism", "homophobia", "transphobia", "ableism", "religion")

#: Subtypes of privacy findings.
PRIVACY_SUBTYPES = ("phone", "email", "iban", "bsn", "postcode", "address", "student_number")


@dataclass(frozen=True)
class Finding:
    """Something likely present in a message or a conversation.

    Attributes:
        kind: one of :data:`KINDS`.
        subtype: a finer label (``racism``, ``phone``…) or None.
        score: how sure, 0…1 (a finding is only reported above its kind's threshold).
        explanation: one line a person can read, in English; it never quotes the message.
        span: the character span ``[start, end)`` in the message, for privacy findings.
    """

    kind: str
    subtype: str | None
    score: float
    explanation: str
    span: tuple[int, int] | None = None

    def as_dict(self) -> dict[str, object]:
        """The finding as JSON-ready data (``samen signals classify`` adds the pack's Do to it)."""
        return {
            "kind": self.kind,
            "subtype": self.subtype,
            "score": round(self.score, 3),
            "explanation": self.explanation,
            "span": list(self.span) if self.span is not None else None,
        }


@dataclass(frozen=True)
class Analysis:
    """What one message holds.

    Attributes:
        language: ``nl``, ``en``, another ISO code, or ``und`` when too little text to tell.
        findings: the findings above their thresholds, strongest first.
    """

    language: str
    findings: tuple[Finding, ...]

    def strongest(self, *kinds: str) -> Finding | None:
        """The highest-scoring finding of these kinds (of any kind when none are named)."""
        for finding in self.findings:
            if not kinds or finding.kind in kinds:
                return finding
        return None


@dataclass(frozen=True)
class Turn:
    """One message of a conversation window (for heat and language mix); the text is not kept.

    Attributes:
        author: a stable id of the author within the group (never shown).
        text: the message.
        at: when it was sent, in seconds (any epoch, as long as one window uses one).
    """

    author: str
    text: str
    at: float
