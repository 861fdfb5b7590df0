"""The bot's commands: one declaration each, and the parser for text commands.

A command is one method of :class:`samen.bot.core.Bot` under :func:`command`, with its strings in
``strings/bot.yaml``. Everything else is derived from that declaration: the parser's names (``command.NAME``:
the names in each language, the first one shown), the help (``help.NAME``), Discord's application commands
with their localisations and Telegram's command menus (``describe.NAME``, and the option's ``option.*`` and
``choice.*``). Adding a command::

    @command("report", option=Option("text"))
    def _cmd_report(self, event: Command, state: GroupState, local: Localized) -> list[Action]: ...

plus ``command.report``, ``describe.report`` and ``help.report`` in ``strings/bot.yaml``.

Every adapter maps its platform's convention onto a name and arguments (Discord slash commands, Telegram
``/`` commands, Matrix ``!`` commands); :func:`resolve` then finds the command whatever language its name
is in. Names and arguments are normalised (NFKC, invisible characters), so ``!ＤＯ ４`` is ``!do 4``; only
names and phrases are folded to lower case here. Arguments stay as typed (a Matrix room id is case-sensitive);
the core folds the keywords it compares (``en``, ``uit``, a FAQ topic) itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from samen.bot.events import Command, EventID, GroupID, MessageID, Said, UserID
from samen.content import load_strings
from samen.content.strings import FALLBACK

if TYPE_CHECKING:
    from samen.bot.actions import Action
    from samen.bot.store import GroupState
    from samen.content import Localized

#: Longest text a command's words are read from; the rest of a very long message is ignored.
MAX_COMMAND_CHARS = 500

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")

#: A command's handler: a method of the bot (its ``self``), the command, the group's state and the pack in
#: the answer's language; returns the actions.
Handler = Callable[[Any, Command, "GroupState", "Localized"], "list[Action]"]
H = TypeVar("H", bound=Handler)


@dataclass(frozen=True, slots=True)
class Option:
    """What a command takes after its name, where a platform offers it as a form (Discord's options).

    Attributes:
        name: the option's key: its name per language is ``option.NAME``, its description ``describe.NAME``.
        kind: ``number`` (a whole number), ``faq`` (a FAQ topic of the pack), ``languages`` (a language of
            the pack), ``choices`` (one of :attr:`choices`) or ``text`` (free words).
        choices: for ``choices``, the keywords (``choice.KEYWORD`` gives the words per language).
    """

    name: str
    kind: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Spec:
    """One command, as :func:`command` declared it.

    Attributes:
        name: the canonical name (``command.NAME`` in the strings has its names per language).
        handler: the bot's method that answers it.
        admin: only the group's admins may use it.
        group_only: it means nothing in a direct chat.
        admin_view: its answer differs for admins (help lists the admin commands), so the adapter must say
            whether the member is one.
        option: what it takes after its name, for platforms with forms (Discord); None: nothing.
        listed: offered in help and the platforms' menus (False for the answer to a nudge's button).
    """

    name: str
    handler: Handler
    admin: bool = False
    group_only: bool = False
    admin_view: bool = False
    option: Option | None = None
    listed: bool = True

    @property
    def asks_admin(self) -> bool:
        """Whether the core needs to know if the member is an admin (an adapter may have to ask)."""
        return self.admin or self.admin_view

    @property
    def names(self) -> dict[str, tuple[str, ...]]:
        """Language code -> the names that call it in that language (the first is shown), as the strings
        have them; a name of several words (``ik zie dit``) is also callable as one (``ikziedit``)."""
        texts = load_strings("bot").languages(f"command.{self.name}")
        return {lang: tuple(n.strip() for n in text.split(",") if n.strip()) for lang, text in texts.items()}

    def shown(self, lang: str) -> str:
        """The name shown in a language (help, menus), as one word; the English one where the strings have
        none in that language."""
        names = self.names
        return _joined((names.get(lang) or names[FALLBACK])[0])


#: Every command, by canonical name, in the order declared (the order of help and menus).
COMMANDS: dict[str, Spec] = {}


def command(
    name: str,
    *,
    admin: bool = False,
    group_only: bool = False,
    admin_view: bool = False,
    option: Option | None = None,
    listed: bool = True,
) -> Callable[[H], H]:
    """Declare a bot method as the command ``name`` (see :class:`Spec` for the arguments).

    Raises:
        ValueError: when the strings give the command no name (``command.NAME`` in ``strings/bot.yaml``).
    """

    def register(handler: H) -> H:
        spec = Spec(name, handler, admin, group_only, admin_view, option, listed)
        if f"command.{name}" not in load_strings("bot").table:
            raise ValueError(f"the command {name!r} has no names: add command.{name} to strings/bot.yaml")
        COMMANDS[name] = spec
        _index.cache_clear()
        return handler

    return register


def keyword(word: str, choices: tuple[str, ...]) -> str | None:
    """The keyword among ``choices`` that a member's word means, in any language (``aan`` -> ``on``).

    ``choice.KEYWORD`` in the strings gives each keyword's words per language; the keyword itself counts too.
    """
    wanted = normalize(word)
    strings = load_strings("bot")
    for choice in choices:
        texts = strings.table.get(f"choice.{choice}", {}).values()
        if wanted in {choice, *(normalize(w) for text in texts for w in text.split(","))}:
            return choice
    return None


def _joined(name: str) -> str:
    """A name as one word: what resolve compares (``ik zie dit`` -> ``ikziedit``)."""
    return normalize(name).replace(" ", "").replace("-", "").replace("_", "")


@cache
def _index() -> tuple[dict[str, tuple[Spec, str | None]], dict[tuple[str, ...], str]]:
    """Every name -> its command and language (None when languages share it); every phrase -> its name."""
    by_name: dict[str, tuple[Spec, str | None]] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for spec in COMMANDS.values():
        names = {lang: {_joined(n) for n in ns} for lang, ns in spec.names.items()}
        for lang, ns in spec.names.items():
            for name in ns:
                joined = _joined(name)
                # A name both languages share (``do``, ``faq``) says nothing about the language.
                shared = any(joined in other for code, other in names.items() if code != lang)
                by_name.setdefault(joined, (spec, None if shared else lang))
                words = tuple(normalize(name).split())
                if len(words) > 1:
                    phrases[words] = joined
    longest_first = dict(sorted(phrases.items(), key=lambda item: -len(item[0])))
    return by_name, longest_first


def normalize(word: str) -> str:
    """A word as the parser compares it: NFKC, without invisible characters, lower case."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", word)).casefold().strip()


def resolve(name: str) -> tuple[Spec, str | None] | None:
    """The command a name calls, and the language the name is in (None when both share it).

    Returns:
        None for a name no command has.
    """
    return _index()[0].get(_joined(name))


def parse(text: str, prefixes: tuple[str, ...] = ("!",)) -> tuple[str, tuple[str, ...]] | None:
    """Split a text command (``!do 4``, ``!ik zie dit``) into its name and arguments.

    Args:
        text: the message as sent.
        prefixes: what starts a command on this platform.

    Returns:
        The name (without prefix, normalised, lower case) and the arguments (normalised, case as typed),
        or None when the text is no command.
    """
    head = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text[:MAX_COMMAND_CHARS])).strip()
    prefix = next((p for p in prefixes if head.startswith(p)), None)
    if prefix is None:
        return None
    # Arguments keep their case (a Matrix room id); the core compares them case-blind.
    words = head[len(prefix) :].split()
    if not words:
        return None
    folded = tuple(w.casefold() for w in words)
    for phrase, name in _index()[1].items():
        if folded[: len(phrase)] == phrase:
            return name, tuple(words[len(phrase) :])
    # Telegram addresses a bot in a group as /do@samen_bot.
    name = folded[0].split("@", 1)[0]
    return (name, tuple(words[1:])) if name else None


def message_event(
    text: str,
    prefixes: tuple[str, ...],
    *,
    group: GroupID,
    user: UserID,
    at: float,
    is_admin: bool = False,
    direct: bool = False,
    reply_to: MessageID | None = None,
    reply_author: UserID | None = None,
    message_id: MessageID | None = None,
    position: int | None = None,
    event_id: EventID | None = None,
) -> Command | Said:
    """A member's message as the core's event: a :class:`Command` where it is one, else :class:`Said`.

    Only a known command's name makes a command. Anything else after the prefix (``!ik maak je af``,
    ``!!! …``) is an ordinary message, read by the signals like any other; a single unknown word is marked
    :attr:`Said.unknown_command` so that the core can hint privately.

    Args:
        text: the message's own text (without a quoted reply).
        prefixes: what starts a command on this platform.
        at: when it was sent, in seconds since the epoch (for the signals' window).
        reply_to: the message it answers, for a command that points to a Do.
        reply_author: who wrote that message, where the platform says (a report leaves them out).
        The rest: as :class:`Command` and :class:`Said` have them.
    """
    parsed = parse(text, prefixes)
    # The signals read the member's words, not the prefix: `!jij …` is `jij …`, whatever the platform.
    words = text.lstrip().lstrip("".join(prefixes)).lstrip() if parsed is not None else text
    if parsed is not None and resolve(parsed[0]) is not None:
        name, args = parsed
        return Command(
            group=group,
            user=user,
            name=name,
            args=args,
            text=words,
            at=at,
            is_admin=is_admin,
            direct=direct,
            reply_to=reply_to,
            reply_author=reply_author,
            message_id=message_id,
            position=position,
            event_id=event_id,
        )
    return Said(
        group=group,
        user=user,
        text=words,
        at=at,
        is_admin=is_admin,
        direct=direct,
        message_id=message_id,
        position=position,
        event_id=event_id,
        unknown_command=parsed is not None and not parsed[1],
    )
