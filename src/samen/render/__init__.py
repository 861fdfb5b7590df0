"""Renderers: the campaign content as each platform takes it (text, HTML, JSON cards, PPTX, SVG/PNG, QR).

Imports the content layer only. The public names below are what the web toolkit, the bot and the kit
command use; see ``docs/kit.md`` for every material per platform and the limits table.
"""

from __future__ import annotations

from samen.render.cards import brightspace_html, discord_embed, discord_rules, teams_card
from samen.render.colour import contrast
from samen.render.illustration import LAYOUTS, icon_exists, illustration, illustration_alt
from samen.render.kit import KITS, Material, build_kit, kit_contents, zip_kit
from samen.render.limits import LIMITS, Limit, check_count, check_limit, fits, limit_for, measure
from samen.render.markup import discord_quiet
from samen.render.message import (
    Message,
    render_description,
    render_do,
    render_dos,
    render_intro,
    render_topic,
    welcome_opening,
    whatsapp_share_link,
)
from samen.render.qr import qr_png, qr_svg
from samen.render.scene import scene_alt, scene_svg
from samen.render.slide import slide_pptx

__all__ = [
    "KITS",
    "LAYOUTS",
    "LIMITS",
    "Limit",
    "Material",
    "Message",
    "brightspace_html",
    "build_kit",
    "check_count",
    "check_limit",
    "contrast",
    "discord_embed",
    "discord_quiet",
    "discord_rules",
    "fits",
    "icon_exists",
    "illustration",
    "illustration_alt",
    "kit_contents",
    "limit_for",
    "measure",
    "qr_png",
    "qr_svg",
    "render_description",
    "render_do",
    "render_dos",
    "render_intro",
    "render_topic",
    "scene_alt",
    "scene_svg",
    "slide_pptx",
    "teams_card",
    "welcome_opening",
    "whatsapp_share_link",
    "zip_kit",
]
