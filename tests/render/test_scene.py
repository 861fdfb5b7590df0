"""The picture of students together online: openly licensed people in our own frame, on every poster."""

from __future__ import annotations

import importlib
import io
import json
import xml.etree.ElementTree as ET
from importlib import resources

import cairosvg
from PIL import Image

from samen.content import Localized
from samen.render import illustration, scene_alt, scene_svg
from samen.render.scene import PEOPLE, draw_person, person
from tests.render.conftest import DOS_URL

SVG = "{http://www.w3.org/2000/svg}"
poster = importlib.import_module("samen.render.illustration")


def test_the_people_come_from_a_style_in_the_public_domain() -> None:
    """Open Peeps by Pablo Stanley, as dicebear-styles ships it: CC0, so the university may share the picture
    without credit or conditions. Should the package ever change the style's licence, this fails."""
    style = json.loads((resources.files("dicebear_styles") / "open-peeps.json").read_text("utf-8"))
    assert style["meta"]["license"]["name"] == "CC0 1.0"
    assert style["meta"]["creator"]["name"] == "Pablo Stanley"


def test_the_kept_people_are_what_dicebear_draws() -> None:
    """The people are kept as files (drawing them costs a second of schema validation per process); they
    must stay what DiceBear draws from the CC0 style with our seeds."""
    for index in range(len(PEOPLE)):
        assert person(index) == draw_person(index), index


def test_the_picture_shows_every_student_with_its_alt_text(local: Localized) -> None:
    root = ET.fromstring(scene_svg(local))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == scene_alt(local)
    people = [node for node in root.iter(f"{SVG}svg") if node.get("viewBox") == "0 0 704 704"]
    assert len(people) == len(PEOPLE)
    png = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=scene_svg(local, width=600, height=260))))
    colours = png.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 200  # a drawing, not a blank frame


def test_every_poster_carries_the_picture(local: Localized) -> None:
    for layout in poster.LAYOUTS:
        root = ET.fromstring(illustration(local, dos_url=DOS_URL, layout=layout, fmt="svg"))
        people = [node for node in root.iter(f"{SVG}svg") if node.get("viewBox") == "0 0 704 704"]
        assert len(people) == len(PEOPLE), layout
        (box,) = [s for s in poster._scene(local, DOS_URL, layout) if isinstance(s, poster._Picture)]
        image = Image.open(io.BytesIO(illustration(local, dos_url=DOS_URL, layout=layout, fmt="png")))
        region = image.convert("RGB").crop((int(box.x), int(box.y), int(box.x + box.w), int(box.y + box.h)))
        assert len(region.getcolors(maxcolors=1 << 20) or []) > 200, layout
