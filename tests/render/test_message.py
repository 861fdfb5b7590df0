"""Messages, descriptions and topics: the Do's verbatim, each platform's markup, limits and escaping."""

from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse
from pathlib import Path

import pytest
import yaml

from samen.content import DEFAULT_PACK, PLATFORMS, Localized, load_pack
from samen.errors import InputError, LimitError
from samen.render import (
    LIMITS,
    check_limit,
    render_description,
    render_do,
    render_dos,
    render_intro,
    render_topic,
    whatsapp_share_link,
)
from samen.render.cards import discord_embed, discord_rules
from samen.render.limits import measure
from samen.render.markup import WORD_JOINER
from tests.render.conftest import DOS_URL, PACK

SCRIPT = "Welkom <script>alert('x')</script> & tot snel"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_dos_message_holds_every_do_verbatim_in_text_and_html(local: Localized, platform: str) -> None:
    message = render_dos(local, platform, dos_url=DOS_URL)
    for do in local.dos:
        assert f"{do.number}. {do.text}" in message.text
        if message.html is not None:
            assert html.escape(do.text) in message.html
    assert DOS_URL in message.text
    # The Do's keep their order.
    positions = [message.text.index(do.text) for do in local.dos]
    assert positions == sorted(positions)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_message_fits_its_platform(local: Localized, platform: str) -> None:
    for message, field in (
        (render_intro(local, platform, admin_text="Ik ben jullie mentor."), "message"),
        (render_dos(local, platform, dos_url=DOS_URL), "caption" if platform == "whatsapp" else "message"),
        (render_do(local, 8, platform, do_url=DOS_URL + "#do-8"), "message"),
    ):
        limit = LIMITS.get(platform, {}).get(field)
        if limit is not None:
            assert measure(platform, field, message.text) <= limit.maximum


def test_whatsapp_uses_its_own_bold_and_discord_its_markdown(local: Localized) -> None:
    assert render_dos(local, "whatsapp", dos_url=DOS_URL).text.startswith(f"*{local.text.dos_heading}*")
    discord = render_dos(local, "discord", dos_url=DOS_URL).text
    assert discord.startswith(f"**{local.text.dos_heading}**")
    assert f"<{DOS_URL}>" in discord  # no link preview card under the Do's


def test_intro_fills_the_template_with_group_and_admin_text(local: Localized) -> None:
    message = render_intro(local, "whatsapp", admin_text="Vragen? Mail mij.")
    assert local.group("whatsapp") in message.text
    assert local.institution in message.text
    assert message.text.startswith("Vragen? Mail mij.\n\n")
    custom = render_intro(local, "discord", group="deze werkgroep" if local.code == "nl" else "study group")
    assert (
        "Welkom in deze werkgroep." if local.code == "nl" else "Welcome to this study group."
    ) in custom.text
    assert "{" not in custom.text  # no placeholder left unfilled


def test_lectures_use_the_lecture_intro(local: Localized) -> None:
    teams = render_intro(local, "teams").text
    assert teams == local.fill(local.text.lecture_intro, group=local.group("teams"))
    assert render_intro(local, "kaltura").text == local.fill(
        local.text.lecture_intro, group=local.group("kaltura")
    )


@pytest.mark.parametrize("platform", ["telegram", "matrix", "brightspace"])
def test_html_outputs_escape_an_admin_script(local: Localized, platform: str) -> None:
    message = render_intro(local, platform, admin_text=SCRIPT)
    assert message.html is not None
    assert "<script>" not in message.html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; tot snel" in message.html
    # The plain body keeps the admin's text as they wrote it.
    assert SCRIPT in message.text


def test_telegram_html_uses_only_tags_telegram_accepts(local: Localized) -> None:
    allowed = {"b", "a", "blockquote"}
    for message in (
        render_dos(local, "telegram", dos_url=DOS_URL),
        render_do(local, 4, "telegram", do_url=DOS_URL),
        render_intro(local, "telegram", admin_text=SCRIPT),
    ):
        assert message.html is not None
        tags = {t.split()[0].strip("/") for t in message.html.split("<")[1:] for t in [t.split(">")[0]]}
        assert tags <= allowed, tags


def test_matrix_html_is_a_list_with_a_link(local: Localized) -> None:
    message = render_dos(local, "matrix", dos_url=DOS_URL)
    assert message.html is not None
    assert message.html.count("<li>") == len(local.dos)
    assert f'<a href="{DOS_URL}">' in message.html


def test_do_reminder_quotes_one_do_with_its_link(local: Localized) -> None:
    do = local.dos[3]
    message = render_do(local, 4, "matrix", do_url=DOS_URL + "#do-4")
    assert f"> {do.text}" in message.text
    assert DOS_URL + "#do-4" in message.text
    assert do.title in message.text
    for other in local.dos:
        if other is not do:
            assert other.text not in message.text


@pytest.mark.parametrize("number", [0, 9, -1])
def test_do_reminder_refuses_a_number_that_is_no_do(local: Localized, number: int) -> None:
    with pytest.raises(InputError):
        render_do(local, number, "discord", do_url=DOS_URL)


def test_descriptions_hold_the_dos_where_they_fit_and_the_short_form_on_telegram(local: Localized) -> None:
    whatsapp = render_description(local, "whatsapp", dos_url=DOS_URL)
    for do in local.dos:
        assert do.text in whatsapp
    assert len(whatsapp) <= LIMITS["whatsapp"]["description"].maximum
    telegram = render_description(local, "telegram", dos_url=DOS_URL)
    assert len(telegram) <= 255
    assert DOS_URL in telegram


def test_topics_fit_discord_and_hold_everything_on_matrix(local: Localized) -> None:
    discord = render_topic(local, "discord", dos_url=DOS_URL)
    assert len(discord) <= LIMITS["discord"]["topic"].maximum
    assert all(do.title in discord for do in local.dos)
    matrix = render_topic(local, "matrix", dos_url=DOS_URL)
    assert all(do.text in matrix for do in local.dos)


def test_an_over_long_intro_is_refused_with_platform_field_and_numbers(local: Localized) -> None:
    with pytest.raises(LimitError) as caught:
        render_intro(local, "discord", admin_text="x" * 2500)
    error = caught.value
    assert error.platform == "discord"
    assert error.limit == 2000
    assert error.length > 2000
    assert "discord" in str(error) and "2000" in str(error)


@pytest.mark.parametrize(
    ("platform", "field"),
    [(platform, field) for platform, fields in LIMITS.items() for field in fields],
)
def test_each_limit_is_exact_and_has_a_source(platform: str, field: str) -> None:
    limit = LIMITS[platform][field]
    assert limit.source.startswith("https://")
    if limit.unit == "items":
        return
    check_limit(platform, field, "a" * limit.maximum)
    with pytest.raises(LimitError):
        check_limit(platform, field, "a" * (limit.maximum + 1))


def test_telegram_counts_utf16_code_units() -> None:
    emoji = "🙂" * 2049  # 4098 UTF-16 code units, 2049 code points
    with pytest.raises(LimitError):
        check_limit("telegram", "message", emoji)


def test_unknown_platform_is_an_input_error(local: Localized) -> None:
    with pytest.raises(InputError) as caught:
        render_dos(local, "myspace", dos_url=DOS_URL)
    assert caught.value.key == "render:unknown_platform"


def test_whatsapp_share_link_opens_whatsapp_with_the_text(local: Localized) -> None:
    text = render_intro(local, "whatsapp").text
    link = whatsapp_share_link(text)
    assert link.startswith("https://wa.me/?text=")
    assert urllib.parse.unquote(link.removeprefix("https://wa.me/?text=")) == text
    assert " " not in link and "\n" not in link


#: Words a sentence may well need twice: articles, pronouns, conjunctions and prepositions.
FUNCTION_WORDS = {
    "nl": {"de", "het", "een", "deze", "dit", "en", "of", "je", "we", "ik"}
    | {"in", "op", "aan", "van", "voor", "met"},
    "en": {"the", "a", "an", "this", "and", "or", "you", "we", "i"}
    | {"in", "on", "to", "of", "for", "with", "it"},
}


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_welcome_says_each_word_once(local: Localized, platform: str) -> None:
    """The welcome is read aloud, pasted and re-read: a word said twice in it ("So here are the Do’s we
    follow here.", "ook hier in de chat … die hier gelden") reads as a slip (issue 11: repeated words)."""
    text = render_intro(local, platform).text
    own = text.replace(local.institution, "").replace(local.group(platform), "")  # names, not words of ours
    said = [w.casefold() for w in re.findall(r"\w+", own)]
    again = {w for w in said if said.count(w) > 1} - FUNCTION_WORDS[local.code]
    assert again == set(), text


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_the_admins_words_end_their_lines_in_newlines_whatever_they_were_saved_with(
    local: Localized, platform: str, ending: str
) -> None:
    """An intro file saved on Windows left its carriage returns in every output."""
    typed = ending.join(["Hallo allemaal,", "ik ben jullie docent.", "", "Tot snel!", ""])
    unix = typed.replace(ending, "\n")
    got = render_intro(local, platform, admin_text=typed)
    want = render_intro(local, platform, admin_text=unix)
    assert "\r" not in got.text + (got.html or "")
    assert (got.text, got.html) == (want.text, want.html)


MARKED_DO = "Wijs <b>elkaar</b> & *op* deze_Do’s_."

# Discord (simple-markdown): a marker pair around text, the first not escaped by a backslash.
DISCORD_FORMATS = re.compile(r"(?<!\\)([*_~`|])(?=\S)[^\n]*?(?<=[^\s\\])\1")


def _edge(char: str) -> bool:
    """Where WhatsApp lets a marker open or close: a line's edge, a space, punctuation or a symbol."""
    return not char or char.isspace() or unicodedata.category(char)[0] in "PS"


def _whatsapp_formats(line: str) -> bool:
    """Whether WhatsApp would format part of the line: a marker that opens (an edge before, text after)
    and a later same marker that closes it (text before, an edge after)."""
    for i, marker in enumerate(line):
        if marker not in "*_~`" or not _edge(line[i - 1 : i]) or line[i + 1 : i + 2].strip() == "":
            continue
        for j in range(i + 2, len(line)):
            if line[j] == marker and not line[j - 1].isspace() and _edge(line[j + 1 : j + 2]):
                return True
    return False


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Localized:
    """A copy of the Leiden pack whose Do 6 holds HTML and both chats' markers."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    old = "text: Wijs elkaar indien nodig op deze Do’s."
    assert old in text
    path = tmp_path_factory.mktemp("pack") / "marked.yaml"
    path.write_text(text.replace(old, f"text: '{MARKED_DO}'", 1), encoding="utf-8")
    return load_pack(path).language("nl")


def _whatsapp_shown(text: str) -> str:
    return text.replace(WORD_JOINER, "")


def _discord_shown(text: str) -> str:
    return re.sub(r"\\([^0-9A-Za-z\s])", r"\1", text)


def test_whatsapp_shows_markers_in_a_do_as_written(marked: Localized) -> None:
    for text in (
        render_dos(marked, "whatsapp", dos_url=DOS_URL).text,
        render_do(marked, 6, "whatsapp", do_url=DOS_URL).text,
        render_description(marked, "whatsapp", dos_url=DOS_URL),
    ):
        line = next(line for line in text.splitlines() if "elkaar</b>" in line)
        assert not _whatsapp_formats(line), line
        assert MARKED_DO in _whatsapp_shown(line)


def test_discord_shows_markers_in_a_do_as_written(marked: Localized) -> None:
    embed = discord_embed(marked, dos_url=DOS_URL)["embeds"][0]
    for text in (
        render_dos(marked, "discord", dos_url=DOS_URL).text,
        render_do(marked, 6, "discord", do_url=DOS_URL).text,
        embed["fields"][5]["value"],
        discord_rules(marked)[5],
    ):
        line = next(line for line in text.splitlines() if "elkaar</b>" in line)
        assert not DISCORD_FORMATS.search(line), line
        assert MARKED_DO in _discord_shown(line)


@pytest.mark.parametrize("platform", ["whatsapp", "discord"])
def test_an_admins_lines_that_would_open_a_list_show_as_typed(platform: str) -> None:
    # Both chats read "- ", "* " and "1. " at a line's start as a list item: an admin's line is text.
    items = ["- je laptop", "* je oplader", "  2. een pen"]
    own = "Neem mee:\n" + "\n".join(items) + "\n10 euro voor de borrel"
    text = render_intro(PACK.language("nl"), platform, admin_text=own).text
    shown = _whatsapp_shown if platform == "whatsapp" else _discord_shown
    assert own in shown(text)
    written = [line for line in text.splitlines() if shown(line) in items]
    assert len(written) == len(items)
    for line in written:
        assert not re.match(r"[ \t]*(?:[-*]|[0-9]+\.) ", line), line


@pytest.mark.parametrize("platform", ["whatsapp", "discord"])
def test_an_admins_markers_show_as_typed_and_links_stay_whole(platform: str) -> None:
    local = PACK.language("nl")
    own = "Lees *eerst* de_regels_ op https://example.org/a_b_c/*x* en\n> dit is geen citaat"
    text = render_intro(local, platform, admin_text=own).text
    shown = _whatsapp_shown(text) if platform == "whatsapp" else _discord_shown(text)
    assert own in shown
    assert "https://example.org/a_b_c/*x*" in text
    assert not any(line.startswith("> ") for line in text.splitlines())


@pytest.mark.parametrize("platform", ["whatsapp", "discord"])
def test_text_without_markers_is_written_unchanged(local: Localized, platform: str) -> None:
    texts = [
        render_intro(local, platform).text,
        render_dos(local, platform, dos_url=DOS_URL).text,
        render_description(local, platform, dos_url=DOS_URL),
        render_topic(local, platform, dos_url=DOS_URL),
    ]
    assert not any(WORD_JOINER in t or "\\" in t for t in texts)
    for do in local.dos:
        assert f"{do.number}. {do.text}" in texts[1]


def test_a_mention_in_any_discord_text_pings_nobody(tmp_path: Path) -> None:
    """@everyone, @here, a member's <@id> and a role's <@&id> ping wherever Discord reads them, a web address
    included: each gets a zero-width space after its @, in every Discord text, and shows as written."""
    loud = "Zie @everyone, @here, <@123456789012345678>, <@!123456789012345678> en <@&123456789012345678>"
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    old = "text: Wijs elkaar indien nodig op deze Do’s."
    path = tmp_path / "loud.yaml"
    path.write_text(text.replace(old, f"text: '{loud}'", 1), encoding="utf-8")
    local = load_pack(path).language("nl")
    url = "https://example.org/@everyone/"
    embed = discord_embed(local, dos_url=url)["embeds"][0]
    texts = [
        render_intro(local, "discord", admin_text=loud).text,
        render_dos(local, "discord", dos_url=url).text,
        render_do(local, 6, "discord", do_url=url).text,
        render_description(local, "discord", dos_url=url),
        embed["fields"][5]["value"],
        discord_rules(local)[5],
    ]
    for shown in texts:
        assert not re.search(r"@(?:everyone|here)|<@[!&]?\d+>", shown), shown
        assert loud in shown.replace("\u200b", "")
    # the other chats take no mentions: their text is left alone
    assert loud in render_dos(local, "whatsapp", dos_url=url).text


#: What opens a line as Discord markdown: a block quote (the rest of the message), a quote, headings, small
#: print, list items (bulleted and numbered).
DISCORD_OPENERS = (">>> ", "> ", "# ", "### ", "-# ", "- ", "* ", "1. ")
#: A channel, a relative time, a slash command, custom emoji (still and animated), an emoji by name, a
#: server guide, and a member's and a role's mention with a short id.
DISCORD_FORMS = (
    "<#123456789012345678> <t:1700000000:R> </dos:123> <:x:123> <a:x:123> :smile: <id:customize> <@1>"
)

# Discord would read it: markdown opening a line, or one of the forms above where no backslash escapes it.
DISCORD_READS = re.compile(
    r"^[ \t]*(?:>>>|>|#{1,3}|-#|[-*]|[0-9]{1,9}\.) "
    r"|(?<!\\)<(?:#|t:|/|a?:|id:)[^\s>]*>|(?<!\\):\w+:|<@[!&]?\d+>",
    re.M,
)


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Localized:
    """The Leiden pack in Dutch with each Do opening with another of Discord's line-start markups and holding
    Discord's other forms, and its campaign and tagline opening with one too."""
    data = yaml.safe_load(DEFAULT_PACK.read_text(encoding="utf-8"))
    nl = data["languages"]["nl"]
    for opener, do in zip(DISCORD_OPENERS, nl["dos"].values(), strict=True):
        do["text"] = f"{opener}{do['text']} {DISCORD_FORMS}"
    nl["campaign"] = f"> {nl['campaign']}"
    nl["tagline"] = f">>> {nl['tagline']} <t:1700000000>"
    path = tmp_path_factory.mktemp("pack") / "opened.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return load_pack(path).language("nl")


def test_discord_shows_what_opens_a_line_and_its_angle_forms_as_written(opened: Localized) -> None:
    """A ``>>> `` opening a line made the rest of the message a block quote; ``- ``, ``* `` and ``1. `` lists;
    ``<#id>``, ``<t:…>``, ``</name:id>``, ``<:x:id>`` and ``:smile:`` a channel, a time, a command and emoji;
    ``<@1>`` a mention (only 17 to 20 digits were quiet). Each now shows as written, wherever a Do, the
    campaign, the tagline or the admin's words stand at a line's start: the rules, the embed, the welcome."""
    embed = discord_embed(opened, dos_url=DOS_URL)["embeds"][0]
    own = "\n".join(
        f"{opener}eigen regel {DISCORD_FORMS}" for opener in (*DISCORD_OPENERS, "  - ", "   10. ")
    )
    shown: list[tuple[str, str]] = [
        (rule, do.text) for rule, do in zip(discord_rules(opened), opened.dos, strict=True)
    ]
    shown += [(field["value"], do.text) for field, do in zip(embed["fields"], opened.dos, strict=True)]
    shown += [(embed["title"], opened.campaign), (embed["description"], opened.text.tagline)]
    shown += [(render_intro(opened, "discord", admin_text=own).text, own)]
    for text, written in shown:
        assert not DISCORD_READS.search(text), text
        assert written in _discord_shown(text).replace("\u200b", ""), text


def test_discord_keeps_its_own_numbering_and_the_pack_without_markup_unchanged(local: Localized) -> None:
    """The numbers of the Do's message, the topic and the embed's fields are the kit's own list: never
    escaped; the Leiden texts hold no markup, so nothing of theirs is."""
    texts = [
        render_dos(local, "discord", dos_url=DOS_URL).text,
        render_topic(local, "discord", dos_url=DOS_URL),
        *(field["name"] for field in discord_embed(local, dos_url=DOS_URL)["embeds"][0]["fields"]),
    ]
    assert not any("\\" in text for text in texts)
    assert all(f"\n{do.number}. {do.text}" in texts[0] for do in local.dos)
    assert texts[2] == f"1. {local.dos[0].title}"
