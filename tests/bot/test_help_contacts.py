"""The bot's help ends in a contact for every support route, as the web help and the kit's read-me do."""

from __future__ import annotations

import pytest

from samen.bot.compose import help_text
from samen.content import load_pack


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("platform", ["matrix", "discord", "telegram"])
def test_help_gives_each_route_its_address_or_the_one_it_is_reached_through(lang: str, platform: str) -> None:
    local = load_pack().language(lang)
    text = help_text(local, platform, "!").text
    by_id = {r.id: r for r in local.support}
    for route in local.support:
        line = next(line for line in text.splitlines() if route.name in line)
        reach = route if route.has_contact else by_id.get(route.via or "")
        if route.in_group:
            assert route.reach and route.reach in line
        else:
            assert reach is not None
            assert any(x and x in line for x in (reach.link, reach.email, reach.phone)), route.id
    counsellor = by_id["confidential-counsellor"]
    assert counsellor.link and counsellor.link in text
    assert ("ongewenst-gedrag" if lang == "nl" else "unacceptable-behaviour") in counsellor.link
