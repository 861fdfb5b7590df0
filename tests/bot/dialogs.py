"""Conversations with the bot as tables, written once and run through every adapter that can take them.

Each dialog is a list of :class:`Line`: what a member says (as a Matrix ``!`` command; other adapters map
the prefix) and what must appear in the bot's answers, public or private. ``None`` means the bot stays
silent. Each dialog starts in a fresh group, after the onboarding, in the pack's default language (Dutch).
Expected texts come from the campaign pack itself, so a changed Do changes the test, not the other way.

:data:`HIDDEN` is the whole kind "words hidden behind a command prefix": abuse after every command name in
both languages, after an unknown word, after a lone prefix; each must bring the same private nudge (and
the admins' notice for a threat) as without the prefix, and no answer may repeat the words. Those dialogs
need the signals; each runs in a fresh group (a nudge is rate-limited per author).

Run them through the in-memory adapter with ``tests/bot/test_dialogs.py``; an adapter's own test feeds each
``Line.says`` to its platform and checks the same ``Line.expect``.
"""

from __future__ import annotations

from dataclasses import dataclass
from os.path import commonprefix

from samen.bot import COMMANDS
from samen.content import load_pack
from samen.content.strings import load_strings

PACK = load_pack()
NL = PACK.language("nl")
EN = PACK.language("en")
BOT = load_strings("bot")
NUDGE = load_strings("nudge")


@dataclass(frozen=True)
class Line:
    """One turn: a member's message and the pieces the bot's answer must contain.

    Attributes:
        says: the message, with ``!`` as the command prefix.
        expect: texts that must all appear in what the bot sends back; None: it sends nothing.
        admin: whether the sender is an admin of the group.
        reply: whether the message is sent as a reply to an earlier message (pointing to a Do).
        private: whether the answer goes to the sender only (help, admin refusals); None: not checked
            (a public answer and a private nudge both).
        notice: whether the group's admins are told privately too (a threat).
        unsaid: words no answer of the bot may contain, public or private (the member's own words).
        direct: sent in the member's private chat with the bot rather than in the group.
        user: who says it (``private`` counts that member's private messages).
        about: who wrote the message replied to (where ``reply`` is set), when the platform says.
    """

    says: str
    expect: tuple[str, ...] | None
    admin: bool = False
    reply: bool = False
    private: bool | None = False
    notice: bool = False
    unsaid: tuple[str, ...] = ()
    direct: bool = False
    user: str = "alice"
    about: str = ""


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
    Line("!zie", (_first(BOT.get("nl", "see.how").split(": ")[-1]),), private=True),
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
    Line("!see", (_first(BOT.get("en", "see.how").split(": ")[-1]),), private=True),
    Line("!faq quantum physics", ("racism",), private=True, unsaid=("quantum",)),
    Line("!do twelve", ("1", "8"), private=True, unsaid=("twelve",)),
    Line("hello", None),
]

ADMIN = [
    Line("!hulp", (NL.support[0].name, "!dos"), private=True, unsaid=("!taal",)),
    Line("!hulp", (NL.support[0].name, "!dos", "!taal", "!opnieuw"), admin=True, private=True),
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
    Line("!do 0", ("1", "8", "!do 4"), private=True),
    Line("!do 99", ("1", "8", "!do 4"), private=True),
    Line("!do abc", ("1", "8"), private=True, unsaid=("abc",)),
    Line("!do", ("1", "8"), private=True),
    Line("!do -3", ("1", "8"), private=True),
    Line("!do 4.5", ("1", "8"), private=True),
    Line("!do ４", (NL.do(4).text,)),
    Line("!DO 2", (NL.do(2).text,)),
    Line("!d\u200bo 3", (NL.do(3).text,)),
    Line("!FAQ Racisme", (NL.faq_topic("racisme").question,)),  # type: ignore[union-attr]
    Line("!Welkom UIT", (_first(BOT.get("nl", "welcome.off")),), admin=True),
    Line("!faq kwantumfysica", ("racisme",), private=True, unsaid=("kwantumfysica",)),
    Line("!faq " + "x" * 20_000, ("racisme",), private=True, unsaid=("xxxxx",)),
    Line("!taal klingon", ("nl, en",), admin=True, private=True, unsaid=("klingon",)),
    Line("!welkom misschien", ("!welkom aan",), admin=True, private=True, unsaid=("misschien",)),
    Line("!signalen soms", ("!signalen uit",), admin=True, private=True, unsaid=("soms",)),
    Line("!bestaatniet", ("!hulp",), private=True, unsaid=("bestaatniet",)),
    Line("!", None),
    Line("! ", None),
    Line("!!!", ("!hulp",), private=True),
    Line("x" * 20_000, None),
    Line("\u202e\u0000\U0001f4a9 Z̷̧a̶l̵g̸o\ufeff", None),
    Line("!\U0001f4a9", ("!hulp",), private=True),
    Line("!wat is de deadline van opdracht 2", None),
    Line("!! iemand zin in koffie?", None),
]


def _nudge(lang: str, kind: str) -> str:
    """The stable beginning of a nudge's text (before its first placeholder)."""
    return NUDGE.get(lang, f"author.{kind}").split("{")[0].split("‘")[0].strip()


def is_notice(text: str) -> bool:
    """Whether a message is the admins' notice about a message (in either language)."""
    return any(NUDGE.get(lang, "admins.notice").split("{")[0] in text for lang in ("nl", "en"))


#: Abuse in each language: (the words, the nudge's kind, the word no answer may repeat).
ABUSE: dict[str, tuple[tuple[str, str, str], ...]] = {
    "nl": (
        ("ik maak je af", "threat", "maak je af"),
        ("jij bent echt een dombo", "insult", "dombo"),
        ("jij vuile kankerlijer", "insult", "kankerlijer"),
    ),
    "en": (
        ("I will kill you", "threat", "kill you"),
        ("you are a complete idiot", "insult", "idiot"),
    ),
}


def _hidden(lang: str, says: str, kind: str, word: str) -> list[Line]:
    """A fresh group, in ``lang``, where a member writes ``says``: the nudge, and nothing repeated.

    Hurtful words may be read as an insult or as an attack on who people are (the learned signals weigh
    the whole message); either nudge opens alike and names the Do both kinds fall under."""
    if kind == "insult":
        local = PACK.language(lang)
        opening = commonprefix([_nudge(lang, "insult"), _nudge(lang, "identity_attack")])  # noqa: RUF071 (characters are what we want)
        expect: tuple[str, ...] = (opening, local.dos_for("insult")[0].title)
    else:
        expect = (_nudge(lang, kind),)
    line = Line(says, expect, private=None, notice=kind == "threat", unsaid=(word,))
    if lang == NL.code:
        return [line]
    return [Line("!lang en", (_first(BOT.get("en", "lang.set")),), admin=True), line]


def _names(lang: str) -> list[str]:
    """Every command name a member can type in a language, once each."""
    return sorted({name for spec in COMMANDS.values() for name in spec.names.get(lang, ())})


def hidden_dialogs(*, every_name: bool = True) -> dict[str, list[Line]]:
    """The kind "abuse behind a command prefix", as one short dialog per case.

    Args:
        every_name: every name of every command (the in-memory run); False: the first name of each
            command per language, for adapters whose every case costs a fresh connection.
    """
    out: dict[str, list[Line]] = {}
    for lang, cases in ABUSE.items():
        for text, kind, word in cases:
            forms = [text, f"!{text}", f"!!! {text}", f"! {text}"]
            names = (
                _names(lang)
                if every_name
                else sorted({s.names[lang][0] for s in COMMANDS.values() if lang in s.names})
            )
            forms += [f"!{name} {text}" for name in names]
            for form in forms:
                out[f"{lang}:{form}"] = _hidden(lang, form, kind, word)
    return out


#: The kind's cases by name (the first names only; ``hidden_dialogs()`` has every name).
HIDDEN = hidden_dialogs(every_name=False)

#: Every dialog by name, for adapters to run through.
DIALOGS: dict[str, list[Line]] = {
    "member_nl": MEMBER_NL,
    "member_en": MEMBER_EN,
    "admin": ADMIN,
    "bad_input": BAD_INPUT,
}


def _routes(local: object) -> tuple[str, ...]:
    """The names of the routes that take reports, in a language."""
    names = {r.id: r.name for r in local.support}  # type: ignore[attr-defined]
    return tuple(names[r] for r in PACK.spec.reports.routes)


GROUP_ROUTE = PACK.spec.reports.group_route or ""

STORY_NL = "Iemand uit mijn projectgroep stuurt me steeds berichten over mijn lichaam."
STORY_EN = "A classmate keeps mocking my accent in the course chat."

#: The confidential report, from the group into the private chat (``!melden`` / ``!report``); the bot says
#: nothing in the group and never repeats the reporter's words.
REPORTS: dict[str, list[Line]] = {
    "report_nl_anonymous_with_link": [
        Line("!melden", (_first(BOT.get("nl", "report.start")), *_routes(NL)), reply=True, private=True),
        Line(
            "9",
            # whatever the count: the group's admins are offered only where the message's author is known
            (BOT.get("nl", "report.route_again", count=0).split("0")[0],),
            direct=True,
            private=True,
        ),
        Line("1", (_first(BOT.get("nl", "report.identity")),), direct=True, private=True),
        Line("anoniem", (_first(BOT.get("nl", "report.text")),), direct=True, private=True),
        Line(
            STORY_NL, (_first(BOT.get("nl", "report.link")),), direct=True, private=True, unsaid=("lichaam",)
        ),
        Line("ja", (_first(BOT.get("nl", "report.special")),), direct=True, private=True),
        Line("nee", ("Je code:", _routes(NL)[0]), direct=True, private=True, unsaid=("lichaam",)),
        Line("hoi", None, direct=True),
    ],
    "report_en_named_with_consent": [
        Line("!lang en", (_first(BOT.get("en", "lang.set")),), admin=True),
        Line("!report", (_first(BOT.get("en", "report.start")), *_routes(EN)), private=True),
        Line("2", (_first(BOT.get("en", "report.identity")),), direct=True, private=True),
        Line("Sam de Vries", (_first(BOT.get("en", "report.text")),), direct=True, private=True),
        Line(
            STORY_EN,
            (_first(BOT.get("en", "report.special")),),
            direct=True,
            private=True,
            unsaid=("accent",),
        ),
        Line("perhaps", (_first(BOT.get("en", "report.special")),), direct=True, private=True),
        Line("I consent", ("Your code:", _routes(EN)[1]), direct=True, private=True, unsaid=("accent",)),
    ],
    "report_stopped": [
        Line("!meld", (_first(BOT.get("nl", "report.start")),), private=True),
        Line("3", (_first(BOT.get("nl", "report.identity")),), direct=True, private=True),
        Line("stop", (_first(BOT.get("nl", "report.stopped")),), direct=True, private=True),
        Line("stop", None, direct=True),
    ],
}


def _route(local: object, route: str) -> str:
    """A support route's name in a language."""
    return next(r.name for r in local.support if r.id == route)  # type: ignore[attr-defined]


#: Reports to the group's own admins (the pack's ``reports.group_route``, offered after the other routes,
#: in a group only): relayed privately to each admin but the one the report is about, who is left out (and
#: the reporter told); bob and carol are the group's admins. Run through the in-memory adapter, which has
#: more than one member (``tests/bot/test_report_dialog.py``).
REPORT_ADMINS: dict[str, list[Line]] = {
    "report_nl_admins_about_an_admin": [
        Line("!hulp", (_first(BOT.get("nl", "help.support")),), admin=True, private=True, user="bob"),
        Line("!hulp", (_first(BOT.get("nl", "help.support")),), admin=True, private=True, user="carol"),
        Line(
            "!melden",
            (_first(BOT.get("nl", "report.start")), f"{len(_routes(NL)) + 1}. {_route(NL, GROUP_ROUTE)}"),
            reply=True,
            about="carol",
            private=True,
        ),
        Line(
            str(len(_routes(NL)) + 1), (_first(BOT.get("nl", "report.identity")),), direct=True, private=True
        ),
        Line("anoniem", (_first(BOT.get("nl", "report.text")),), direct=True, private=True),
        Line(STORY_NL, (_first(BOT.get("nl", "report.link")),), direct=True, private=True),
        Line("nee", (_first(BOT.get("nl", "report.special")),), direct=True, private=True),
        Line(
            "nee",
            (
                "Je code:",
                _first(BOT.get("nl", "report.filed.admins")),
                _first(BOT.get("nl", "report.admins.left_out")),
                _first(BOT.get("nl", "report.admins.new")),
                STORY_NL,
                BOT.get("nl", "report.admins.anonymous"),
            ),
            direct=True,
            private=None,
            notice=True,
            unsaid=("alice", "m-earlier"),
        ),
    ],
    "report_en_admins_named": [
        Line("!lang en", (_first(BOT.get("en", "lang.set")),), admin=True, user="bob"),
        Line("!help", (_first(BOT.get("en", "help.support")),), admin=True, private=True, user="carol"),
        Line(
            "!report",
            (f"{len(_routes(EN)) + 1}. {_route(EN, GROUP_ROUTE)}",),
            reply=True,
            about="dave",
            private=True,
        ),
        Line(
            str(len(_routes(EN)) + 1), (_first(BOT.get("en", "report.identity")),), direct=True, private=True
        ),
        Line("Sam de Vries", (_first(BOT.get("en", "report.text")),), direct=True, private=True),
        Line(STORY_EN, (_first(BOT.get("en", "report.link")),), direct=True, private=True),
        Line("yes", (_first(BOT.get("en", "report.special")),), direct=True, private=True),
        Line(
            "no",
            (
                "Your code:",
                _first(BOT.get("en", "report.filed.admins")),
                _first(BOT.get("en", "report.admins.new")),
                BOT.get("en", "report.admins.named", name="Sam de Vries"),
                STORY_EN,
                _first(BOT.get("en", "report.admins.link", link="")).rstrip(":"),
            ),
            direct=True,
            private=True,
            notice=True,
            unsaid=(_first(BOT.get("en", "report.admins.left_out")),),
        ),
    ],
}
