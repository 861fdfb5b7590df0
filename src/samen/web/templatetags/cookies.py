"""``{% form_sets_cookie as flag %}``: whether the page drawn so far set Django's CSRF cookie.

The footer says which cookies a page sets, so it must know: a form with ``{% csrf_token %}`` (the report and
code forms, the staff pages) makes Django send ``csrftoken``; every other page sets none. Django marks the
request when a template asks for the token (``CSRF_COOKIE_NEEDS_UPDATE``), and the footer is drawn after
the page's content, so this reads that mark rather than a list of pages that would drift.
"""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def form_sets_cookie(context: dict[str, Any]) -> bool:
    """Whether Django will set the CSRF cookie with this response (a form on the page asked for a token).

    Args:
        context: the template context; its ``request`` is read, never changed.

    Returns:
        True when the page holds a form protected by ``csrftoken``.
    """
    request = context.get("request")
    return bool(request is not None and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
