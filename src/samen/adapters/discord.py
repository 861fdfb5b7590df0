"""The Discord adapter: guild events, slash commands and messages into bot events; actions into Discord calls.

What it does on a server (see ``docs/bot.md``):

- joining a server is the :class:`~samen.bot.events.Added` that starts the onboarding in the server's
  system channel (or the first text channel the bot may write in); a member joining is a
  :class:`~samen.bot.events.Joined`;
- application (slash) commands with Dutch names and descriptions for Dutch clients (``/do``, ``/hulp``,
  ``/faq``, ``/taal``…), the admin ones only shown to members who may manage the server; message context
  menus "Ik zie dit" / "I see this", "Melden" / "Report" (the private report dialog about that message) and
  "Wijs op een Do" / "Point to a Do" (a choice of the Do's, then the
  bot replies to that message); ``!`` text commands as well, so that ``!do 4`` sent as a reply points to a
  Do with the message quoted;
- ordinary messages go to the signals (this needs the message content intent); nudges arrive as a direct
  message with a "not meant that way" button;
- help and admin refusals are ephemeral replies to a slash command, direct messages otherwise;
- discord.py itself reconnects (resuming the session, with backoff) and waits out 429s; a login failure
  ends with one line naming ``SAMEN_DISCORD_TOKEN``. Logs name event kinds and error types, never a token
  or a message's text. One failing event never stops the bot.

A server is one group for the bot (settings, language, counts); replies go to the channel the command
came from.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
import discord
from discord import app_commands

from samen.adapters.base import PlatformAdapter, Refusal, reconnecting
from samen.adapters.text import chunks, either, shorten
from samen.bot import (
    Added,
    Bot,
    Capabilities,
    Command,
    Describe,
    GroupID,
    Joined,
    MessageID,
    NotifyAdmins,
    Post,
    Private,
    Reply,
    Said,
    UserID,
    message_event,
    parse,
)
from samen.bot.commands import COMMANDS, Option
from samen.content import load_strings
from samen.content.strings import FALLBACK
from samen.errors import ConfigError
from samen.settings import DOC, Settings

log = logging.getLogger("samen.adapters.discord")

T = TypeVar("T")

CAPABILITIES = Capabilities("discord", prefix="/", private=True, images=True, buttons=True, menus=True)

#: Button ids the bot made start with this, so that other components are left alone.
BUTTON_PREFIX = "samen:"
#: The most messages per channel read back after a reconnection.
CATCH_UP_LIMIT = 100
#: Text commands start with ``!`` on Discord too (a slash command cannot reply to a message).
TEXT_PREFIXES = ("!",)


def intents() -> discord.Intents:
    """The gateway intents the bot needs: messages with their content (signals, ``!`` commands) and members
    (welcomes). Both are privileged: switch them on in the developer portal."""
    wanted = discord.Intents.default()
    wanted.message_content = True
    wanted.members = True
    return wanted


@dataclass
class Origin:
    """Where the event being handled came from: the channel to answer in, and the interaction or message."""

    channel: discord.abc.Messageable | None
    interaction: discord.Interaction | None = None
    author: discord.User | discord.Member | None = None


class Names(app_commands.Translator):
    """Names, descriptions and choices in every language of the pack that the strings have them in: each
    ``locale_str`` carries its texts by language code in its extras (the English text is the default)."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContext[Any, Any],
    ) -> str | None:
        """The text for a client's language (``nl``, ``de``, ``pt-BR`` -> ``pt``…); None: the default."""
        text = string.extras.get(locale.value.split("-")[0])
        return str(text) if text is not None else None


def _localized(texts: dict[str, str], languages: tuple[str, ...]) -> app_commands.locale_str:
    """A text for Discord: the English one (the catalogue's fallback) as default, the pack's other languages
    as its translations."""
    default = texts.get(FALLBACK) or next(iter(texts.values()))
    return app_commands.locale_str(
        default, **{code: texts[code] for code in languages if code != FALLBACK and code in texts}
    )


class DiscordAdapter(PlatformAdapter[Origin], discord.Client):
    """Drives one :class:`~samen.bot.Bot` from one Discord bot account.

    Args:
        bot: the core, built with :data:`CAPABILITIES`.
        sync_commands: register the slash commands with Discord when connecting (off in tests).
    """

    def __init__(self, bot: Bot, *, sync_commands: bool = True, **options: Any) -> None:
        options.setdefault("intents", intents())
        # The bot never pings anyone: not @everyone from a pasted intro, and not the author of a message it
        # points to a Do (nobody named or shamed), as on Matrix with its empty m.mentions.
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        discord.Client.__init__(self, **options)
        PlatformAdapter.__init__(self, bot)
        self.sync_commands = sync_commands
        self.tree = app_commands.CommandTree(self)
        self.tree.on_error = self.on_command_error  # type: ignore[method-assign]
        self._register()

    # -- life ------------------------------------------------------------------------------------------

    async def setup_hook(self) -> None:
        """Register the slash commands with their Dutch names (once per connection)."""
        await self.tree.set_translator(Names())
        if self.sync_commands:
            await self.tree.sync()

    async def close(self) -> None:
        """Disconnect, then let the core finish what it was doing."""
        await super().close()
        self.worker.close()

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """Log a failure by its type only (its message may hold a member's text) and go on."""
        log.error("Discord %s failed", event_method, exc_info=False)

    async def on_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Log a failing slash command by its type only, as every other failure."""
        log.error("Discord slash command failed: %s", type(error).__name__)

    # -- events in -------------------------------------------------------------------------------------

    async def on_ready(self) -> None:
        """After every (re)connection: answer the ``!`` commands sent while the bot was away, none twice."""
        for guild in self.guilds:
            try:
                await self.catch_up(guild)
            except Exception as exc:
                log.error("Discord catching up failed: %s", type(exc).__name__)

    async def catch_up(self, guild: discord.Guild) -> None:
        """Read each channel's messages after the last one handled in a server and hand on the commands.

        A server the bot never handled anything in has no mark: its history is not a list of requests.
        Discord's gateway does not replay what was sent while a bot was offline; the history does.
        """
        state = await self.worker.run(self.bot.group, GroupID(str(guild.id)))
        if state.last_position is None:
            return
        after = discord.Object(id=state.last_position)
        me = guild.me
        missed: list[discord.Message] = []
        for channel in guild.text_channels:
            if me is not None and not channel.permissions_for(me).read_message_history:
                continue
            async for message in channel.history(after=after, limit=CATCH_UP_LIMIT, oldest_first=True):
                if not message.author.bot:
                    missed.append(message)
        # In the order they were sent across channels: the core skips anything older than its mark.
        for message in sorted(missed, key=lambda m: m.id):
            event = self.to_event(message)
            if isinstance(event, Command):
                await self.deliver(event, Origin(message.channel, author=message.author))

    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Added to a server: the onboarding, in its home channel."""
        await self.deliver(Added(group=GroupID(str(guild.id))), Origin(self.home(guild)))

    async def on_member_join(self, member: discord.Member) -> None:
        """A member joined: the welcome, in the server's home channel."""
        if member.bot:
            return
        event = Joined(
            group=GroupID(str(member.guild.id)), user=UserID(str(member.id)), name=member.display_name
        )
        await self.deliver(event, Origin(self.home(member.guild)))

    async def on_message(self, message: discord.Message) -> None:
        """A message: a ``!`` command, or text for the signals."""
        if message.author.bot or self.user is None or message.author.id == self.user.id:
            return
        event = self.to_event(message)
        if event is not None:
            await self.deliver(event, Origin(message.channel, author=message.author))

    def to_event(self, message: discord.Message) -> Command | Said | None:
        """The bot event a message is, or None for what the bot ignores (empty text)."""
        direct = message.guild is None
        group = GroupID(str(message.guild.id) if message.guild else f"dm-{message.channel.id}")
        user = UserID(str(message.author.id))
        admin = _is_admin(message.author)
        if not message.content.strip():
            return None
        reply_to = message.reference.message_id if message.reference else None
        return message_event(
            message.content,
            TEXT_PREFIXES,
            group=group,
            user=user,
            at=message.created_at.timestamp(),
            is_admin=admin,
            direct=direct,
            reply_to=MessageID(str(reply_to)) if reply_to else None,
            reply_author=_author(message.reference),
            message_id=MessageID(str(message.id)),
            position=message.id,
        )

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A press on one of the bot's buttons ("not meant that way"); commands go through the tree."""
        data: Any = interaction.data or {}
        custom_id = str(data.get("custom_id", ""))
        if interaction.type is not discord.InteractionType.component or not custom_id.startswith(
            BUTTON_PREFIX
        ):
            return
        parsed = parse(custom_id[len(BUTTON_PREFIX) :], ("",))
        if parsed is None:
            return
        name, args = parsed
        if name == "point":
            await self.point(interaction, args, data)
            return
        event = Command(
            group=GroupID(f"dm-{interaction.channel_id}"),
            user=UserID(str(interaction.user.id)),
            name=name,
            args=args,
            direct=True,
        )
        await self.deliver(event, Origin(_messageable(interaction.channel), interaction, interaction.user))

    async def offer_dos(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """The "point to a Do" menu on a message: an ephemeral choice of the Do's, in the group's language."""
        guild = interaction.guild
        state = await self.worker.run(self.bot.group, GroupID(str(guild.id) if guild else "-"))
        local = self.bot.pack.language(self.bot.language(state))
        strings = load_strings("bot")
        select: discord.ui.Select[discord.ui.View] = discord.ui.Select(
            custom_id=f"{BUTTON_PREFIX}point {message.id}",
            placeholder=strings.get(local.code, "point.placeholder"),
            options=[
                discord.SelectOption(
                    label=shorten(f"{do.number}. {do.title}", "discord", "select.option.label"),
                    value=str(do.number),
                )
                for do in local.dos
            ],
        )
        view = discord.ui.View(timeout=None)
        view.add_item(select)
        await interaction.response.send_message(
            strings.get(local.code, "point.choose"), view=view, ephemeral=True
        )

    async def point(self, interaction: discord.Interaction, args: tuple[str, ...], data: Any) -> None:
        """A Do chosen in the menu: the bot replies to the message with that Do, and the menu closes."""
        values = data.get("values") or []
        guild = interaction.guild
        if not args or not values or guild is None:
            return
        event = Command(
            group=GroupID(str(guild.id)),
            user=UserID(str(interaction.user.id)),
            name="do",
            args=(str(values[0]),),
            reply_to=MessageID(args[0]),
            position=interaction.id,
        )
        await self.deliver(event, Origin(_messageable(interaction.channel), interaction, interaction.user))
        if not interaction.response.is_done():
            await interaction.response.edit_message(content="✓", view=None)

    async def command(
        self,
        interaction: discord.Interaction,
        name: str,
        *args: str,
        reply_to: int | None = None,
        reply_author: UserID | None = None,
        text: str = "",
    ) -> None:
        """A slash command or context menu, as a bot command.

        Args:
            text: words the member typed into a free-text option, which the signals read as any message.
        """
        guild = interaction.guild
        event = Command(
            group=GroupID(str(guild.id) if guild else f"dm-{interaction.channel_id}"),
            user=UserID(str(interaction.user.id)),
            name=name,
            args=tuple(a for a in args if a),
            text=text,
            at=interaction.created_at.timestamp(),
            # The member's resolved permissions, as Discord sends them with the interaction.
            is_admin=guild is not None
            and (interaction.permissions.manage_guild or interaction.permissions.administrator),
            direct=guild is None,
            reply_to=MessageID(str(reply_to)) if reply_to else None,
            reply_author=reply_author,
            position=interaction.id,
        )
        origin = Origin(_messageable(interaction.channel), interaction, interaction.user)
        await self.deliver(event, origin)
        if not interaction.response.is_done():
            # Already answered before a reconnect: Discord still wants an answer to the interaction.
            await interaction.response.send_message("✓", ephemeral=True)

    # -- actions out -----------------------------------------------------------------------------------

    async def post(self, action: Post, origin: Origin) -> None:
        """The message in the channel (in parts where it is long), the image with its last part, then the
        pin; a missing right is a :class:`Refusal` (the image's after the text has gone)."""
        channel = origin.channel
        if channel is None:
            return
        parts = chunks(action.body.text, "discord")
        sent: discord.Message | None = None
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            file = None
            if last and action.image is not None:
                file = discord.File(
                    io.BytesIO(action.image.data),
                    filename=action.image.filename,
                    description=action.image.alt,
                )
            try:
                sent = await channel.send(part, file=file) if file else await channel.send(part)
            except discord.Forbidden:
                if file is None:
                    raise Refusal("send") from None
                # Attach Files is missing: the text still goes, and the admins hear about the image.
                sent = await _refusing("send", channel.send(part))
                await self.refused(action.group, "image", origin)
        if action.pin and sent is not None:
            await _refusing("pin", sent.pin())

    async def reply(self, action: Reply, origin: Origin) -> None:
        """Answer the interaction in public, or reply to the message in the channel."""
        try:
            await self._reply(action, origin)
        except discord.Forbidden:
            raise Refusal("send") from None

    async def _reply(self, action: Reply, origin: Origin) -> None:
        interaction = origin.interaction
        parts = chunks(action.body.text, "discord")
        if interaction is not None and (action.quote is None or action.quote == str(interaction.id)):
            for part in parts:
                await self._respond(interaction, part, ephemeral=False)
            return
        channel = origin.channel
        if channel is None:
            return
        reference = None
        if action.quote is not None and isinstance(channel, discord.abc.GuildChannel | discord.DMChannel):
            reference = discord.MessageReference(
                message_id=int(action.quote), channel_id=channel.id, fail_if_not_exists=False
            )
        for i, part in enumerate(parts):
            if i == 0 and reference is not None:
                await channel.send(part, reference=reference, mention_author=False)
            else:
                await channel.send(part)

    async def private(self, action: Private, origin: Origin) -> None:
        """An ephemeral answer to an interaction, else a direct message (with the buttons); where the member
        takes no direct messages, the channel if the action allows."""
        interaction = origin.interaction
        if interaction is not None and not action.buttons:
            for part in chunks(action.body.text, "discord"):
                await self._respond(interaction, part, ephemeral=True)
            return
        view = None
        if action.buttons:
            view = discord.ui.View(timeout=None)
            for button in action.buttons:
                view.add_item(discord.ui.Button(label=button.label, custom_id=BUTTON_PREFIX + button.data))
        try:
            user = origin.author if origin.author is not None else await self.fetch_user(int(action.user))
            parts = chunks(action.body.text, "discord")
            for i, part in enumerate(parts):
                if view is not None and i == len(parts) - 1:
                    await user.send(part, view=view)
                else:
                    await user.send(part)
        except (discord.Forbidden, discord.NotFound):
            # The member does not take direct messages from server members.
            if action.fallback and origin.channel is not None:
                for part in chunks(action.body.text, "discord"):
                    await origin.channel.send(part)

    async def _respond(self, interaction: discord.Interaction, text: str, *, ephemeral: bool) -> None:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=ephemeral)
        else:
            await interaction.response.send_message(text, ephemeral=ephemeral)

    async def describe(self, action: Describe, origin: Origin) -> None:
        """The channel's topic (the short form where the long one does not fit)."""
        channel = origin.channel
        if not isinstance(channel, discord.TextChannel):
            return
        topic = either(action.text, action.short, "discord", "topic")
        await _refusing("topic", channel.edit(topic=topic))

    async def notify_admins(self, action: NotifyAdmins, origin: Origin | None = None) -> None:
        """Tell the server's owner privately (unless it leaves them out: then the reporter is told); a closed
        inbox is logged, never made public."""
        guild = self.get_guild(int(action.group)) if action.group.isdigit() else None
        if guild is None or guild.owner_id is None:
            return
        if str(guild.owner_id) == action.leave_out:
            # A report never reaches the one it is about: the owner is the only admin told, so nobody is.
            if action.told is not None and origin is not None:
                await self.private(action.told, origin)
            return
        try:
            owner = guild.owner or await guild.fetch_member(guild.owner_id)
            for part in chunks(action.body.text, "discord"):
                await owner.send(part)
        except (discord.Forbidden, discord.NotFound, discord.HTTPException) as exc:
            log.warning("Discord admin notice not delivered: %s", type(exc).__name__)

    # -- where to post -------------------------------------------------------------------------------

    def home(self, guild: discord.Guild) -> discord.TextChannel | None:
        """The channel for the onboarding and welcomes: the system channel, else the first one the bot
        may write in."""
        me = guild.me
        candidates = [guild.system_channel, *guild.text_channels]
        for channel in candidates:
            if channel is not None and (me is None or channel.permissions_for(me).send_messages):
                return channel
        return None

    # -- slash commands ------------------------------------------------------------------------------

    def _register(self) -> None:
        """The slash commands and the message menus, derived from the commands' declarations
        (:data:`samen.bot.commands.COMMANDS`) and translated into the pack's languages."""
        strings = load_strings("bot")
        languages = self.bot.pack.languages

        def text(key: str) -> app_commands.locale_str:
            return _localized(strings.languages(key), languages)

        for spec in COMMANDS.values():
            if not spec.listed:
                continue
            names = {lang: spec.shown(lang) for lang in spec.names}
            command: app_commands.Command[Any, Any, None] = app_commands.Command(
                name=_localized(names, languages),
                description=text(f"describe.{spec.name}"),
                callback=self._slash(spec.name, spec.option, text),
            )
            if spec.admin:
                # Offered only to members who may manage the server, and never in a direct chat.
                command.default_permissions = discord.Permissions(manage_guild=True)
                command.guild_only = True
            self.tree.add_command(command)

        async def see_message(interaction: discord.Interaction, message: discord.Message) -> None:
            await self.command(interaction, "see", reply_to=message.id)

        async def point_message(interaction: discord.Interaction, message: discord.Message) -> None:
            await self.offer_dos(interaction, message)

        async def report_message(interaction: discord.Interaction, message: discord.Message) -> None:
            # The private report dialog, with this message as the one replied to (its author left out).
            await self.command(
                interaction, "report", reply_to=message.id, reply_author=UserID(str(message.author.id))
            )

        self.tree.add_command(app_commands.ContextMenu(name=text("menu.see"), callback=see_message))
        self.tree.add_command(app_commands.ContextMenu(name=text("menu.point"), callback=point_message))
        self.tree.add_command(app_commands.ContextMenu(name=text("menu.report"), callback=report_message))

    def _slash(self, name: str, option: Option | None, text: Callable[[str], app_commands.locale_str]) -> Any:
        """The callback of a slash command: the option, if any, as Discord's form field."""
        if option is None:

            async def bare(interaction: discord.Interaction) -> None:
                await self.command(interaction, name)

            return bare
        rename = app_commands.rename(value=text(f"option.{option.name}"))
        describe = app_commands.describe(value=text(f"describe.{option.name}"))
        if option.kind == "number":

            async def number(interaction: discord.Interaction, value: int) -> None:
                await self.command(interaction, name, str(value))

            return rename(describe(number))
        if option.kind == "text":

            async def words(interaction: discord.Interaction, value: str) -> None:
                await self.command(interaction, name, *value.split(), text=value)

            return rename(describe(words))

        async def choose(interaction: discord.Interaction, value: app_commands.Choice[str]) -> None:
            await self.command(interaction, name, value.value)

        return rename(describe(app_commands.choices(value=self._choices(option))(choose)))

    def _choices(self, option: Option) -> list[app_commands.Choice[str]]:
        """A choice option's choices: the pack's FAQ topics or languages, or the option's keywords."""
        pack = self.bot.pack
        if option.kind == "languages":
            return [app_commands.Choice(name=pack.language(c).text.name, value=c) for c in pack.languages]
        if option.kind == "faq":
            choices = []
            for entry in pack.language(pack.default_language).faq:
                if not entry.topic:
                    continue
                names = {
                    code: next(
                        (e.keywords[0] for e in pack.language(code).faq if e.id == entry.id and e.keywords),
                        entry.id,
                    )
                    for code in pack.languages
                }
                choices.append(app_commands.Choice(name=_localized(names, pack.languages), value=entry.id))
            return choices
        strings = load_strings("bot")
        return [
            app_commands.Choice(
                name=_localized(
                    {
                        lang: words.split(",")[0].strip()
                        for lang, words in strings.languages(f"choice.{value}").items()
                    },
                    pack.languages,
                ),
                value=value,
            )
            for value in option.choices
        ]


async def _refusing(permission: str, call: Awaitable[T]) -> T:
    """Await a Discord call; its 403 (a missing permission, by type) becomes a :class:`Refusal`."""
    try:
        return await call
    except discord.Forbidden:
        raise Refusal(permission) from None


def _messageable(channel: object) -> discord.abc.Messageable | None:
    """A channel the bot can write in, or None (a forum or category)."""
    return channel if isinstance(channel, discord.abc.Messageable) else None


def _author(reference: discord.MessageReference | None) -> UserID | None:
    """Who wrote the message a reply answers, where Discord sent it along (None when it did not)."""
    resolved = reference.resolved if reference is not None else None
    return UserID(str(resolved.author.id)) if isinstance(resolved, discord.Message) else None


def _is_admin(user: discord.abc.User) -> bool:
    """Whether a member may change the bot's settings: those who may manage the server."""
    if isinstance(user, discord.Member):
        permissions = user.guild_permissions
        return permissions.manage_guild or permissions.administrator
    return False


async def serve(settings: Settings, bot: Bot) -> None:
    """Connect to Discord with ``SAMEN_DISCORD_TOKEN`` and run until stopped.

    Raises:
        ConfigError: when the token is missing or Discord refuses it (never showing the token).
    """
    settings.require("discord_token")
    assert settings.discord_token is not None
    adapter = DiscordAdapter(bot)
    try:
        async with adapter:
            token = settings.discord_token.get_secret_value()
            await reconnecting(
                lambda: adapter.login(token),
                on=lambda exc: isinstance(exc, aiohttp.ClientError | OSError | discord.GatewayNotFound),
                name="Discord login",
            )
            # reconnect=True: discord.py resumes or reconnects with exponential backoff after every drop.
            await adapter.connect(reconnect=True)
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(
            "Switch on the message content and server members intents in Discord's developer portal.",
            key="bot:discord_intents",
        ) from None
    except discord.LoginFailure:
        raise ConfigError(
            f"SAMEN_DISCORD_TOKEN was refused by Discord; see {DOC}.",
            key="config.invalid",
            variable="SAMEN_DISCORD_TOKEN",
            doc=DOC,
        ) from None
