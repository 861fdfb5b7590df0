"""The bot's own replies, built from the campaign pack and the bot's strings, in each platform's markup.

Campaign text (the FAQ, the support routes, the welcome) comes from the pack verbatim; the few words
around it come from ``strings/bot.yaml``. Replies are built as the renderers' blocks and written by their
writers, so Telegram gets its HTML subset, Matrix semantic HTML and Discord Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence

from samen.bot.actions import Body
from samen.bot.commands import COMMANDS
from samen.content import FaqEntry, Localized, load_strings
from samen.render.markup import HTML_WRITERS, TEXT_WRITERS, Block, Heading, Items, Para
from samen.render.message import style_of


def say(lang: str, key: str, **values: object) -> str:
    """One of the bot's strings in a language."""
    return load_strings("bot").get(lang, key, **values)


def write(platform: str, blocks: Sequence[Block]) -> Body:
    """Blocks in a platform's text markup and, where it takes HTML, its HTML."""
    style = style_of(platform)
    html = HTML_WRITERS[style.html](blocks) if style.html else None
    return Body(TEXT_WRITERS[style.text](blocks), html)


def say_body(platform: str, lang: str, key: str, **values: object) -> Body:
    """One of the bot's strings as a message body."""
    return write(platform, [Para(say(lang, key, **values))])


def help_text(
    local: Localized, platform: str, prefix: str, *, menus: bool = False, admin: bool = False
) -> Body:
    """Who can help first (the pack's support routes), then the everyday commands; the admin commands only
    for an admin.

    Args:
        menus: members point to a Do through a message menu (Discord), not a command sent as a reply.
        admin: the member may change the group's settings.
    """
    strings = load_strings("bot")
    by_id = {route.id: route for route in local.support}
    routes = []
    for route in local.support:
        # Every route ends in an address: its own, or that of the route it is reached through.
        through = by_id.get(route.via) if route.via and not route.has_contact else None
        ways = [x for r in (route, through) if r for x in (r.link, r.email, r.phone, r.hours) if x]
        words = " ".join(x for x in (route.when, route.reach, *ways) if x)
        routes.append(f"{route.name}: {words}")
    everyday: list[str] = []
    admins: list[str] = []
    for spec in COMMANDS.values():
        key = f"help.{spec.name}"
        if menus and f"{key}.menu" in strings.table:
            key += ".menu"
        if key in strings.table:
            (admins if spec.admin else everyday).append(strings.get(local.code, key, prefix=prefix))
    blocks: list[Block] = [
        Heading(say(local.code, "help.support")),
        Items(tuple(routes)),
        Heading(say(local.code, "help.commands")),
        Para("\n".join(everyday)),
    ]
    if admin:
        blocks += [Heading(say(local.code, "help.admins")), Para("\n".join(admins))]
    return write(platform, blocks)


def seen(local: Localized, platform: str, prefix: str) -> Body:
    """Acknowledge a message without judging it, and offer the way to support."""
    return write(
        platform, [Para(say(local.code, "see")), Para(say(local.code, "see.support", prefix=prefix))]
    )


def faq_topics(local: Localized) -> list[str]:
    """The FAQ topics by the first name this language gives them."""
    return [e.keywords[0] if e.keywords else e.id for e in local.faq if e.topic]


def faq(entry: FaqEntry, platform: str) -> Body:
    """One FAQ entry: the question, the answer, and where to read more."""
    extra = [x for x in (entry.link, entry.email) if x]
    blocks: list[Block] = [Heading(entry.question), *(Para(p) for p in entry.answer.split("\n\n"))]
    return write(platform, blocks + [Para(x) for x in extra])


def welcome(local: Localized, platform: str, url: str) -> Body:
    """The pack's welcome for a new member, with the link to the Do's."""
    return write(platform, [Para(local.fill(local.text.member_welcome, dos_link=url))])
