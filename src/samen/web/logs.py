"""The server's log: a request refused for its size is one line, not a traceback.

Django refuses a form body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (64 KiB here), too many fields or too many
files by raising an exception wherever the body is first read, answers 400 (the site's own page) and logs
the exception with its traceback on ``django.security.<name>``. The traceback shows only where the body was
read (the CSRF check, a view): nothing went wrong in the site. :class:`OneLineRefusals` turns that record into
one line that says what was refused and why.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest
from django.utils.encoding import escape_uri_path

#: The refusals that are one line, each with the setting that sets its limit and what it counts.
REFUSALS: dict[type[Exception], tuple[str, str]] = {
    RequestDataTooBig: ("DATA_UPLOAD_MAX_MEMORY_SIZE", "bytes"),
    TooManyFieldsSent: ("DATA_UPLOAD_MAX_NUMBER_FIELDS", "fields"),
    TooManyFilesSent: ("DATA_UPLOAD_MAX_NUMBER_FILES", "files"),
}


def describe(exc: BaseException, request: HttpRequest | None) -> str:
    """One line: what was refused (method, address without its query, size where it is known) and why.

    Args:
        exc: one of :data:`REFUSALS`.
        request: the refused request (Django logs it with the record).

    Returns:
        The line, e.g. ``Refused a POST to /en/toolkit/telegram/ of 70011 bytes: over
        DATA_UPLOAD_MAX_MEMORY_SIZE (65536 bytes); answered 400``.
    """
    name, unit = next(found for kind, found in REFUSALS.items() if isinstance(exc, kind))
    if request is None:
        what = "a request"
    else:
        # The path only: a query can hold what a visitor typed (a search); escaped, as Django's own lines.
        what = f"a {request.method} to {escape_uri_path(request.path)}"
        length = str(request.META.get("CONTENT_LENGTH") or "")
        if isinstance(exc, RequestDataTooBig) and length.isdigit():
            what += f" of {length} bytes"
    return f"Refused {what}: over {name} ({getattr(settings, name)} {unit}); answered 400"


class OneLineRefusals(logging.Filter):
    """Makes Django's record of a request refused for its size one line without a traceback (the handler's
    filter in ``LOGGING``); every other record passes as it is."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite a refusal's record in place; keep every record.

        Args:
            record: a record on its way to the log.

        Returns:
            True: nothing is left out.
        """
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and isinstance(exc, tuple(REFUSALS)):
            request = getattr(record, "request", None)
            record.msg = describe(exc, request if isinstance(request, HttpRequest) else None)
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
