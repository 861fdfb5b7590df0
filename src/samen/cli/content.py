"""``samen dos``, ``samen faq`` and ``samen pack validate``: the campaign's content on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from samen.cli.output import cli_language, say
from samen.content import Pack, PackSource, check_pack, contact_warnings, load_pack, problem_words
from samen.content.pack import FaqEntry, Localized
from samen.content.search import best_faq
from samen.errors import InputError, PackError, Problem
from samen.render.check import check_findings


def lowercase(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A code as people write it (``WhatsApp``, ``NL``), as the pack and the platforms spell it."""
    return value.strip().lower() if value is not None else None


pack_option = click.option(
    "--pack",
    "pack_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="SAMEN_PACK",
    default=None,
    help="Campaign pack file (default: the Leiden pack; env SAMEN_PACK).",
)


@click.command()
@click.option(
    "--lang", default=None, callback=lowercase, help="Language code, such as nl or en (default: the pack's)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pack_option
def dos(lang: str | None, fmt: str, pack_path: Path | None) -> None:
    """Print the Do's, exactly as in the campaign pack."""
    pack = load_pack(pack_path)
    local = pack.language(lang or pack.default_language)
    if fmt == "json":
        items = [{"number": d.number, "id": d.id, "title": d.title, "text": d.text} for d in local.dos]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    click.echo(local.text.dos_heading)
    for do in local.dos:
        click.echo(f"{do.number}. {do.text}")


@click.command()
@click.option(
    "--lang", default=None, callback=lowercase, help="Language code, such as nl or en (default: the pack's)."
)
@click.argument("words", nargs=-1, metavar="[TOPIC]")
@pack_option
def faq(lang: str | None, words: tuple[str, ...], pack_path: Path | None) -> None:
    """Print the FAQ, or the answer on one topic (such as racism or racisme).

    A topic is searched as the web toolkit's FAQ searches (word forms, the pack's synonyms, small typos),
    in the pack's other languages too: the one answer that fits best, or the list of those that fit.
    """
    pack = load_pack(pack_path)
    local = pack.language(lang or pack.default_language)
    topic = " ".join(words).strip()
    entries = _answers(pack, local, topic) if topic else local.faq
    if not entries:
        topics = ", ".join(_topic_word(e) for e in local.faq if e.topic)
        raise InputError(
            f"Unknown topic {topic!r}; choose from: {topics}.",
            key="cli:faq.unknown_topic",
            topic=topic,
            topics=topics,
        )
    if topic and len(entries) > 1:
        click.echo(say("faq.several", count=len(entries), topic=topic))
        for entry in entries:
            click.echo(f"- {_topic_word(entry)}: {entry.question}")
        return
    for i, entry in enumerate(entries):
        if i:
            click.echo()
        click.echo(entry.question)
        click.echo("=" * len(entry.question))
        click.echo(entry.answer)
        for extra in (entry.link, entry.email):
            if extra:
                click.echo(extra)


def _topic_word(entry: FaqEntry) -> str:
    """The word that asks for exactly this entry (``samen faq racisme``): its first keyword, else its id."""
    return entry.keywords[0] if entry.keywords else entry.id


def _answers(pack: Pack, local: Localized, topic: str) -> tuple[FaqEntry, ...]:
    """The entries in ``local``'s language for a topic: the entry it names (a topic, keyword or id in any
    of the pack's languages), else the best of the search (:func:`samen.content.search.best_faq`) in this
    language, else in another (``--lang en racisme``)."""
    others = [pack.language(code) for code in pack.languages if code != local.code]
    for source in (local, *others):
        named = source.faq_topic(topic)
        if named is not None:
            return tuple(e for e in local.faq if e.id == named.id)
    for source in (local, *others):
        found = {e.id for e in best_faq(source, topic)}
        if found:
            return tuple(e for e in local.faq if e.id in found)
    return ()


@click.group()
def pack() -> None:
    """Work with campaign packs."""


@pack.command()
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    """Check a campaign pack: every problem on one line with file, line and field; exit 2 when any.

    Warnings (a support route without a contact) go to stderr and leave the exit status 0.
    """
    loaded = checked_pack(file)
    _, _, source = check_pack(file)
    for warning in contact_warnings(loaded, source):
        # in the reader's words, as every problem is (the warning's message is its English)
        where = f"{warning.file}:{warning.line}: {warning.field}"
        click.echo(say("pack.warning", where=where, what=problem_words(warning, cli_language())), err=True)
    click.echo(
        say(
            "pack.valid",
            path=file,
            languages=", ".join(loaded.languages),
            dos=len(loaded.spec.dos),
            faq=len(loaded.spec.faq),
        )
    )


def checked_pack(file: Path) -> Pack:
    """A pack checked as ``samen pack validate`` checks it: its schema, and every text against each platform's
    limits, its icons and its colours.

    Raises:
        PackError: with every problem, each located by file, line and field.
    """
    loaded, problems, source = check_pack(file)
    if loaded is not None:
        problems = _limit_problems(loaded, source)
    if problems:
        raise PackError(problems)
    assert loaded is not None
    return loaded


def _limit_problems(loaded: Pack, source: PackSource) -> list[Problem]:
    """Texts that do not fit a platform's limits, unknown icons and unreadable colours, each located."""
    return [source.worded(found.at, found.key, **dict(found.params)) for found in check_findings(loaded)]
