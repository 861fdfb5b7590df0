"""Conversations with the bot as tables, written once and run through every adapter that can take them.

Each dialog is a list of :class:`Line`: what a member says (as a Matrix ``!`` command; other adapters map
the prefix) and what must appear in the bot's answers, public or private. ``None`` means the bot stays
silent. Each dialog starts in a fresh group, after the onboarding, in the pack's default language (Dutch).
Expected texts come from the campaign pack itself, so a changed Do changes the test, not the other way.

Run them through the in-memory adapter with ``tests/bot/test_dialogs.py``; an adapter's own test feeds each
``Line.says`` to its platform and checks the same ``Line.expect``.
"""

from __future__ import annotations

from dataclasses import dataclass

from samen.content import load_pack
from samen.content.strings import load_strings

PACK = load_pack()
NL = PACK.language("nl")
EN = PACK.language("en")
BOT = load_strings("bot")


@dataclass(frozen=True)
class Line:
    """One turn: a member's message and the pieces the bot's answer must contain.

    Attributes:
        says: the message, with ``!`` as the command prefix.
        expect: texts that must all appear in what the bot sends back; None: it sends nothing.
        admin: whether the sender is an admin of the group.
        reply: whether the message is sent as a reply to an earlier message (pointing to a Do).
        private: whether the answer goes to the sender only (help, admin refusals).
    """

    says: str
    expect: tuple[str, ...] | None
    admin: bool = False
    reply: bool = False
    private: bool = False


def _first(text: str) -> str:
    """The first sentence of a string (a message's stable beginning)."""
    return text.split(".")[0].split("{")[0].strip()


MEMBER_NL = [
    Line("!dos", (NL.do(1).text, NL.do(8).text)),
    Line("!do 4", (NL.do(4).text, "#do-4"), reply=True),
    Line("!do 7", (NL.do(7).text,)),
    Line("!hulp", (NL.support[0].name, NL.support[3].name, "!dos"), private=True),
    Line("!faq racisme", (NL.faq_topic("racisme").question,)),  # type: ignore[union-attr]
    Line("!faq seksisme", (NL.faq_topic("seksisme").question,)),  # type: ignore[union-attr]
    Line("!faq", ("racisme", "seksisme", "validisme")),
    Line("!ik zie dit", ("👀",), reply=True),
    Line("!zie", ("!hulp",), reply=True),
    Line("hoi", None),
    Line("Wanneer is de deadline van opdracht 2?", None),
]

MEMBER_EN = [
    Line("!lang en", (_first(BOT.get("en", "lang.set")),), admin=True),
    Line("!dos", (EN.do(1).text, EN.do(8).text)),
    Line("!do 4", (EN.do(4).text, "#do-4"), reply=True),
    Line("!help", (EN.support[0].name, EN.support[3].name), private=True),
    Line("!faq racism", (EN.faq_topic("racism").question,)),  # type: ignore[union-attr]
    Line("!faq racisme", (EN.faq_topic("racism").question,)),  # type: ignore[union-attr]
    Line("!faq sexual harassment", (EN.faq_topic("sexual-harassment").question,)),  # type: ignore[union-attr]
    Line("!i see this", ("👀",), reply=True),
    Line("hello", None),
]

ADMIN = [
    Line("!taal en", (_first(BOT.get("nl", "admin_only")),), private=True),
    Line("!welkom uit", (_first(BOT.get("nl", "admin_only")),), private=True),
    Line("!welkom uit", (_first(BOT.get("nl", "welcome.off")),), admin=True),
    Line("!welcome on", (_first(BOT.get("nl", "welcome.on")),), admin=True),
    Line("!signalen beheerders", (_first(BOT.get("nl", "nudges.admins")),), admin=True),
    Line("!nudges off", (_first(BOT.get("nl", "nudges.off")),), admin=True),
    Line("!taal en", (_first(BOT.get("en", "lang.set")),), admin=True),
    Line("!lang nl", (_first(BOT.get("nl", "lang.set")),), admin=True),
    Line("!opnieuw", (_first(NL.text.intro), NL.do(1).text), admin=True),
]

BAD_INPUT = [
    Line("!do 0", ("1", "8", "!do 4")),
    Line("!do 99", ("1", "8", "!do 4")),
    Line("!do abc", ("1", "8")),
    Line("!do", ("1", "8")),
    Line("!do -3", ("1", "8")),
    Line("!do 4.5", ("1", "8")),
    Line("!do ４", (NL.do(4).text,)),
    Line("!DO 2", (NL.do(2).text,)),
    Line("!d\u200bo 3", (NL.do(3).text,)),
    Line("!FAQ Racisme", (NL.faq_topic("racisme").question,)),  # type: ignore[union-attr]
    Line("!Welkom UIT", (_first(BOT.get("nl", "welcome.off")),), admin=True),
    Line("!faq kwantumfysica", ("kwantumfysica", "racisme")),
    Line("!faq " + "x" * 20_000, ("racisme",)),
    Line("!taal klingon", ("nl, en",), admin=True),
    Line("!welkom misschien", ("!welkom aan",), admin=True),
    Line("!signalen soms", ("!signalen uit",), admin=True),
    Line("!bestaatniet", ("!hulp",)),
    Line("!", None),
    Line("! ", None),
    Line("x" * 20_000, None),
    Line("\u202e\u0000\U0001f4a9 Z̷̧a̶l̵g̸o\ufeff", None),
    Line("!\U0001f4a9", ("!hulp",)),
]

#: Every dialog by name, for adapters to run through.
DIALOGS: dict[str, list[Line]] = {
    "member_nl": MEMBER_NL,
    "member_en": MEMBER_EN,
    "admin": ADMIN,
    "bad_input": BAD_INPUT,
}
