"""A request body Django cannot read is refused, not read as empty: one sent in chunks, without its length.

Django reads a body by its ``Content-Length``; a body sent with ``Transfer-Encoding: chunked`` and no length
(gunicorn passes it on as it came) is read as empty, so a form sent that way came back as an empty form, with
no error. Browsers always send a form's length; a script that sends one in chunks gets the site's 411 page
("Length Required", RFC 9110 15.5.12), which says to send it again with its length. Reading such a body
instead would need a second way of holding it to the 64 KiB limit (``DATA_UPLOAD_MAX_MEMORY_SIZE``), for a
sender that no visitor uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render

#: The methods whose body no page reads: a GET or HEAD sent with a body in chunks is answered as without it.
WITHOUT_BODY = ("GET", "HEAD")


def unread_body(request: HttpRequest) -> bool:
    """Whether the request has a body Django would read as empty: chunked, without a ``Content-Length``."""
    coding = request.META.get("HTTP_TRANSFER_ENCODING", "")
    chunked = "chunked" in (part.strip().lower() for part in coding.split(","))
    return chunked and not request.META.get("CONTENT_LENGTH") and request.method not in WITHOUT_BODY


def length_required(request: HttpRequest) -> HttpResponseBase:
    """The site's 411 page, in the address's language: send it again with its length; nothing was read."""
    return render(request, "web/411.html", status=411)


class LengthMiddleware:
    """Answers a body sent without its length with :func:`length_required`, after the 404 and 405 checks and
    before the CSRF check (whose token would be missing from the body it cannot read: "the form expired")."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        """Answer the request (the check is in :meth:`process_view`)."""
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponseBase | None:
        """411 for a body in chunks without its length; None lets the request go on."""
        return length_required(request) if unread_body(request) else None
