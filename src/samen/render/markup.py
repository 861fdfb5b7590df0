"""A tiny document model (heading, paragraph, numbered list, quote, link) and one writer per markup.

Messages are built once as blocks and written in each platform's own markup, so the wording is the same
everywhere and only the syntax differs. Text is always plain text from the pack or an admin: the HTML
writers escape it, the chat writers pass it through as that platform shows it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass


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


def _chat(
    bold: Callable[[str], str], quote: str, url: Callable[[str], str]
) -> Callable[[Sequence[Block]], str]:
    def write(blocks: Sequence[Block]) -> str:
        parts: list[str] = []
        for block in blocks:
            if isinstance(block, Heading):
                parts.append(bold(block.text))
            elif isinstance(block, Para):
                parts.append(block.text)
            elif isinstance(block, Items):
                parts.append("\n".join(f"{i}. {text}" for i, text in enumerate(block.texts, start=1)))
            elif isinstance(block, Quote):
                parts.append("\n".join(f"{quote}{line}" for line in block.text.splitlines()))
            else:
                parts.append(f"{block.label}: {url(block.url)}")
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


#: Plain-text writers: what each platform takes as text in its own markup.
TEXT_WRITERS: dict[str, Callable[[Sequence[Block]], str]] = {
    "whatsapp": _chat(lambda s: f"*{s}*", "> ", lambda u: u),
    # <url> keeps Discord from unfurling a preview card under the message.
    "discord": _chat(lambda s: f"**{s}**", "> ", lambda u: f"<{u}>"),
    "matrix": _chat(lambda s: s, "> ", lambda u: u),
    "plain": _chat(lambda s: s, "", lambda u: u),
}

#: HTML writers: Telegram's subset, and semantic HTML (Matrix formatted_body, Brightspace).
HTML_WRITERS: dict[str, Callable[[Sequence[Block]], str]] = {
    "telegram": _telegram_html,
    "semantic": _semantic_html,
}
