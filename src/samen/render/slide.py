"""The lecture slides: 16:9 PPTX with the Do's as cards at 24 pt or more, a QR code large enough to scan
from the back of a lecture hall on each slide, the link, and the pack's speaker notes.

24 pt is the smallest text the back rows of a lecture hall read (about 7 cm on a 3 m screen): the Do's are
set at that size and take as many slides as they need (four of two for the Leiden pack), each
slide as many consecutive Do's as fit it. Text stays text (editable, read by screen readers, found by
search); icons and the QR code are pictures with alt text.

The font is Arial, which every viewer has: PowerPoint on Windows and macOS, Keynote, Google Slides, and
LibreOffice, which sets it in the metric-compatible Liberation Sans (or, without that, DejaVu Sans). A
font embedded in the file would be an EOT part that LibreOffice cannot read and that makes PowerPoint
offer to repair a file it finds damaged. The layout measures every text a fifth wider than Atkinson
Hyperlegible sets it (Arial and Liberation Sans set the Leiden texts narrower than that, DejaVu Sans 15 %
wider), so no card overflows in any of them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationFile
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from samen.content import Localized
from samen.render.colour import WHITE, readable
from samen.render.illustration import _icon_image
from samen.render.lettering import DRAWING, wrap
from samen.render.message import say
from samen.render.qr import qr_png

#: The family the slides name: one every viewer has (see the module's docstring).
FONT = "Arial"
#: The slide layout of python-pptx's template with a title placeholder and nothing else.
TITLE_ONLY = 5
#: A language as PowerPoint names it for spelling and read-aloud (a region of its own); others keep the code.
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)

#: The text size (points) of a Do on the slides, the smallest the back of a hall reads; its title is a fifth
#: larger. The Do's take as many slides as this size needs; where those slides leave room, the text grows
#: (one size for every slide, up to MAX_TEXT) rather than leaving gaps.
MIN_TEXT, MAX_TEXT = 24.0, 32.0
#: How much wider than Atkinson Hyperlegible a substitute font may set a text (DejaVu Sans: 15 % for
#: regular, 19 % for bold, measured on the Leiden pack) and still fit its card.
SUBSTITUTE = 1.2
#: PowerPoint's and LibreOffice's single line spacing, as a share of the text size.
LINE = 1.2

_MARGIN = Inches(0.45)
_BAND = Inches(1.2)
_GAP = Inches(0.12)
_QR = Inches(3.2)
_ICON = Inches(0.5)
_INSET = Inches(0.08)  # the text frame's own margins, left/right and top/bottom
_TEXT_LEFT = Inches(0.8)  # from the card's left edge: the icon and its space
_PARAGRAPH = Pt(4)  # between the title and the text
_QR_LEFT = WIDTH - _MARGIN - _QR
_CARD_TOP = _BAND + Inches(0.25)
#: The cards' column: from the left margin to the QR code, and from the header to the foot.
CARD_WIDTH = int(_QR_LEFT - Inches(0.45) - _MARGIN)
CARD_ROOM = int(HEIGHT - Inches(0.3) - _CARD_TOP)


def _rgb(colour: str) -> RGBColor:
    return RGBColor(int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))  # type: ignore[no-untyped-call]


def _emu(value: float) -> Emu:
    """A length from arithmetic on lengths (which python-pptx leaves as plain numbers)."""
    return Emu(round(value))


def slide_pptx(local: Localized, *, dos_url: str, group: str | None = None) -> bytes:
    """The lecture slides as PPTX bytes (cached per pack language, address and group).

    ``group`` names the lecture in the speaker notes, with its article ("this seminar"); default the pack's
    name for a lecture on Teams.
    """
    # Measuring the words reads the font's glyph tables, which are not safe to share between threads.
    with DRAWING:
        return _deck(local, dos_url, group or local.group("teams"))


@dataclass(frozen=True)
class CardText:
    """One Do on a slide: its text size and the lines its title and text take (as measured)."""

    number: int
    size: float
    title_lines: int
    text_lines: int

    @property
    def title_size(self) -> float:
        """The title's size: a fifth larger than the text."""
        return self.size * 1.2

    @property
    def height(self) -> int:
        """The height (EMU) the card's text frame needs, margins included."""
        points = LINE * (self.title_lines * self.title_size + self.text_lines * self.size)
        return int(Pt(points) + _PARAGRAPH + 2 * _INSET)


def text_width(card_width: int) -> int:
    """The width (EMU) the words of a card get: the card less the icon and the frame's margins."""
    return int(card_width - _TEXT_LEFT - Inches(0.1) - 2 * _INSET)


def measure(local: Localized, numbers: list[int], card_width: int, size: float) -> list[CardText]:
    """How the Do's of one slide set at ``size`` points, measured a fifth wider than the font sets them."""
    points = Emu(text_width(card_width)).pt / SUBSTITUTE
    measured = []
    for number in numbers:
        do = local.dos[number - 1]
        title = wrap(f"{do.number}. {do.title}", "bold", size * 1.2, points)
        text = wrap(do.text, "regular", size, points)
        measured.append(CardText(do.number, size, len(title), len(text)))
    return measured


def _needed(cards: list[CardText]) -> int:
    """The height (EMU) a slide's cards take, gaps included."""
    return sum(card.height for card in cards) + (len(cards) - 1) * _GAP


def groups(local: Localized) -> list[list[int]]:
    """The Do's numbers per slide: the fewest slides on which every Do fits at :data:`MIN_TEXT`, the Do's
    spread as evenly as they fit (3, 3, 2 rather than 3, 3, 1 and 1), in order."""
    numbers = [do.number for do in local.dos]
    heights = {card.number: card for card in measure(local, numbers, CARD_WIDTH, MIN_TEXT)}

    def fits(group: list[int]) -> bool:
        return _needed([heights[n] for n in group]) <= CARD_ROOM

    for count in range(1, len(numbers) + 1):
        split = _split(numbers, count, fits)
        if split is not None:
            return split
    return [[n] for n in numbers]  # a Do too long for a slide of its own: reported by too_long_for_a_slide


def _split(numbers: list[int], count: int, fits: Callable[[list[int]], bool]) -> list[list[int]] | None:
    """``numbers`` in ``count`` consecutive groups that each fit, as even as possible, or None."""
    if count == 1:
        return [numbers] if fits(numbers) else None
    # The first group takes its even share (rounded up) or less, so later slides are not left fuller.
    for first in range(-(-len(numbers) // count), 0, -1):
        head = numbers[:first]
        if not fits(head):
            continue
        rest = _split(numbers[first:], count - 1, fits)
        if rest is not None:
            return [head, *rest]
    return None


def text_size(local: Localized, slides: list[list[int]]) -> float:
    """The largest size (half points, :data:`MIN_TEXT` to :data:`MAX_TEXT`) at which every slide fits."""
    size = MAX_TEXT
    while size > MIN_TEXT and any(
        _needed(measure(local, group, CARD_WIDTH, size)) > CARD_ROOM for group in slides
    ):
        size -= 0.5
    return size


def slide_text(local: Localized) -> tuple[float, bool]:
    """The size (points) of the Do's text on the slides, and whether every card fits its slide at it.

    ``samen pack validate`` reports each Do too long for a slide of its own at 24 pt
    (:func:`too_long_for_a_slide`).
    """
    with DRAWING:
        slides = groups(local)
        size = text_size(local, slides)
        fitted = [_needed(measure(local, group, CARD_WIDTH, size)) <= CARD_ROOM for group in slides]
    return size, all(fitted)


def too_long_for_a_slide(local: Localized) -> list[int]:
    """The numbers of the Do's that do not fit a slide of their own at :data:`MIN_TEXT` (none: they fit)."""
    with DRAWING:
        cards = measure(local, [do.number for do in local.dos], CARD_WIDTH, MIN_TEXT)
    return [card.number for card in cards if _needed([card]) > CARD_ROOM]


def language_tag(local: Localized) -> str:
    """The language of the deck's text as PowerPoint names it ("nl-NL"), for its spelling and read-aloud."""
    return LANGUAGE_TAGS.get(local.code, local.code)


def _text(
    frame: TextFrame,
    runs: list[tuple[str, float, bool, str]],
    lang: str,
    align: PP_ALIGN = PP_ALIGN.LEFT,
) -> None:
    """Fill a text frame with paragraphs of one run each: (text, points, bold, colour), in ``lang``."""
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = _INSET
    frame.margin_top = frame.margin_bottom = _INSET
    # The layout makes room for the words; the text keeps its size rather than shrinking on the projector.
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, (text, size, bold, colour) in enumerate(runs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        paragraph.alignment = align
        if i:
            paragraph.space_before = _PARAGRAPH
        run = paragraph.add_run()
        run.text = text
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour)
        run.font._rPr.set("lang", lang)  # python-pptx has no API for a run's language


def notes_parts(notes: str, parts: int) -> list[str]:
    """The speaker notes divided by paragraphs over the slides, in order (the last slides may get none)."""
    paragraphs = [p for p in notes.split("\n\n") if p.strip()] or [notes]
    share = -(-len(paragraphs) // parts)
    return ["\n\n".join(paragraphs[i * share : (i + 1) * share]) for i in range(parts)]


@cache
def _deck(local: Localized, dos_url: str, lecture: str) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    # python-pptx's template says type="screen4x3"; a 13.333 × 7.5 inch slide is PowerPoint's widescreen,
    # which it writes without a type (the 16:9 type, screen16x9, is a 10 × 5.625 inch slide).
    size_element = deck.part._element.find(qn("p:sldSz"))  # python-pptx has no API for it
    if size_element is not None and "type" in size_element.attrib:
        del size_element.attrib["type"]
    _properties(deck, local)
    slides = groups(local)
    size = text_size(local, slides)  # one size on every slide: flipping through, the cards look the same
    for group, notes in zip(
        slides, notes_parts(local.fill(local.text.slide_notes, group=lecture), len(slides)), strict=True
    ):
        # "Title Only": each slide's heading is its title placeholder, which screen readers, the outline
        # and the slide list name the slide by.
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        _slide(slide, local, dos_url, measure(local, group, CARD_WIDTH, size))
        if notes:
            frame = slide.notes_slide.notes_text_frame
            frame.text = notes
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run.font._rPr.set("lang", language_tag(local))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _slide(slide: Slide, local: Localized, dos_url: str, cards: list[CardText]) -> None:
    colours = local.pack.spec.colours
    on_band = readable(WHITE, colours.primary)
    title_colour = readable(colours.primary, WHITE)
    body_colour = readable(colours.text, WHITE)
    link_colour = readable(colours.primary, colours.background)
    lang = language_tag(local)

    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = _rgb(colours.background)

    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(0), _emu(0), WIDTH, _BAND)
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(colours.primary)
    band.line.fill.background()
    _plain(band)
    band.name = "Header"
    heading = slide.shapes.title
    assert heading is not None  # the Title Only layout has one
    heading.left, heading.top = _MARGIN, Inches(0.1)
    heading.width, heading.height = _emu(WIDTH - 2 * _MARGIN), _emu(_BAND - Inches(0.2))
    band._element.addnext(heading._element)  # drawn over the band, not under it
    heading.name = "Title"
    heading.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    part = say(local, "slide.part", first=cards[0].number, last=cards[-1].number, count=len(local.dos))
    _text(
        heading.text_frame,
        [(local.campaign, 30, True, on_band), (f"{local.institution} · {part}", 20, False, on_band)],
        lang,
    )

    # The QR code on every slide: 3.2 inches of a 13.3-inch slide, about a quarter of the screen, 75 cm on
    # a 3 m screen; the address under it for those who type.
    qr_left, qr_top = _emu(_QR_LEFT), _emu(_BAND + Inches(0.35))
    qr = slide.shapes.add_picture(io.BytesIO(qr_png(dos_url, size=1020)), qr_left, qr_top, _QR, _QR)
    qr.name = "QR code"
    _alt(qr, say(local, "qr.alt", url=dos_url))
    label = slide.shapes.add_textbox(
        _emu(qr_left - Inches(0.3)),
        _emu(qr_top + _QR + Inches(0.1)),
        _emu(_QR + Inches(0.6)),
        _emu(HEIGHT - qr_top - _QR - Inches(0.3)),
    )
    label.name = "Link"
    _text(
        label.text_frame,
        [
            (say(local, "qr.label"), 22, True, link_colour),
            (dos_url.split("://", 1)[-1], 18, False, link_colour),
        ],
        lang,
        PP_ALIGN.CENTER,
    )

    # The cards: one column from the top, each as tall as its words need; spare height pads the cards a
    # little and widens the gaps a little, and the rest stays below (a gap in the middle splits the slide).
    top, card_width = _CARD_TOP, CARD_WIDTH
    spare = max(0, CARD_ROOM - sum(card.height for card in cards) - (len(cards) - 1) * _GAP)
    pad = min(spare // len(cards), int(Inches(0.3)))
    gap = _GAP + min((spare - pad * len(cards)) // max(1, len(cards) - 1), int(Inches(0.25)))
    y = top
    for measured in cards:
        do = local.dos[measured.number - 1]
        height = measured.height + pad
        card = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, _MARGIN, _emu(y), _emu(card_width), _emu(height)
        )
        card.adjustments[0] = 0.08
        card.fill.solid()
        card.fill.fore_color.rgb = _rgb(WHITE)
        card.line.fill.background()
        _plain(card)
        card.name = f"Do {do.number}"
        text_top = y + pad // 2
        # The icon is centred on the title's first line: decoration, the words carry the meaning.
        icon_top = text_top + _INSET + (Pt(LINE * measured.title_size) - _ICON) // 2
        icon = _icon_image(local.pack.spec.dos[do.number - 1].icon, 96, colours.accent)
        buffer = io.BytesIO()
        icon.save(buffer, format="PNG")
        picture = slide.shapes.add_picture(buffer, _emu(_MARGIN + Inches(0.17)), _emu(icon_top), _ICON, _ICON)
        picture.name = f"Icon {do.number}"
        _alt(picture, "")
        box = slide.shapes.add_textbox(
            _emu(_MARGIN + _TEXT_LEFT),
            _emu(text_top),
            _emu(card_width - _TEXT_LEFT - Inches(0.1)),
            _emu(measured.height),
        )
        box.name = f"Do {do.number} text"
        box.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        _text(
            box.text_frame,
            [
                (f"{do.number}. {do.title}", measured.title_size, True, title_colour),
                (do.text, measured.size, False, body_colour),
            ],
            lang,
        )
        y += height + gap


def _properties(deck: PresentationFile, local: Localized) -> None:
    """The file's own properties, which python-pptx's template left as "Steve Canny", 2013 and no title:
    what PowerPoint shows under File > Info, and the default language of text typed into the deck."""
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    core = deck.core_properties
    core.title = f"{local.campaign}: {local.text.dos_heading}"
    core.subject = local.text.tagline
    core.author = core.last_modified_by = local.institution
    core.language = language_tag(local)
    core.created = core.modified = now
    core.revision = 1
    core.keywords = core.comments = core.category = ""
    # New text (a teacher's own words on a slide) is in the kit's language too.
    for level in deck.part._element.iter(qn("a:defRPr")):
        level.set("lang", language_tag(local))


def _plain(shape: object) -> None:
    """No shadow: drop the theme style reference, whose shadow LibreOffice draws even under an empty
    effect list (PowerPoint does not), so both show the flat card."""
    element = getattr(shape, "_element", None)
    if element is not None:
        style = element.find(qn("p:style"))
        if style is not None:
            element.remove(style)


def _alt(picture: object, text: str) -> None:
    """Set a picture's alt text (``descr``); empty marks it as decoration."""
    element = getattr(picture, "_element", None)
    if element is not None:
        element.nvPicPr.cNvPr.set("descr", text)
