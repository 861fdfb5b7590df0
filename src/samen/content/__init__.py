"""The campaign's content: the pack (Do's, templates, FAQ, support routes) per language.

A leaf: imports nothing of samen's but the error tree.
"""

from __future__ import annotations

import re

from samen.content.pack import (
    DEFAULT_PACK,
    Do,
    FaqEntry,
    Localized,
    Pack,
    PackSource,
    SupportRoute,
    check_pack,
    contact_warnings,
    load_pack,
)
from samen.content.schema import FAQ_TOPICS, PLACEHOLDERS, PLATFORMS
from samen.content.strings import Strings, describe_error, limit_words, load_strings, platform_name

#: A control character other than tab and line breaks: no chat shows it, so it is not text a person wrote
#: (a UTF-16 file read as UTF-8 is full of NULs). The CLI and the web form refuse the same ones.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(text: str) -> str | None:
    """The first control character in a text as ``U+XXXX``, or None when it holds none."""
    found = CONTROL_CHARACTER.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


__all__ = [
    "CONTROL_CHARACTER",
    "DEFAULT_PACK",
    "FAQ_TOPICS",
    "PLACEHOLDERS",
    "PLATFORMS",
    "Do",
    "FaqEntry",
    "Localized",
    "Pack",
    "PackSource",
    "Strings",
    "SupportRoute",
    "check_pack",
    "contact_warnings",
    "control_character",
    "describe_error",
    "limit_words",
    "load_pack",
    "load_strings",
    "platform_name",
]
