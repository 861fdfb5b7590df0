"""``{{ text|linkify }}``: a pack text with its web and e-mail addresses as links, verbatim otherwise.

Django's ``urlize`` drops the full stop after an address in brackets; the pack's text must stay exact.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_ADDRESS = re.compile(
    r"(?P<url>https?://[^\s<>\"]+?)(?=[.,;:!?)]*(?:\s|$))|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
)


@register.filter
def linkify(text: str) -> SafeString:
    """Escape a text and turn its addresses into links; every character of the text is kept.

    Args:
        text: plain text from the pack.

    Returns:
        Safe HTML.
    """
    parts: list[str] = []
    last = 0
    for match in _ADDRESS.finditer(text):
        parts.append(escape(text[last : match.start()]))
        shown = escape(match.group(0))
        target = match.group("url") or f"mailto:{match.group('email')}"
        parts.append(f'<a href="{escape(target)}">{shown}</a>')
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
