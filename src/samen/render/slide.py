"""The lecture slide: one 16:9 PPTX slide with the eight Do's as cards, a QR code large enough to scan
from the back of a lecture hall, the link, and the pack's speaker notes.

Text stays text (editable, read by screen readers, found by search); icons and the QR code are pictures
with alt text. The slide names Atkinson Hyperlegible; where it is not installed, PowerPoint and LibreOffice
substitute a sans-serif.
"""

from __future__ import annotations

import io
from functools import cache

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from samen.content import Localized
from samen.render.colour import WHITE, readable
from samen.render.illustration import _icon_image
from samen.render.message import say
from samen.render.qr import qr_png

#: The family the poster draws with (see samen.render.lettering.FONT_FILES).
FONT = "Atkinson Hyperlegible"

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)


def _rgb(colour: str) -> RGBColor:
    return RGBColor(int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))  # type: ignore[no-untyped-call]


def slide_pptx(local: Localized, *, dos_url: str) -> bytes:
    """The lecture slide as PPTX bytes (cached per pack language and address)."""
    return _slide(local, dos_url)


def _text(
    frame: TextFrame, runs: list[tuple[str, float, bool, str]], align: PP_ALIGN = PP_ALIGN.LEFT
) -> None:
    """Fill a text frame with paragraphs of one run each: (text, points, bold, colour)."""
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = Inches(0.08)
    frame.margin_top = frame.margin_bottom = Inches(0.04)
    for i, (text, size, bold, colour) in enumerate(runs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour)


@cache
def _slide(local: Localized, dos_url: str) -> bytes:
    colours = local.pack.spec.colours
    on_band = readable(WHITE, colours.primary)
    title_colour = readable(colours.primary, WHITE)
    body_colour = readable(colours.text, WHITE)

    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = _rgb(colours.background)

    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(1.25))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(colours.primary)
    band.line.fill.background()
    band.name = "Header"
    heading = slide.shapes.add_textbox(Inches(0.45), Inches(0.12), Inches(12.4), Inches(1.05))
    heading.name = "Title"
    heading.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _text(
        heading.text_frame,
        [
            (local.campaign, 30, True, on_band),
            (f"{local.institution} · {local.text.dos_heading}", 16, False, on_band),
        ],
    )

    # The QR code: 3.2 inches of a 13.3-inch slide, about a quarter of the screen: 75 cm on a 3 m screen.
    qr_size = Inches(3.2)
    qr_left, qr_top = WIDTH - Inches(0.45) - qr_size, Inches(1.6)
    qr = slide.shapes.add_picture(io.BytesIO(qr_png(dos_url, size=1020)), qr_left, qr_top, qr_size, qr_size)
    qr.name = "QR code"
    _alt(qr, f"QR code: {dos_url}")
    label = slide.shapes.add_textbox(
        qr_left - Inches(0.2), qr_top + qr_size + Inches(0.1), qr_size + Inches(0.4), Inches(1.6)
    )
    label.name = "Link"
    _text(
        label.text_frame,
        [
            (say(local, "qr.label"), 18, True, title_colour),
            (dos_url.split("://", 1)[-1], 12, False, body_colour),
        ],
        PP_ALIGN.CENTER,
    )

    # The cards: two columns of four.
    left, top = Inches(0.45), Inches(1.45)
    gap = Inches(0.12)
    area_width = qr_left - Inches(0.35) - left
    card_width = Emu(int((area_width - gap) / 2))
    card_height = Emu(int((HEIGHT - top - Inches(0.35) - 3 * gap) / 4))
    for i, do in enumerate(local.dos):
        column, row = divmod(i, 4)
        x = Emu(int(left + column * (card_width + gap)))
        y = Emu(int(top + row * (card_height + gap)))
        card = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, card_width, card_height)
        card.adjustments[0] = 0.08
        card.fill.solid()
        card.fill.fore_color.rgb = _rgb(WHITE)
        card.line.fill.background()
        card.name = f"Do {do.number}"
        icon_size = Inches(0.42)
        icon = _icon_image(local.pack.spec.dos[i].icon, 96, colours.accent)
        buffer = io.BytesIO()
        icon.save(buffer, format="PNG")
        picture = slide.shapes.add_picture(buffer, x + Inches(0.12), y + Inches(0.12), icon_size, icon_size)
        picture.name = f"Icon {do.number}"
        _alt(picture, "")
        box = slide.shapes.add_textbox(
            x + Inches(0.6), y + Inches(0.04), card_width - Inches(0.66), card_height - Inches(0.08)
        )
        box.name = f"Do {do.number} text"
        box.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        # Where the substitute font runs wider than Atkinson Hyperlegible, shrink rather than overflow.
        box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        _text(
            box.text_frame,
            [(f"{do.number}. {do.title}", 14, True, title_colour), (do.text, 12, False, body_colour)],
        )

    slide.notes_slide.notes_text_frame.text = local.text.slide_notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _alt(picture: object, text: str) -> None:
    """Set a picture's alt text (``descr``); empty marks it as decoration."""
    element = getattr(picture, "_element", None)
    if element is not None:
        element.nvPicPr.cNvPr.set("descr", text)
