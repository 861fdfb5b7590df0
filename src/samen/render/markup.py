"""A tiny document model (heading, paragraph, numbered list, quote, link) and one writer per markup.

Messages are built once as blocks and written in each platform's own markup, so the wording is the same
everywhere and only the syntax differs. Text is always plain text from the pack or an admin, never markup:
the HTML writers escape it with entities, and the WhatsApp and Discord writers escape what their markup would
read (:data:`ESCAPES`), so ``*op*`` in a Do shows as ``*op*``, not in bold.

Each chat escape changes only what that markup would read, so a text without such characters is written
unchanged; web addresses are never escaped (an escape inside one would break the link; only a Discord
mention in one is made quiet, below):

- **Discord** documents the backslash: ``\\*op\\*`` shows ``*op*``. A backslash goes before each ``*``, ``_``,
  ``~``, backtick and ``|`` where the text holds two or more of that marker (a lone one formats nothing),
  before a backslash that would escape the next character, before what opens a line as Discord's markdown
  (a quote ``> `` or ``>>> ``, a heading ``#`` to ``###``, small print ``-#``, a list item ``- ``, ``* `` or
  ``1. ``, each also after spaces), before the ``[`` of a masked link ``[text](address)``, before the ``<`` of
  a channel, timestamp, command, custom emoji or server guide (``<#id>``, ``<t:…>``, ``</name:id>``,
  ``<:name:id>``, ``<a:name:id>``, ``<id:…>``) and before the first ``:`` of an emoji's name (``:smile:``).
- **WhatsApp** has no escape character. A marker (``*`` bold, ``_`` italic, ``~`` strike, backtick code)
  only opens after a space, punctuation or a line's start and only closes before one, so a WORD JOINER
  (U+2060: invisible, no width; unlike a zero-width *space* no place to wrap, unlike the zero-width joiner no
  part of emoji sequences) on both sides of each such marker keeps it from opening or closing; what opens
  a line as WhatsApp's formatting (a quote ``> ``, a list item ``- ``, ``* `` or ``1. ``, since 2024) gets one
  before it. Who copies the text out of the chat copies the invisible
  joiners too: the price of showing the exact text.

Discord also reads mentions in a message's text: ``@everyone`` and ``@here`` ping the whole server or
channel, ``<@id>``, ``<@!id>`` and ``<@&id>`` a member or a role (an id of any length: Discord shows a short
one as an unknown member rather than as written), wherever they stand (a web address or a masked link's
target included). Every Discord text goes through :func:`discord_quiet`, which puts a ZERO
WIDTH SPACE (U+200B) after the ``@`` of each, as discord.py's ``escape_mentions`` does: it shows the same and
pings nobody. A server-wide ping from a pasted welcome costs more than the rare address that holds one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Heading:
    """A short line that stands above what follows."""

    text: str


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text (its single line breaks are kept)."""

    text: str


@dataclass(frozen=True)
class Items:
    """A numbered list, numbered from 1."""

    texts: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    """A quoted text, such as one Do."""

    text: str


@dataclass(frozen=True)
class Link:
    """A label followed by an address that readers can open."""

    label: str
    url: str


Block = Heading | Para | Items | Quote | Link


#: A web address as chat apps find one (bare or in Discord's ``<…>``): never escaped.
_URL = re.compile(r"<?https?://[^\s<>]+>?")

WORD_JOINER = "\u2060"


class Escape(Protocol):
    """How one chat markup escapes plain text (:data:`ESCAPES`)."""

    def __call__(self, text: str, among: str | None = None) -> str:
        """``text`` escaped so that it shows as written.

        Args:
            text: plain text.
            among: all the plain text shown together with it (in one message), where a marker of ``text``
                could pair with one in another part; default ``text`` alone.
        """
        ...


def _escaper(
    markers: str,
    mark: Callable[[str], str],
    others: re.Pattern[str],
    keep: Callable[[str], Callable[[re.Match[str]], bool]] | None = None,
) -> Escape:
    """An escape for one chat markup: ``mark`` each of the ``markers`` the text (or what it is shown
    among) holds two or more of, and each match of ``others`` that ``keep`` (made once per text) does not
    leave alone; web addresses are left as they are."""

    def escape(text: str, among: str | None = None) -> str:
        plain = _URL.sub("", text if among is None else among)
        paired = "".join(c for c in markers if plain.count(c) >= 2)
        found = [_URL.pattern, *([f"[{re.escape(paired)}]"] if paired else []), others.pattern]
        pattern = re.compile("|".join(f"(?:{p})" for p in found), re.M)
        left = keep(text) if keep is not None else None

        def replace(match: re.Match[str]) -> str:
            if _URL.fullmatch(match.group()) or (left is not None and left(match)):
                return match.group()
            return mark(match.group())

        return pattern.sub(replace, text)

    return escape


def _discord_mark(found: str) -> str:
    # before the markup's first punctuation: after the spaces that indent a line, between a list's number
    # and its dot (a backslash before a space or a digit escapes nothing and would show)
    at = next(i for i, char in enumerate(found) if not (char.isspace() or char.isdigit()))
    return found[:at] + "\\" + found[at:]


def _not_masked_links(text: str) -> Callable[[re.Match[str]], bool]:
    """Which ``[`` of a text open no masked link ``[text](address)`` (the next ``]`` on its line is not
    followed by ``(``), found in one pass from each line's end: asking it of every ``[`` would read the rest
    of the line once per ``[``, slow on a long line of them."""
    opening: set[int] = set()
    closes = False  # whether the nearest "]" to the right, on this line, is followed by "("
    for at in range(len(text) - 1, -1, -1):
        char = text[at]
        if char == "\n":
            closes = False
        elif char == "]":
            closes = text[at + 1 : at + 2] == "("
        elif char == "[" and closes:
            opening.add(at)
    return lambda match: match.group() == "[" and match.start() not in opening


ZERO_WIDTH_SPACE = "\u200b"

#: The ``@`` of a Discord mention: ``@everyone``, ``@here``, and the ``@`` of ``<@id>``, ``<@!id>`` (a member)
#: and ``<@&id>`` (a role): ids are snowflakes of 17 to 20 digits, but Discord reads a shorter one as a
#: mention too (of an unknown member), not as written.
_MENTION = re.compile(r"@(?=everyone|here|[!&]?[0-9]{17,20}|[!&]?[0-9]+>)")


def discord_quiet(text: str) -> str:
    """Text that mentions nobody on Discord: a ZERO WIDTH SPACE after the ``@`` of each mention, so it shows
    as written and pings no one (the module's docstring says why). For every Discord text, markdown or not.
    """
    return _MENTION.sub("@" + ZERO_WIDTH_SPACE, text)


#: WhatsApp's markers that format between a pair: bold, italic, strike, code.
_WHATSAPP_MARKERS = "*_~`"
#: What WhatsApp formats when it opens a line, also indented: a quote, a list item (- or *, numbered).
_WHATSAPP_LINE_STARTS = re.compile(r"^[ \t]*(?:>|[-*]|[0-9]{1,9}\.)(?= )")


def _whatsapp_mark(found: str) -> str:
    # a marker that pairs gets a joiner on each side; what opens a line (a quote, a list item) one before it
    if found in _WHATSAPP_MARKERS:
        return WORD_JOINER + found + WORD_JOINER
    at = len(found) - len(found.lstrip(" \t"))
    return found[:at] + WORD_JOINER + found[at:]


#: What Discord reads as markdown besides paired markers (each gets a backslash before it, see the module):
_DISCORD_OTHERS = re.compile(
    "|".join(
        (
            # a quote, block quote, heading, small print or list item that opens a line, also indented
            r"^[ \t]*(?:>>>|>|#{1,3}|-#|[-*]|[0-9]{1,9}\.)(?= )",
            # a backslash before punctuation (it would escape it)
            r"\\(?=[^0-9A-Za-z\s])",
            # the [ of a masked link [text](address): which ones, _not_masked_links says
            r"\[",
            # a channel, timestamp, command, custom emoji or server guide: <#1>, <t:1:R>, </a b:1>, <:x:1>
            r"<(?=(?:#|t:-?|/[^\s<>:/][^<>:\n]{0,99}:|a?:\w{1,32}:)[0-9]{1,20}(?::[A-Za-z])?>|id:[\w-]{1,20}>)",
            # an emoji by name: :smile:
            r":(?=[\w+-]{1,32}:)",
        )
    )
)

_discord_markdown = _escaper("*_~`|", _discord_mark, _DISCORD_OTHERS, _not_masked_links)


def _discord(text: str, among: str | None = None) -> str:
    # its markdown escaped, then its mentions made quiet
    return discord_quiet(_discord_markdown(text, among))


def _plain(text: str, among: str | None = None) -> str:
    return text


#: Text style → how it escapes plain text for its markup (the module's docstring says why so).
ESCAPES: dict[str, Escape] = {
    "whatsapp": _escaper(_WHATSAPP_MARKERS, _whatsapp_mark, _WHATSAPP_LINE_STARTS),
    "discord": _discord,
    "matrix": _plain,
    "plain": _plain,
}


def _texts(block: Block) -> tuple[str, ...]:
    """The plain text of a block (a link's label; its address is never escaped)."""
    if isinstance(block, Items):
        return block.texts
    return (block.label,) if isinstance(block, Link) else (block.text,)


def _chat(
    bold: Callable[[str], str], quote: str, url: Callable[[str], str], escape: Escape
) -> Callable[[Sequence[Block]], str]:
    def write(blocks: Sequence[Block]) -> str:
        # A marker in one block can pair with one in another (Discord's formatting spans lines).
        among = "\n".join(text for block in blocks for text in _texts(block))

        def esc(text: str) -> str:
            return escape(text, among)

        parts: list[str] = []
        for block in blocks:
            if isinstance(block, Heading):
                parts.append(bold(esc(block.text)))
            elif isinstance(block, Para):
                parts.append(esc(block.text))
            elif isinstance(block, Items):
                parts.append("\n".join(f"{i}. {esc(text)}" for i, text in enumerate(block.texts, start=1)))
            elif isinstance(block, Quote):
                parts.append("\n".join(f"{quote}{line}" for line in esc(block.text).splitlines()))
            else:
                parts.append(f"{esc(block.label)}: {url(block.url)}")
        return "\n\n".join(parts)

    return write


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _telegram_html(blocks: Sequence[Block]) -> str:
    # Telegram's parse_mode=HTML knows no <p>, <ol> or <br>: line breaks are literal newlines.
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<b>{_esc(block.text)}</b>")
        elif isinstance(block, Para):
            parts.append(_esc(block.text))
        elif isinstance(block, Items):
            parts.append("\n".join(f"{i}. {_esc(t)}" for i, t in enumerate(block.texts, start=1)))
        elif isinstance(block, Quote):
            parts.append(f"<blockquote>{_esc(block.text)}</blockquote>")
        else:
            parts.append(f'{_esc(block.label)}: <a href="{_esc(block.url)}">{_esc(block.url)}</a>')
    return "\n\n".join(parts)


def _semantic_html(blocks: Sequence[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<p><strong>{_esc(block.text)}</strong></p>")
        elif isinstance(block, Para):
            parts.append("<p>" + "<br>".join(_esc(line) for line in block.text.splitlines()) + "</p>")
        elif isinstance(block, Items):
            parts.append("<ol>" + "".join(f"<li>{_esc(t)}</li>" for t in block.texts) + "</ol>")
        elif isinstance(block, Quote):
            parts.append(f"<blockquote><p>{_esc(block.text)}</p></blockquote>")
        else:
            parts.append(f'<p>{_esc(block.label)}: <a href="{_esc(block.url)}">{_esc(block.url)}</a></p>')
    return "\n".join(parts)


# <url> keeps Discord from unfurling a preview card under the message. A mention pings even in an address,
# so the writer's whole text is made quiet, not only the escaped parts.
_discord_chat = _chat(lambda s: f"**{s}**", "> ", lambda u: f"<{u}>", ESCAPES["discord"])

#: Plain-text writers: what each platform takes as text in its own markup.
TEXT_WRITERS: dict[str, Callable[[Sequence[Block]], str]] = {
    "whatsapp": _chat(lambda s: f"*{s}*", "> ", lambda u: u, ESCAPES["whatsapp"]),
    "discord": lambda blocks: discord_quiet(_discord_chat(blocks)),
    "matrix": _chat(lambda s: s, "> ", lambda u: u, ESCAPES["matrix"]),
    "plain": _chat(lambda s: s, "", lambda u: u, ESCAPES["plain"]),
}

#: HTML writers: Telegram's subset, and semantic HTML (Matrix formatted_body, Brightspace).
HTML_WRITERS: dict[str, Callable[[Sequence[Block]], str]] = {
    "telegram": _telegram_html,
    "semantic": _semantic_html,
}
