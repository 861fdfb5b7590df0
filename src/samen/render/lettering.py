"""Text set in Atkinson Hyperlegible as SVG glyph outlines, so every machine draws the same letters.

The font files come from the ``fontpkg-atkinson-hyperlegible`` package (SIL OFL). Glyph outlines are
defined once per drawing (``<defs>``) and placed with ``<use>``; lines are broken at spaces by the font's
own advance widths, and a word wider than the line is broken between letters.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

#: Held while a poster is drawn: fontTools glyph sets and Pillow's FreeType faces are not thread-safe.
#: Re-entrant, so a drawing that draws a part of itself does not wait on itself.
DRAWING = threading.RLock()

#: Weight → font file in the package.
FONT_FILES: dict[str, str] = {
    "regular": "AtkinsonHyperlegible-Regular.ttf",
    "bold": "AtkinsonHyperlegible-Bold.ttf",
}


@dataclass
class Face:
    """One weight of the font: its metrics and glyph outlines (read once)."""

    weight: str
    font: TTFont
    units: int
    cmap: dict[int, str]
    ascent: int
    descent: int
    #: Advance widths by character, read once: fitting the poster measures hundreds of thousands of
    #: letters, and a fontTools table lookup per letter made that most of the kit's time.
    advances: dict[str, int] = field(default_factory=dict)
    missing: int = 0

    def glyph(self, char: str) -> str:
        """The glyph name of a character (``.notdef`` where the font has none)."""
        return self.cmap.get(ord(char), ".notdef")

    def advance(self, char: str) -> int:
        """A character's advance width in font units."""
        return self.advances.get(char, self.missing)

    def width(self, text: str, size: float) -> float:
        """How wide a text is at a size in pixels."""
        advances, missing = self.advances, self.missing
        return sum(advances.get(c, missing) for c in text) * size / self.units


@cache
def face(weight: str) -> Face:
    """The font in one weight (``regular`` or ``bold``)."""
    path = resources.files("fontpkg_atkinson_hyperlegible") / "files" / FONT_FILES[weight]
    with resources.as_file(path) as real:
        font = TTFont(str(real), lazy=False)
    hhea = font["hhea"]
    cmap = dict(font.getBestCmap())
    metrics = font["hmtx"].metrics
    return Face(
        weight=weight,
        font=font,
        units=int(font["head"].unitsPerEm),
        cmap=cmap,
        ascent=int(hhea.ascent),
        descent=int(hhea.descent),
        advances={chr(code): int(metrics[glyph][0]) for code, glyph in cmap.items()},
        missing=int(metrics[".notdef"][0]),
    )


@cache
def _outline(weight: str, glyph: str) -> str:
    font = face(weight).font
    pen = SVGPathPen(font.getGlyphSet())
    font.getGlyphSet()[glyph].draw(pen)
    return str(pen.getCommands())


def wrap(text: str, weight: str, size: float, width: float) -> list[str]:
    """Break a text into lines no wider than ``width`` pixels; keeps explicit line breaks."""
    font = face(weight)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.width(candidate, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            pieces = _break_word(font, word, size, width)
            lines += pieces[:-1]
            line = pieces[-1]
        lines.append(line)
    return lines


def _break_word(font: Face, word: str, size: float, width: float) -> list[str]:
    """A word cut into lines no wider than ``width`` (the last may be shorter); a word that fits is itself.

    A word too long for a line (an address) breaks before a slash, a hyphen or a dot where one fits, as the
    Chicago Manual of Style breaks URLs (a hyphen that ends a line would read as hyphenation); only failing
    that, between any two letters, and never fewer than one letter a line. The letters' advances are summed
    once (``ends[i]``: the advance of ``word[:i]``), so a word of any length is cut in time in proportion
    to it, not to its square.
    """
    ends = [0]
    for char in word:
        ends.append(ends[-1] + font.advance(char))
    scale = size / font.units

    def wide(start: int, stop: int) -> float:  # as Face.width measures word[start:stop]
        return (ends[stop] - ends[start]) * size / font.units

    pieces: list[str] = []
    start = 0
    while wide(start, len(word)) > width and len(word) - start > 1:
        # the most letters from ``start`` that fit (at least one): the advances only grow
        cut = bisect.bisect_right(ends, ends[start] + width / scale, lo=start + 1) - 1
        while cut > start + 1 and wide(start, cut) > width:
            cut -= 1
        while cut < len(word) and wide(start, cut + 1) <= width:
            cut += 1
        cut = max(cut, start + 1)
        soft = max(word.rfind(mark, start + 1, cut) for mark in "/-.")
        cut = soft if soft > start else cut
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return pieces


@dataclass
class Lettering:
    """Collects the glyphs one drawing uses and writes its text as ``<use>`` of glyph outlines."""

    used: dict[tuple[str, str], str] = field(default_factory=dict)

    def _ref(self, weight: str, glyph: str) -> str:
        key = (weight, glyph)
        if key not in self.used:
            self.used[key] = f"g{len(self.used)}"
        return self.used[key]

    def line(self, text: str, x: float, baseline: float, size: float, weight: str, fill: str) -> str:
        """One line of text, its left edge at ``x`` and its baseline at ``baseline`` (pixels)."""
        font = face(weight)
        scale = size / font.units
        uses: list[str] = []
        advance = 0
        for char in text:
            glyph = font.glyph(char)
            if char != " ":
                uses.append(f'<use xlink:href="#{self._ref(weight, glyph)}" x="{advance}"/>')
            advance += font.advance(char)
        return (
            f'<g fill="{fill}" transform="translate({x:.1f} {baseline:.1f}) scale({scale:.5f} {-scale:.5f})">'
            + "".join(uses)
            + "</g>"
        )

    def defs(self) -> str:
        """The ``<defs>`` with every glyph outline used so far."""
        paths = "".join(
            f'<path id="{ref}" d="{_outline(weight, glyph)}"/>' for (weight, glyph), ref in self.used.items()
        )
        return f"<defs>{paths}</defs>"
