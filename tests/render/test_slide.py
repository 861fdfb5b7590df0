"""The lecture slides, read back with python-pptx: 16:9, the Do's verbatim at a size readable from the back
of a lecture hall, the QR code on each slide, the notes."""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from samen.content import Localized
from samen.render import slide_pptx
from samen.render.colour import contrast
from samen.render.lettering import wrap
from samen.render.slide import LINE, SUBSTITUTE
from tests.render.conftest import DOS_URL

#: Readable from the back of a lecture hall: 24 pt on a 13.3-inch-wide slide is about 7 cm on a 3 m screen.
READABLE = 24


def _deck(local: Localized) -> Presentation:
    return Presentation(io.BytesIO(slide_pptx(local, dos_url=DOS_URL)))


def test_slides_are_16_9_with_every_do_the_qr_code_and_the_notes(local: Localized) -> None:
    data = slide_pptx(local, dos_url=DOS_URL)
    deck = Presentation(io.BytesIO(data))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    # The 16:9 file said type="screen4x3"; PowerPoint's widescreen slide has no type at all.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        presentation = archive.read("ppt/presentation.xml").decode()
    size = re.search(r"<p:sldSz [^>]*/>", presentation)
    assert size is not None and "type=" not in size.group(0), size
    # Every Do on exactly one slide, in order, as many slides as 24 pt needs.
    shown_on: dict[int, int] = {}
    for index, slide in enumerate(deck.slides):
        texts = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for do in local.dos:
            if do.text in texts:
                assert f"{do.number}. {do.title}" in texts
                shown_on[do.number] = index
    assert sorted(shown_on) == [do.number for do in local.dos]
    assert list(shown_on.values()) == sorted(shown_on.values())
    assert 2 <= len(deck.slides) <= 4
    for slide in deck.slides:
        texts = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert DOS_URL.split("://", 1)[1] in texts

        (qr,) = [shape for shape in slide.shapes if shape.name == "QR code"]
        assert qr.width >= Inches(3)  # large enough to scan from the back of a lecture hall
        found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.image.blob)))
        assert [f.text for f in found] == [DOS_URL]
        assert DOS_URL in qr._element.nvPicPr.cNvPr.get("descr")
    # The speaker notes, in full and in order, over the two slides.
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    said = local.fill(local.text.slide_notes, group=local.group("teams"))
    assert "\n\n".join(n for n in notes if n) == said


def test_card_text_is_readable_from_the_back_and_fits_a_wider_substitute_font(local: Localized) -> None:
    for slide in _deck(local).slides:
        boxes = [shape for shape in slide.shapes if shape.name.endswith(" text")]
        assert boxes
        for box in boxes:
            frame = box.text_frame
            assert frame.auto_size == MSO_AUTO_SIZE.NONE  # the text never shrinks below its size
            (title,), (text,) = (paragraph.runs for paragraph in frame.paragraphs)
            assert text.font.size >= Pt(READABLE)
            assert text.font.name == title.font.name == "Arial"  # a font every viewer has
            assert title.font.size > text.font.size
            # Set a fifth wider than Atkinson Hyperlegible sets them (a substitute where the font is not
            # installed), the title and the text still fit the box.
            width = Emu(box.width - frame.margin_left - frame.margin_right).pt / SUBSTITUTE
            lines = [
                (len(wrap(run.text, weight, run.font.size.pt, width)), run.font.size.pt)
                for run, weight in ((title, "bold"), (text, "regular"))
            ]
            needed = Pt(sum(LINE * count * size for count, size in lines))
            room = box.height - frame.margin_top - frame.margin_bottom
            assert needed <= room, box.name


def test_every_text_on_the_slides_contrasts_with_what_lies_under_it(local: Localized) -> None:
    for slide in _deck(local).slides:
        page = str(slide.background.fill.fore_color.rgb)
        shapes = list(slide.shapes)
        for i, shape in enumerate(shapes):
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            # Under a text box: the last filled shape drawn before it that holds its top left corner.
            under = page
            for below in shapes[:i]:
                if (
                    below.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE  # the header band or a card
                    and below.left <= shape.left <= below.left + below.width
                    and below.top <= shape.top <= below.top + below.height
                ):
                    under = str(below.fill.fore_color.rgb)
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert contrast(f"#{run.font.color.rgb}", f"#{under}") >= 4.5, (shape.name, run.text)


def test_the_slides_as_libreoffice_shows_them_overflow_nowhere(local: Localized, tmp_path: Path) -> None:
    """Rendered by LibreOffice Impress (Arial set in Liberation Sans, as on a Linux lecture PC): every Do
    is on its slide, the font is the metric twin of Arial rather than a wider fallback, and no letter lies
    outside its card: between the cards, below them and beside them the slide is bare background."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        pytest.fail("LibreOffice Impress and poppler-utils are missing; scripts/bootstrap.sh installs them")
    data = slide_pptx(local, dos_url=DOS_URL)
    (tmp_path / "slides.pptx").write_bytes(data)
    env = os.environ | {"HOME": str(tmp_path)}  # a profile of its own, so parallel runs do not collide
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "slides.pptx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    pdf = tmp_path / "slides.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSans" in fonts and "DejaVu" not in fonts, fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for do in local.dos:
        assert " ".join(do.text.split()) in flat, do.number
    dpi = 40
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(tmp_path / "s")], check=True, timeout=60)
    deck = Presentation(io.BytesIO(data))
    pages = sorted(tmp_path.glob("s-*.png"))
    assert len(pages) == len(deck.slides)
    background = str(deck.slides[0].background.fill.fore_color.rgb)
    bare = tuple(int(background[i : i + 2], 16) for i in (0, 2, 4))
    scale = dpi / 914400  # EMU per inch

    def box(left: int, top: int, right: int, bottom: int) -> tuple[int, int, int, int]:
        """A rectangle of the slide (EMU) in the picture's pixels, a pixel inside each edge."""
        return (
            round(left * scale) + 1,
            round(top * scale) + 1,
            round(right * scale) - 1,
            round(bottom * scale) - 1,
        )

    for slide, png in zip(deck.slides, pages, strict=True):
        image = Image.open(png).convert("RGB")

        cards = sorted(
            (s for s in slide.shapes if s.name.startswith("Do ") and not s.name.endswith(" text")),
            key=lambda s: s.top,
        )
        qr = next(s for s in slide.shapes if s.name == "QR code")
        regions = [
            # beside the cards, up to the QR code
            box(cards[0].left + cards[0].width, cards[0].top, qr.left, cards[-1].top + cards[-1].height),
            # below the last card
            box(
                cards[0].left,
                cards[-1].top + cards[-1].height,
                cards[0].left + cards[0].width,
                deck.slide_height,
            ),
        ]
        regions += [
            box(a.left, a.top + a.height, a.left + a.width, b.top) for a, b in itertools.pairwise(cards)
        ]
        for region in regions:
            if region[2] <= region[0] or region[3] <= region[1]:
                continue
            colours = {colour for _, colour in image.crop(region).getcolors(maxcolors=1 << 16) or []}
            stray = [c for c in colours if max(abs(a - b) for a, b in zip(c, bare, strict=True)) > 40]
            assert not stray, (png.name, region, stray[:3])


def test_each_slide_has_a_title_and_the_deck_speaks_the_kit_s_language(local: Localized) -> None:
    """No slide had a title placeholder (screen readers and the outline named them all "Slide n"), no text
    had a language (Dutch was spell-checked and read aloud as English), the QR code's alt text was English
    in the Dutch deck, and the file said "Steve Canny", 2013 and no title (python-pptx's template)."""
    from samen.render.message import say
    from samen.render.slide import language_tag

    deck = _deck(local)
    tag = language_tag(local)
    assert tag.split("-")[0] == local.code
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.startswith(local.campaign)
        runs = [
            run
            for shape in [*slide.shapes, *slide.notes_slide.shapes]
            if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
        ]
        assert runs and {run.font._rPr.get("lang") for run in runs} == {tag}
        (qr,) = [shape for shape in slide.shapes if shape.name == "QR code"]
        assert qr._element.nvPicPr.cNvPr.get("descr") == say(local, "qr.alt", url=DOS_URL)
    core = deck.core_properties
    assert local.campaign in core.title
    assert core.author == core.last_modified_by == local.institution
    assert core.language == tag
    assert core.created is not None and core.created.year > 2013
    assert "Canny" not in core.author + core.last_modified_by
