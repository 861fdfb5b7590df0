"""The settings the toolkit serves, as the web pages show them: name, icon and what each page holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PlatformPage:
    """How the toolkit page of one platform is put together.

    Attributes:
        name: the product's own name (not translated).
        icon: a Lucide icon name.
        kind: what it is, in a few words (translated).
        guide: which of the pack's guide texts explain this setting, in order (what to do when something
            happens follows on every page).
        texts: which texts the admin copies, in order: ``intro``, ``dos``, ``description``, ``topic``.
        share: whether the platform has a link that opens it with the text ready (WhatsApp).
        poster: the illustration's layout for this setting: ``portrait`` for chats, ``landscape`` for screens.
    """

    name: str
    icon: str
    kind: str | Promise
    guide: tuple[str, ...]
    texts: tuple[str, ...]
    share: bool = False
    poster: str = "portrait"


_GROUP_GUIDE = ("groups", "language")
_LECTURE_GUIDE = ("lectures", "language")

#: platform id → its page. The order is the order of :data:`samen.content.PLATFORMS`.
PAGES: dict[str, PlatformPage] = {
    "whatsapp": PlatformPage(
        "WhatsApp",
        "message-circle",
        _("Group chat on your phone"),
        _GROUP_GUIDE,
        ("intro", "dos", "description"),
        share=True,
    ),
    "discord": PlatformPage(
        "Discord", "messages-square", _("Community server"), _GROUP_GUIDE, ("intro", "dos", "topic")
    ),
    "telegram": PlatformPage(
        "Telegram", "send", _("Group chat"), _GROUP_GUIDE, ("intro", "dos", "description")
    ),
    "matrix": PlatformPage(
        "Matrix", "hash", _("Room in Element or another Matrix app"), _GROUP_GUIDE, ("intro", "dos", "topic")
    ),
    "teams": PlatformPage(
        "MS Teams",
        "presentation",
        _("Online lecture: chat and slide"),
        _LECTURE_GUIDE,
        ("intro", "dos"),
        poster="landscape",
    ),
    "kaltura": PlatformPage(
        "Kaltura",
        "video",
        _("Online lecture: chat and slide"),
        _LECTURE_GUIDE,
        ("intro", "dos"),
        poster="landscape",
    ),
    "brightspace": PlatformPage(
        "Brightspace",
        "graduation-cap",
        _("Announcement, widget or discussion post"),
        ("brightspace", "groups", "language"),
        ("intro", "dos"),
    ),
}
