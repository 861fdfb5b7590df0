"""The Matrix bot end to end on a real Synapse: invited by a person's client, it onboards the room and
answers every command in both languages, also across restarts of the homeserver and of the bot."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from tests.adapters.conftest import BotRunner, Human, Synapse, dos_url
from tests.bot.dialogs import DIALOGS, HIDDEN, REPORTS, Line

from samen.adapters.matrix import sync_cursor
from samen.bot import MemoryStore
from samen.content import load_pack, load_strings
from samen.render import illustration_alt, render_topic

pytestmark = pytest.mark.synapse

PACK = load_pack()
NL = PACK.language("nl")
BOT = "@bot:localhost"
BOT_STRINGS = load_strings("bot")
MATRIX_STRINGS = load_strings("matrix")


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


async def run_dialog(alice: Human, bob: Human, room: str, lines: list[Line]) -> None:
    """Say each line of a dialog table in the room (alice when the line is an admin's, else bob) and
    check the bot's answers: their texts, public or private, and silence where the table wants none."""
    earlier = await alice.send(room, "Zullen we morgen om tien uur beginnen?")
    for person in (alice, bob):  # both have seen everything before the dialog starts
        await person.wait_for(
            lambda p=person: any(e["event_id"] == earlier for e in p.timeline.get(room, []))
        )
    start = len(alice.messages(room, BOT))
    silent: list[str] = []
    expected_public = 0
    for line in lines:
        person = alice if line.admin else bob
        public_before = len(person.messages(room, BOT))
        private_before = len(person.direct_messages(BOT))
        notices_before = len(alice.direct_messages(BOT))
        # A direct line goes to the private chat the bot opened with this person (a report's answers).
        target = (
            next(r for r in sorted(person.direct_rooms) if person.messages(r, BOT)) if line.direct else room
        )
        sent = await person.send(target, line.says, reply_to=earlier if line.reply else None)
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
        if line.notice:
            await alice.wait_for(lambda before=notices_before: len(alice.direct_messages(BOT)) > before)
        new = person.messages(room, BOT)[public_before:] + person.direct_messages(BOT)[private_before:]
        for word in line.unsaid:
            assert not any(word.casefold() in body(m).casefold() for m in new), (line.says, word)
        private = len(person.direct_messages(BOT)) - private_before
        if line.private is True:
            # Public answers quote the command they answer; another person's view may still be catching up.
            assert private == 1, line.says
            assert not any(sent in quotes([m]) for m in person.messages(room, BOT)), line.says
        elif line.private is False:
            assert private == 0, line.says
            expected_public += 3 if line.says.split()[0] in ONBOARDING else 1
        else:
            expected_public += sum(sent in quotes([m]) for m in person.messages(room, BOT))
    # The bot handles a room's events in order: once it answered a last command, every silence is real.
    last = await bob.send(room, "!do 1")
    await alice.wait_for(lambda: last in quotes(alice.messages(room, BOT)))
    answers = alice.messages(room, BOT)[start:]
    assert len(answers) == expected_public + 1, [body(m)[:60] for m in answers]
    assert not quotes(answers) & set(silent)


#: Every dialog table runs in tests/adapters/test_matrix_replay.py; here the one whose answers hang on real
#: power levels (the members' dialogs also run after the restart below).
SYNAPSE_DIALOGS = ("admin",)


@pytest.mark.parametrize("name", SYNAPSE_DIALOGS)
async def test_dialog(name: str, synapse: Synapse, bots: BotRunner, humans: dict[str, Human]) -> None:
    await bots.start()
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    await run_dialog(alice, bob, room, DIALOGS[name])


@pytest.mark.parametrize("name", ["report_nl_anonymous_with_link", "report_stopped"])
async def test_report_dialog(name: str, synapse: Synapse, bots: BotRunner, humans: dict[str, Human]) -> None:
    """``!melden`` in the room, then the private chat on a real homeserver, filed in the real database."""
    await bots.start()
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    await run_dialog(alice, bob, room, REPORTS[name])


#: Abuse behind a prefix, end to end (every form and every name runs in test_matrix_replay.py).
HIDDEN_ON_MATRIX = ("nl:!ik maak je af", "en:!faq I will kill you")


@pytest.mark.parametrize("name", HIDDEN_ON_MATRIX)
async def test_words_behind_a_command_prefix_are_read_like_any_message(
    name: str, synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    await bots.start()
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    await run_dialog(alice, bob, room, HIDDEN[name])


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
    await bots.start(store)
    last = await bob.send(room, "!do 6")
    await bob.wait_for(lambda: last in quotes(bob.messages(room, BOT)), timeout=30)
    answers = [m for m in bob.messages(room, BOT) if quotes([m]) & {first, second, while_down, last}]
    assert sorted(quotes(answers)) == sorted({first, second, while_down, last})
    assert len(answers) == 4, [body(m)[:50] for m in answers]
    by_command = {quotes([m]).pop(): body(m) for m in answers}
    assert NL.do(5).text in by_command[while_down]
    assert NL.do(3).text in by_command[second]
    # The onboarding is never repeated, and every command still works in both languages.
    assert sum(NL.do(8).text in body(m) for m in bob.messages(room, BOT)) == 1
    await run_dialog(alice, bob, room, DIALOGS["member_nl"] + DIALOGS["member_en"])


async def test_a_threat_brings_its_author_a_private_nudge_and_the_admins_a_notice_counter_speech_nothing(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    adapter = await bots.start()
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
    # Answering the nudge in the direct room is pressing its button: thanked, and counted for the room.
    direct = next(r for r in bob.direct_rooms if nudges[0] in bob.timeline.get(r, []))
    said = len(bob.messages(direct, BOT))
    await bob.send(direct, "!nietzo")
    await bob.wait_for(lambda: len(bob.messages(direct, BOT)) > said)
    assert body(bob.messages(direct, BOT)[-1]) == BOT_STRINGS.get("nl", "notmeant.thanks")
    counted = {(kind, do): n for _, kind, do, n in adapter.bot.store.counts("matrix", room)}  # type: ignore[attr-defined]
    assert counted[("not_meant", 1)] == 1
    assert counted[("nudge", 1)] == 1


async def test_missing_permissions_are_told_to_the_admins_once_with_the_power_level(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    await bots.start()
    alice = humans["alice"]
    before = len(alice.direct_messages(BOT))
    room = await new_room(alice, bot_level=0)
    await alice.wait_for(lambda: len(alice.direct_messages(BOT)) >= before + 2)
    notices = [body(m) for m in alice.direct_messages(BOT)[before:]]
    assert any(
        BOT_STRINGS.get("nl", "permission.pin") in n and "m.room.pinned_events" in n for n in notices
    ), notices
    assert any(BOT_STRINGS.get("nl", "permission.topic") in n and "m.room.topic" in n for n in notices), (
        notices
    )
    assert all("machtsniveau 50" in n for n in notices)
    # The Do's are posted all the same, and a second onboarding does not repeat the notices.
    assert len(alice.messages(room, BOT)) == 3
    again = await alice.send(room, "!opnieuw")
    last = await alice.send(room, "!do 1")
    await alice.wait_for(lambda: last in quotes(alice.messages(room, BOT)))
    assert len(alice.messages(room, BOT)) == 3 + 3 + 1
    assert len(alice.direct_messages(BOT)) == before + 2
    assert again not in quotes(alice.messages(room, BOT))


async def test_invites_from_other_homeservers_are_declined_when_servers_are_restricted(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    await bots.start(allowed_servers=("uni.example",))
    alice = humans["alice"]
    room = await new_room(alice)

    def membership() -> str | None:
        member = [e for e in alice.timeline.get(room, []) if e.get("state_key") == BOT]
        return member[-1]["content"]["membership"] if member else None  # type: ignore[index]

    await alice.wait_for(lambda: membership() == "leave")
    assert alice.messages(room, BOT) == []


async def test_direct_chat_answers_commands_without_onboarding(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    await bots.start()
    bob = humans["bob"]
    room = str(await bob.api.create_room(is_direct=True, invitees=[BOT]))  # type: ignore[list-item]
    await bob.wait_for(lambda: any(e.get("state_key") == BOT for e in bob.timeline.get(room, [])))
    first = await bob.send(room, "!dos")
    await bob.wait_for(lambda: first in quotes(bob.messages(room, BOT)))
    await bob.send(room, "!taal en")
    # A mistake's answer is private: here, in this direct room, without quoting.
    await bob.wait_for(lambda: len(bob.messages(room, BOT)) >= 2)
    answers = [body(m) for m in bob.messages(room, BOT)]
    assert len(answers) == 2, answers  # no intro, no Do's post, no welcome in a direct chat
    assert NL.do(8).text in answers[0]
    assert answers[1] == BOT_STRINGS.get("nl", "group_only")


async def test_commands_as_replies_with_a_quoted_fallback_and_a_token_login_leave_no_secrets_in_logs(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await bots.start(token=True)
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    secret_text = "Mijn geheime zin over het tentamen"
    earlier = await alice.send(room, secret_text)
    # Older clients put the quoted message before the reply; the command is what follows it.
    fallback = f"> <{alice.user.user_id}> {secret_text}\n\n!do 4"
    command = await bob.send(room, fallback, reply_to=earlier)
    await bob.wait_for(lambda: earlier in quotes(bob.messages(room, BOT)))
    answer = next(m for m in bob.messages(room, BOT) if earlier in quotes([m]))
    assert NL.do(4).text in body(answer) and "#do-4" in body(answer)
    assert answer["content"]["m.mentions"] == {}  # pointing to a Do pings nobody
    assert command not in quotes(bob.messages(room, BOT))
    # Everything the bot's process logged (the test's own mautrix client logs bodies, as noted in matrix.py).
    logged = "\n".join(
        f"{r.name} {r.getMessage()} {r.exc_text or ''}"
        for r in caplog.records
        if not r.name.startswith("mau")
    )
    for secret in (synapse.users["bot"].access_token, synapse.users["bot"].password, secret_text):
        assert secret not in logged


async def test_the_bot_waits_out_rate_limits_and_answers_everything(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="samen.adapters")
    await bots.start()
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    # The homeserver's admin API lets the bot send one message, then one every half second.
    limit = f"/_synapse/admin/v1/users/{BOT}/override_ratelimit"
    root = synapse.users["root"].access_token
    synapse.request("POST", limit, {"messages_per_second": 2, "burst_count": 1}, token=root)
    try:
        sent = [await bob.send(room, f"!do {n}") for n in (1, 2, 3, 4)]
        await bob.wait_for(lambda: set(sent) <= quotes(bob.messages(room, BOT)), timeout=30)
    finally:
        synapse.request("DELETE", limit, token=root)
    answers = [m for m in bob.messages(room, BOT) if quotes([m]) & set(sent)]
    assert len(answers) == 4
    assert [NL.do(n).text in body(m) for n, m in zip((1, 2, 3, 4), answers, strict=True)] == [True] * 4
    assert "Matrix send: rate limited, waiting" in caplog.text


MEGOLM = "m.megolm.v1.aes-sha2"


async def test_an_encrypted_room_is_explained_to_the_admins_once(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    from mautrix.types import EventType

    await bots.start()
    alice = humans["alice"]
    before = len(alice.direct_messages(BOT))
    room = await alice.api.create_room(
        invitees=[BOT],  # type: ignore[list-item]
        power_level_override={"users": {BOT: 50}},
        initial_state=[
            {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}
        ],
    )
    await alice.wait_for(lambda: len(alice.messages(str(room), BOT)) >= 3)
    # What an Element client sends in such a room: ciphertext the bot cannot read.
    sealed = {
        "algorithm": "m.megolm.v1.aes-sha2",
        "ciphertext": "AwgAEn...",
        "session_id": "x",
        "device_id": "D",
    }
    for _ in range(2):
        await alice.api.send_message_event(room, EventType.ROOM_ENCRYPTED, sealed)  # type: ignore[arg-type]
    await alice.wait_for(lambda: len(alice.direct_messages(BOT)) >= before + 1)
    last = await alice.send(str(room), "!do 1")
    await alice.wait_for(lambda: last in quotes(alice.messages(str(room), BOT)))
    await alice.sync()
    notices = [body(m) for m in alice.direct_messages(BOT)[before:]]
    assert len(notices) == 1, notices
    assert MATRIX_STRINGS.get("nl", "permission.encryption", bot=BOT) in notices[0]


async def test_malformed_events_from_a_client_never_stop_the_bot(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    from mautrix.types import EventType

    await bots.start()
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    start = len(bob.messages(room, BOT))
    odd: list[dict[str, object]] = [
        # (Synapse itself refuses a message without a msgtype or a string body.)
        {"msgtype": "m.emote", "body": "!dos"},
        {"msgtype": "m.text", "body": "!dos", "format": 7, "formatted_body": None},
        {"msgtype": "m.text", "body": "!dos", "m.relates_to": "nonsense"},
        {"msgtype": "m.text", "body": "!do 2", "m.relates_to": {"m.in_reply_to": "$not-an-object"}},
        {"msgtype": "m.text", "body": "!do 3", "m.relates_to": {"m.in_reply_to": {"event_id": 42}}},
    ]
    for content in odd:
        await bob.api.send_message_event(room, EventType.ROOM_MESSAGE, content)  # type: ignore[arg-type]
    last = await bob.send(room, "!do 1")
    await bob.wait_for(lambda: last in quotes(bob.messages(room, BOT)))
    answers = [body(m) for m in bob.messages(room, BOT)[start:]]
    assert len(answers) == 5, answers
    assert NL.do(8).text in answers[0] and NL.do(8).text in answers[1]
    assert [NL.do(n).text in a for n, a in zip((2, 3, 1), answers[2:], strict=True)] == [True] * 3


async def test_a_batch_handled_again_after_a_crash_is_not_answered_twice(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human]
) -> None:
    store = MemoryStore()
    adapter = await bots.start(store)
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    # The since-token as it was before the commands: as if the bot died before storing the next one.
    before = store.load_cursor(sync_cursor(BOT))
    assert before
    sent = [await bob.send(room, f"!do {n}") for n in (2, 3)]
    await bob.wait_for(lambda: set(sent) <= quotes(bob.messages(room, BOT)))
    await bots.stop(adapter)
    store.save_cursor(sync_cursor(BOT), before)

    await bots.start(store)
    last = await bob.send(room, "!do 4")
    await bob.wait_for(lambda: last in quotes(bob.messages(room, BOT)))
    answers = [m for m in bob.messages(room, BOT) if quotes([m]) & {*sent, last}]
    assert len(answers) == 3, [body(m)[:40] for m in answers]


class FlakyStore(MemoryStore):
    """A memory store whose next ``failures`` saves of a room fail, as a database that hiccups."""

    def __init__(self) -> None:
        super().__init__()
        self.failures = 0

    def save_group(self, record: Any) -> None:
        if record.platform == "matrix" and self.failures > 0:
            self.failures -= 1
            raise RuntimeError("database is locked")
        super().save_group(record)


async def test_an_event_whose_handling_fails_does_not_stop_the_bot(
    synapse: Synapse, bots: BotRunner, humans: dict[str, Human], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    store = FlakyStore()
    await bots.start(store)
    alice, bob = humans["alice"], humans["bob"]
    room = await onboarded_room(alice, bob)
    store.failures = 1
    await bob.send(room, "!do 2")
    after = await bob.send(room, "!do 3")
    await bob.wait_for(lambda: after in quotes(bob.messages(room, BOT)))
    assert "failed: RuntimeError" in caplog.text  # by kind only: never the member's text
    assert NL.do(3).text in body(bob.messages(room, BOT)[-1])
