"""Fitting the bot's texts into a platform's limits, as render's one table of limits states them.

No adapter spells a platform limit itself: it names the platform and the field (``message``, ``caption``,
``topic``…) of :data:`samen.render.LIMITS`, and the measure is that field's unit (characters, UTF-16 code
units for Telegram, bytes for Matrix). A field the table has no limit for is never cut.
"""

from __future__ import annotations

from samen.render import fits


def longest_prefix(text: str, platform: str, field: str) -> int:
    """How many characters from the start of ``text`` fit the platform's field (all where it has no limit)."""
    if fits(platform, field, text):
        return len(text)
    # Every unit grows with each character, so the longest prefix that fits is found by halving.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(platform, field, text[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def shorten(text: str, platform: str, field: str) -> str:
    """The text, cut at the end where it is longer than the platform's field takes."""
    return text[: longest_prefix(text, platform, field)]


def either(text: str, short: str, platform: str, field: str) -> str:
    """``text`` where it fits the platform's field, else ``short`` (itself cut to fit, as a last resort)."""
    return text if fits(platform, field, text) else shorten(short, platform, field)


def chunks(text: str, platform: str, field: str = "message") -> list[str]:
    """A text cut into parts the platform's field takes, at paragraph or line ends where possible.

    Returns:
        The parts in order (none for an empty text); no part ends in white space.
    """
    parts: list[str] = []
    while not fits(platform, field, text):
        room = longest_prefix(text, platform, field)
        cut = text.rfind("\n\n", 0, room)
        if cut <= 0:
            cut = text.rfind("\n", 0, room)
        if cut <= 0:
            cut = max(room, 1)  # no break to cut at: cut inside a line (always move on)
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n")
    return [*parts, text] if text else parts
