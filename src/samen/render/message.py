"""Messages, descriptions and topics: the pack's texts as each platform takes them.

Every function takes a :class:`~samen.content.Localized` pack and a platform from
:data:`samen.content.PLATFORMS`, fills the pack's templates, writes them in that platform's markup
(:mod:`samen.render.markup`) and checks them against the platform's limits (:mod:`samen.render.limits`).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from samen.content import PLATFORMS, Localized, load_strings
from samen.errors import InputError
from samen.render.limits import check_limit, fits, limit_for
from samen.render.markup import ESCAPES, HTML_WRITERS, TEXT_WRITERS, Block, Heading, Items, Link, Para, Quote


@dataclass(frozen=True)
class Message:
    """One message as a platform takes it.

    Attributes:
        text: the text in that platform's own markup (WhatsApp ``*bold*``, Discord markdown), or the plain
            body where the platform takes HTML (Telegram, Matrix).
        html: Telegram HTML (``parse_mode=HTML``) or Matrix ``org.matrix.custom.html``; None elsewhere.
    """

    text: str
    html: str | None = None


@dataclass(frozen=True)
class _Style:
    text: str
    html: str | None
    lecture: bool


#: platform → its text writer, its HTML writer, and whether it is a lecture (lecture intro).
STYLES: dict[str, _Style] = {
    "whatsapp": _Style("whatsapp", None, lecture=False),
    "discord": _Style("discord", None, lecture=False),
    "telegram": _Style("plain", "telegram", lecture=False),
    "matrix": _Style("matrix", "semantic", lecture=False),
    "teams": _Style("plain", None, lecture=True),
    "kaltura": _Style("plain", None, lecture=True),
    "brightspace": _Style("plain", "semantic", lecture=False),
}


def style_of(platform: str) -> _Style:
    """The markup of a platform. Raises ``InputError`` naming the platforms for an unknown one."""
    try:
        return STYLES[platform]
    except KeyError:
        raise InputError(
            f"Unknown platform {platform!r}; choose from {', '.join(PLATFORMS)}.",
            key="render:unknown_platform",
            platform=platform,
            choices=", ".join(PLATFORMS),
        ) from None


def as_shown(platform: str, text: str, among: str | None = None) -> str:
    """Plain text escaped for the platform's chat markup, so that it shows exactly as written (``*op*``
    stays ``*op*`` on WhatsApp and Discord); unchanged where nothing in it would be read as markup.

    ``among``: all the plain text shown with it, where a marker could pair with one in another part.
    """
    return ESCAPES[style_of(platform).text](text, among)


def say(local: Localized, key: str, **values: object) -> str:
    """A product string of the renderers in the pack language (English where it has none)."""
    return load_strings("render").get(local.code, key, **values)


def _write(platform: str, blocks: list[Block], field: str = "message") -> Message:
    style = style_of(platform)
    text = TEXT_WRITERS[style.text](blocks)
    html = HTML_WRITERS[style.html](blocks) if style.html else None
    # Matrix counts the whole event content in bytes: body and formatted_body together.
    measured = text + (html or "") if platform == "matrix" else text
    check_limit(platform, field, measured)
    return Message(text=text, html=html)


def render_intro(
    local: Localized, platform: str, *, admin_text: str = "", group: str | None = None
) -> Message:
    """Message 1: the pack's welcome (the lecture welcome for Teams and Kaltura) with the admin's text.

    Args:
        local: the pack in one language.
        platform: one of :data:`samen.content.PLATFORMS`.
        admin_text: the admin's own text, plain text: escaped in HTML, never read as markup.
        group: how to call the group ("werkgroep"); default the pack's word for the platform.

    Returns:
        The message; raises ``LimitError`` when the admin's text makes it too long for the platform.
    """
    style = style_of(platform)
    template = local.text.lecture_intro if style.lecture else local.text.intro
    # A file saved on Windows (or a browser's form field) ends its lines in "\r\n"; every output takes "\n".
    own = re.sub(r"\r\n?", "\n", admin_text).strip()
    filled = local.fill(template, group=local.group_name(platform, group), admin_text=own)
    return _write(platform, [Para(p) for p in filled.split("\n\n")])


def welcome_opening(local: Localized, platform: str) -> str:
    """The words of the platform's welcome before the group's name ("Welkom in", "Welkom bij"): where a
    hint or an error quotes the sentence the name goes into."""
    template = local.text.lecture_intro if style_of(platform).lecture else local.text.intro
    line = next((line for line in template.splitlines() if "{group}" in line), "{group}")
    return line.split("{group}", 1)[0].strip()


def dos_blocks(local: Localized, dos_url: str) -> list[Block]:
    """The Do's message as blocks: heading, the numbered Do's verbatim, and the link."""
    return [
        # Just "Do's": on WhatsApp this is an image caption, and every character counts there.
        Heading(local.text.dos_heading),
        Items(tuple(do.text for do in local.dos)),
        Link(say(local, "dos.more"), dos_url),
    ]


def render_dos(local: Localized, platform: str, *, dos_url: str) -> Message:
    """Message 2: a heading, the numbered Do's exactly as in the pack, and the link to the Do's page.

    On WhatsApp this is the caption of the illustration, so it is held to the caption limit.
    """
    field = "caption" if platform == "whatsapp" else "message"
    return _write(platform, dos_blocks(local, dos_url), field)


def render_do(local: Localized, number: int, platform: str, *, do_url: str) -> Message:
    """One Do quoted with its number and a link, for pointing someone to it; names and blames nobody.

    Raises:
        InputError: for a number outside the pack's Do's.
    """
    do = local.do(number)
    blocks: list[Block] = [
        Para(say(local, "do.reminder", number=do.number, title=do.title)),
        Quote(do.text),
        Link(say(local, "do.all"), do_url),
    ]
    return _write(platform, blocks)


def _forms(local: Localized, platform: str, dos_url: str, plain_list: bool) -> list[str]:
    description = local.fill(local.text.description, dos_link=dos_url)
    lists = [[do.text for do in local.dos]] + ([[do.title for do in local.dos]] if plain_list else [])
    forms = []
    for texts in lists:
        # The pack's texts are escaped (a marker pairs within the whole form), the numbering is ours: a
        # topic's "1. " stays a list.
        among = "\n".join([description, *texts])
        numbered = "\n".join(f"{i}. {as_shown(platform, text, among)}" for i, text in enumerate(texts, 1))
        forms.append(f"{as_shown(platform, description, among)}\n\n{numbered}")
    forms.append(as_shown(platform, local.fill(local.text.description_short, dos_link=dos_url)))
    return forms


def _first_fitting(platform: str, field: str, forms: list[str]) -> str:
    for form in forms:
        if fits(platform, field, form):
            return form
    return check_limit(platform, field, forms[-1])


def render_description(local: Localized, platform: str, *, dos_url: str) -> str:
    """The group or chat description: the description with every Do, or the short form where a limit
    demands it (Telegram: at most 255 characters)."""
    style_of(platform)
    return _first_fitting(platform, "description", _forms(local, platform, dos_url, plain_list=False))


def render_topic(local: Localized, platform: str, *, dos_url: str) -> str:
    """The channel or room topic (Discord, Matrix): the Do's in full, by title, or the short form,
    whichever is the first to fit. Platforms without topics get their description's form."""
    style_of(platform)
    field = "topic" if limit_for(platform, "topic") is not None else "description"
    return _first_fitting(platform, field, _forms(local, platform, dos_url, plain_list=True))


def whatsapp_share_link(text: str) -> str:
    """A link that opens WhatsApp with this text ready to send (``https://wa.me/?text=…``)."""
    check_limit("whatsapp", "message", text)
    return "https://wa.me/?text=" + urllib.parse.quote(text, safe="")
