"""Renderers: the campaign content as each platform takes it (text, HTML, JSON cards, PPTX, SVG/PNG, QR).

Imports the content layer only. The public names below are what the web toolkit, the bot and the kit
command use; see ``docs/kit.md`` for every material per platform and the limits table.
"""

from __future__ import annotations

from samen.render.limits import LIMITS, Limit, check_count, check_limit, fits, limit_for
from samen.render.message import (
    Message,
    render_description,
    render_do,
    render_dos,
    render_intro,
    render_topic,
    whatsapp_share_link,
)

__all__ = [
    "LIMITS",
    "Limit",
    "Message",
    "check_count",
    "check_limit",
    "fits",
    "limit_for",
    "render_description",
    "render_do",
    "render_dos",
    "render_intro",
    "render_topic",
    "whatsapp_share_link",
]
