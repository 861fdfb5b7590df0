"""Discord embed and rules, the Teams Adaptive Card and the Brightspace fragment: limits and exact Do's."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

from samen.content import Localized
from samen.render import LIMITS, brightspace_html, discord_embed, discord_rules, teams_card
from samen.render.message import as_shown
from tests.render.conftest import DOS_URL


def test_discord_embed_holds_every_do_within_the_embed_limits(local: Localized) -> None:
    (embed,) = discord_embed(local, dos_url=DOS_URL)["embeds"]
    limits = LIMITS["discord"]
    assert [field["value"] for field in embed["fields"]] == [do.text for do in local.dos]
    assert len(embed["fields"]) <= limits["embed.fields"].maximum
    assert len(embed["title"]) <= limits["embed.title"].maximum
    total = embed["title"] + embed["description"] + embed["footer"]["text"]
    total += "".join(f["name"] + f["value"] for f in embed["fields"])
    assert len(total) <= limits["embed.total"].maximum
    assert embed["url"] == DOS_URL
    json.dumps(embed)


def test_discord_rules_are_the_dos_within_rules_screening_limits(local: Localized) -> None:
    rules = discord_rules(local)
    # escaped as every Discord text (the Leiden Do's hold no markup and no mention: exactly their text)
    assert rules == [as_shown("discord", do.text) for do in local.dos] == [do.text for do in local.dos]
    assert len(rules) <= LIMITS["discord"]["rules"].maximum
    assert all(len(rule) <= LIMITS["discord"]["rule"].maximum for rule in rules)


def test_teams_card_is_an_adaptive_card_with_every_do_and_a_link(local: Localized) -> None:
    card = teams_card(local, dos_url=DOS_URL)
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    texts = [item["text"] for block in card["body"] for item in block.get("items", [block])]
    for do in local.dos:
        assert do.text in texts
    assert card["actions"][0]["url"] == DOS_URL
    assert len(json.dumps(card, ensure_ascii=False).encode()) <= LIMITS["teams"]["card"].maximum


def test_brightspace_fragment_is_well_formed_escaped_and_labelled(local: Localized) -> None:
    fragment = brightspace_html(local, dos_url=DOS_URL, admin_text="<script>alert(1)</script>")
    assert "<script>" not in fragment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment
    root = ET.fromstring(fragment.replace("<br>", "<br/>"))
    assert root.tag == "section" and root.get("lang") == local.code
    heading = root.find("h2")
    assert heading is not None and root.get("aria-labelledby") == heading.get("id")
    items = root.findall("./ol/li")
    assert len(items) == len(local.dos)
    for do in local.dos:
        assert html.escape(do.text) in fragment
