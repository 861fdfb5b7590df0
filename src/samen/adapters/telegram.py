"""The Telegram adapter: Bot API updates into bot events; actions into Bot API calls (python-telegram-bot).

What it does in a group (see ``docs/bot.md``):

- being added to a group (``my_chat_member``) is the :class:`~samen.bot.events.Added` that starts the
  onboarding; a member joining (``new_chat_members``) is a :class:`~samen.bot.events.Joined`;
- ``/`` commands in both languages, registered with Telegram in English and, for Dutch clients, in Dutch
  (``/hulp``, ``/taal``…); ``/do 4`` sent as a reply points to a Do with that message quoted;
- ordinary text goes to the signals (the bot needs privacy mode off, or to be an admin, to see it); a nudge
  arrives as a direct message with a "not meant that way" button, but only when the member has started a
  chat with the bot: Telegram lets no bot write first, and then the nudge stays silent;
- help and admin refusals go as a direct message where possible, else as a reply in the group;
- messages in Telegram HTML; the illustration as a photo; the description in the 255 characters a chat
  description takes;
- the updates Telegram keeps while the bot is away are answered when it is back (none twice: the core
  skips update ids it handled); polling retries with backoff after network errors; a 429 is waited out as
  long as Telegram asks. Logs name update kinds and error types, never the token or a message's text.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from telegram import (
    Bot as TelegramBot,
)
from telegram import (
    BotCommand,
    ChatMember,
    ChatMemberAdministrator,
    ChatMemberRestricted,
    ChatMemberUpdated,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from samen.adapters.base import PlatformAdapter, Refusal, reconnecting, retrying
from samen.adapters.text import chunks, either, shorten
from samen.bot import (
    Added,
    Body,
    Bot,
    Capabilities,
    Command,
    Describe,
    GroupID,
    Joined,
    MessageID,
    Moved,
    NotifyAdmins,
    Post,
    Private,
    Reply,
    UserID,
    message_event,
    parse,
    resolve,
)
from samen.bot.commands import COMMANDS
from samen.content import load_strings
from samen.content.strings import FALLBACK
from samen.errors import ConfigError
from samen.render import fits
from samen.settings import DOC, Settings

log = logging.getLogger("samen.adapters.telegram")

CAPABILITIES = Capabilities("telegram", prefix="/", private=True, images=True, buttons=True)

#: How long an admin check stays valid, in seconds.
ADMIN_CACHE_SECONDS = 60.0

T = TypeVar("T")

Context = ContextTypes.DEFAULT_TYPE


def retry_on(exc: Exception) -> bool | float:
    """The shared retry policy's hook (:func:`samen.adapters.base.retrying`), by error type: the seconds a
    429 asks for, True for a network error or timeout, False for anything else (raised at once)."""
    if isinstance(exc, RetryAfter):
        wait = exc.retry_after
        return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


def menu(lang: str) -> list[BotCommand]:
    """The command menu in a language, from the commands' declarations: each listed command's shown name
    and its description."""
    strings = load_strings("bot")
    return [
        BotCommand(spec.shown(lang), strings.get(lang, f"describe.{spec.name}"))
        for spec in COMMANDS.values()
        if spec.listed
    ]


#: The rights a permission needs, as Telegram's member records name them (``can_*``).
RIGHTS: dict[str, str] = {
    "send": "can_send_messages",
    "image": "can_send_photos",
    "pin": "can_pin_messages",
    "topic": "can_change_info",
}


class TelegramAdapter(PlatformAdapter[int]):
    """Drives one :class:`~samen.bot.Bot` from one Telegram bot account; the context of an action is the
    chat the event came from.

    Args:
        bot: the core, built with :data:`CAPABILITIES`.
        application: python-telegram-bot's application (tests build one on a recording request).
    """

    platform = "Telegram"

    def __init__(self, bot: Bot, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        super().__init__(bot)
        self.application = application
        self._admins: dict[tuple[int, int], tuple[float, bool]] = {}
        application.add_handler(ChatMemberHandler(self.on_my_member, ChatMemberHandler.MY_CHAT_MEMBER))
        application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, self.on_migrated))
        application.add_handler(MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, self.on_joined))
        application.add_handler(MessageHandler(filters.TEXT, self.on_message))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_error_handler(self.on_error)

    @property
    def api(self) -> TelegramBot:
        """The Bot API client."""
        api: TelegramBot = self.application.bot
        return api

    async def register_commands(self) -> None:
        """Tell Telegram the command menu: English for everyone, each other pack language for its clients."""
        if not self.api.can_read_all_group_messages:
            log.warning(
                "Telegram privacy mode is on: the signals see no ordinary group messages (see docs/bot.md)"
            )
        # English for every client, then the pack's other languages for clients set to them.
        await self.call(lambda: self.api.set_my_commands(menu(FALLBACK)))
        for code in self.bot.pack.languages:
            if code != FALLBACK:
                commands = menu(code)
                await self.call(lambda: self.api.set_my_commands(commands, language_code=code))  # noqa: B023

    async def call(self, make: Callable[[], Awaitable[T]]) -> T:
        """A Bot API call through the shared retry policy (a 429 waited out as long as Telegram asks)."""
        return await retrying(make, on=retry_on, name="Telegram call")

    async def on_error(self, update: object, context: Context) -> None:
        """Log a failing update by its error type only (the error may quote a member's text)."""
        log.error("Telegram update failed: %s", type(context.error).__name__)

    # -- events in -------------------------------------------------------------------------------------

    async def on_my_member(self, update: Update, context: Context) -> None:
        """The bot's own membership changed: joining a group starts the onboarding."""
        change = update.my_chat_member
        if change is None or change.chat.type == ChatType.PRIVATE or not _joined(change):
            return
        event = Added(
            group=GroupID(str(change.chat.id)),
            by=UserID(str(change.from_user.id)),
            position=update.update_id,
        )
        await self.deliver(event, change.chat.id)

    async def on_migrated(self, update: Update, context: Context) -> None:
        """A group became a supergroup (Telegram does so at 200 members): its settings move to the new id."""
        message = update.effective_message
        if message is None or message.migrate_to_chat_id is None:
            return
        event = Moved(group=GroupID(str(message.chat.id)), to=GroupID(str(message.migrate_to_chat_id)))
        await self.deliver(event, message.chat.id)

    async def on_joined(self, update: Update, context: Context) -> None:
        """Members joined a group: a welcome for each person (not for bots, the samen bot included)."""
        message = update.effective_message
        if message is None:
            return
        for member in message.new_chat_members or ():
            if member.is_bot:
                continue
            event = Joined(
                group=GroupID(str(message.chat.id)), user=UserID(str(member.id)), name=member.first_name
            )
            await self.deliver(event, message.chat.id)

    async def on_message(self, update: Update, context: Context) -> None:
        """A member's text: a ``/`` command in either language, or an ordinary message for the signals.

        ``/cmd@otherbot`` is another bot's command: not answered, but its words are read like any message's,
        as is anything after ``/`` that is no command of ours (``/ik maak je af``).
        """
        message = update.effective_message
        if message is None or not message.text or message.from_user is None or message.from_user.is_bot:
            return
        head = message.text.split(maxsplit=1)[0]
        addressee = head.partition("@")[2].lower()
        mine = not addressee or addressee == (self.api.username or "").lower()
        prefixes = (CAPABILITIES.prefix,) if mine else ()
        # "/hulp@samen_bot …" is "/hulp …" to us, and "/start@other_bot …" is "/start …": the parser (ours
        # only) and the signals read the member's words, not a bot's name ("@other_bot" read as l33t, "a",
        # made "startaother_bot" of it, and a threat after it scored under the threshold).
        command_to_a_bot = head.startswith("/") and addressee
        text = message.text.replace(head, head.partition("@")[0], 1) if command_to_a_bot else message.text
        direct = message.chat.type == ChatType.PRIVATE
        parsed = parse(text, prefixes) if prefixes else None
        found = resolve(parsed[0]) if parsed is not None else None
        # Asked of Telegram only where it matters: an admin command, or the help that lists them for admins.
        admin = bool(found and found[0].asks_admin and not direct) and await self.is_admin(message)
        reply_to = message.reply_to_message.message_id if message.reply_to_message else None
        event = message_event(
            text,
            prefixes,
            group=GroupID(str(message.chat.id)),
            user=UserID(str(message.from_user.id)),
            at=message.date.timestamp(),
            is_admin=admin,
            direct=direct,
            reply_to=MessageID(str(reply_to)) if reply_to else None,
            reply_author=_author(message.reply_to_message),
            message_id=MessageID(str(message.message_id)),
            position=update.update_id,
        )
        await self.deliver(event, message.chat.id)

    async def on_button(self, update: Update, context: Context) -> None:
        """A press on "not meant that way" under a nudge."""
        query = update.callback_query
        if query is None or not query.data:
            return
        await self.call(lambda: query.answer())
        parsed = parse(query.data, ("",))
        if parsed is None:
            return
        name, args = parsed
        chat_id = query.message.chat.id if query.message is not None else query.from_user.id
        event = Command(
            group=GroupID(str(chat_id)),
            user=UserID(str(query.from_user.id)),
            name=name,
            args=args,
            direct=True,
            position=update.update_id,
        )
        await self.deliver(event, chat_id)

    async def is_admin(self, message: Message) -> bool:
        """Whether the sender administers the group (asked of Telegram, remembered for a minute)."""
        if message.sender_chat is not None and message.sender_chat.id == message.chat.id:
            return True  # an anonymous admin writes as the group itself
        assert message.from_user is not None
        key = (message.chat.id, message.from_user.id)
        now = time.monotonic()
        cached = self._admins.get(key)
        if cached is not None and now - cached[0] < ADMIN_CACHE_SECONDS:
            return cached[1]
        member = await self.call(lambda: self.api.get_chat_member(key[0], key[1]))
        admin = member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
        self._admins[key] = (now, admin)
        return admin

    # -- actions out -----------------------------------------------------------------------------------

    async def reply(self, action: Reply, chat_id: int) -> None:
        """Answer in the chat, quoting the message where there is one."""
        quote = int(action.quote) if action.quote and action.quote.isdigit() else None
        await self.send(chat_id, action.body, quote=quote)

    async def send(
        self,
        chat_id: int,
        body: Body,
        *,
        quote: int | None = None,
        markup: InlineKeyboardMarkup | None = None,
    ) -> Message:
        """Send a body as Telegram HTML (as plain text parts when it is too long for one message)."""
        reply = ReplyParameters(message_id=quote, allow_sending_without_reply=True) if quote else None
        # The limit counts the text after the HTML is parsed; the HTML itself is longer, so this is safe.
        if body.html is not None and fits("telegram", "message", body.html):
            html = body.html
            return await self.call(
                lambda: self.api.send_message(
                    chat_id, html, parse_mode=ParseMode.HTML, reply_parameters=reply, reply_markup=markup
                )
            )
        parts = chunks(body.text, "telegram")
        sent: Message | None = None
        for i, part in enumerate(parts):
            sent = await self.call(
                _sender(
                    self.api,
                    chat_id,
                    part,
                    reply if i == 0 else None,
                    markup if i == len(parts) - 1 else None,
                )
            )
        assert sent is not None
        return sent

    async def post(self, action: Post, chat_id: int) -> None:
        """The message, the illustration as a photo, then the pin; a missing right is a :class:`Refusal`
        (for the photo and the pin after the text has gone)."""
        sent = await self.guarded(chat_id, "send", lambda: self.send(chat_id, action.body))
        if action.image is not None:
            image = action.image
            caption = shorten(image.alt, "telegram", "caption")
            try:
                await self.guarded(
                    chat_id,
                    "image",
                    lambda: self.call(lambda: self.api.send_photo(chat_id, image.data, caption=caption)),
                )
            except Refusal as refusal:
                await self.refused(action.group, refusal.permission, chat_id)
        if action.pin:
            await self.guarded(
                chat_id,
                "pin",
                lambda: self.call(
                    lambda: self.api.pin_chat_message(chat_id, sent.message_id, disable_notification=True)
                ),
            )

    async def guarded(self, chat_id: int, permission: str, call: Callable[[], Awaitable[T]]) -> T:
        """Make a call that needs a right; when Telegram refuses it (403, or a 400 while the bot's own member
        record says the right is missing) raise :class:`Refusal`, else let the error through."""
        try:
            return await call()
        except Forbidden:
            raise Refusal(permission) from None
        except BadRequest:
            if not await self.lacks(chat_id, permission):
                raise
            raise Refusal(permission) from None

    async def lacks(self, chat_id: int, permission: str) -> bool:
        """Whether the bot lacks a right in a chat, as its own member record and the chat's permissions for
        members say (Telegram's words in an error are no contract)."""
        right = RIGHTS.get(permission)
        if right is None:
            return False
        me = await self.call(lambda: self.api.get_chat_member(chat_id, self.api.id))
        if me.status == ChatMember.OWNER:
            return False
        if isinstance(me, ChatMemberAdministrator | ChatMemberRestricted):
            # An admin may always post; the rest of an admin's rights, and a restricted member's, are flags.
            return not getattr(me, right, permission == "send" or permission == "image")
        chat = await self.call(lambda: self.api.get_chat(chat_id))
        return chat.permissions is None or not getattr(chat.permissions, right, False)

    async def private(self, action: Private, chat_id: int) -> None:
        """A direct message (with the buttons); Telegram lets a bot write only to people who started a chat
        with it, so where that is refused the group gets it, if the action allows."""
        markup = None
        if action.buttons:
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(b.label, callback_data=_callback_data(b.data))
                        for b in action.buttons
                    ]
                ]
            )
        try:
            await self.send(int(action.user), action.body, markup=markup)
        except Forbidden:
            # Telegram lets a bot write only to people who started a chat with it.
            if action.fallback and str(chat_id) != action.user:
                await self.send(chat_id, action.body)

    async def describe(self, action: Describe, chat_id: int) -> None:
        """The chat's description, in the 255 characters Telegram takes (left alone when it already is)."""
        text = either(action.text, action.short, "telegram", "description")
        try:
            await self.guarded(
                chat_id, "topic", lambda: self.call(lambda: self.api.set_chat_description(chat_id, text))
            )
        except BadRequest:
            chat = await self.call(lambda: self.api.get_chat(chat_id))
            if chat.description != text:  # Telegram refuses to set what is there already
                raise

    async def notify_admins(self, action: NotifyAdmins, chat_id: int) -> None:
        """Tell each human admin privately, except the one it leaves out (the reporter is then told); those
        who never started a chat with the bot cannot be told."""
        group = int(action.group) if action.group.lstrip("-").isdigit() else chat_id
        admins = await self.call(lambda: self.api.get_chat_administrators(group))
        left_out = action.leave_out is not None and any(str(a.user.id) == action.leave_out for a in admins)
        if left_out and action.told is not None:
            await self.private(action.told, chat_id)
        for admin in admins:
            if admin.user.is_bot or str(admin.user.id) == action.leave_out:
                continue  # a report never reaches the one it is about
            try:
                await self.send(admin.user.id, action.body)
            except Forbidden:
                log.info("Telegram admin notice not delivered: the admin has not started the bot")


def _author(message: Message | None) -> UserID | None:
    """Who wrote a message (None for none, or one sent as a channel or anonymously as the group)."""
    if message is None or message.from_user is None or message.sender_chat is not None:
        return None
    return UserID(str(message.from_user.id))


def _sender(
    api: TelegramBot,
    chat_id: int,
    text: str,
    reply: ReplyParameters | None,
    markup: InlineKeyboardMarkup | None,
) -> Callable[[], Awaitable[Message]]:
    """One plain-text part as a call that :meth:`TelegramAdapter.call` can repeat."""
    return lambda: api.send_message(chat_id, text, reply_parameters=reply, reply_markup=markup)


def _joined(change: ChatMemberUpdated) -> bool:
    """Whether a membership change is the bot coming into the group."""
    was_in = change.old_chat_member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)
    is_in = change.new_chat_member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)
    return is_in and not was_in


def _callback_data(data: str) -> str:
    """A button's data cut to the bytes Telegram takes, never inside a character."""
    return shorten(data, "telegram", "callback_data")


async def serve(settings: Settings, bot: Bot) -> None:
    """Poll Telegram with ``SAMEN_TELEGRAM_TOKEN`` and run until stopped.

    Raises:
        ConfigError: when the token is missing or Telegram refuses it (never showing the token).
    """
    settings.require("telegram_token")
    assert settings.telegram_token is not None
    # The rate limiter keeps the bot under Telegram's flood limits (per chat and overall); a 429 that still
    # comes is waited out once, in the shared retry policy (max_retries=0 here, so not twice).
    application = (
        Application.builder()
        .token(settings.telegram_token.get_secret_value())
        .rate_limiter(AIORateLimiter(max_retries=0))
        .build()
    )
    adapter = TelegramAdapter(bot, application)
    try:
        await reconnecting(
            application.initialize, on=lambda exc: isinstance(exc, NetworkError), name="Telegram start"
        )
    except InvalidToken:
        raise ConfigError(
            f"SAMEN_TELEGRAM_TOKEN was refused by Telegram; see {DOC}.",
            key="config.invalid",
            variable="SAMEN_TELEGRAM_TOKEN",
            doc=DOC,
        ) from None
    try:
        await adapter.register_commands()
        await application.start()
        assert application.updater is not None
        # Pending updates are kept: commands sent while the bot was away are answered now.
        await application.updater.start_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
        await asyncio.Event().wait()
    finally:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        adapter.worker.close()
