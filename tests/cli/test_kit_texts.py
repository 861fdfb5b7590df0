"""The texts of a kit as `samen kit` writes them, read back from the folder: Discord's files show the pack as
written and ping nobody; a lecture's or a course's read-me speaks of a lecture or a course, not of a chat
group."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from samen.content import DEFAULT_PACK, load_pack
from samen.render.markup import ZERO_WIDTH_SPACE
from tests.cli.run import samen

#: What Discord reads as a mention: the whole server or channel, or one member or role.
PINGS = re.compile(r"@(?:everyone|here)|<@[!&]?\d{17,20}>")
#: Discord markdown that would format: a marker pair around text, the first not escaped by a backslash.
FORMATS = re.compile(r"(?<!\\)([*_~`|])(?=\S)[^\n]*?(?<=[^\s\\])\1")

DO_6 = "Wijs elkaar indien nodig op deze Do’s."
LOUD_DO_6 = (
    "Wijs *elkaar* op deze_Do’s_, @everyone en @here, <@123456789012345678> en <@&123456789012345678>."
)
LOUD_TAGLINE = "Samen, @here en <@!123456789012345678>, dragen we zorg voor een fijne, veilige leeromgeving."


def _kit(tmp_path: Path, platform: str, lang: str, pack: Path = DEFAULT_PACK) -> dict[str, str]:
    """The text files of one setting's kit, written by `samen kit` and read back."""
    out = tmp_path / f"{platform}-{lang}"
    done = samen("kit", "--pack", str(pack), "--platform", platform, "--lang", lang, "--out", str(out))
    assert done.returncode == 0, done.stderr
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(out.iterdir())
        if p.suffix in {".txt", ".md", ".json", ".html"}
    }


def _as_discord_shows(text: str) -> str:
    """What a Discord reader sees: no backslash before an escaped character, no zero-width space."""
    return re.sub(r"\\([^0-9A-Za-z\s])", r"\1", text).replace(ZERO_WIDTH_SPACE, "")


@pytest.fixture
def loud_pack(tmp_path: Path) -> Path:
    """The Leiden pack whose Do 6 holds Discord's markers and every kind of mention, and whose tagline (the
    embed's description) mentions the channel and a member."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    tagline = "tagline: Samen dragen we zorg voor een fijne, veilige leeromgeving. Ook als we online"
    assert text.count(f"text: {DO_6}") == 1 and text.count(tagline) == 1
    text = text.replace(f"text: {DO_6}", f"text: '{LOUD_DO_6}'")
    text = re.sub(rf"{tagline}.*", f"tagline: '{LOUD_TAGLINE}'", text)
    path = tmp_path / "loud.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_discord_text_file_pings_nobody_and_shows_the_pack_as_written(
    tmp_path: Path, loud_pack: Path
) -> None:
    files = _kit(tmp_path, "discord", "nl", loud_pack)
    assert {"1-intro.md", "2-dos.md", "embed.json", "topic.txt", "rules.txt", "LEESMIJ.txt"} <= set(files)
    for name, text in files.items():
        assert not PINGS.search(text), (name, PINGS.search(text))
    # rules.txt is escaped as the Do's message is: each rule is that message's line for its Do, word for word
    rules = files["rules.txt"].splitlines()
    dos = files["2-dos.md"]
    assert all(f"\n{n}. {rule}\n" in dos for n, rule in enumerate(rules, start=1))
    assert not FORMATS.search(rules[5]), rules[5]
    assert _as_discord_shows(rules[5]) == LOUD_DO_6
    embed = json.loads(files["embed.json"])["embeds"][0]
    assert embed["fields"][5]["value"] == rules[5]
    assert _as_discord_shows(embed["description"]).startswith(LOUD_TAGLINE)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_leiden_discord_kit_is_the_pack_s_text_unchanged(tmp_path: Path, lang: str) -> None:
    """The Leiden pack holds no markup and no mention: nothing in its Discord kit is escaped."""
    files = _kit(tmp_path, "discord", lang)
    local = load_pack().language(lang)
    assert files["rules.txt"] == "".join(f"{do.text}\n" for do in local.dos)
    for name, text in files.items():
        # JSON writes a line break as \n: its strings are what Discord gets
        texts = _strings(json.loads(text)) if name.endswith(".json") else [text]
        assert not any(ZERO_WIDTH_SPACE in t or "\\" in t for t in texts), name


def _strings(value: object) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


# --- the read-me of a lecture or a course ---------------------------------------------------------------

#: Words that only fit a chat group, per language.
CHAT_WORDS = {
    "nl": (
        "in de groep",
        "groepsbeheerder",
        "deelnemers in de groep",
        "beheerder van deze groep",
        "app van de groep",
    ),
    "en": ("in the group", "as the admin", "members can", "admin of this group", "group’s app"),
}
#: Per setting, a word its read-me must hold where it says what to do when something happens.
SETTING_WORDS = {
    ("teams", "nl"): "de chat van de vergadering",
    ("teams", "en"): "the meeting chat",
    ("kaltura", "nl"): "tijdens het college",
    ("kaltura", "en"): "during the lecture",
    ("brightspace", "nl"): "de cursus",
    ("brightspace", "en"): "the course",
}


@pytest.mark.parametrize(("platform", "lang"), list(SETTING_WORDS))
def test_a_lecture_s_or_a_course_s_read_me_speaks_of_it_not_of_a_chat_group(
    tmp_path: Path, platform: str, lang: str
) -> None:
    files = _kit(tmp_path, platform, lang)
    readme = files["LEESMIJ.txt" if lang == "nl" else "README.txt"]
    for words in CHAT_WORDS[lang]:
        assert words not in readme, (platform, lang, words)
    local = load_pack().language(lang)
    incidents = local.guide_on(platform).incidents
    assert incidents != local.text.guide.incidents
    assert f"\n{incidents}\n" in readme
    assert SETTING_WORDS[platform, lang] in incidents
    # what the campaign asks of everyone stays: not judging, showing that you noticed
    assert incidents.split(". ", 2)[2] == local.text.guide.incidents.split(". ", 2)[2]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_chat_group_s_read_me_keeps_the_campaign_s_words(tmp_path: Path, lang: str) -> None:
    readme = _kit(tmp_path, "whatsapp", lang)["LEESMIJ.txt" if lang == "nl" else "README.txt"]
    assert load_pack().language(lang).text.guide.incidents in readme
