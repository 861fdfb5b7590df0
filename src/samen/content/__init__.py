"""The campaign's content: the pack (Do's, templates, FAQ, support routes) per language.

A leaf: imports nothing of samen's but the error tree.
"""

from __future__ import annotations

from samen.content.pack import (
    DEFAULT_PACK,
    Do,
    FaqEntry,
    Localized,
    Pack,
    PackSource,
    SupportRoute,
    check_pack,
    load_pack,
)
from samen.content.schema import FAQ_TOPICS, PLACEHOLDERS, PLATFORMS
from samen.content.strings import Strings, describe_error, load_strings

__all__ = [
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
    "describe_error",
    "load_pack",
    "load_strings",
]
