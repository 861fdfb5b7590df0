"""The campaign as this site serves it: the configured pack, per language, and its Do's page address."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.http import Http404

from samen.content import Localized, Pack, load_pack
from samen.render import illustration


def pack() -> Pack:
    """The campaign pack this deployment serves (``SAMEN_PACK``, else the default pack)."""
    return load_pack(settings.SAMEN.pack)


def localized(lang: str) -> Localized:
    """The pack in one language; a language the pack lacks is a page that does not exist."""
    current = pack()
    if lang not in current.languages:
        raise Http404(lang)
    return current.language(lang)


def dos_url(lang: str) -> str:
    """Where the materials (QR code, links) point: this deployment's Do's page, or the campaign page."""
    url: str = settings.SAMEN.dos_url(lang, pack().campaign_url)
    return url


@cache
def poster(lang: str, layout: str, fmt: str) -> bytes:
    """The illustration with the Do's, drawn once per language, layout and format and then kept.

    Args:
        lang: the language.
        layout: ``portrait`` (chats) or ``landscape`` (screens).
        fmt: ``png`` or ``svg``.
    """
    return illustration(localized(lang), dos_url=dos_url(lang), layout=layout, fmt=fmt)
