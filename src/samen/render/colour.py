"""Colour contrast as WCAG 2.2 measures it, so a pack's colours never make text hard to read."""

from __future__ import annotations

#: WCAG 2.2 AA for normal text.
MIN_CONTRAST = 4.5

BLACK = "#000000"
WHITE = "#ffffff"


def luminance(colour: str) -> float:
    """The relative luminance of a ``#rrggbb`` colour (0 black … 1 white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(preferred: str, background: str) -> str:
    """The preferred text colour on a background, or black or white where it would be under 4.5:1."""
    if contrast(preferred, background) >= MIN_CONTRAST:
        return preferred
    return BLACK if contrast(BLACK, background) >= contrast(WHITE, background) else WHITE
