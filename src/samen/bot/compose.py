"""The bot's replies, built from the campaign pack and the bot's strings, as plain text and HTML.

Campaign text (the Do's, the FAQ, the support routes, the welcome) comes from the pack verbatim; the few
words around it come from ``strings/bot.yaml``.
"""

from __future__ import annotations

from html import escape

from samen.bot.actions import Body
from samen.content import FaqEntry, Localized, load_strings


def say(lang: str, key: str, **values: object) -> str:
    """One of the bot's strings in a language."""
    return load_strings("bot").get(lang, key, **values)


def say_body(lang: str, key: str, **values: object) -> Body:
    """One of the bot's strings as a message body."""
    text = say(lang, key, **values)
    return Body(text, escape(text).replace("\n", "<br>"))


def support(local: Localized) -> tuple[list[str], list[str]]:
    """The support routes as text lines and HTML list items."""
    lines, items = [], []
    for route in local.support:
        reach = " ".join(x for x in (route.email, route.link) if x)
        lines.append(f"- {route.name}: {route.when}" + (f" {reach}" if reach else ""))
        tail = f" {escape(reach)}" if reach else ""
        items.append(f"<li><b>{escape(route.name)}</b>: {escape(route.when)}{tail}</li>")
    return lines, items


def help_text(local: Localized, prefix: str) -> Body:
    """What the bot can do, then where to go for advice or support."""
    commands = say(local.code, "help.commands", prefix=prefix)
    heading = say(local.code, "help.support")
    lines, items = support(local)
    return Body(
        "\n".join([commands, "", heading, *lines]),
        f"{escape(commands).replace(chr(10), '<br>')}<br><br>{escape(heading)}<ul>{''.join(items)}</ul>",
    )


def seen(local: Localized, prefix: str) -> Body:
    """Acknowledge a message without judging it, and offer the way to support."""
    text = say(local.code, "see") + "\n" + say(local.code, "see.support", prefix=prefix)
    return Body(text, escape(text).replace("\n", "<br>"))


def faq_topics(local: Localized) -> list[str]:
    """The FAQ topics by the first name this language gives them."""
    return [e.keywords[0] if e.keywords else e.id for e in local.faq if e.topic]


def faq(entry: FaqEntry) -> Body:
    """One FAQ entry: the question, the answer, and where to read more."""
    extra = [x for x in (entry.link, entry.email) if x]
    text = "\n\n".join([f"**{entry.question}**", entry.answer, *extra])
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in entry.answer.split("\n\n"))
    html = f"<b>{escape(entry.question)}</b>{paragraphs}" + "".join(f"<p>{escape(x)}</p>" for x in extra)
    return Body(text, html)


def welcome(local: Localized, url: str) -> Body:
    """The pack's welcome for a new member, with the link to the Do's."""
    text = local.fill(local.text.member_welcome, dos_link=url)
    return Body(text, escape(text))
