"""build_kit and zip_kit: every setting's materials, the Do's verbatim in each, and a zip that unpacks."""

from __future__ import annotations

import html
import io
import json
import re
import urllib.parse
import zipfile

import pytest

from samen.content import PLATFORMS, Localized
from samen.errors import LimitError
from samen.render import KITS, build_kit, kit_contents, zip_kit
from tests.render.conftest import DOS_URL

# Materials that cannot hold all the Do's, by nature or by a platform limit.
WITHOUT_DOS = {
    "LEESMIJ.txt",
    "README.txt",
    "1-intro.txt",
    "1-intro.md",
    "1-intro.html",
    "illustration-alt.txt",
    # Only message 1 has a share link: a link cannot carry the illustration the Do's belong with.
    "share-links.txt",
}
SHORT = {("telegram", "description.txt"), ("discord", "topic.txt")}


def _readable(filename: str, data: bytes) -> str:
    text = data.decode("utf-8")
    if filename.endswith(".json"):
        return json.dumps(json.loads(text), ensure_ascii=False)
    if filename == "share-links.txt":
        return urllib.parse.unquote(text)
    return text


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_material_keeps_every_do_verbatim(local: Localized, platform: str) -> None:
    materials = build_kit(local, platform, dos_url=DOS_URL, admin_text="Ik ben jullie mentor.")
    names = [m.filename for m in materials]
    assert len(names) == len(set(names)) == len(KITS[platform]) + 1
    for material in materials:
        assert material.title and material.data
        kind = material.filename.rsplit(".", 1)[-1]
        if kind in {"png", "pptx"} or material.filename.startswith("qr."):
            continue
        if material.filename in WITHOUT_DOS or (platform, material.filename) in SHORT:
            continue
        text = _readable(material.filename, material.data)
        for do in local.dos:
            wanted = html.escape(do.text, quote=True) if kind in {"html", "svg"} else do.text
            assert wanted in text, (platform, material.filename, do.number)


def test_kit_media_types_match_the_files(local: Localized) -> None:
    for material in build_kit(local, "teams", dos_url=DOS_URL):
        if material.filename.endswith(".pptx"):
            assert material.media_type.endswith("presentationml.presentation")
            assert material.data[:2] == b"PK"
        elif material.filename.endswith(".png"):
            assert material.media_type == "image/png" and material.data[:4] == b"\x89PNG"


def test_the_intro_of_the_kit_holds_the_admin_text_escaped_in_html(local: Localized) -> None:
    materials = {m.filename: m for m in build_kit(local, "matrix", dos_url=DOS_URL, admin_text="<b>Hoi</b>")}
    assert "<b>Hoi</b>" in materials["1-intro.txt"].data.decode()
    assert "&lt;b&gt;Hoi&lt;/b&gt;" in materials["1-intro.html"].data.decode()
    assert "<b>Hoi</b>" not in materials["1-intro.html"].data.decode()


def test_an_intro_too_long_for_the_platform_is_refused(local: Localized) -> None:
    with pytest.raises(LimitError):
        build_kit(local, "discord", dos_url=DOS_URL, admin_text="x" * 2100)


def test_zip_holds_every_material_under_its_folder_byte_for_byte(local: Localized) -> None:
    entries = [(f"whatsapp-{local.code}", m) for m in build_kit(local, "whatsapp", dos_url=DOS_URL)]
    entries += [("", m) for m in build_kit(local, "kaltura", dos_url=DOS_URL)[:2]]
    data = zip_kit(entries)
    assert zip_kit(entries) == data  # reproducible
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        for folder, material in entries:
            name = f"{folder}/{material.filename}" if folder else material.filename
            assert archive.read(name) == material.data
    with zipfile.ZipFile(io.BytesIO(zip_kit(entries, root="samen-kit"))) as rooted:
        assert {name.split("/")[0] for name in rooted.namelist()} == {"samen-kit"}
        assert rooted.read(f"samen-kit/whatsapp-{local.code}/{entries[0][1].filename}") == entries[0][1].data


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_read_me_lists_every_file_and_its_steps_name_only_files_of_the_kit(
    local: Localized, platform: str
) -> None:
    readme, *materials = build_kit(local, platform, dos_url=DOS_URL)
    text = readme.data.decode("utf-8")
    names = {m.filename for m in materials}
    for name in names:
        assert f"- {name}: " in text
    mentioned = set(re.findall(r"[\w-]+\.(?:txt|md|html|json|png|svg|pptx)\b", text))
    assert mentioned <= names | {readme.filename}, mentioned - names
    assert local.text.guide.contact in text


@pytest.mark.parametrize("platform", PLATFORMS)
def test_kit_contents_lists_the_kit_without_making_it(local: Localized, platform: str) -> None:
    made = build_kit(local, platform, dos_url=DOS_URL)
    assert kit_contents(local, platform) == [(m.filename, m.title) for m in made]


def _words_of(filename: str, data: bytes) -> str:
    """What a reader meets in a material: its text, a PPTX's slides and speaker notes; "" for images."""
    if filename.endswith(".pptx"):
        with zipfile.ZipFile(io.BytesIO(data)) as deck:
            parts = [n for n in deck.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)]
            return " ".join(
                html.unescape(t)
                for n in parts
                for t in re.findall(r"<a:t>([^<]*)</a:t>", deck.read(n).decode())
            )
    if filename.endswith((".png", ".svg", ".zip")):
        return ""
    return _readable(filename, data)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_groups_name_reaches_every_file(local: Localized, platform: str) -> None:
    """One field names the group in every material, the read-me's title and the slide's notes included: a
    teacher who calls the lecture "this seminar" must not find "this online lecture" in the kit (issue 11)."""
    typed = "dit seminar" if local.code == "nl" else "this seminar"
    usual = local.group(platform)
    materials = build_kit(local, platform, dos_url=DOS_URL, group=typed)
    texts = {m.filename: _words_of(m.filename, m.data) for m in materials}
    assert any(typed in text for text in texts.values())
    assert [name for name, text in texts.items() if usual in text] == []
    readme = materials[0]
    assert readme.data.decode().splitlines()[0].endswith(typed)
    if "slide.pptx" in texts:
        assert typed in texts["slide.pptx"]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_qr_code_speaks_the_kit_s_language(local: Localized, platform: str) -> None:
    """Every ``*-nl/qr.svg`` said "QR code: https://…" in English, as its title and its aria-label."""
    from xml.etree import ElementTree as ET

    from samen.render.message import say

    (svg,) = [m.data for m in build_kit(local, platform, dos_url=DOS_URL) if m.filename == "qr.svg"]
    root = ET.fromstring(svg)
    alt = say(local, "qr.alt", url=DOS_URL)
    assert root.get("aria-label") == alt
    assert root.findtext("{http://www.w3.org/2000/svg}title") == alt
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == local.code
    if local.code == "nl":
        assert "QR-code" in alt
