"""The Discord adapter against dpytest's simulated Discord: the dialog tables, onboarding, welcomes, nudges.

dpytest runs discord.py's real client against a fake gateway and HTTP backend in the process; it has no
slash-command interactions, so those are checked through the command tree's own (translated) payloads.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest
from discord.webhook.async_ import async_context
from tests.bot.conftest import extra_command  # noqa: F401 (a fixture)
from tests.bot.dialogs import BOT, DIALOGS, HIDDEN, NL, REPORTS, STORY_NL, Line, is_notice

from samen.adapters.discord import CAPABILITIES, DiscordAdapter, Names
from samen.adapters.text import chunks
from samen.bot import Bot, MemoryStore
from samen.content import load_pack
from samen.signals import Signals

PACK = load_pack()
SIGNALS = Signals.load(**PACK.spec.signals_options())


def dos_url(lang: str, number: int | None) -> str:
    return f"https://samen.test/{lang}/dos/" + (f"#do-{number}" if number else "")


@pytest.fixture
async def adapter() -> AsyncIterator[DiscordAdapter]:
    bot = Bot(PACK, MemoryStore(), CAPABILITIES, dos_url=dos_url, signals=SIGNALS)
    client = DiscordAdapter(bot, sync_commands=False)
    await client._async_setup_hook()
    await client.setup_hook()
    dpytest.configure(client, members=["alice", "bob"])
    recording = Recording(client.http, client)
    client.http = client._connection.http = recording  # type: ignore[assignment]

    async def opened(user: discord.abc.User) -> None:
        recording.direct.append(user.id)

    dpytest.callbacks.set_callback(opened, "start_private_message")
    yield client
    await dpytest.empty_queue()
    client.worker.close()


class Refusal:
    """What discord.py reads of an HTTP response when Discord answers 403."""

    status = 403
    reason = "Forbidden"


class Recording:
    """dpytest's fake HTTP, also recording pins and the channel edits it does not implement."""

    def __init__(self, http: object, client: discord.Client) -> None:
        self._http = http
        self._client = client
        self.pins: list[int] = []
        self.topics: list[str] = []
        self.references: list[int | None] = []
        self.payloads: list[dict[str, object]] = []
        self.direct: list[int] = []
        self.forbidden: set[str] = set()

    def __getattr__(self, name: str) -> object:
        return getattr(self._http, name)

    async def pin_message(self, channel_id: int, message_id: int, reason: str | None = None) -> None:
        if "pin" in self.forbidden:
            raise discord.Forbidden(Refusal(), {"code": 50013, "message": "Missing Permissions"})
        self.pins.append(message_id)
        await self._http.pin_message(channel_id, message_id, reason)  # type: ignore[attr-defined]

    async def send_message(self, channel_id: int, *, params: object) -> object:
        payload = getattr(params, "payload", None) or {}
        self.payloads.append(payload)
        reference = payload.get("message_reference")
        self.references.append(int(reference["message_id"]) if reference else None)
        # dpytest finds the channel among its caller's local variables, so this frame needs one too.
        channel = self._client.get_channel(channel_id)  # noqa: F841
        return await self._http.send_message(channel_id, params=params)  # type: ignore[attr-defined]

    async def edit_channel(self, channel_id: int, *, reason: str | None = None, **options: object) -> None:
        if "topic" in self.forbidden:
            raise discord.Forbidden(Refusal(), {"code": 50013, "message": "Missing Permissions"})
        self.topics.append(str(options.get("topic")))


async def reply(
    content: str, member: discord.Member, channel: discord.TextChannel, to: discord.Message
) -> None:
    """A member's message sent as a reply (dpytest's own ``message`` cannot reply)."""
    data = dpytest.factories.make_message_dict(channel, member, content=content, guild_id=channel.guild.id)
    data["message_reference"] = {"message_id": to.id, "channel_id": channel.id, "guild_id": channel.guild.id}
    dpytest.backend.get_state().parse_message_create(data)
    await dpytest.run_all_events()


def sent() -> list[discord.Message]:
    """Everything the bot sent since the last call, in order (channels and direct messages)."""
    out = []
    while not dpytest.sent_queue.empty():
        out.append(dpytest.get_message())
    return out


async def test_joining_a_server_posts_the_intro_then_the_dos_with_the_illustration(
    adapter: DiscordAdapter,
) -> None:
    guild = dpytest.get_config().guilds[0]
    await adapter.on_guild_join(guild)
    intro, dos = sent()
    assert NL.institution in intro.content
    for do in NL.dos:
        assert do.text in dos.content
    http = adapter.http
    assert isinstance(http, Recording)
    assert http.pins == [dos.id]
    (topic,) = http.topics
    assert NL.do(4).text in topic or "https://samen.test/nl/dos/" in topic
    assert len(topic) <= 1024
    await adapter.on_guild_join(guild)
    assert sent() == []


async def test_missing_permissions_are_told_to_the_owner_once(adapter: DiscordAdapter) -> None:
    config = dpytest.get_config()
    guild, owner = config.guilds[0], config.members[0]
    guild.owner_id = owner.id
    http = adapter.http
    assert isinstance(http, Recording)
    http.forbidden = {"pin", "topic"}
    await adapter.on_guild_join(guild)
    _, dos, pin, topic = sent()
    assert NL.do(1).text in dos.content
    assert (pin.content, topic.content) == (
        BOT.get("nl", "permission.pin"),
        BOT.get("nl", "permission.topic"),
    )
    assert isinstance(pin.channel, discord.DMChannel) and http.direct == [owner.id]
    await dpytest.message("!opnieuw", channel=config.channels[0], member=owner)
    assert len(sent()) == 2  # the onboarding again, no second warning


async def test_a_member_joining_is_welcomed(adapter: DiscordAdapter) -> None:
    await dpytest.member_join(name="carol")
    guild = dpytest.get_config().guilds[0]
    member = next(m for m in guild.members if m.name == "carol")
    await adapter.on_member_join(member)
    (welcome,) = sent()
    assert "https://samen.test/nl/dos/" in welcome.content


async def run_dialog(adapter: DiscordAdapter, lines: list[Line]) -> None:
    """Say each line in a channel as alice (the owner where the line is an admin's, else bob is) and check
    what the bot sent, in the channel and in direct messages."""
    config = dpytest.get_config()
    channel, member, other = config.channels[0], config.members[0], config.members[1]
    earlier = await dpytest.message("een eerder bericht", channel=channel, member=other)
    sent()
    guild = member.guild
    for line in lines:
        # The server's owner has every permission, manage server included (dpytest cannot make roles).
        guild.owner_id = member.id if line.admin else other.id
        if line.reply:
            await reply(line.says, member, channel, earlier)
        elif line.direct:
            await dpytest.message(line.says, channel=await member.create_dm(), member=member)
        else:
            await dpytest.message(line.says, channel=channel, member=member)
        answers = sent()
        said = "\n".join(m.content for m in answers)
        for word in line.unsaid:
            assert word.casefold() not in said.casefold(), f"{line.says[:40]!r} repeated {word!r}"
        if line.expect is None:
            assert answers == [], f"{line.says[:40]!r} got {said[:200]!r}"
            continue
        for piece in line.expect:
            expected = piece.replace("!", "/") if piece.startswith("!") and len(piece) > 1 else piece
            assert piece in said or expected in said, f"{line.says[:40]!r}: {piece!r} not in {said[:300]!r}"
        private = [m for m in answers if isinstance(m.channel, discord.DMChannel)]
        if line.private is True:
            assert private and len(private) == len(answers), line.says
        elif line.private is False:
            assert not private, line.says
        if not line.admin:
            # dpytest leaves a direct channel's recipient empty: the notice is known by its words.
            assert any(is_notice(m.content) for m in private) == line.notice, line.says


@pytest.mark.parametrize("name", list(REPORTS))
async def test_report_dialog(adapter: DiscordAdapter, name: str) -> None:
    """``!melden`` in a channel, then the direct messages: nothing in the channel, the code at the end."""
    await run_dialog(adapter, REPORTS[name])


@pytest.mark.parametrize("name", list(DIALOGS))
async def test_dialog(adapter: DiscordAdapter, name: str) -> None:
    await run_dialog(adapter, DIALOGS[name])


@pytest.mark.parametrize("name", list(HIDDEN))
async def test_words_behind_a_command_prefix_are_read_like_any_message(
    adapter: DiscordAdapter, name: str
) -> None:
    await run_dialog(adapter, HIDDEN[name])


async def test_point_to_a_do_as_a_reply_quotes_that_message(adapter: DiscordAdapter) -> None:
    config = dpytest.get_config()
    channel = config.channels[0]
    earlier = await dpytest.message("iets vervelends", channel=channel, member=config.members[1])
    sent()
    await reply("!do 4", config.members[0], channel, earlier)
    (answer,) = sent()
    assert NL.do(4).text in answer.content and "#do-4" in answer.content
    assert isinstance(adapter.http, Recording) and adapter.http.references[-1] == earlier.id
    # Pointing to a Do does not ping the author of the message it answers.
    mentions = adapter.http.payloads[-1]["allowed_mentions"]
    assert isinstance(mentions, dict) and mentions.get("replied_user") is False


async def test_a_threat_brings_a_private_nudge_with_a_button_and_the_owner_a_notice(
    adapter: DiscordAdapter,
) -> None:
    config = dpytest.get_config()
    owner, author = config.members
    config.guilds[0].owner_id = owner.id
    threat = "ik maak je af als je dat nog een keer zegt"
    await dpytest.message(threat, channel=config.channels[0], member=author)
    answers = sent()
    assert answers and all(isinstance(m.channel, discord.DMChannel) for m in answers)
    nudge, notice = answers
    http = adapter.http
    assert isinstance(http, Recording)
    assert http.direct == [author.id, owner.id]
    assert "Do 1" in nudge.content and "Do 1" in notice.content
    assert threat not in notice.content and author.name not in notice.content
    (row,) = http.payloads[-2]["components"]  # type: ignore[misc]
    (button,) = row["components"]
    assert button["label"] == BOT.get("nl", "nudge.button")
    assert button["custom_id"].startswith("samen:notmeant 1 ")


async def test_a_message_condemning_racism_brings_nothing(adapter: DiscordAdapter) -> None:
    config = dpytest.get_config()
    await dpytest.message(
        "Racisme is nooit ok, we moeten het samen bestrijden",
        channel=config.channels[0],
        member=config.members[1],
    )
    assert sent() == []


async def test_commands_sent_while_the_bot_was_away_are_answered_once_after_reconnecting(
    adapter: DiscordAdapter,
) -> None:
    config = dpytest.get_config()
    channel, member = config.channels[0], config.members[1]
    await dpytest.message("goedemorgen", channel=channel, member=member)  # the bot's last handled message
    state = dpytest.backend.get_state()
    state.stop_dispatch()  # the bot is offline: nothing reaches it
    dpytest.backend.make_message("!do 6", member, channel)
    dpytest.backend.make_message("ook een gewoon bericht", member, channel)
    state.start_dispatch()
    sent()
    await adapter.on_ready()
    (answer,) = sent()
    assert NL.do(6).text in answer.content
    await adapter.on_ready()
    assert sent() == []


class Webhooks:
    """Discord's interaction webhooks, in memory: discord.py answers slash commands through these, not through
    the HTTP client dpytest replaces, so this records each response (a third party no local peer stands in
    for)."""

    def __init__(self) -> None:
        self.responses: list[dict[str, Any]] = []

    def create_interaction_response(
        self, interaction_id: int, token: str, *, session: object, params: Any, **proxy: object
    ) -> Any:
        self.responses.append(params.payload)
        return _answer({"interaction": {"id": str(interaction_id), "type": 2}})

    def execute_webhook(
        self, webhook_id: int, *args: object, payload: Any = None, wait: bool = False, **kwargs: object
    ) -> Any:
        """A follow-up message (discord.py passes its JSON as ``payload``); with ``wait`` (an interaction's
        follow-up always waits) Discord answers with the message it created, which discord.py reads."""
        self.responses.append(payload or {})
        if not wait:
            return _answer(None)
        channel = dpytest.get_config().channels[0]
        return _answer(
            {
                "id": str(discord.utils.time_snowflake(discord.utils.utcnow())),
                "channel_id": str(channel.id),
                "author": {"id": str(webhook_id), "username": "samen", "discriminator": "0", "avatar": None},
                "content": (payload or {}).get("content", ""),
                "timestamp": discord.utils.utcnow().isoformat(),
                "edited_timestamp": None,
                "tts": False,
                "mention_everyone": False,
                "mentions": [],
                "mention_roles": [],
                "attachments": [],
                "embeds": [],
                "pinned": False,
                "type": 0,
                "flags": (payload or {}).get("flags", 0),
            }
        )


async def _answer(value: object) -> object:
    return value


_interaction_ids = itertools.count(1)


def interaction(
    client: DiscordAdapter, data: dict[str, Any], *, admin: bool = False, kind: int = 2
) -> discord.Interaction[Any]:
    """A slash command (or button press) as Discord sends it, from the first member in the first channel."""
    config = dpytest.get_config()
    guild, channel, member = config.guilds[0], config.channels[0], config.members[0]
    permissions = discord.Permissions(manage_guild=True).value if admin else 0
    payload = {
        # A snowflake of now, above every id of this millisecond (dpytest's message ids fill its low bits):
        # the core answers only what is newer than the last message it handled.
        "id": str(discord.utils.time_snowflake(discord.utils.utcnow(), high=True) + next(_interaction_ids)),
        "application_id": str(client.user.id if client.user else 1),
        "type": kind,
        "token": "interaction-token",
        "version": 1,
        "guild_id": str(guild.id),
        "channel_id": str(channel.id),
        "channel": {
            "id": str(channel.id),
            "type": 0,
            "guild_id": str(guild.id),
            "name": channel.name,
            "position": 0,
        },
        "member": {
            "user": {"id": str(member.id), "username": member.name, "discriminator": "0001", "avatar": None},
            "roles": [],
            "joined_at": "2026-09-01T09:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(permissions),
        },
        "data": data,
        "attachment_size_limit": 8_388_608,
        "locale": "nl",
    }
    return discord.Interaction(data=payload, state=client._connection)  # type: ignore[arg-type]


@pytest.fixture
def webhooks() -> Webhooks:
    hooks = Webhooks()
    async_context.set(hooks)  # type: ignore[arg-type]
    return hooks


def message_menu(command_id: str, name: str, target: discord.Message) -> dict[str, Any]:
    """The data of a message-menu interaction (type 3) used on ``target``, as Discord sends it."""
    message = dpytest.backend.facts.dict_from_message(target) | {"channel_id": str(target.channel.id)}
    return {
        "id": command_id,
        "name": name,
        "type": 3,
        "target_id": str(target.id),
        "resolved": {"messages": {str(target.id): message}},
    }


def _ephemeral(payload: dict[str, Any]) -> bool:
    """Whether an answer (the first response, with ``data``, or a follow-up, flat) is ephemeral."""
    return bool(payload.get("data", payload).get("flags", 0) & 64)


async def test_slash_do_answers_in_public_with_the_do(adapter: DiscordAdapter, webhooks: Webhooks) -> None:
    data = {"id": "1", "name": "do", "type": 1, "options": [{"name": "number", "type": 4, "value": 4}]}
    await adapter.tree._call(interaction(adapter, data))
    (response,) = webhooks.responses
    assert NL.do(4).text in response["data"]["content"] and not _ephemeral(response)


async def test_slash_help_is_ephemeral(adapter: DiscordAdapter, webhooks: Webhooks) -> None:
    await adapter.tree._call(interaction(adapter, {"id": "2", "name": "help", "type": 1}))
    # With every route's address the help takes two messages: the answer and an ephemeral follow-up.
    said = "\n".join(r.get("data", r).get("content", "") for r in webhooks.responses)
    assert NL.support[3].name in said and all(_ephemeral(r) for r in webhooks.responses)
    assert NL.support[3].link and NL.support[3].link in said
    assert "Wijs op een Do" in said and "als antwoord op een bericht" not in said
    assert sent() == []


async def test_slash_admin_commands_check_the_members_rights(
    adapter: DiscordAdapter, webhooks: Webhooks
) -> None:
    data = {"id": "3", "name": "lang", "type": 1, "options": [{"name": "choice", "type": 3, "value": "en"}]}
    await adapter.tree._call(interaction(adapter, data))
    await adapter.tree._call(interaction(adapter, data, admin=True))
    refusal, done = webhooks.responses
    assert refusal["data"]["content"] == BOT.get("nl", "admin_only") and _ephemeral(refusal)
    assert done["data"]["content"] == BOT.get("en", "lang.set") and not _ephemeral(done)


async def test_the_i_see_this_menu_answers_the_message_it_was_used_on(
    adapter: DiscordAdapter, webhooks: Webhooks
) -> None:
    config = dpytest.get_config()
    target = await dpytest.message("iets wat pijn doet", channel=config.channels[0], member=config.members[1])
    sent()
    await adapter.tree._call(interaction(adapter, message_menu("5", "I see this", target)))
    (seen,) = sent()
    assert "👀" in seen.content
    http = adapter.http
    assert isinstance(http, Recording) and http.references[-1] == target.id
    (ack,) = webhooks.responses
    assert _ephemeral(ack)


async def test_point_to_a_do_from_the_message_menu(adapter: DiscordAdapter, webhooks: Webhooks) -> None:
    config = dpytest.get_config()
    target = await dpytest.message(
        "iemands adres staat hier", channel=config.channels[0], member=config.members[1]
    )
    sent()
    await adapter.tree._call(interaction(adapter, message_menu("6", "Point to a Do", target)))
    (offer,) = webhooks.responses
    assert _ephemeral(offer) and offer["data"]["content"] == BOT.get("nl", "point.choose")
    (row,) = offer["data"]["components"]
    (select,) = row["components"]
    assert [o["label"] for o in select["options"]] == [f"{d.number}. {d.title}" for d in NL.dos]
    chosen = {"custom_id": select["custom_id"], "component_type": 3, "values": ["4"]}
    await adapter.on_interaction(interaction(adapter, chosen, kind=3))
    (reply,) = sent()
    assert NL.do(4).text in reply.content and config.members[1].name not in reply.content
    http = adapter.http
    assert isinstance(http, Recording) and http.references[-1] == target.id
    assert webhooks.responses[-1]["type"] == 7  # the menu closes


async def test_the_not_meant_button_is_thanked_privately_and_counted(
    adapter: DiscordAdapter, webhooks: Webhooks
) -> None:
    guild = dpytest.get_config().guilds[0]
    press = {"custom_id": f"samen:notmeant 1 {guild.id}", "component_type": 2}
    await adapter.on_interaction(interaction(adapter, press, kind=3))
    (thanks,) = webhooks.responses
    assert thanks["data"]["content"] == BOT.get("nl", "notmeant.thanks") and _ephemeral(thanks)
    counts = adapter.bot.store.counts("discord", str(guild.id))
    assert [(kind, do) for _, kind, do, _ in counts] == [("not_meant", 1)]


async def test_slash_commands_have_dutch_names_and_descriptions(adapter: DiscordAdapter) -> None:
    translator = Names()
    payloads = {
        c.name: await c.get_translated_payload(adapter.tree, translator) for c in adapter.tree.get_commands()
    }
    assert payloads["help"]["name_localizations"] == {"nl": "hulp"}
    assert payloads["lang"]["name_localizations"] == {"nl": "taal"}
    assert payloads["help"]["description_localizations"] == {"nl": BOT.get("nl", "describe.help")}
    assert int(payloads["lang"]["default_member_permissions"]) == discord.Permissions(manage_guild=True).value
    assert (
        "default_member_permissions" not in payloads["dos"]
        or payloads["dos"]["default_member_permissions"] is None
    )
    (topic,) = payloads["faq"]["options"]
    racism = next(c for c in topic["choices"] if c["value"] == "racism")
    assert racism["name_localizations"] == {"nl": "racisme"}
    menu = payloads["I see this"]
    assert menu["name_localizations"] == {"nl": "Ik zie dit"}


def test_long_texts_are_cut_into_messages_discord_takes() -> None:
    text = "\n\n".join(entry.answer for entry in NL.faq) * 3
    parts = chunks(text, "discord")
    assert all(len(p) <= 2000 for p in parts) and "".join(parts).replace("\n", "") == text.replace("\n", "")


@pytest.mark.usefixtures("extra_command")
async def test_a_declared_command_becomes_a_slash_command_in_the_packs_languages() -> None:
    bot = Bot(PACK, MemoryStore(), CAPABILITIES, dos_url=dos_url)
    client = DiscordAdapter(bot, sync_commands=False)
    command = client.tree.get_command("suggest")
    assert command is not None
    payload = await command.get_translated_payload(client.tree, Names())
    assert payload["name_localizations"] == {"nl": "voorstel"}
    (option,) = payload["options"]
    assert (option["name"], option["name_localizations"]) == ("words", {"nl": "woorden"})
    client.worker.close()


@pytest.mark.usefixtures("extra_command")
async def test_words_typed_into_a_slash_commands_text_option_are_read_like_any_message(
    webhooks: Webhooks, adapter: DiscordAdapter
) -> None:
    config = dpytest.get_config()
    config.guilds[0].owner_id = config.members[1].id
    data = {
        "id": "9",
        "name": "suggest",
        "type": 1,
        "options": [{"name": "words", "type": 3, "value": "ik maak je af als je dat nog een keer zegt"}],
    }
    await adapter.tree._call(interaction(adapter, data))
    answers = [r["data"]["content"] for r in webhooks.responses if "data" in r]
    assert answers and all(_ephemeral(r) for r in webhooks.responses if "data" in r)
    direct = sent()
    assert any("Do 1" in m.content and not is_notice(m.content) for m in direct)  # the author's nudge
    assert any(is_notice(m.content) for m in direct)  # and the owner's notice
    assert not any("maak je af" in text for text in answers + [m.content for m in direct])


async def test_the_report_menu_starts_the_private_dialog_about_that_message(
    adapter: DiscordAdapter, webhooks: Webhooks
) -> None:
    """ "Melden" on a message written by the server's owner: the dialog starts privately with that message
    as the one replied to; a report to the group's admins then leaves the owner out, and the reporter is
    told; nothing is said in the channel."""
    config = dpytest.get_config()
    channel, member, owner = config.channels[0], config.members[0], config.members[1]
    config.guilds[0].owner_id = owner.id
    target = await dpytest.message("iets over jou", channel=channel, member=owner)
    sent()
    await adapter.tree._call(interaction(adapter, message_menu("7", "Report", target)))
    (start,) = webhooks.responses
    group_admins = next(r.name for r in NL.support if r.id == PACK.spec.reports.group_route)
    routes = len(PACK.spec.reports.routes) + 1
    # Discord shows "4\\. De beheerder" as "4. De beheerder" (a number at a line's start is escaped like any
    # list marker in the text, so that the pack's words show as written)
    shown = start["data"]["content"].replace("\\.", ".")
    assert _ephemeral(start) and f"{routes}. {group_admins}" in shown
    assert sent() == []
    dm = await member.create_dm()
    for answer in (str(routes), "anoniem", STORY_NL, "ja", "nee"):
        await dpytest.message(answer, channel=dm, member=member)
    answers = sent()
    assert all(isinstance(m.channel, discord.DMChannel) for m in answers)
    said = "\n".join(m.content for m in answers)
    assert BOT.get("nl", "report.admins.left_out") in said and "Je code:" in said
    assert STORY_NL not in said  # the owner, the only admin told on Discord, is left out
    store = adapter.bot.store
    assert isinstance(store, MemoryStore)
    (kept,) = store.reports.values()
    assert (kept.route, kept.left_out, kept.link) == (
        PACK.spec.reports.group_route,
        str(owner.id),
        f"discord:{config.guilds[0].id}/{target.id}",
    )


async def test_the_report_menu_is_localised(adapter: DiscordAdapter) -> None:
    payloads = {
        c.name: await c.get_translated_payload(adapter.tree, Names()) for c in adapter.tree.get_commands()
    }
    assert payloads[BOT.get("en", "menu.report")]["name_localizations"] == {
        "nl": BOT.get("nl", "menu.report")
    }
