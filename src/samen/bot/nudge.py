"""The nudge policy: from what signals found to what the bot says, to whom.

The one code path shared by ``samen signals classify`` and the bot. It decides, for one message, whether
a gentle private nudge is due, how serious it is and who hears of it; for a conversation window, whether
the group is reminded of the Do about heat or the admins are told the group writes in two languages.
It never deletes and never names anyone: the texts speak to the author alone, in positive words, name the
Do with its link and, where one fits, the FAQ entry. Rate limits, delivery and the "not meant that way"
answer are the bot core's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from samen.content import FaqEntry, Localized, load_strings
from samen.signals import THRESHOLD, Analysis, Finding


class NudgeMode(StrEnum):
    """What a group wants done about single messages (heat and language mix are for the group)."""

    OFF = "off"
    AUTHOR = "author"
    ADMINS = "admins"


@dataclass(frozen=True)
class Nudge:
    """What the bot would do about a message or a window.

    Attributes:
        do: the Do it concerns (its number in the pack; 0 for the admin guide's advice on language).
        severity: ``low``, ``medium`` or ``high``.
        audience: ``author`` (privately), ``group`` or ``admins``.
        message: the text for the audience; it never quotes the message.
        notify_admins: the admins also get :attr:`admin_message` (threats and sexual harassment always;
            everything when the group's mode is ``admins``).
        kind: the finding's kind behind the nudge (for the counts per group, Do and day).
        admin_message: the notice for the admins, without the message text or the author's name, in the
            group's language.
        lang: the language of :attr:`message` (a pack language code): the group's, or for the author's
            nudge the message's own when they differ, so that its button and answer speak it too.
    """

    do: int
    severity: str
    audience: str
    message: str
    notify_admins: bool
    lang: str
    kind: str = ""
    admin_message: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The nudge as ``samen signals classify`` prints it."""
        return {"do": self.do, "severity": self.severity, "audience": self.audience, "message": self.message}


#: Which finding wins when a message has several (the most serious first). Profanity is never nudged.
PRIORITY = ("threat", "sexual", "identity_attack", "insult", "privacy")
#: Kinds whose nudge always reaches the admins too.
ADMIN_KINDS = frozenset({"threat", "sexual"})
FaqUrl = Callable[[FaqEntry], str | None]


def _severity(finding: Finding) -> str:
    if finding.kind in ("threat", "sexual"):
        return "high"
    if finding.kind == "identity_attack":
        return "high" if finding.score >= 0.85 else "medium"
    if finding.kind == "privacy":
        return "high" if finding.subtype in ("bsn", "iban") else "medium"
    return "medium" if finding.score >= 0.8 else "low"


def do_of(kind: str, local: Localized) -> int:
    """The number of the Do a signal kind concerns, as the pack says (``signals`` under a Do); 0 when the
    pack names none (for the counts; a nudge then names the pack's first Do)."""
    return next((do.number for do in local.dos if kind in do.signals), 0)


def _do_numbers(kind: str, local: Localized) -> list[int]:
    return [do.number for do in local.dos_for(kind)]


def _faq(finding: Finding, local: Localized, faq_url: FaqUrl | None) -> str:
    entry = local.faq_for(finding.kind, finding.subtype)
    if entry is None:
        return ""
    strings = load_strings("nudge")
    link = faq_url(entry) if faq_url is not None else entry.link
    if link:
        return " " + strings.get(local.code, "faq.link", question=entry.question, link=link)
    return " " + strings.get(local.code, "faq.plain", question=entry.question)


def _label(kind: str, subtype: str | None, lang: str) -> str:
    strings = load_strings("signals")
    key = f"subtype.{subtype}" if kind == "privacy" and subtype else f"kind.{kind}"
    return strings.get(lang, key)


def _what(finding: Finding, findings: Sequence[Finding], lang: str) -> str:
    """What was noticed: the finding's kind, or for privacy every kind of detail in the message, in the
    message's order ("een telefoonnummer en een adres")."""
    if finding.kind != "privacy":
        return _label(finding.kind, finding.subtype, lang)
    details = sorted((f for f in findings if f.kind == "privacy"), key=lambda f: f.span or (0, 0))
    labels = list(dict.fromkeys(_label("privacy", f.subtype, lang) for f in details))
    if len(labels) == 1:
        return labels[0]
    return load_strings("nudge").get(lang, "list.and", first=", ".join(labels[:-1]), last=labels[-1])


def decide_nudge(
    analysis: Analysis,
    local: Localized,
    *,
    mode: NudgeMode = NudgeMode.AUTHOR,
    do_url: Callable[[str, int], str],
    faq_url: FaqUrl | None = None,
) -> Nudge | None:
    """The nudge for one message, or None (nothing found, profanity alone, or nudges off).

    Args:
        analysis: what :meth:`samen.signals.Signals.analyze` found in the message.
        local: the campaign pack in the group's language. The author's nudge speaks the message's
            language instead when the pack has it and it differs (an English message in a Dutch group
            gets an English nudge); the admins' notice stays in the group's language.
        mode: the group's nudge mode.
        do_url: the link to Do N in a language, called with its code and N (``/nl/dos#do-N`` on the web
            toolkit, or the campaign page).
        faq_url: the link to a FAQ entry, where the deployment has one (else the pack's link, if any).
    """
    if mode is NudgeMode.OFF:
        return None
    candidates = [f for f in analysis.findings if f.kind in PRIORITY and f.score >= THRESHOLD]
    if not candidates:
        return None
    finding = min(candidates, key=lambda f: (PRIORITY.index(f.kind), -f.score))
    notify = finding.kind in ADMIN_KINDS or any(f.kind in ADMIN_KINDS for f in candidates)
    notify = notify or mode is NudgeMode.ADMINS
    group_local = local
    if analysis.language != local.code and analysis.language in local.pack.languages:
        local = local.pack.language(analysis.language)
    strings = load_strings("nudge")
    lang = local.code
    numbers = _do_numbers(finding.kind, local)
    first = local.do(numbers[0])
    values: dict[str, object] = {
        "number": first.number,
        "title": first.title,
        "link": do_url(lang, first.number),
        "what": _what(finding, candidates, lang),
    }
    key = f"author.{finding.kind}"
    if finding.kind == "privacy" and {f.subtype for f in candidates if f.kind == "privacy"} == {"bsn"}:
        key = "author.privacy_bsn"  # nobody should post a BSN, not even their own: say why
    if len(numbers) > 1:
        second = local.do(numbers[1])
        values |= {"number2": second.number, "title2": second.title}
    elif finding.kind == "insult":
        key = "author.insult_one"
    message = strings.get(lang, key, **values) + _faq(finding, local, faq_url)
    if notify:
        message += " " + strings.get(lang, "author.admins_told")
    admin_message = None
    if notify:
        group = group_local.do(first.number)
        what = _what(finding, candidates, group_local.code)
        admin_values = values | {
            "title": group.title,
            "what": what,
            "link": do_url(group_local.code, first.number),
        }
        admin_message = strings.get(group_local.code, "admins.notice", **admin_values)
    return Nudge(
        do=first.number,
        severity=_severity(finding),
        audience="author",
        message=message,
        notify_admins=notify,
        lang=lang,
        kind=finding.kind,
        admin_message=admin_message,
    )


def decide_window_nudge(
    findings: Sequence[Finding], local: Localized, *, do_url: Callable[[str, int], str]
) -> Nudge | None:
    """The nudge for a conversation window: heat reminds the group of the Do about heat; a language mix
    suggests English to the admins, as the campaign's guide advises. None when neither is found.

    Args:
        findings: what :meth:`samen.signals.Signals.assess_window` found.
        local: the campaign pack in the group's language.
        do_url: the link to Do N in a language (its code and N).
    """
    strings = load_strings("nudge")
    heat = next((f for f in findings if f.kind == "heat" and f.score >= THRESHOLD), None)
    if heat is not None:
        do = local.dos_for("heat")[0]
        message = strings.get(
            local.code, "group.heat", number=do.number, title=do.title, link=do_url(local.code, do.number)
        )
        return Nudge(
            do=do.number,
            severity="medium" if heat.score < 0.8 else "high",
            audience="group",
            message=message,
            notify_admins=False,
            lang=local.code,
            kind="heat",
        )
    mix = next((f for f in findings if f.kind == "language_mix" and f.score >= THRESHOLD), None)
    if mix is not None:
        message = strings.get(local.code, "admins.language_mix", advice=local.text.guide.language)
        return Nudge(
            do=0,
            severity="low",
            audience="admins",
            message=message,
            notify_admins=True,
            lang=local.code,
            kind="language_mix",
            admin_message=message,
        )
    return None
