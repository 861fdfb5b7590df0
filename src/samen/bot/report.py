"""The private report dialog: ``!melden`` / ``!report`` in a group (or in a direct chat) continues in a
private conversation that ends with a follow-up code.

The steps: to whom (the pack's ``reports.routes``), named or anonymous, what happened in the reporter's
own words, a link to the message it was a reply to (only when the reporter says yes; never the message
itself), and explicit consent when it concerns sexual behaviour or health. Nothing is said in the group.
The words are held here only until they are filed through the store (sealed there), and a dialog left
alone for :data:`EXPIRE` seconds is forgotten. "stop" ends it at any step.

:class:`Dialog` is pure: a reporter's answer in, the next question (a string key and values) out; the core
turns those into private messages and files the report through :meth:`Store.file_report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from samen.content import Localized, load_strings

#: Seconds after which an unfinished report dialog is forgotten.
EXPIRE = 3600
#: The longest account taken in one message (characters), as the web form.
TEXT_MAX = 10_000
NAME_MAX = 150


def words(lang: str, key: str) -> frozenset[str]:
    """The answer words of a kind (``report.word.yes``…) in a language and in English, folded."""
    strings = load_strings("bot")
    found: set[str] = set()
    for code in {lang, "en"}:
        found |= {w.strip().casefold() for w in strings.get(code, key).split(",") if w.strip()}
    return frozenset(found)


@dataclass(frozen=True)
class Question:
    """What the bot asks or says next: a string key of ``strings/bot.yaml`` and its values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Filed:
    """The dialog is complete: what to file."""

    route: str
    text: str
    name: str
    special: bool
    link: str


@dataclass(frozen=True)
class Dialog:
    """One reporter's report in progress.

    Attributes:
        lang: the language of the questions.
        routes: the route ids offered, in order.
        link: a reference to the message the command replied to ("" when none).
        group: the group it began in, whose admins a report to the pack's ``group_route`` goes to ("" in
            a direct chat, where that route is not offered).
        about: the author of the message replied to, left out of the group's admins ("" when unknown).
        started: when it began (seconds since the epoch), for :data:`EXPIRE`.
        step: ``route``, ``identity``, ``text``, ``link``, ``special``.
    """

    lang: str
    routes: tuple[str, ...]
    link: str = ""
    group: str = ""
    about: str = ""
    started: float = 0.0
    step: str = "route"
    route: str = ""
    name: str = ""
    text: str = ""
    attach: bool = False

    def opening(self, local: Localized) -> Question:
        """The first question: to whom, as a numbered list of the routes with who they are for."""
        names = {r.id: r for r in local.support}
        choices = "\n".join(
            f"{i}. {names[r].name}: {names[r].when}" for i, r in enumerate(self.routes, start=1) if r in names
        )
        return Question("report.start", {"routes": choices, "count": len(self.routes)})

    def answer(self, text: str) -> tuple[Dialog | None, Question, Filed | None]:
        """The reporter's next message.

        Returns:
            The dialog as it goes on (None when it ended), what to say, and what to file when complete.
        """
        said = text.strip()
        if said.casefold() in words(self.lang, "report.word.stop"):
            return None, Question("report.stopped"), None
        if self.step == "route":
            number = said.rstrip(".")
            if not number.isdigit() or not 1 <= int(number) <= len(self.routes):
                return self, Question("report.route_again", {"count": len(self.routes)}), None
            return (
                replace(self, step="identity", route=self.routes[int(number) - 1]),
                Question("report.identity"),
                None,
            )
        if self.step == "identity":
            if not said or len(said) > NAME_MAX or "\n" in said:
                return self, Question("report.identity"), None
            anonymous = said.casefold() in words(self.lang, "report.word.anonymous")
            return replace(self, step="text", name="" if anonymous else said), Question("report.text"), None
        if self.step == "text":
            if not said:
                return self, Question("report.text"), None
            if len(said) > TEXT_MAX:
                return self, Question("report.too_long", {"limit": TEXT_MAX, "length": len(said)}), None
            following = "link" if self.link else "special"
            question = "report.link" if self.link else "report.special"
            return replace(self, step=following, text=said), Question(question), None
        if self.step == "link":
            yes, no = words(self.lang, "report.word.yes"), words(self.lang, "report.word.no")
            if said.casefold() not in yes | no:
                return self, Question("report.link"), None
            return (
                replace(self, step="special", attach=said.casefold() in yes),
                Question("report.special"),
                None,
            )
        # special: does it concern sexual behaviour or health? Then only with explicit consent.
        consent, no = words(self.lang, "report.word.consent"), words(self.lang, "report.word.no")
        if said.casefold() not in consent | no:
            return self, Question("report.special"), None
        special = said.casefold() in consent
        filed = Filed(
            route=self.route,
            text=self.text,
            name=self.name,
            special=special,
            link=self.link if self.attach else "",
        )
        return None, Question("report.filed"), filed
