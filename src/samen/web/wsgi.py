"""The WSGI application that ``samen serve`` hands to gunicorn: Django, behind :class:`KeptPages` and
:class:`HeadWithoutBody`."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
App = Callable[[Environ, StartResponse], Iterable[bytes]]

#: The request headers after which a request is always answered by Django itself.
PERSONAL = ("HTTP_COOKIE", "HTTP_AUTHORIZATION", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE")


class KeptPages:
    """Answers a plain GET of a page that Django itself keeps (``views.cached``) without going through Django.

    Django's per-worker page cache still runs the middleware, the URL resolver and the request signals for
    every request: about 190 µs of a 2,000 requests/s budget. This keeps the bytes of exactly those answers
    (status 200, HTML, ``Cache-Control: max-age`` set, no ``Vary``, no cookie) for the rest of their
    ``max-age``, keyed on everything that can change them: the path, the host and the scheme (so the HTTPS
    redirect, the host check and HSTS are Django's as before). A request with a query, a form, a cookie or
    a conditional header always goes to Django; so does every answer that is not kept (errors, downloads,
    static files: whitenoise answers those).

    Args:
        app: the Django application.
        most: how many answers to keep at most.
    """

    def __init__(self, app: App, most: int = 500) -> None:
        self.app = app
        self.most = most
        # key -> (status, headers without Age, body, kept until (monotonic), age when kept, when kept)
        self.kept: dict[tuple[str, ...], tuple[str, list[tuple[str, str]], bytes, float, int, float]] = {}

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        """Answer from what is kept, or ask Django and keep its answer when it may be kept."""
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or environ.get("QUERY_STRING")
            or "CONTENT_LENGTH" in environ
        ):
            return self.app(environ, start_response)
        if any(name in environ for name in PERSONAL):
            return self.app(environ, start_response)
        key = (
            str(environ.get("PATH_INFO", "")),
            str(environ.get("HTTP_HOST", "")),
            str(environ.get("SERVER_NAME", "")),
            str(environ.get("SERVER_PORT", "")),
            str(environ.get("wsgi.url_scheme", "")),
            str(environ.get("HTTP_X_FORWARDED_PROTO", "")),
        )
        now = time.monotonic()
        found = self.kept.get(key)
        if found is not None:
            status, headers, body, until, age, since = found
            if now < until:
                start_response(status, [*headers, ("Age", str(age + int(now - since)))])
                return [body]
            self.kept.pop(key, None)
        return self._ask(key, now, environ, start_response)

    def _ask(
        self, key: tuple[str, ...], now: float, environ: Environ, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Django's answer, kept when it says it may be."""
        answer: dict[str, Any] = {}

        def remember(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answer["status"], answer["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = self.app(environ, remember)
        lifetime = self._lifetime(answer.get("status", ""), answer.get("headers", []))
        if lifetime is None or len(self.kept) >= self.most:
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        headers = [(name, value) for name, value in answer["headers"] if name.lower() != "age"]
        age = next((int(v) for n, v in answer["headers"] if n.lower() == "age" and v.isdigit()), 0)
        if age < lifetime:
            self.kept[key] = (answer["status"], headers, body, now + lifetime - age, age, now)
        return [body]

    @staticmethod
    def _lifetime(status: str, headers: list[tuple[str, str]]) -> int | None:
        """The answer's ``max-age`` when it may be kept, else None."""
        if not status.startswith("200 "):
            return None
        lifetime = None
        for name, value in headers:
            lower = name.lower()
            if lower in ("vary", "set-cookie"):
                return None
            if lower == "content-type" and not value.startswith("text/html"):
                return None
            if lower == "cache-control":
                for part in value.replace(" ", "").split(","):
                    if part in ("private", "no-cache", "no-store"):
                        return None
                    if part.startswith("max-age=") and part[8:].isdigit():
                        lifetime = int(part[8:])
        return lifetime or None


class HeadWithoutBody:
    """Answers HEAD with the headers of GET and no body.

    Django draws the page for HEAD as for GET and leaves the body in (its test client and ``runserver`` drop
    it, gunicorn does not): gunicorn then drops it itself and logs a warning for every HEAD, which link
    checkers and chat apps' link previews send all day. The body is closed unread (``Content-Length`` stays
    that of GET, as RFC 9110 allows).

    Args:
        app: the application behind it.
    """

    def __init__(self, app: App) -> None:
        self.app = app

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        """The application's answer; for HEAD, without its body."""
        result = self.app(environ, start_response)
        if environ.get("REQUEST_METHOD") != "HEAD":
            return result
        close = getattr(result, "close", None)
        if close is not None:
            close()  # Django's request_finished signal (database connections) and any open file
        return []


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.web.settings")
application = HeadWithoutBody(KeptPages(get_wsgi_application()))
