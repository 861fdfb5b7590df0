"""Template filters of the staff pages: what an account may open, so the menu offers nothing that says 403."""

from __future__ import annotations

from typing import Any

from django import template

from samen.web.reports import access

register = template.Library()


@register.filter
def may_see_insight(user: Any) -> bool:
    """Whether ``user`` may open the insight pages (the ``campaign`` role), as ``access`` decides."""
    return access.may_see_insight(user)
