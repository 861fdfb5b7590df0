"""Signals: pure text in, findings out (abuse, privacy leaks, heat, language mix). No I/O."""
