"""Structured materials: the Discord embed and Rules Screening rules, the Teams Adaptive Card, and the
Brightspace HTML fragment. Each is checked against the platform's limits in :mod:`samen.render.limits`."""

from __future__ import annotations

import html
import json
from typing import Any

from samen.content import Localized
from samen.render.limits import check_count, check_limit
from samen.render.markup import discord_quiet
from samen.render.message import as_shown, render_intro, say


def _colour_int(colour: str) -> int:
    return int(colour.lstrip("#"), 16)


def discord_embed(local: Localized, *, dos_url: str) -> dict[str, Any]:
    """A Discord message payload with one embed: the campaign, and a field per Do (number and title as
    the name, the exact text as the value). Post it with a webhook or a bot; it fits Discord's limits.
    The title, description and fields read Discord markdown, so their text is escaped; the footer reads
    none, but like every Discord text it mentions nobody (:func:`~samen.render.markup.discord_quiet`)."""
    title = as_shown("discord", local.campaign)
    description = as_shown("discord", f"{local.text.tagline}\n\n{say(local, 'dos.more')}: {dos_url}")
    footer = discord_quiet(local.institution)
    # the number is ours, not the pack's text: it stays as written
    fields = [
        (f"{do.number}. {as_shown('discord', do.title)}", as_shown("discord", do.text)) for do in local.dos
    ]
    check_limit("discord", "embed.title", title)
    check_limit("discord", "embed.description", description)
    check_count("discord", "embed.fields", len(fields))
    for name, value in fields:
        check_limit("discord", "embed.field.name", name)
        check_limit("discord", "embed.field.value", value)
    check_limit("discord", "embed.footer", footer)
    check_limit("discord", "embed.total", title + description + footer + "".join(n + v for n, v in fields))
    embed: dict[str, Any] = {
        "title": title,
        "url": dos_url,
        "description": description,
        "color": _colour_int(local.pack.spec.colours.accent),
        "fields": [{"name": name, "value": value, "inline": False} for name, value in fields],
        "footer": {"text": footer},
    }
    return {"embeds": [embed]}


def discord_rules(local: Localized) -> list[str]:
    """The rules for Discord's Rules Screening: one per Do, its exact text as Discord shows it (escaped as
    every Discord text: its markdown and its mentions; at most 16 rules of 300 characters)."""
    rules = [as_shown("discord", do.text) for do in local.dos]
    check_count("discord", "rules", len(rules))
    for rule in rules:
        check_limit("discord", "rule", rule)
    return rules


def teams_card(local: Localized, *, dos_url: str) -> dict[str, Any]:
    """An Adaptive Card (schema 1.4) for Teams: campaign, the Do's with their titles, and a button to the
    Do's page. Post it with the Workflows app ("Post card in a chat or channel")."""
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": local.campaign, "size": "Large", "weight": "Bolder", "wrap": True},
        {"type": "TextBlock", "text": local.text.tagline, "wrap": True, "isSubtle": True},
    ]
    for do in local.dos:
        body.append(
            {
                "type": "Container",
                "spacing": "Medium",
                "items": [
                    {
                        "type": "TextBlock",
                        "text": f"{do.number}. {do.title}",
                        "weight": "Bolder",
                        "wrap": True,
                    },
                    {"type": "TextBlock", "text": do.text, "wrap": True, "spacing": "None"},
                ],
            }
        )
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.4",
        "lang": local.code,
        "body": body,
        "actions": [{"type": "Action.OpenUrl", "title": say(local, "do.all"), "url": dos_url}],
    }
    check_limit("teams", "card", json.dumps(card, ensure_ascii=False))
    return card


def brightspace_html(
    local: Localized, *, dos_url: str, admin_text: str = "", group: str | None = None
) -> str:
    """An accessible HTML fragment for a Brightspace announcement, widget or discussion post: a section in
    the pack's language with a heading, the welcome (admin text escaped), the Do's as a numbered list
    with their titles, and the link."""
    intro = render_intro(local, "brightspace", admin_text=admin_text, group=group)
    esc = html.escape
    heading_id = f"samen-dos-{local.code}"
    items = "\n".join(f"    <li><strong>{esc(do.title)}</strong><br>{esc(do.text)}</li>" for do in local.dos)
    return (
        f'<section lang="{esc(local.code)}" aria-labelledby="{heading_id}">\n'
        f'  <h2 id="{heading_id}">{esc(local.campaign)}</h2>\n'
        "  " + "\n  ".join((intro.html or "").splitlines()) + "\n"
        f"  <h3>{esc(local.text.dos_heading)}</h3>\n"
        f"  <ol>\n{items}\n  </ol>\n"
        f'  <p>{esc(say(local, "dos.more"))}: <a href="{esc(dos_url)}">{esc(dos_url)}</a></p>\n'
        "</section>\n"
    )
