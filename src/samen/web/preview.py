"""Show a message the way its platform will: the platform's markup turned into safe HTML.

Everything is escaped first; only the platform's own emphasis marks are then turned into tags, so text an
admin types (HTML, a script) shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_URL = re.compile(r"(https?://[^\s<]+?)(?=&gt;|[.,;:!?)]*(?:\s|<|$))")


def _links(html: str) -> str:
    return _URL.sub(r'<span class="preview-link">\1</span>', html)


def _whatsapp(html: str) -> str:
    html = re.sub(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])", r"<strong>\1</strong>", html)
    return re.sub(r"(?<![\w_])_(\S(?:[^_\n]*\S)?)_(?![\w_])", r"<em>\1</em>", html)


def _discord(html: str) -> str:
    html = re.sub(r"&lt;(https?://[^\s]+?)&gt;", r"\1", html)  # <link> only stops Discord's link preview
    html = re.sub(r"^#{1,3} (.+)$", r"<strong>\1</strong>", html, flags=re.MULTILINE)
    html = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<strong>\1</strong>", html)
    html = re.sub(r"^&gt; ?(.*)$", r'<span class="preview-quote">\1</span>', html, flags=re.MULTILINE)
    return re.sub(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)", r"\1 (\2)", html)


def _plain(html: str) -> str:
    return html


#: platform → how its markup looks once escaped. Platforms taking HTML are previewed from their plain body.
STYLES: dict[str, Callable[[str], str]] = {
    "whatsapp": _whatsapp,
    "discord": _discord,
    "telegram": _plain,
    "matrix": _discord,
    "teams": _plain,
    "kaltura": _plain,
    "brightspace": _plain,
}


def preview_html(platform: str, text: str) -> SafeString:
    """The message as HTML for the preview: escaped, the platform's emphasis shown, paragraphs kept.

    Args:
        platform: the platform whose markup the text is in.
        text: the message text.

    Returns:
        HTML that is safe to put in a page.
    """
    html = STYLES.get(platform, _plain)(escape(text))
    html = _links(html)
    paragraphs = [p.replace("\n", "<br>") for p in re.split(r"\n\s*\n", html) if p.strip()]
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))
