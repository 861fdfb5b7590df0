"""What the bot core asks an adapter to do: plain data, carried out by each platform its own way.

Each action names its group. ``Body`` carries the text twice: ``text`` (plain, with light Markdown that
Discord and Matrix show) and ``html`` (Telegram and Matrix), the same split as :class:`samen.render.Message`.
"""

from __future__ import annotations

from dataclasses import dataclass

from samen.bot.events import GroupID, MessageID, UserID


@dataclass(frozen=True, slots=True)
class Body:
    """A message's text as plain/Markdown and, where the platform takes it, as HTML."""

    text: str
    html: str | None = None


@dataclass(frozen=True, slots=True)
class Image:
    """A picture to send with a message: the Do's illustration."""

    data: bytes
    alt: str
    filename: str = "dos.png"
    mime: str = "image/png"


@dataclass(frozen=True, slots=True)
class Button:
    """A button under a private message; pressing it is the command ``data`` from that user.

    Platforms without buttons show the command as text instead (``!nietzo 4``).
    """

    label: str
    data: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Post:
    """Send a message to the group unasked (onboarding, welcome, notice).

    Attributes:
        image: sent with (or right after) the text where the platform allows.
        pin: pin this message where the bot may; a refusal comes back as a ``Refused("pin")`` event.
        purpose: what it is (``intro``, ``dos``, ``welcome``, ``notice``), for logs and adapters.
    """

    group: GroupID
    body: Body
    image: Image | None = None
    pin: bool = False
    purpose: str = "notice"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    """Answer the event being handled in the group, quoting ``quote`` where the platform can."""

    group: GroupID
    body: Body
    quote: MessageID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Private:
    """Say something to one member only: Discord's ephemeral reply, else a direct message.

    Attributes:
        fallback: when the platform cannot reach the member privately, answer in the group instead
            (help: yes; a nudge: no, it stays silent).
        buttons: offered under the message ("not meant that way").
    """

    group: GroupID
    user: UserID
    body: Body
    fallback: bool = True
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Describe:
    """Set the group's description or topic to the Do's: ``text``, or ``short`` where a limit demands."""

    group: GroupID
    text: str
    short: str


@dataclass(frozen=True, slots=True, kw_only=True)
class NotifyAdmins:
    """Tell the group's admins privately (a missing permission, a report to the group's admins).

    Attributes:
        leave_out: a member who must not get it (the one a report is about), admin or not.
        told: said privately to the reporter when ``leave_out`` was in fact one of the admins (who were
            then told without them); None: nobody is told.
    """

    group: GroupID
    body: Body
    leave_out: UserID | None = None
    told: Private | None = None


Action = Post | Reply | Private | Describe | NotifyAdmins


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a platform lets the bot do, told to the core by its adapter.

    Attributes:
        platform: the platform's name in ``samen.content.PLATFORMS`` (``matrix``, ``discord``…).
        prefix: how members start a command there (``!`` on Matrix, ``/`` on Discord and Telegram).
        private: whether the bot can reach a member privately at all (ephemeral reply or direct message).
        images: whether it can send the illustration.
        buttons: whether private messages can carry buttons.
        menus: whether members point to a Do on a message through a message menu rather than a command
            sent as a reply (Discord, where a slash command cannot be a reply); the help says so.
    """

    platform: str
    prefix: str = "!"
    private: bool = True
    images: bool = True
    buttons: bool = False
    menus: bool = False
