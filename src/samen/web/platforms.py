"""The settings the toolkit serves, as the web pages show them: name, icon and what each page holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FormWords:
    """What the welcome form says about the setting it welcomes to: a chat group, a lecture or a course.

    The name typed in the form goes into the welcome ("Welkom bij dit college."), so the hint's examples are
    names of that setting, each with its article.

    Attributes:
        own_words: the hint under the admin's own words: what they might say.
        name: the label of the field for the name.
        name_hint: the hint under it: examples as they fit "%(opening)s …" (the welcome's words before the
            name) and what an empty field gives (``%(usual)s``).
        article: the error for a name without its article (``%(opening)s`` and the pack's ``%(example)s``).
        one_line: the error for a name on more than one line.
    """

    own_words: str | Promise
    name: str | Promise
    name_hint: str | Promise
    article: str | Promise
    one_line: str | Promise


_GROUP_FORM = FormWords(
    _("For example who you are and what the group is for. They open the message, before the welcome."),
    _("What do you call the group? (optional)"),
    _(
        "As it fits “%(opening)s …”, for example “this study group” or “this seminar”. "
        "Leave empty for “%(usual)s”."
    ),
    _("Write the name with its article, as it fits “%(opening)s …”: for example “%(example)s”."),
    _("Write the name of the group on one line."),
)
_LECTURE_FORM = FormWords(
    _("For example who you are and what the lecture is about. They open the message, before the welcome."),
    _("What do you call the lecture? (optional)"),
    _(
        "As it fits “%(opening)s …”, for example “this lecture” or “this seminar”. "
        "Leave empty for “%(usual)s”."
    ),
    _(
        "Write the name of the lecture with its article, as it fits “%(opening)s …”: "
        "for example “%(example)s”."
    ),
    _("Write the name of the lecture on one line."),
)
_COURSE_FORM = FormWords(
    _("For example who you are and what the course is about. They open the message, before the welcome."),
    _("What do you call the course? (optional)"),
    _("As it fits “%(opening)s …”, for example “this course” or “this module”. Leave empty for “%(usual)s”."),
    _(
        "Write the name of the course with its article, as it fits “%(opening)s …”: "
        "for example “%(example)s”."
    ),
    _("Write the name of the course on one line."),
)


@dataclass(frozen=True)
class PlatformPage:
    """How the toolkit page of one platform is put together.

    Attributes:
        name: the product's own name (not translated).
        icon: a Lucide icon name.
        kind: what it is, in a few words (translated).
        guide: which of the pack's guide texts explain this setting, in order (what to do when something
            happens follows on every page).
        steps: what to do in that app, in its own words (its menus, its fields), one step each.
        texts: which texts the admin copies, in order: ``intro``, ``dos``, ``description``, ``topic``,
            ``announcement`` (Brightspace's HTML).
        audience: who sees what is posted, as it fits "This is what … will see" (translated).
        paste_into: where each text goes, by text id, as it fits "Now paste it into …" (translated): the
            copy button's confirmation says it, so it names this platform's own place, never "the app".
        form: what the welcome form says about this setting (:class:`FormWords`): a chat group's, a
            lecture's or a course's words.
        share: whether the platform has a link that opens it with the text ready (WhatsApp).
        poster: the illustration's layout for this setting: ``portrait`` for chats, ``landscape`` for screens.
    """

    name: str
    icon: str
    kind: str | Promise
    guide: tuple[str, ...]
    steps: tuple[str | Promise, ...]
    texts: tuple[str, ...]
    audience: str | Promise
    paste_into: dict[str, str | Promise]
    form: FormWords
    share: bool = False
    poster: str = "portrait"


_GROUP_GUIDE = ("groups", "language")
_LECTURE_GUIDE = ("lectures", "language")

#: platform id → its page. The order is the order of :data:`samen.content.PLATFORMS`.
PAGES: dict[str, PlatformPage] = {
    "whatsapp": PlatformPage(
        "WhatsApp",
        "message-circle",
        _("Group chat on your phone"),
        _GROUP_GUIDE,
        (
            _("Send message 1 to the group: on a phone, tap “Send in WhatsApp” beside it."),
            _(
                "Send the illustration with message 2 as its caption: on a phone, “Share the illustration "
                "and its caption” does both at once; elsewhere, attach the downloaded illustration and paste "
                "message 2 as its caption."
            ),
            _("Open the group’s info, tap its description and paste the copied text."),
        ),
        ("intro", "dos", "description"),
        _("the group"),
        {
            "intro": _("the WhatsApp group"),
            "dos": _("the illustration’s caption in WhatsApp"),
            "description": _("the group’s description in WhatsApp"),
        },
        _GROUP_FORM,
        share=True,
    ),
    "discord": PlatformPage(
        "Discord",
        "messages-square",
        _("Community server"),
        _GROUP_GUIDE,
        (
            _("Post message 1 in the channel, then message 2 with the illustration attached."),
            _("Edit Channel › Overview › Channel Topic: paste the channel topic."),
            _(
                "On a Community server with Rules Screening (Server Settings), add the Do’s as the rules: "
                "the kit’s rules.txt has them one per line."
            ),
            _(
                "Posting with a bot or webhook instead? The kit’s embed.json is a message with one embed, a "
                "field per Do. Create a webhook in Edit Channel › Integrations › Webhooks, copy its URL and "
                "send the file there as the body of a POST request with Content-Type: application/json."
            ),
        ),
        ("intro", "dos", "topic"),
        _("the channel"),
        {
            "intro": _("the Discord channel"),
            "dos": _("the Discord channel, with the illustration attached"),
            "topic": _("the channel topic in Discord (Edit Channel › Overview)"),
        },
        _GROUP_FORM,
    ),
    "telegram": PlatformPage(
        "Telegram",
        "send",
        _("Group chat"),
        _GROUP_GUIDE,
        (
            _("Send message 1 to the group."),
            _("Send the illustration with message 2 as its caption."),
            _("Open the group’s info, tap Edit and paste the description."),
        ),
        ("intro", "dos", "description"),
        _("the group"),
        {
            "intro": _("the Telegram group"),
            "dos": _("the illustration’s caption in Telegram"),
            "description": _("the group’s description in Telegram"),
        },
        _GROUP_FORM,
    ),
    "matrix": PlatformPage(
        "Matrix",
        "hash",
        _("Room in Element or another Matrix app"),
        _GROUP_GUIDE,
        (
            _("Send message 1 to the room, then the illustration and message 2."),
            _("Room settings › General › Room Topic: paste the topic."),
        ),
        ("intro", "dos", "topic"),
        _("the room"),
        {
            "intro": _("the Matrix room"),
            "dos": _("the Matrix room, after the illustration"),
            "topic": _("the room topic in Matrix (Room settings › General)"),
        },
        _GROUP_FORM,
    ),
    "teams": PlatformPage(
        "MS Teams",
        "presentation",
        _("Online lecture: chat and slide"),
        _LECTURE_GUIDE,
        (
            _(
                "At the start of the lecture, share your screen and show the slides; their notes suggest "
                "what to say."
            ),
            _("Paste message 1 and then message 2 into the meeting chat."),
            _(
                "Prefer a card in the chat? In the chat’s Workflows, choose “Post to a chat when a webhook "
                "request is received” and send the kit’s card.json to the address it gives you."
            ),
        ),
        ("intro", "dos"),
        _("your students"),
        {"intro": _("the meeting chat in Teams"), "dos": _("the meeting chat in Teams")},
        _LECTURE_FORM,
        poster="landscape",
    ),
    "kaltura": PlatformPage(
        "Kaltura",
        "video",
        _("Online lecture: chat and slide"),
        _LECTURE_GUIDE,
        (
            _(
                "At the start of the session, share your screen in the virtual classroom and show the "
                "slides; their notes suggest what to say."
            ),
            _("Paste message 1 and then message 2 into the chat."),
        ),
        ("intro", "dos"),
        _("your students"),
        {"intro": _("the chat of the Kaltura classroom"), "dos": _("the chat of the Kaltura classroom")},
        _LECTURE_FORM,
        poster="landscape",
    ),
    "brightspace": PlatformPage(
        "Brightspace",
        "graduation-cap",
        _("Announcement, widget or discussion post"),
        ("brightspace", "language"),
        (
            _(
                "In your course, open Announcements and choose New Announcement (or a widget or "
                "discussion post)."
            ),
            _("Copy the HTML below with its button."),
            _(
                "In the editor, open the HTML source view (the “</>” Source Code button), paste the HTML and "
                "close the source view."
            ),
            _("Insert the illustration with Insert Image and give it the alt text below, then publish."),
        ),
        ("announcement",),
        _("your students"),
        {"announcement": _("the HTML source view of the Brightspace editor")},
        _COURSE_FORM,
    ),
}
