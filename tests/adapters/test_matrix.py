"""The Matrix bot end to end on a real Synapse: invited by a person's client, it onboards the room and
answers every command in both languages, also across restarts of the homeserver and of the bot."""

from __future__ import annotations

from typing import Any

import pytest
from tests.adapters.conftest import BotRunner, Human, Synapse, dos_url

from samen.content import load_pack
from samen.render import illustration_alt, render_topic

pytestmark = pytest.mark.synapse

PACK = load_pack()
NL = PACK.language("nl")
BOT = "@bot:localhost"


def body(event: dict[str, Any]) -> str:
    return str(event["content"].get("body", ""))


async def new_room(alice: Human, *, bot_level: int = 50, invite: bool = True) -> str:
    """A room alice creates (so she is its admin, level 100), with the bot invited at ``bot_level``."""
    room = await alice.api.create_room(
        invitees=[BOT] if invite else [],  # type: ignore[list-item]
        power_level_override={"users": {BOT: bot_level}},
    )
    return str(room)


async def test_invited_bot_posts_intro_then_dos_with_image_sets_topic_and_pins(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    await bots.start()
    alice = humans["alice"]
    room = await new_room(alice)
    await alice.wait_for(
        lambda: len(alice.messages(room, BOT)) >= 3 and (room, "m.room.topic") in alice.state
    )
    messages = alice.messages(room, BOT)
    intro, dos, image = messages[:3]
    assert NL.text.intro.split("{")[0].strip()[:40] in body(intro)
    for do in NL.dos:
        assert do.text in body(dos)
    assert dos["content"]["format"] == "org.matrix.custom.html"
    assert NL.do(1).text.split(" ")[0] in dos["content"]["formatted_body"]
    assert image["content"]["msgtype"] == "m.image"
    assert image["content"]["body"] == illustration_alt(NL)
    assert str(image["content"]["url"]).startswith("mxc://localhost/")
    topic = alice.state[(room, "m.room.topic")]["content"]["topic"]
    assert topic == render_topic(NL, "matrix", dos_url=dos_url("nl", None))
    pinned = await alice.api.get_state_event(room, "m.room.pinned_events")  # type: ignore[arg-type]
    assert pinned["pinned"] == [dos["event_id"]]
