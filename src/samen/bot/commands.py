"""The bot's commands in Dutch and English: one table, and the parser for text commands.

Every adapter maps its platform's convention onto a name and arguments (Discord slash commands, Telegram
``/`` commands, Matrix ``!`` commands); :func:`resolve` then finds the command whatever language its name
is in. Names and arguments are normalised (NFKC, invisible characters), so ``!ＤＯ ４`` is ``!do 4``; only
names and phrases are folded to lower case here. Arguments stay as typed (a Matrix room id is case-sensitive);
the core folds the keywords it compares (``en``, ``uit``, a FAQ topic) itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from samen.bot.events import Command, EventID, GroupID, MessageID, Said, UserID

#: Longest text a command's words are read from; the rest of a very long message is ignored.
MAX_COMMAND_CHARS = 500

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")


@dataclass(frozen=True, slots=True)
class Spec:
    """One command: its canonical name, its names per language, and whether only admins may use it.

    Attributes:
        names: language code -> the names that call it in that language (the first is shown in help).
    """

    name: str
    names: dict[str, tuple[str, ...]]
    admin: bool = False
    group_only: bool = False
    admin_view: bool = False

    @property
    def asks_admin(self) -> bool:
        """Whether the core needs to know if the member is an admin (an adapter may have to ask)."""
        return self.admin or self.admin_view


#: Every command, by canonical name. Adapters register these names (and their translations).
COMMANDS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec("dos", {"nl": ("dos", "regels"), "en": ("dos", "rules")}),
        Spec("do", {"nl": ("do",), "en": ("do",)}),
        Spec("help", {"nl": ("hulp", "steun"), "en": ("help", "support")}, admin_view=True),
        Spec("faq", {"nl": ("faq", "vraag"), "en": ("faq", "question")}),
        Spec("see", {"nl": ("zie", "ikziedit", "gezien"), "en": ("see", "iseethis", "seen")}),
        Spec("lang", {"nl": ("taal",), "en": ("lang", "language")}, admin=True, group_only=True),
        Spec("welcome", {"nl": ("welkom",), "en": ("welcome",)}, admin=True, group_only=True),
        Spec("onboard", {"nl": ("opnieuw", "start"), "en": ("onboard",)}, admin=True, group_only=True),
        Spec("nudges", {"nl": ("signalen",), "en": ("nudges",)}, admin=True, group_only=True),
        Spec("notmeant", {"nl": ("nietzo", "nietzobedoeld"), "en": ("notmeant", "notmeantthatway")}),
    )
}

#: Phrases of several words that are one command ("!ik zie dit").
PHRASES: dict[tuple[str, ...], str] = {
    ("ik", "zie", "dit"): "ikziedit",
    ("ik", "zie", "het"): "ikziedit",
    ("i", "see", "this"): "iseethis",
    ("i", "see", "it"): "iseethis",
    ("niet", "zo", "bedoeld"): "nietzobedoeld",
    ("not", "meant", "that", "way"): "notmeantthatway",
}

_BY_NAME: dict[str, tuple[Spec, str | None]] = {}
for _spec in COMMANDS.values():
    for _lang, _names in _spec.names.items():
        for _name in _names:
            # A name both languages share (``do``, ``faq``) says nothing about the language.
            shared = any(_name in names for lang, names in _spec.names.items() if lang != _lang)
            _BY_NAME[_name] = (_spec, None if shared else _lang)


def normalize(word: str) -> str:
    """A word as the parser compares it: NFKC, without invisible characters, lower case."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", word)).casefold().strip()


def resolve(name: str) -> tuple[Spec, str | None] | None:
    """The command a name calls, and the language the name is in (None when both share it).

    Returns:
        None for a name no command has.
    """
    return _BY_NAME.get(normalize(name).replace("-", "").replace("_", ""))


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
    for phrase, name in PHRASES.items():
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
