"""The lecture slide, read back with python-pptx: 16:9, the Do's verbatim, the QR code, the notes."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from samen.content import Localized
from samen.render import slide_pptx
from tests.render.conftest import DOS_URL


def test_slide_is_16_9_with_every_do_the_qr_code_and_the_notes(local: Localized) -> None:
    deck = Presentation(io.BytesIO(slide_pptx(local, dos_url=DOS_URL)))
    assert (
        deck.slide_width / deck.slide_height == 16 / 9
        or abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    )
    (slide,) = deck.slides
    texts = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    for do in local.dos:
        assert do.text in texts
        assert do.title in texts
    assert DOS_URL.split("://", 1)[1] in texts
    assert slide.notes_slide.notes_text_frame.text == local.text.slide_notes

    (qr,) = [shape for shape in slide.shapes if shape.name == "QR code"]
    assert qr.width >= Inches(3)  # large enough to scan from the back of a lecture hall
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.image.blob)))
    assert [f.text for f in found] == [DOS_URL]
    assert DOS_URL in qr._element.nvPicPr.cNvPr.get("descr")
