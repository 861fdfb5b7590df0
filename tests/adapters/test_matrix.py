"""The Matrix bot end to end on a real Synapse: invited by a person's client, it onboards the room and
answers every command in both languages, also across restarts of the homeserver and of the bot."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tests.adapters.conftest import BotRunner, Human, Synapse, dos_url
from tests.bot.dialogs import DIALOGS

from samen.bot import MemoryStore
from samen.content import load_pack
from samen.render import illustration_alt, render_topic

pytestmark = pytest.mark.synapse

PACK = load_pack()
NL = PACK.language("nl")
BOT = "@bot:localhost"


def body(event: dict[str, Any]) -> str:
    return str(event["content"].get("body", ""))


def quotes(messages: list[dict[str, Any]]) -> set[str]:
    """The events these messages answer (their ``m.in_reply_to``)."""
    return {m["content"].get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id") for m in messages}


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


async def onboarded_room(alice: Human, bob: Human) -> str:
    """A fresh room with the bot onboarded and bob in it as an ordinary member."""
    room = await new_room(alice)
    await alice.wait_for(lambda: len(alice.messages(room, BOT)) >= 3)
    await alice.api.invite_user(room, bob.user.user_id)  # type: ignore[arg-type]
    await bob.wait_for(lambda: room in bob.timeline)
    await alice.wait_for(lambda: len(alice.messages(room, BOT)) >= 4)  # bob's welcome
    await bob.wait_for(lambda: len(bob.messages(room, BOT)) >= 4)
    return room


ONBOARDING = ("!opnieuw", "!onboard", "!start")


@pytest.mark.parametrize("name", list(DIALOGS))
async def test_dialog(name: str, synapse: Synapse, bots: BotRunner, humans: dict[str, Human]) -> None:
    await bots.start()
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    earlier = await alice.send(room, "Zullen we morgen om tien uur beginnen?")
    start = len(alice.messages(room, BOT))
    silent: list[str] = []
    expected_public = 0
    for line in DIALOGS[name]:
        person = alice if line.admin else bob
        public_before = len(person.messages(room, BOT))
        private_before = len(person.direct_messages(BOT))
        sent = await person.send(room, line.says, reply_to=earlier if line.reply else None)
        if line.expect is None:
            silent.append(sent)
            continue
        expect = line.expect

        def answered(
            person: Human = person,
            pub: int = public_before,
            priv: int = private_before,
            expect: tuple[str, ...] = expect,
        ) -> bool:
            new = person.messages(room, BOT)[pub:] + person.direct_messages(BOT)[priv:]
            said = "\n".join(body(m) for m in new)
            return all(piece in said for piece in expect)

        await person.wait_for(answered, timeout=15)
        public = len(person.messages(room, BOT)) - public_before
        private = len(person.direct_messages(BOT)) - private_before
        if line.private:
            assert (public, private) == (0, 1), line.says
        else:
            assert private == 0, line.says
            expected_public += 3 if line.says.split()[0] in ONBOARDING else 1
    # The bot handles a room's events in order: once it answered a last command, every silence is real.
    last = await bob.send(room, "!do 1")
    await alice.wait_for(lambda: last in quotes(alice.messages(room, BOT)))
    answers = alice.messages(room, BOT)[start:]
    assert len(answers) == expected_public + 1, [body(m)[:60] for m in answers]
    assert not quotes(answers) & set(silent)


async def test_bot_survives_a_homeserver_restart_and_answers_what_was_sent_while_it_was_down(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    store = MemoryStore()
    adapter = await bots.start(store)
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    first = await bob.send(room, "!do 2")
    await bob.wait_for(lambda: first in quotes(bob.messages(room, BOT)))

    # Synapse goes down and comes back in mid-conversation; the bot reconnects by itself.
    await asyncio.to_thread(synapse.restart)
    second = await bob.send(room, "!do 3")
    await bob.wait_for(lambda: second in quotes(bob.messages(room, BOT)), timeout=30)

    # The bot is down while a member asks; a new process with the same store answers once.
    await bots.stop(adapter)
    while_down = await bob.send(room, "!do 5")
    await asyncio.to_thread(synapse.restart)
    await bots.start(store)
    last = await bob.send(room, "!do 6")
    await bob.wait_for(lambda: last in quotes(bob.messages(room, BOT)), timeout=30)
    answers = [m for m in bob.messages(room, BOT) if quotes([m]) & {first, second, while_down, last}]
    assert sorted(quotes(answers)) == sorted({first, second, while_down, last})
    assert len(answers) == 4, [body(m)[:50] for m in answers]
    by_command = {quotes([m]).pop(): body(m) for m in answers}
    assert NL.do(5).text in by_command[while_down]
    assert NL.do(3).text in by_command[second]
    # The onboarding is never repeated.
    assert sum(NL.do(8).text in body(m) for m in bob.messages(room, BOT)) == 1


async def test_a_threat_brings_its_author_a_private_nudge_and_the_admins_a_notice_counter_speech_nothing(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    await bots.start()
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    public, bob_private, alice_private = (
        len(bob.messages(room, BOT)),
        len(bob.direct_messages(BOT)),
        len(alice.direct_messages(BOT)),
    )
    await bob.send(room, "Racisme hoort hier niet thuis, we staan samen tegen discriminatie.")
    await bob.send(room, "Als je dat nog een keer zegt maak ik je af")
    await bob.wait_for(lambda: len(bob.direct_messages(BOT)) > bob_private)
    await alice.wait_for(lambda: len(alice.direct_messages(BOT)) > alice_private)
    last = await bob.send(room, "!do 1")
    await bob.wait_for(lambda: last in quotes(bob.messages(room, BOT)))
    await alice.sync()
    nudges = bob.direct_messages(BOT)[bob_private:]
    notices = alice.direct_messages(BOT)[alice_private:]
    assert len(nudges) == 1 and len(notices) == 1
    assert "#do-1" in body(nudges[0])
    assert "!nietzo" in body(nudges[0])
    # Message text goes nowhere: not to the admins, not back in the nudge.
    assert "maak ik je af" not in body(notices[0]) + body(nudges[0])
    # Nothing in public but the answer to the command: nobody is named or shamed in the group.
    assert len(bob.messages(room, BOT)) == public + 1
