"""The poster and the QR codes: real PNGs of the promised sizes, SVGs that parse, codes that scan."""

from __future__ import annotations

import importlib
import io
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image

from samen.content import Localized
from samen.errors import InputError
from samen.render import LAYOUTS, illustration, illustration_alt, qr_png, qr_svg
from samen.render.colour import contrast, readable
from samen.render.lettering import face, wrap
from tests.render.conftest import DOS_URL

# The module, not the function of the same name that samen.render exports.
drawing = importlib.import_module("samen.render.illustration")

SVG = "{http://www.w3.org/2000/svg}"


def _decode(png: bytes) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_poster_png_has_its_size_and_its_qr_code_scans(local: Localized, layout: str) -> None:
    png = illustration(local, dos_url=DOS_URL, layout=layout, fmt="png")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (LAYOUTS[layout].width, LAYOUTS[layout].height)
    assert min(image.size) >= 1080
    assert _decode(png) == [DOS_URL]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_poster_svg_parses_and_carries_alt_text_and_every_do(local: Localized, layout: str) -> None:
    root = ET.fromstring(illustration(local, dos_url=DOS_URL, layout=layout, fmt="svg"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert (root.get("width"), root.get("height")) == (
        str(LAYOUTS[layout].width),
        str(LAYOUTS[layout].height),
    )
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == illustration_alt(local)
    assert desc is not None and desc.text is not None
    for do in local.dos:
        assert do.text in desc.text
    # Letters are outlines, so the file needs no font: every glyph used is defined once.
    # (The picture's people refer to their parts the same way, with SVG 2's plain href.)
    uses = root.findall(f".//{SVG}use")
    defined = {node.get("id") for node in root.iter() if node.get("id")}
    targets = {(u.get("{http://www.w3.org/1999/xlink}href") or u.get("href") or "")[1:] for u in uses}
    assert uses and targets <= defined


def test_poster_is_cached_and_the_same_every_time(local: Localized) -> None:
    first = illustration(local, dos_url=DOS_URL, layout="portrait", fmt="svg")
    assert illustration(local, dos_url=DOS_URL, layout="portrait", fmt="svg") is first


def test_alt_text_comes_from_the_pack(local: Localized) -> None:
    alt = illustration_alt(local)
    assert local.campaign in alt and local.institution in alt
    assert "{" not in alt


def test_unknown_layout_is_refused(local: Localized) -> None:
    with pytest.raises(InputError):
        illustration(local, dos_url=DOS_URL, layout="square")


def test_qr_png_decodes_to_the_url_at_its_size() -> None:
    png = qr_png(DOS_URL, size=600)
    assert Image.open(io.BytesIO(png)).size == (600, 600)
    assert _decode(png) == [DOS_URL]
    assert _decode(qr_png("https://example.org/en/dos/#do-4")) == ["https://example.org/en/dos/#do-4"]


def test_qr_svg_parses_and_decodes_when_drawn() -> None:
    import cairosvg

    svg = qr_svg(DOS_URL, alt="QR-code naar de Do’s", lang="nl")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    png = cairosvg.svg2png(bytestring=svg, output_width=500, output_height=500)
    assert _decode(png) == [DOS_URL]


def test_pack_colours_that_fail_contrast_fall_back_to_black_or_white() -> None:
    assert readable("#001158", "#ffffff") == "#001158"
    pale = readable("#f0f0f0", "#ffffff")
    assert pale == "#000000"
    assert contrast(pale, "#ffffff") >= 4.5
    assert readable("#ffffff", "#9fb3ff") == "#000000"


# A phone shows a chat image full width when it is opened (and the portrait is 9:16, no taller than a
# phone's screen, so width is what limits it): on a phone 390 CSS px wide (most iPhones; 360 for small
# Androids) one poster pixel is 390/1080 of a CSS px. Readable without zooming: the Do's at 11 CSS px or
# more (WhatsApp's own small print, the time under a message, is about 11 px), nothing drawn under 10.
PHONE_WIDTH = 390


def _css_px(size: float) -> float:
    return size * PHONE_WIDTH / LAYOUTS["portrait"].width


def test_portrait_poster_text_is_readable_on_a_phone_without_zooming(local: Localized) -> None:
    layout = LAYOUTS["portrait"]
    assert layout.height / layout.width <= 16 / 9  # shown full width on every phone of 16:9 or taller
    scene = drawing._scene(local, DOS_URL, "portrait")
    texts = [shape for shape in scene if isinstance(shape, drawing._Text)]
    body = [shape.size for shape in texts if shape.role == "do"]
    assert body and _css_px(min(body)) >= 11
    assert drawing.body_size(local, DOS_URL, "portrait") == min(body)
    assert _css_px(min(shape.size for shape in texts)) >= 10
    # The Do's text is set in full: its lines, joined, are the pack's text.
    lines = " ".join(shape.text for shape in texts if shape.role == "do")
    for do in local.dos:
        assert do.text in lines


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_text_on_the_poster_contrasts_with_what_lies_under_it(local: Localized, layout: str) -> None:
    scene = drawing._scene(local, DOS_URL, layout)
    for i, shape in enumerate(scene):
        if not isinstance(shape, drawing._Text):
            continue
        # The background is the topmost shape drawn before the text that covers the middle of its x-height.
        x, y = shape.x + 2, shape.baseline - shape.size * 0.25
        under = next(
            s
            for s in reversed(scene[:i])
            if (isinstance(s, drawing._Rect) and s.x <= x <= s.x + s.w and s.y <= y <= s.y + s.h)
            or (isinstance(s, drawing._Circle) and (x - s.cx) ** 2 + (y - s.cy) ** 2 <= s.r**2)
        )
        assert contrast(shape.fill, under.fill) >= 4.5, (shape.text, shape.fill, under.fill)
    # And the text stays inside the picture.
    spec = LAYOUTS[layout]
    for shape in scene:
        if isinstance(shape, drawing._Text):
            right = shape.x + face(shape.weight).width(shape.text, shape.size)
            assert shape.x >= 0 and right <= spec.width and shape.baseline <= spec.height, shape.text


def test_an_address_too_long_for_a_line_breaks_before_a_slash_hyphen_or_dot() -> None:
    address = "www.student.universiteitleiden.nl/en/campaign/student-well-being/dignity-and-respect-online"
    lines = wrap(address, "regular", 20, 500)
    assert "".join(lines) == address and len(lines) > 1
    assert all(line[0] in "/-." for line in lines[1:]), lines  # never "dignity-an / d-respect"
    # A word with no such mark is still cut where it must.
    assert "".join(wrap("a" * 80, "regular", 20, 200)) == "a" * 80
