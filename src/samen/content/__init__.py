"""The campaign's content: the pack (Do's, templates, FAQ, support routes) per language.

A leaf: imports nothing of samen's but the error tree.
"""

from __future__ import annotations

from samen.content.pack import (
    CONTROL_CHARACTER,
    DEFAULT_PACK,
    TEMPLATES,
    Do,
    FaqEntry,
    Handoff,
    Localized,
    Pack,
    PackSource,
    Situation,
    SupportRoute,
    check_pack,
    contact_warnings,
    control_character,
    load_pack,
)
from samen.content.schema import FAQ_TOPICS, PLACEHOLDERS, PLATFORMS, SIGNAL_KINDS, SITUATIONS
from samen.content.strings import (
    Strings,
    describe_error,
    describe_problem,
    limit_words,
    load_strings,
    pack_words,
    platform_name,
    problem_words,
)

__all__ = [
    "CONTROL_CHARACTER",
    "DEFAULT_PACK",
    "FAQ_TOPICS",
    "PLACEHOLDERS",
    "PLATFORMS",
    "SIGNAL_KINDS",
    "SITUATIONS",
    "TEMPLATES",
    "Do",
    "FaqEntry",
    "Handoff",
    "Localized",
    "Pack",
    "PackSource",
    "Situation",
    "Strings",
    "SupportRoute",
    "check_pack",
    "contact_warnings",
    "control_character",
    "describe_error",
    "describe_problem",
    "limit_words",
    "load_pack",
    "load_strings",
    "pack_words",
    "platform_name",
    "problem_words",
]
