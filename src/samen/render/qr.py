"""QR codes (segno) that lead to the Do's page, as SVG and PNG, and as modules for other drawings."""

from __future__ import annotations

import io
from functools import cache

import segno
from PIL import Image

#: Error correction M survives a smudged print or a reflection on a projector screen.
ERROR = "m"
#: The quiet zone the QR standard asks for, in modules.
BORDER = 4


def _make(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR, micro=False)


@cache
def qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's dark (True) and light modules, without the quiet zone."""
    return tuple(tuple(bool(cell) for cell in row) for row in _make(url).matrix)


def qr_path(url: str) -> str:
    """An SVG path (one unit per module, origin at the top-left module) drawing the dark modules."""
    parts: list[str] = []
    for y, row in enumerate(qr_modules(url)):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    return "".join(parts)


@cache
def qr_svg(url: str, *, alt: str, lang: str) -> bytes:
    """A QR code as a standalone SVG (black on white, with its quiet zone), scalable to any size.

    Args:
        url: what the code holds.
        alt: its text for screen readers (``<title>`` and ``aria-label``), in the reader's language
            (``qr.alt`` in ``strings/render.yaml``).
        lang: the language of ``alt`` (``xml:lang``).
    """
    size = len(qr_modules(url)) + 2 * BORDER
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size * 10}" '
        f'height="{size * 10}" role="img" aria-label="{_attr(alt)}" xml:lang="{_attr(lang)}" '
        'shape-rendering="crispEdges">'
        f"<title>{_attr(alt)}</title>"
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>'
        f'<path transform="translate({BORDER} {BORDER})" fill="#000000" d="{qr_path(url)}"/></svg>'
    )
    return svg.encode("utf-8")


@cache
def qr_png(url: str, *, size: int = 1080) -> bytes:
    """A QR code as a square PNG of exactly ``size`` pixels, with crisp modules and its quiet zone."""
    qr = _make(url)
    width = qr.symbol_size(scale=1, border=BORDER)[0]
    scale = max(1, size // width)
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=BORDER, dark="#000000", light="#ffffff")
    drawn = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    canvas = Image.new("L", (size, size), 255)
    if drawn.width > size:
        drawn = drawn.resize((size, size), Image.Resampling.NEAREST)
    canvas.paste(drawn, ((size - drawn.width) // 2, (size - drawn.height) // 2))
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
