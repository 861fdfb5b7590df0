"""The campaign as this site serves it: the configured pack, per language, and its Do's page address."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.http import Http404, HttpRequest

from samen.content import Localized, Pack, load_pack
from samen.render import illustration, scene_svg


def pack() -> Pack:
    """The campaign pack this deployment serves (``SAMEN_PACK``, else the default pack)."""
    return load_pack(settings.SAMEN.pack)


def localized(lang: str) -> Localized:
    """The pack in one language; a language the pack lacks is a page that does not exist."""
    current = pack()
    if lang not in current.languages:
        raise Http404(lang)
    return current.language(lang)


def dos_url(request: HttpRequest, lang: str) -> str:
    """Where the materials (QR code, links) point: this site's own Do's page in that language.

    ``SAMEN_BASE_URL`` names the public address when the site is behind a proxy that changes it; without it
    the site knows its own address from the request (its host is one of ``SAMEN_ALLOWED_HOSTS``).
    """
    if settings.SAMEN.base_url:
        url: str = settings.SAMEN.dos_url(lang, pack().campaign_page(lang))
        return url
    return request.build_absolute_uri(f"/{lang}/dos/")


@cache
def poster(lang: str, url: str, layout: str, fmt: str) -> bytes:
    """The illustration with the Do's, drawn once per language, address, layout and format and then kept.

    Args:
        lang: the language.
        url: where its QR code and address lead (:func:`dos_url`).
        layout: ``portrait`` (chats) or ``landscape`` (screens).
        fmt: ``png`` or ``svg``.
    """
    return illustration(localized(lang), dos_url=url, layout=layout, fmt=fmt)


@cache
def scene(lang: str) -> bytes:
    """The picture of students together online, drawn once per language (its title is the alt text)."""
    return scene_svg(localized(lang))
