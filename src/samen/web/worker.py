"""gunicorn's worker for the site: a request gunicorn refuses before Django sees it gets the site's own page.

An address longer than gunicorn reads (``limit_request_line``, 4094 bytes: a long search pasted into the
FAQ's address, a link with a whole message in it) or headers larger than it reads (mostly cookies) are
refused while the request is being read, before the site is asked. gunicorn answered them with its own
English page ("URI Too Long", "Request Header Fields Too Large"); this worker answers them with the site's
page in the site's languages (:func:`samen.web.views.too_large`) and logs one line. Every other error is
gunicorn's as before.

The master imports this module to start workers and must stay small: Django is imported in the worker
only, which has loaded the site by the time a request can be refused.
"""

from __future__ import annotations

import socket
from functools import cache
from typing import Any

from gunicorn import util
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker

#: What gunicorn refuses before the site sees the request: its status and reason.
REFUSED: dict[type[Exception], tuple[int, str]] = {
    LimitRequestLine: (414, "URI Too Long"),
    LimitRequestHeaders: (431, "Request Header Fields Too Large"),
}


@cache
def answer(status: int, reason: str) -> bytes:
    """The whole HTTP answer for a refused request: the site's page with the headers of its other pages.

    Drawn once per worker and status (it depends on the pack alone).

    Args:
        status: 414 or 431.
        reason: the status's reason phrase.

    Returns:
        The bytes to send; the connection is closed after them (what else was sent is not read).
    """
    from django.conf import settings

    from samen.web import campaign
    from samen.web.security import CONTENT_SECURITY_POLICY
    from samen.web.views import too_large

    body = too_large(status).encode("utf-8")
    headers = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Content-Language", campaign.pack().default_language),
        ("Connection", "close"),
        ("Cache-Control", "no-store"),
        # The headers the site's middleware gives every page (a test keeps them equal).
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ("X-Frame-Options", settings.X_FRAME_OPTIONS),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", settings.SECURE_REFERRER_POLICY),
        ("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY),
    ]
    head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{name}: {value}\r\n" for name, value in headers)
    return (head + "\r\n").encode("latin-1") + body


class Worker(ThreadWorker):  # type: ignore[misc]
    """gunicorn's threaded worker (``gthread``): a :data:`REFUSED` request gets the site's page."""

    def handle_error(self, req: Any, client: socket.socket, addr: Any, exc: BaseException) -> None:
        """Answer a refused request with :func:`answer` and one line in the log; anything else as gunicorn.

        The line says what was refused and why, not who asked (the site keeps no access log).
        """
        refusal = next((found for kind, found in REFUSED.items() if isinstance(exc, kind)), None)
        if refusal is None:
            super().handle_error(req, client, addr, exc)
            return
        status, reason = refusal
        try:
            page = answer(status, reason)
        except Exception:  # the page itself must not fail: gunicorn's own answer then, and the detail here
            self.log.exception("The page for a refused request could not be drawn")
            super().handle_error(req, client, addr, exc)
            return
        self.log.warning("Refused a request before it reached the site (%s %s): %s", status, reason, exc)
        try:
            util.write_nonblock(client, page)
        except OSError:  # the visitor's browser went away: nothing to tell it
            self.log.debug("Failed to send the page for a refused request.")
