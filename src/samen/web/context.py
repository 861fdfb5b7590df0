"""What every page's template knows: the campaign, the language (and its direction), the other languages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from samen.content.search import search_faq
from samen.web import campaign

#: The main navigation: URL name → the words come from the template (translated there).
NAVIGATION = ("home", "dos", "toolkit", "faq", "help")


def _switch_url(request: HttpRequest, code: str) -> str:
    """This page in another language, or that language's home page when this page does not exist."""
    try:
        resolve(request.path_info)
    except Resolver404:
        return f"/{code}/"
    url = translate_url(request.path, code)
    if url == request.path:
        return f"/{code}/"
    params = request.GET.copy()
    params.pop("code", None)  # a follow-up code never goes into a link (history, shared computers)
    # A search is carried over only where it finds something: an English word searched on the Dutch page
    # would otherwise land on an English page that says "no question found".
    if "q" in params and not search_faq(campaign.pack().language(code), params.get("q", "")[:100]):
        del params["q"]
    query = params.urlencode()  # keeps a search or a choice ("what happened?") in the other language
    return f"{url}?{query}" if query else url


def direction(code: str) -> str:
    """``rtl`` for a language written right to left (Django's ``LANGUAGES_BIDI``: Arabic, Hebrew, Farsi…)."""
    return "rtl" if code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"


def site(request: HttpRequest) -> dict[str, object]:
    """Template context shared by every page.

    Args:
        request: the request being answered.

    Returns:
        The names every template may use: ``campaign`` (the pack in the page's language), ``lang``,
        ``direction`` (``ltr`` or ``rtl``), ``languages`` (each other language with its name, direction and
        this page's address in it) and ``section``.
    """
    lang = translation.get_language() or "nl"
    current = campaign.pack()
    if lang not in current.languages:
        lang = current.default_language
    local = current.language(lang)
    others = [
        {
            "code": code,
            "name": current.language(code).text.name,
            "url": _switch_url(request, code),
            "direction": direction(code),
        }
        for code in current.languages
        if code != lang
    ]
    try:
        section = resolve(request.path_info).url_name or ""
    except Resolver404:
        section = ""
    if section in ("platform", "poster", "preview"):
        section = {"platform": "toolkit", "poster": "dos", "preview": "toolkit"}[section]
    return {
        "campaign": local,
        "lang": lang,
        "direction": direction(lang),
        "languages": others,
        "section": section,
    }
