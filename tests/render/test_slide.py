"""The lecture slides, read back with python-pptx: 16:9, the Do's verbatim at a size readable from the back
of a lecture hall, the QR code on each slide, the notes."""

from __future__ import annotations

import io

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

#: Readable from the back of a lecture hall: 18 pt on a 13.3-inch-wide slide is 5.5 cm on a 3 m screen.
READABLE = 18


def _deck(local: Localized) -> Presentation:
    return Presentation(io.BytesIO(slide_pptx(local, dos_url=DOS_URL)))


def test_slides_are_16_9_with_every_do_the_qr_code_and_the_notes(local: Localized) -> None:
    deck = _deck(local)
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    # Eight cards do not fit one slide at a readable size: two slides of four (DESIGN.md allows it).
    first, second = deck.slides
    for slide, numbers in ((first, range(1, 5)), (second, range(5, 9))):
        texts = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for do in local.dos:
            shown = do.number in numbers
            assert (do.text in texts) is shown, do.number
            assert (f"{do.number}. {do.title}" in texts) is shown, do.number
        assert DOS_URL.split("://", 1)[1] in texts

        (qr,) = [shape for shape in slide.shapes if shape.name == "QR code"]
        assert qr.width >= Inches(3)  # large enough to scan from the back of a lecture hall
        found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.image.blob)))
        assert [f.text for f in found] == [DOS_URL]
        assert DOS_URL in qr._element.nvPicPr.cNvPr.get("descr")
    # The speaker notes, in full and in order, over the two slides.
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    assert "\n\n".join(n for n in notes if n) == local.text.slide_notes


def test_card_text_is_readable_from_the_back_and_fits_a_wider_substitute_font(local: Localized) -> None:
    for slide in _deck(local).slides:
        boxes = [shape for shape in slide.shapes if shape.name.endswith(" text")]
        assert len(boxes) == 4
        for box in boxes:
            frame = box.text_frame
            assert frame.auto_size == MSO_AUTO_SIZE.NONE  # the text never shrinks below its size
            (title,), (text,) = (paragraph.runs for paragraph in frame.paragraphs)
            assert text.font.size >= Pt(READABLE)
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
