"""One loaded Signals for the whole signals test session (loading reads the model once)."""

from __future__ import annotations

import pytest

from samen.content import load_pack
from samen.signals import Signals


@pytest.fixture(scope="session")
def signals() -> Signals:
    """Signals loaded with the Leiden pack's options (student-number pattern, public domains, role words)."""
    return Signals.load(**load_pack().spec.signals_options())
