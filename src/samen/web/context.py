"""What every page's template knows: the campaign, the language and the other language's address."""

from __future__ import annotations

from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """Template context shared by every page.

    Args:
        request: the request being answered.

    Returns:
        The names every template may use.
    """
    return {}
