"""Signals: pure text in, findings out (abuse, privacy leaks, heat, language mix). No I/O.

::

    signals = Signals.load(**pack.spec.signals_options())
    analysis = signals.analyze("jij k4nker lijer")   # Analysis(language="nl", findings=(Finding(...),))
    signals.assess_window(turns)                      # heat, language_mix

Loading reads the package's own lexicon, rules and model files (``importlib.resources``) and the
embedding engine; after that every call is deterministic (the only state: counts of messages scored and
embedded). Message text is never stored, logged or sent anywhere.
"""

from __future__ import annotations

from samen.signals.analyzer import THRESHOLD, Signals
from samen.signals.findings import (
    IDENTITY_SUBTYPES,
    KINDS,
    PRIVACY_SUBTYPES,
    Analysis,
    Finding,
    Turn,
)

__all__ = [
    "IDENTITY_SUBTYPES",
    "KINDS",
    "PRIVACY_SUBTYPES",
    "THRESHOLD",
    "Analysis",
    "Finding",
    "Signals",
    "Turn",
]
