"""The illustration: our own poster of the Do's, as SVG and PNG, portrait for chats and 16:9 for screens.

A header band with the institution, the campaign, its line and a QR code to the Do's page; one card per Do
with its number, a Lucide icon, its short title and its exact text; the address at the foot. The text size
is the largest at which every card fits. The layout is computed once as a *scene* of a few shapes, which two
backends draw: SVG (letters as glyph outlines of Atkinson Hyperlegible, so it looks the same everywhere) and
PNG (Pillow with the same font file, drawn at twice the size and scaled down for smooth edges). Colours come
from the pack and fall back to black or white wherever text would get less than 4.5:1 contrast.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from xml.etree import ElementTree

import cairosvg
from PIL import Image, ImageDraw, ImageFont

from samen.content import Localized, Pack
from samen.errors import InputError
from samen.render.colour import WHITE, readable
from samen.render.lettering import DRAWING, FONT_FILES, Lettering, face, wrap
from samen.render.message import say
from samen.render.qr import BORDER, qr_modules, qr_path
from samen.render.scene import BUBBLES, scene_markup, scene_svg


@dataclass(frozen=True)
class Layout:
    """The size and grid of one poster format.

    ``inline`` puts the number and the icon on the title's line, so the Do's text runs the card's full
    width: the one-column portrait needs every pixel of width for letters of a size a phone can show.
    ``small`` (institution and tagline), ``label`` (under the QR code) and ``footer`` (the address) are
    text sizes in pixels; on the portrait none is under what a phone shows readably (see docs/kit.md).
    """

    width: int
    height: int
    columns: int
    margin: int
    qr: int
    headline: int
    small: float
    label: float
    footer: float
    inline: bool
    #: The picture of students together online: its height (pixels) in a strip under the header, or, with
    #: ``picture_in_band``, its width in the header between the words and the QR code.
    picture: int = 0
    picture_in_band: bool = False


#: The poster formats: portrait for chat threads (the shape of a phone screen, 9:16, so a phone shows it
#: full width and the text as large as it can be), 16:9 for projectors and screens.
LAYOUTS: dict[str, Layout] = {
    "portrait": Layout(
        width=1080,
        height=1920,
        columns=1,
        margin=32,
        qr=200,
        headline=46,
        small=30,
        label=30,
        footer=30,
        inline=True,
        picture=120,
    ),
    "landscape": Layout(
        width=1920,
        height=1080,
        columns=2,
        margin=56,
        qr=200,
        headline=52,
        small=28.6,
        label=22,
        footer=24,
        inline=False,
        picture=520,
        picture_in_band=True,
    ),
}

#: A phone shows an opened chat image at the screen's full width: on a phone 390 CSS px wide (most
#: iPhones; small Androids 360) one pixel of the 1080-pixel portrait is 390/1080 of a CSS px. The Do's must
#: be at least 11 CSS px there (a phone's small print) to read without zooming; ``samen pack validate``
#: reports a pack whose Do's are too long for that.
PHONE_WIDTH = 390
READABLE_ON_PHONE = 11.0

#: The illustration's file formats and their media types.
FORMATS: dict[str, str] = {"svg": "image/svg+xml", "png": "image/png"}

_SVG_NS = "{http://www.w3.org/2000/svg}"
_GAP = 12
_PAD = 16
_BADGE = 48
_SUPERSAMPLE = 2


# The scene: what the poster is made of, in pixels of the final image.
@dataclass(frozen=True)
class _Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    radius: float = 0


@dataclass(frozen=True)
class _Circle:
    cx: float
    cy: float
    r: float
    fill: str


@dataclass(frozen=True)
class _Text:
    text: str
    x: float
    baseline: float
    size: float
    weight: str
    fill: str
    #: What the line is (head, label, address, number, title, do): lets tests and checks find the Do's text.
    role: str = ""


@dataclass(frozen=True)
class _Icon:
    name: str
    x: float
    y: float
    size: float
    stroke: str


@dataclass(frozen=True)
class _Qr:
    url: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class _Picture:
    """The picture of students together online (:mod:`samen.render.scene`) in a box."""

    x: float
    y: float
    w: float
    h: float


_Shape = _Rect | _Circle | _Text | _Icon | _Qr | _Picture


def illustration_alt(local: Localized) -> str:
    """The poster's alt text, from the pack's template."""
    return local.fill(local.text.illustration_alt)


def illustration(local: Localized, *, dos_url: str, layout: str = "portrait", fmt: str = "png") -> bytes:
    """The poster in one layout (``portrait`` 1080×1920, ``landscape`` 1920×1080) and format (png, svg).

    Both are cached per pack language, address and layout: they depend on nothing else.

    Raises:
        InputError: for an unknown layout or format.
    """
    if layout not in LAYOUTS or fmt not in FORMATS:
        raise InputError(
            f"Unknown illustration {layout!r}/{fmt!r}; choose {sorted(LAYOUTS)} and {sorted(FORMATS)}.",
            key="render:unknown_illustration",
            layout=layout,
            fmt=fmt,
        )
    # fontTools glyph sets and Pillow's FreeType faces are not safe to use from two threads at once, and the
    # web toolkit answers with several threads: drawing is one at a time (the results are cached).
    with DRAWING:
        if fmt == "svg":
            return _svg(local, dos_url, layout)
        return _png(local, dos_url, layout)


def icon_exists(name: str) -> bool:
    """Whether the Lucide set has an icon of this name."""
    return f"{name}.svg" in _icon_names()


@cache
def _icon_archive() -> zipfile.ZipFile:
    # Lucide's archive, read into memory once: its directory of some 1,600 icons costs more to read than a
    # poster to draw, and the kit asks for icons many times. (ZipFile reads under a lock of its own.)
    archive = resources.files("lucide") / "lucide.zip"
    return zipfile.ZipFile(io.BytesIO(archive.read_bytes()))


@cache
def _icon_names() -> frozenset[str]:
    return frozenset(_icon_archive().namelist())


@cache
def icon_markup(name: str) -> str:
    """The inner elements of a Lucide icon (24×24, stroked); a plain circle for an unknown name."""
    if not icon_exists(name):
        return '<circle cx="12" cy="12" r="9"/>'
    root = ElementTree.fromstring(_icon_archive().read(f"{name}.svg"))
    parts = []
    for child in root:
        for node in child.iter():
            node.tag = node.tag.removeprefix(_SVG_NS)
        parts.append(ElementTree.tostring(child, encoding="unicode"))
    return "".join(parts)


def _icon_svg(name: str, size: float, stroke: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size:.0f}" height="{size:.0f}" viewBox="0 0 24 24" '
        f'fill="none" stroke="{stroke}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
        f"{icon_markup(name)}</svg>"
    )


@dataclass(frozen=True)
class _Palette:
    page: str
    band: str
    on_band: str
    card: str
    title: str
    text: str
    badge: str
    on_badge: str
    icon: str
    link: str


def _palette(local: Localized) -> _Palette:
    c = local.pack.spec.colours
    return _Palette(
        page=c.background,
        band=c.primary,
        on_band=readable(WHITE, c.primary),
        card=WHITE,
        title=readable(c.primary, WHITE),
        text=readable(c.text, WHITE),
        badge=c.accent,
        on_badge=readable(WHITE, c.accent),
        icon=c.accent,
        link=readable(c.primary, c.background),
    )


def _lh(size: float) -> float:
    return size * 1.28


def _icon_size(size: float) -> float:
    return size * 1.45


@dataclass(frozen=True)
class _Geometry:
    """Where the parts of a card go at one text size (offsets from the card's corner, in pixels)."""

    size: float
    badge: float
    number: float
    title_x: float
    title_width: float
    body_x: float
    body_width: float

    @property
    def title_size(self) -> float:
        return self.size * 1.2

    @property
    def icon(self) -> float:
        return _icon_size(self.size)


def _geometry(layout: Layout, width: float, size: float) -> _Geometry:
    title_size = size * 1.2
    icon = _icon_size(size)
    if layout.inline:
        # Number, icon and title on one line; the text below them from the card's left edge.
        badge = round(title_size * 1.2)
        title_x = _PAD + badge + 14 + icon + 10
        return _Geometry(
            size, badge, title_size * 0.78, title_x, width - title_x - _PAD, _PAD, width - 2 * _PAD
        )
    text_x = _PAD + _BADGE + 16
    return _Geometry(
        size,
        _BADGE,
        26.0,
        text_x + icon + 10,
        width - text_x - _PAD - icon - 10,
        text_x,
        width - text_x - _PAD,
    )


def _measure_card(local: Localized, index: int, geometry: _Geometry) -> tuple[float, list[str], list[str]]:
    do = local.dos[index]
    g = geometry
    title = wrap(do.title, "bold", g.title_size, g.title_width)
    body = wrap(do.text, "regular", g.size, g.body_width)
    head = len(title) * _lh(g.title_size)
    if g.body_x == _PAD:  # inline: the badge shares the title's line
        words = max(head, g.badge) + 6 + len(body) * _lh(g.size)
        return 2 * _PAD + words, title, body
    words = head + 4 + len(body) * _lh(g.size)
    return 2 * _PAD + max(words, g.badge), title, body


def body_size(local: Localized, dos_url: str, layout: str) -> float:
    """The size (pixels) of the Do's text on the poster: the largest at which every card fits."""
    with DRAWING:  # laying out measures letters with fontTools, which is not thread-safe
        scene = _scene(local, dos_url, layout)
    return min(shape.size for shape in scene if isinstance(shape, _Text) and shape.role == "do")


@cache
def _scene(local: Localized, dos_url: str, layout: str) -> tuple[_Shape, ...]:
    spec = LAYOUTS[layout]
    colours = _palette(local)
    m = spec.margin
    shapes: list[_Shape] = [_Rect(0, 0, spec.width, spec.height, colours.page)]

    # Header band: institution, campaign, tagline on the left; the QR code and its label on the right.
    label = say(local, "qr.label")
    label_size = spec.label
    label_width = face("bold").width(label, label_size)
    text_width = spec.width - 2 * m - max(spec.qr, label_width) - 32
    if spec.picture_in_band:
        text_width -= spec.picture + 32
    small = spec.small
    head: list[tuple[str, str, float]] = [(local.institution, "regular", small)]
    head += [
        (line, "bold", spec.headline) for line in wrap(local.campaign, "bold", spec.headline, text_width)
    ]
    head += [(line, "regular", small) for line in wrap(local.text.tagline, "regular", small, text_width)]
    text_height = sum(_lh(size) for _, _, size in head)
    qr_block = spec.qr + 8 + _lh(label_size)
    band = max(text_height, qr_block) + 56
    shapes.append(_Rect(0, 0, spec.width, band, colours.band))
    y = 28 + (band - 56 - text_height) / 2
    for line, weight, size in head:
        y += _lh(size)
        shapes.append(_Text(line, m, y - size * 0.28, size, weight, colours.on_band, "head"))
    qx, qy = spec.width - m - spec.qr, 28 + (band - 56 - qr_block) / 2
    shapes.append(_Rect(qx, qy, spec.qr, spec.qr, WHITE, radius=10))
    shapes.append(_Qr(dos_url, qx, qy, spec.qr))
    # Centred under the code, but never past the right margin where the label is wider than the code.
    label_x = min(qx + (spec.qr - label_width) / 2, spec.width - m - label_width)
    baseline = qy + spec.qr + 8 + label_size
    shapes.append(_Text(label, label_x, baseline, label_size, "bold", colours.on_band, "label"))
    if spec.picture_in_band:
        shapes.append(_Picture(qx - 32 - spec.picture, 20, spec.picture, band - 40))

    # Footer: the address, so it can be typed where the QR code cannot be scanned.
    footer_size = spec.footer
    address = dos_url.split("://", 1)[-1].rstrip("/")
    footer_lines = wrap(address, "regular", footer_size, spec.width - 2 * m)
    footer = len(footer_lines) * _lh(footer_size) + 16
    for i, line in enumerate(footer_lines):
        baseline = spec.height - footer + 8 + (i + 1) * _lh(footer_size) - footer_size * 0.28
        shapes.append(_Text(line, m, baseline, footer_size, "regular", colours.link, "address"))

    # The picture: students together online, the width of the cards, under the header.
    top = band + 20
    if spec.picture and not spec.picture_in_band:
        shapes.append(_Picture(m, top, spec.width - 2 * m, spec.picture))
        top += spec.picture + 20
    # Cards: the largest text size at which all of them fit between header and footer.
    bottom = spec.height - footer - 12
    cols = spec.columns
    column_width = (spec.width - 2 * m - (cols - 1) * 20) / cols
    count = len(local.dos)
    rows = -(-count // cols)

    def layout_at(size: float) -> tuple[_Geometry, list[tuple[float, list[str], list[str]]], list[float]]:
        geometry = _geometry(spec, column_width, size)
        cards = [_measure_card(local, i, geometry) for i in range(count)]
        heights = [max(cards[i][0] for i in range(r * cols, min(count, (r + 1) * cols))) for r in range(rows)]
        return geometry, cards, heights

    def fits(size: float) -> bool:
        return sum(layout_at(size)[2]) + (rows - 1) * _GAP <= bottom - top

    # Cards grow with the text size, so the largest size that fits (in half pixels, 12 to 44) is found by
    # halving the range rather than trying each size.
    low, high = 24, 88  # half pixels
    if not fits(low / 2):
        high = low
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle / 2):
            low = middle
        else:
            high = middle - 1
    geometry, cards, heights = layout_at(low / 2)
    spare = (bottom - top) - sum(heights) - (rows - 1) * _GAP
    gap = min(28.0, _GAP + max(0.0, spare) / (rows - 1)) if rows > 1 else _GAP
    y = top
    for r in range(rows):
        for i in range(r * cols, min(count, (r + 1) * cols)):
            x = m + (i - r * cols) * (column_width + 20)
            shapes += _card(
                local, i, x, y, column_width, heights[r], geometry, cards[i][1], cards[i][2], colours
            )
        y += heights[r] + gap
    return tuple(shapes)


def _card(
    local: Localized,
    index: int,
    x: float,
    y: float,
    width: float,
    height: float,
    g: _Geometry,
    title: list[str],
    body: list[str],
    colours: _Palette,
) -> list[_Shape]:
    do = local.dos[index]
    shapes: list[_Shape] = [_Rect(x, y, width, height, colours.card, radius=14)]
    title_size = g.title_size
    inline = g.body_x == _PAD
    # Inline, the badge is centred on the title's first line; otherwise it heads a column of its own.
    first_line = _lh(title_size) / 2 if inline else g.badge / 2
    cx, cy = x + _PAD + g.badge / 2, y + _PAD + max(first_line, g.badge / 2)
    shapes.append(_Circle(cx, cy, g.badge / 2, colours.badge))
    number, number_size = str(do.number), g.number
    number_x = cx - face("bold").width(number, number_size) / 2
    shapes.append(
        _Text(number, number_x, cy + number_size * 0.36, number_size, "bold", colours.on_badge, "number")
    )
    tx = x + g.title_x - g.icon - 10
    ty = y + _PAD
    if inline:
        ty += max(0.0, (g.badge - _lh(title_size)) / 2)
    # The icon sits before the title, centred on its first line: decoration, the words carry the meaning.
    shapes.append(
        _Icon(local.pack.spec.dos[index].icon, tx, ty + (_lh(title_size) - g.icon) / 2, g.icon, colours.icon)
    )
    for line in title:
        ty += _lh(title_size)
        shapes.append(
            _Text(line, x + g.title_x, ty - title_size * 0.28, title_size, "bold", colours.title, "title")
        )
    if inline:
        ty = max(ty, y + _PAD + g.badge) + 6
    else:
        ty += 4
    for line in body:
        ty += _lh(g.size)
        shapes.append(_Text(line, x + g.body_x, ty - g.size * 0.28, g.size, "regular", colours.text, "do"))
    return shapes


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@cache
def _svg(local: Localized, dos_url: str, layout: str) -> bytes:
    spec = LAYOUTS[layout]
    letters = Lettering()
    out: list[str] = []
    for shape in _scene(local, dos_url, layout):
        if isinstance(shape, _Rect):
            out.append(
                f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" height="{shape.h:.1f}" '
                f'rx="{shape.radius}" fill="{shape.fill}"/>'
            )
        elif isinstance(shape, _Circle):
            out.append(f'<circle cx="{shape.cx:.1f}" cy="{shape.cy:.1f}" r="{shape.r}" fill="{shape.fill}"/>')
        elif isinstance(shape, _Text):
            out.append(
                letters.line(shape.text, shape.x, shape.baseline, shape.size, shape.weight, shape.fill)
            )
        elif isinstance(shape, _Picture):
            icons = {name: icon_markup(name) for name in BUBBLES}
            out.append(scene_markup(local, shape.x, shape.y, shape.w, shape.h, icons))
        elif isinstance(shape, _Icon):
            out.append(
                f'<g transform="translate({shape.x:.1f} {shape.y:.1f}) scale({shape.size / 24:.4f})" '
                f'fill="none" stroke="{shape.stroke}" stroke-width="2" stroke-linecap="round" '
                'stroke-linejoin="round">'
                f"{icon_markup(shape.name)}</g>"
            )
        else:
            unit = shape.size / (len(qr_modules(shape.url)) + 2 * BORDER)
            out.append(
                f'<path fill="#000000" shape-rendering="crispEdges" transform="translate('
                f'{shape.x + BORDER * unit:.2f} {shape.y + BORDER * unit:.2f}) scale({unit:.4f})" '
                f'd="{qr_path(shape.url)}"/>'
            )
    alt = _esc(illustration_alt(local))
    desc = _esc(" ".join(f"{do.number}. {do.text}" for do in local.dos))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{spec.width}" height="{spec.height}" viewBox="0 0 {spec.width} {spec.height}" '
        f'role="img" aria-labelledby="title desc" xml:lang="{local.code}">'
        f'<title id="title">{alt}</title><desc id="desc">{desc}</desc>'
        + letters.defs()
        + "".join(out)
        + "</svg>"
    )
    return svg.encode("utf-8")


@cache
def _font(weight: str, size: float) -> ImageFont.FreeTypeFont:
    path = resources.files("fontpkg_atkinson_hyperlegible") / "files" / FONT_FILES[weight]
    with resources.as_file(path) as real:
        return ImageFont.truetype(str(real), size=round(size))


@cache
def _icon_image(name: str, size: int, stroke: str) -> Image.Image:
    png = cairosvg.svg2png(bytestring=_icon_svg(name, size, stroke).encode("utf-8"))
    assert isinstance(png, bytes)
    return Image.open(io.BytesIO(png)).convert("RGBA")


@cache
def _picture_image(pack: Pack, width: int, height: int) -> Image.Image:
    # Per pack, not per language: the picture has no words, so both languages share one drawing.
    png = cairosvg.svg2png(
        bytestring=scene_svg(pack.language(pack.default_language), width=width, height=height)
    )
    assert isinstance(png, bytes)
    return Image.open(io.BytesIO(png)).convert("RGBA")


@cache
def _png(local: Localized, dos_url: str, layout: str) -> bytes:
    spec = LAYOUTS[layout]
    k = _SUPERSAMPLE
    image = Image.new("RGB", (spec.width * k, spec.height * k), WHITE)
    draw = ImageDraw.Draw(image)
    for shape in _scene(local, dos_url, layout):
        if isinstance(shape, _Rect):
            box = (shape.x * k, shape.y * k, (shape.x + shape.w) * k - 1, (shape.y + shape.h) * k - 1)
            draw.rounded_rectangle(box, radius=shape.radius * k, fill=shape.fill)
        elif isinstance(shape, _Circle):
            r = shape.r * k
            draw.ellipse(
                (shape.cx * k - r, shape.cy * k - r, shape.cx * k + r, shape.cy * k + r), fill=shape.fill
            )
        elif isinstance(shape, _Text):
            font = _font(shape.weight, shape.size * k)
            draw.text((shape.x * k, shape.baseline * k), shape.text, font=font, fill=shape.fill, anchor="ls")
        elif isinstance(shape, _Icon):
            icon = _icon_image(shape.name, round(shape.size * k), shape.stroke)
            image.paste(icon, (round(shape.x * k), round(shape.y * k)), icon)
        elif isinstance(shape, _Picture):
            picture = _picture_image(local.pack, round(shape.w * k), round(shape.h * k))
            image.paste(picture, (round(shape.x * k), round(shape.y * k)), picture)
        else:
            modules = qr_modules(shape.url)
            unit = shape.size * k / (len(modules) + 2 * BORDER)
            ox, oy = shape.x * k + BORDER * unit, shape.y * k + BORDER * unit
            for row, cells in enumerate(modules):
                for col, dark in enumerate(cells):
                    if dark:
                        x0, y0 = ox + col * unit, oy + row * unit
                        draw.rectangle(
                            (round(x0), round(y0), round(x0 + unit) - 1, round(y0 + unit) - 1), fill="#000000"
                        )
    final = image.resize((spec.width, spec.height), Image.Resampling.BOX)
    out = io.BytesIO()
    final.save(out, format="PNG", compress_level=3)
    return out.getvalue()
