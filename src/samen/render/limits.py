"""The one table of platform limits, with where each number comes from.

Renderers never spell a limit themselves: they call :func:`check_limit` (or :func:`check_count`) with a
platform and a field from :data:`LIMITS`, which raises :class:`samen.errors.LimitError` naming the platform,
the field and the numbers. ``docs/kit.md`` prints this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from samen.errors import LimitError


@dataclass(frozen=True)
class Limit:
    """How long one field of one platform may be.

    Attributes:
        maximum: the largest allowed measure.
        unit: what is counted: ``characters`` (code points), ``utf16`` (UTF-16 code units), ``bytes``
            (UTF-8) or ``items``.
        what: the field in words, for people.
        source: where the number is documented.
    """

    maximum: int
    unit: str
    what: str
    source: str


#: How each unit is measured on a text.
MEASURES: dict[str, Callable[[str], int]] = {
    "characters": len,
    "utf16": lambda text: len(text.encode("utf-16-le")) // 2,
    "bytes": lambda text: len(text.encode("utf-8")),
}

_DISCORD_EMBED = "https://discord.com/developers/docs/resources/message#embed-object-embed-limits"
_TELEGRAM = "https://core.telegram.org/bots/api"
_MATRIX = "https://spec.matrix.org/latest/client-server-api/#size-limits"

#: platform → field → limit. Platforms without a documented limit for a field have no entry for it.
LIMITS: dict[str, dict[str, Limit]] = {
    "whatsapp": {
        "message": Limit(
            4096,
            "characters",
            "text message",
            "https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#text-object",
        ),
        "caption": Limit(
            1024,
            "characters",
            "caption of an image",
            "https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#media-object",
        ),
        "description": Limit(
            2048,
            "characters",
            "group description",
            "https://wabetainfo.com/whatsapp-beta-for-android-2-21-15-8-whats-new/",
        ),
    },
    "discord": {
        "message": Limit(
            2000,
            "characters",
            "message content",
            "https://discord.com/developers/docs/resources/message#create-message",
        ),
        "embed.title": Limit(256, "characters", "embed title", _DISCORD_EMBED),
        "embed.description": Limit(4096, "characters", "embed description", _DISCORD_EMBED),
        "embed.fields": Limit(25, "items", "embed fields", _DISCORD_EMBED),
        "embed.field.name": Limit(256, "characters", "embed field name", _DISCORD_EMBED),
        "embed.field.value": Limit(1024, "characters", "embed field value", _DISCORD_EMBED),
        "embed.footer": Limit(2048, "characters", "embed footer text", _DISCORD_EMBED),
        "embed.total": Limit(6000, "characters", "all text of the embeds of one message", _DISCORD_EMBED),
        "topic": Limit(
            1024,
            "characters",
            "channel topic",
            "https://discord.com/developers/docs/resources/channel#channel-object-channel-structure",
        ),
        "rules": Limit(
            16,
            "items",
            "Rules Screening rules",
            "https://support.discord.com/hc/en-us/articles/1500000466882-Rules-Screening-FAQ",
        ),
        "rule": Limit(
            300,
            "characters",
            "one Rules Screening rule",
            "https://support.discord.com/hc/en-us/articles/1500000466882-Rules-Screening-FAQ",
        ),
        "select.option.label": Limit(
            100,
            "characters",
            "label of a select menu option (the bot's Do picker)",
            "https://discord.com/developers/docs/components/reference#string-select-select-option-structure",
        ),
    },
    "telegram": {
        "message": Limit(4096, "utf16", "message text after entity parsing", f"{_TELEGRAM}#sendmessage"),
        "caption": Limit(1024, "utf16", "photo caption after entity parsing", f"{_TELEGRAM}#sendphoto"),
        "description": Limit(255, "characters", "chat description", f"{_TELEGRAM}#setchatdescription"),
        "callback_data": Limit(
            64, "bytes", "callback data of an inline keyboard button", f"{_TELEGRAM}#inlinekeyboardbutton"
        ),
    },
    "matrix": {
        # The spec limits a whole event to 65,536 bytes; we hold the content well under it so that the
        # homeserver's envelope (ids, signatures, unsigned data) still fits.
        "message": Limit(60000, "bytes", "message event content (JSON)", _MATRIX),
        "topic": Limit(60000, "bytes", "room topic", _MATRIX),
    },
    "teams": {
        "message": Limit(
            28000,
            "bytes",
            "chat message (about 28 KB including markup)",
            "https://learn.microsoft.com/en-us/microsoftteams/limits-specifications-teams#chat",
        ),
        "card": Limit(
            28000,
            "bytes",
            "Adaptive Card posted by a workflow (about 28 KB)",
            "https://learn.microsoft.com/en-us/connectors/teams/#known-issues-and-limitations-with-actions",
        ),
    },
}


def limit_for(platform: str, field: str) -> Limit | None:
    """The limit of a platform's field, or None when the platform documents none."""
    return LIMITS.get(platform, {}).get(field)


def measure(platform: str, field: str, text: str) -> int:
    """How long a text is in the unit that platform's field counts (characters when it has no limit)."""
    found = limit_for(platform, field)
    return MEASURES[found.unit if found is not None and found.unit in MEASURES else "characters"](text)


def fits(platform: str, field: str, text: str) -> bool:
    """Whether a text fits the platform's field (always true where no limit is known)."""
    found = limit_for(platform, field)
    return found is None or MEASURES[found.unit](text) <= found.maximum


def check_limit(platform: str, field: str, text: str) -> str:
    """Return the text when it fits the platform's field.

    Raises:
        LimitError: naming the platform, the field, the length and the limit.
    """
    found = limit_for(platform, field)
    if found is not None:
        length = MEASURES[found.unit](text)
        if length > found.maximum:
            raise LimitError(platform, found.what, length, found.maximum, found.unit, name=field)
    return text


def check_count(platform: str, field: str, count: int) -> int:
    """Return the count when the platform's field allows that many items.

    Raises:
        LimitError: naming the platform, the field, the count and the limit.
    """
    found = limit_for(platform, field)
    if found is not None and count > found.maximum:
        raise LimitError(platform, found.what, count, found.maximum, "items", name=field)
    return count
