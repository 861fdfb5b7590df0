"""The campaign's picture: students together online, as a video call in the pack's colours.

Six students in the tiles of a call window, with chat bubbles that carry the Do's spirit in icons (a heart,
a raised thumb, a speech bubble): our own vector art around people from Open Peeps by Pablo Stanley
(CC0 1.0, https://www.openpeeps.com/), drawn by DiceBear (``dicebear-core``, MIT) from the style file that
``dicebear-styles`` ships. No words in the picture: it is the same in every language, and the alt text
says what it shows. The same picture heads the poster, the home page and the Do's page.

DiceBear validates its style file against a JSON schema before drawing, which takes a second of CPU: more
than the whole kit may. The six people never change, so they are drawn once by :func:`write_people` (a
development step; DiceBear is a development dependency) and kept as SVG files in ``render/people/``; a test
draws them anew and checks that the files are what DiceBear draws today.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

from samen.content import Localized
from samen.render.colour import WHITE

#: The people of the call: a seed for each, and what they wear on their head (a mix of hair, a hijab,
#: a beanie), so the group looks like a real study group. Friendly faces only; no masks or beards hiding
#: the face, glasses now and then.
PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("Anouk", "medium1", "#ffdbb4"),
    ("Samir", "shaved2", "#ae5d29"),
    ("Lin", "bangs", "#edb98a"),
    ("Amara", "afro", "#694d3d"),
    ("Noor", "hijab", "#d08b5b"),
    ("Joost", "hatBeanie", "#ffdbb4"),
)
EXPRESSIONS = ["smile", "smileBig", "calm", "cute", "lovingGrin1", "explaining"]

#: Tile colours: light tints that the pack's dark text and lines stay readable on.
TILES = ("#dfe8f7", "#e3f4e6", "#fff1d6", "#f6e0ef", "#dff3f4", "#fbe3df")
CLOTHING = ("#8fa7df", "#78e185", "#ffcf77", "#e279c7", "#9ddadb", "#e78276")

#: Icons in the chat bubbles (Lucide names): care, agreement, talking.
BUBBLES = ("heart", "thumbs-up", "message-circle")

_OUTER_SVG = re.compile(r"^<svg[^>]*>|</svg>\s*$")


def draw_person(index: int) -> str:
    """One student's bust as DiceBear draws it (SVG inner elements on a 704 × 704 canvas).

    Needs the development dependencies ``dicebear-core`` and ``dicebear-styles``.
    """
    from dicebear import Avatar, Style

    style = Style(json.loads((resources.files("dicebear_styles") / "open-peeps.json").read_text("utf-8")))
    seed, head, skin = PEOPLE[index]
    avatar = Avatar(
        style,
        {
            "seed": seed,
            "headVariant": head,
            "skinColor": skin.lstrip("#"),
            "clothingColor": CLOTHING[index % len(CLOTHING)].lstrip("#"),
            "expressionVariant": EXPRESSIONS,
            "facialHairProbability": 0,
            "maskProbability": 0,
            "accessoriesVariant": ["glasses", "glasses2", "glasses4"],
            "accessoriesProbability": 25,
        },
    )
    return _OUTER_SVG.sub("", avatar.to_string())


#: Where the drawn people are kept (package data).
PEOPLE_DIR = "people"


def write_people(folder: Path | None = None) -> None:
    """Draw the six people with DiceBear and keep them as ``person-N.svg`` (run after changing PEOPLE)."""
    target = folder or Path(__file__).parent / PEOPLE_DIR
    target.mkdir(exist_ok=True)
    for index in range(len(PEOPLE)):
        (target / f"person-{index}.svg").write_text(draw_person(index), encoding="utf-8")


@cache
def person(index: int) -> str:
    """One student's bust as kept in ``render/people/`` (SVG inner elements on a 704 × 704 canvas)."""
    return (resources.files("samen.render") / PEOPLE_DIR / f"person-{index}.svg").read_text("utf-8")


def scene_markup(
    local: Localized, x: float, y: float, width: float, height: float, icons: dict[str, str]
) -> str:
    """The picture as SVG elements in a box of the drawing (pixels), without an outer ``<svg>``.

    Args:
        local: the pack (its colours).
        icons: Lucide name → its inner SVG markup (24 × 24, stroked).
    """
    colours = local.pack.spec.colours
    frame, accent = colours.primary, colours.accent
    bar = min(36.0, height * 0.13)
    pad = max(8.0, height * 0.05)
    out = [
        f'<g transform="translate({x:.1f} {y:.1f})">',
        # The call window: a rounded frame with its title bar and three dots.
        f'<rect x="0" y="0" width="{width:.1f}" height="{height:.1f}" rx="{bar * 0.6:.1f}" fill="{frame}"/>',
    ]
    for i in range(3):
        cx = pad + bar * 0.35 + i * bar * 0.55
        out.append(
            f'<circle cx="{cx:.1f}" cy="{bar / 2 + 2:.1f}" r="{bar * 0.16:.1f}" '
            f'fill="{WHITE}" fill-opacity="0.85"/>'
        )
    count = len(PEOPLE)
    columns = count if width / height > 2.6 else 3
    rows = -(-count // columns)
    grid_top, gap = bar + 4, pad * 0.6
    tile_w = (width - 2 * pad - (columns - 1) * gap) / columns
    tile_h = (height - grid_top - pad - (rows - 1) * gap) / rows
    for i in range(count):
        col, row = i % columns, i // columns
        tx = pad + col * (tile_w + gap)
        ty = grid_top + row * (tile_h + gap)
        out.append(
            f'<rect x="{tx:.1f}" y="{ty:.1f}" width="{tile_w:.1f}" height="{tile_h:.1f}" rx="{gap:.1f}" '
            f'fill="{TILES[i % len(TILES)]}"/>'
        )
        # The bust fills the tile's height, centred, cut off at the tile's foot like a webcam picture.
        side = min(tile_h * 1.05, tile_w * 1.1)
        px, py = tx + (tile_w - side) / 2, ty + tile_h - side
        out.append(
            f'<svg x="{px:.1f}" y="{py:.1f}" width="{side:.1f}" height="{side:.1f}" viewBox="0 0 704 704" '
            f'overflow="hidden">{person(i)}</svg>'
        )
        if i < len(BUBBLES) * 2 and i % 2 == 0:
            # A chat bubble at the tile's top corner with an icon: what they say to each other.
            icon = BUBBLES[(i // 2) % len(BUBBLES)]
            r = min(tile_w, tile_h) * 0.17
            bx, by = tx + tile_w - r - gap * 0.6, ty + r + gap * 0.6
            out.append(f'<circle cx="{bx:.1f}" cy="{by:.1f}" r="{r:.1f}" fill="{WHITE}"/>')
            out.append(
                f'<path d="M{bx - r * 0.55:.1f} {by + r * 0.7:.1f} l{-r * 0.35:.1f} {r * 0.45:.1f} '
                f'l{r * 0.75:.1f} {-r * 0.2:.1f}z" fill="{WHITE}"/>'
            )
            size = r * 1.15
            out.append(
                f'<g transform="translate({bx - size / 2:.1f} {by - size / 2:.1f}) scale({size / 24:.4f})" '
                f'fill="none" stroke="{accent}" stroke-width="2.4" stroke-linecap="round" '
                f'stroke-linejoin="round">{icons[icon]}</g>'
            )
    out.append("</g>")
    return "".join(out)


def scene_alt(local: Localized) -> str:
    """What the picture shows, in the pack's language (English where the strings have none)."""
    from samen.render.message import say

    return say(local, "scene.alt")


def scene_svg(local: Localized, *, width: int = 1200, height: int = 520) -> bytes:
    """The picture on its own, as an SVG file with its alt text as title."""
    from samen.render.illustration import icon_markup  # the poster's icon set

    icons = {name: icon_markup(name) for name in BUBBLES}
    alt = scene_alt(local).replace("&", "&amp;").replace("<", "&lt;")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="scene-title" xml:lang="{local.code}">'
        f'<title id="scene-title">{alt}</title>' + scene_markup(local, 0, 0, width, height, icons) + "</svg>"
    )
    return svg.encode("utf-8")
