"""Which language an address without one is served in: ``/``, and every deep link (a QR code's ``/dos/``,
a shared ``/help/?what=unwanted``) the same way.

The browser's language where the pack has it; a browser that asks for none of the pack's languages
(French, German, Chinese) gets English, where the pack has it, not the pack's own language: the student who
reads no Dutch is the one it would lose. Django's ``LocaleMiddleware`` would fall back to ``LANGUAGE_CODE``
(the pack's own language) for every address but ``/``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from samen.web import campaign

#: The language for a browser that asks for none the pack has: the one an international student reads.
FALLBACK_LANGUAGE = "en"


def browser_language(request: HttpRequest) -> str:
    """The pack language (a code such as ``"en"``) to send this browser to, from its ``Accept-Language``."""
    current = campaign.pack()
    asked = {
        part.split(";")[0].strip().lower().split("-")[0]
        for part in request.META.get("HTTP_ACCEPT_LANGUAGE", "").split(",")
    }
    lang = translation.get_language_from_request(request)
    if lang in current.languages and lang in asked:
        return lang
    return FALLBACK_LANGUAGE if FALLBACK_LANGUAGE in current.languages else current.default_language


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, but an address without a language is redirected to :func:`browser_language`'s."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if response.status_code == 404 and not translation.get_language_from_path(request.path_info):
            # The page not found was drawn in the language active now; the redirect, if any, is not.
            response.headers.setdefault("Content-Language", translation.get_language())
            translation.activate(browser_language(request))
        answer: HttpResponseBase = super().process_response(request, response)
        return answer
