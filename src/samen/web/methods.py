"""The methods each page takes, declared once with :func:`allow` and checked before anything else.

A view declares its methods with :func:`allow`; :class:`MethodMiddleware` answers any other method with the
site's own 405 page and ``Allow`` before Django's CSRF check runs, so a PUT on a page that only shows
something is "not this way" (405), never "forbidden" (403).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render

View = Callable[..., HttpResponseBase]

#: The attribute :func:`allow` leaves on a view (and every decorator made with ``functools.wraps`` keeps).
ALLOWED = "allowed_methods"


def not_allowed(request: HttpRequest, methods: tuple[str, ...]) -> HttpResponseBase:
    """The site's own 405 page (Django's is empty), with ``Allow``."""
    response = render(request, "web/405.html", status=405)
    response["Allow"] = ", ".join(methods)
    return response


def allow(*methods: str) -> Callable[[View], View]:
    """Take only these methods; any other gets :func:`not_allowed` (from :class:`MethodMiddleware`, before
    the CSRF check, and from the view itself when it is called without the middleware)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method not in methods:
                return not_allowed(request, methods)
            return view(request, *args, **kwargs)

        setattr(answer, ALLOWED, methods)
        return answer

    return decorate


#: GET and HEAD only, as Django's ``require_safe``.
require_safe = allow("GET", "HEAD")


class MethodMiddleware:
    """Answers a method a view does not declare with 405, before the views' other middleware (CSRF)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        """Answer the request (the check is in :meth:`process_view`)."""
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: View, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponseBase | None:
        """405 for a method the view does not declare; None lets the request go on."""
        methods: tuple[str, ...] | None = getattr(view, ALLOWED, None)
        if methods is None or request.method in methods:
            return None
        return not_allowed(request, methods)
