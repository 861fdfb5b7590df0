"""The kit: every material of one setting (platform × language) as named files, and a zip of many.

:data:`KITS` lists, per platform, which materials it gets and in what order; each material is made by one
function of :data:`MAKERS`. Expensive parts (illustration, QR code, slide) are cached in their modules, so a
web request that builds a kit with the admin's own intro only renders the text again.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from samen.content import Localized
from samen.render.cards import brightspace_html, discord_embed, discord_rules, teams_card
from samen.render.illustration import illustration, illustration_alt
from samen.render.markup import discord_quiet
from samen.render.message import (
    render_description,
    render_dos,
    render_intro,
    render_topic,
    say,
    style_of,
    whatsapp_share_link,
)
from samen.render.qr import qr_png, qr_svg
from samen.render.slide import slide_pptx


@dataclass(frozen=True)
class Material:
    """One file of the kit.

    Attributes:
        filename: such as ``1-intro.txt``, ``dos-portrait.png``, ``slide.pptx``.
        media_type: its MIME type.
        data: its bytes.
        title: a short label in the kit's language, such as "Bericht 1: de introductie".
    """

    filename: str
    media_type: str
    data: bytes
    title: str


@dataclass(frozen=True)
class _Context:
    local: Localized
    platform: str
    dos_url: str
    admin_text: str
    group: str | None


MEDIA_TYPES: dict[str, str] = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def _text(data: str) -> bytes:
    return (data.rstrip("\n") + "\n").encode("utf-8")


def _json(data: object) -> bytes:
    return _text(json.dumps(data, ensure_ascii=False, indent=2))


def _intro(c: _Context) -> str:
    return render_intro(c.local, c.platform, admin_text=c.admin_text, group=c.group).text


def _intro_html(c: _Context) -> str:
    return render_intro(c.local, c.platform, admin_text=c.admin_text, group=c.group).html or ""


def _share_links(c: _Context) -> str:
    """The link for message 1 only: a link can carry text but no image, and the Do's go with the
    illustration (the campaign's order), so message 2 is sent as the illustration's caption."""
    return "\n\n".join(
        [
            f"{say(c.local, 'title.intro')}:\n{whatsapp_share_link(_intro(c))}",
            say(c.local, "share.dos_with_image"),
        ]
    )


def _chat(c: _Context) -> str:
    return _intro(c) + "\n\n" + render_dos(c.local, c.platform, dos_url=c.dos_url).text


#: material id → (file name, title key in strings/render.yaml, maker of its bytes).
MAKERS: dict[str, tuple[str, str, Callable[[_Context], bytes]]] = {
    "intro.txt": ("1-intro.txt", "title.intro", lambda c: _text(_intro(c))),
    "intro.md": ("1-intro.md", "title.intro", lambda c: _text(_intro(c))),
    "intro.html": ("1-intro.html", "title.intro_html", lambda c: _text(_intro_html(c))),
    "dos.txt": (
        "2-dos.txt",
        "title.dos",
        lambda c: _text(render_dos(c.local, c.platform, dos_url=c.dos_url).text),
    ),
    "dos.caption": (
        "2-dos.txt",
        "title.dos_caption",
        lambda c: _text(render_dos(c.local, c.platform, dos_url=c.dos_url).text),
    ),
    "dos.md": (
        "2-dos.md",
        "title.dos",
        lambda c: _text(render_dos(c.local, c.platform, dos_url=c.dos_url).text),
    ),
    "dos.html": (
        "2-dos.html",
        "title.dos_html",
        lambda c: _text(render_dos(c.local, c.platform, dos_url=c.dos_url).html or ""),
    ),
    "chat": ("chat.txt", "title.chat", lambda c: _text(_chat(c))),
    "description": (
        "description.txt",
        "title.description",
        lambda c: _text(render_description(c.local, c.platform, dos_url=c.dos_url)),
    ),
    "topic": (
        "topic.txt",
        "title.topic",
        lambda c: _text(render_topic(c.local, c.platform, dos_url=c.dos_url)),
    ),
    "share": ("share-links.txt", "title.share", lambda c: _text(_share_links(c))),
    "embed": ("embed.json", "title.embed", lambda c: _json(discord_embed(c.local, dos_url=c.dos_url))),
    "rules": ("rules.txt", "title.rules", lambda c: _text("\n".join(discord_rules(c.local)))),
    "card": ("card.json", "title.card", lambda c: _json(teams_card(c.local, dos_url=c.dos_url))),
    "announcement": (
        "announcement.html",
        "title.announcement",
        lambda c: brightspace_html(c.local, dos_url=c.dos_url, admin_text=c.admin_text, group=c.group).encode(
            "utf-8"
        ),
    ),
    "slide": (
        "slide.pptx",
        "title.slide",
        lambda c: slide_pptx(c.local, dos_url=c.dos_url, group=c.local.group_name(c.platform, c.group)),
    ),
    "portrait.png": (
        "dos-portrait.png",
        "title.portrait_png",
        lambda c: illustration(c.local, dos_url=c.dos_url, layout="portrait", fmt="png"),
    ),
    "portrait.svg": (
        "dos-portrait.svg",
        "title.portrait_svg",
        lambda c: illustration(c.local, dos_url=c.dos_url, layout="portrait", fmt="svg"),
    ),
    "landscape.png": (
        "dos-landscape.png",
        "title.landscape_png",
        lambda c: illustration(c.local, dos_url=c.dos_url, layout="landscape", fmt="png"),
    ),
    "landscape.svg": (
        "dos-landscape.svg",
        "title.landscape_svg",
        lambda c: illustration(c.local, dos_url=c.dos_url, layout="landscape", fmt="svg"),
    ),
    "alt": ("illustration-alt.txt", "title.alt", lambda c: _text(illustration_alt(c.local))),
    "qr.png": ("qr.png", "title.qr_png", lambda c: qr_png(c.dos_url)),
    "qr.svg": (
        "qr.svg",
        "title.qr_svg",
        lambda c: qr_svg(c.dos_url, alt=say(c.local, "qr.alt", url=c.dos_url), lang=c.local.code),
    ),
}

_IMAGES_CHAT = ["portrait.png", "portrait.svg", "alt", "qr.png", "qr.svg"]
_IMAGES_SCREEN = ["landscape.png", "landscape.svg", "alt", "qr.png", "qr.svg"]

#: platform → its materials, in the order an admin uses them.
KITS: dict[str, list[str]] = {
    "whatsapp": ["intro.txt", "dos.caption", "description", "share", *_IMAGES_CHAT],
    "discord": ["intro.md", "dos.md", "embed", "topic", "rules", *_IMAGES_CHAT],
    "telegram": ["intro.txt", "intro.html", "dos.txt", "dos.html", "description", *_IMAGES_CHAT],
    "matrix": ["intro.txt", "intro.html", "dos.txt", "dos.html", "topic", *_IMAGES_CHAT],
    "teams": ["chat", "card", "slide", *_IMAGES_SCREEN],
    "kaltura": ["chat", "slide", *_IMAGES_SCREEN],
    "brightspace": [
        "announcement",
        "landscape.png",
        "landscape.svg",
        "portrait.png",
        "portrait.svg",
        "alt",
        "qr.png",
        "qr.svg",
    ],
}

#: platform → the pack's guide text that tells the admin how to use the kit.
GUIDES: dict[str, tuple[str, ...]] = {
    "whatsapp": ("groups", "language", "incidents"),
    "discord": ("groups", "language", "incidents"),
    "telegram": ("groups", "language", "incidents"),
    "matrix": ("groups", "language", "incidents"),
    "teams": ("lectures", "language", "incidents"),
    "kaltura": ("lectures", "language", "incidents"),
    "brightspace": ("brightspace", "language", "incidents"),
}


def _media_type(filename: str) -> str:
    return MEDIA_TYPES[filename.rsplit(".", 1)[-1]]


def support_lines(local: Localized, platform: str | None = None) -> list[str]:
    """Every support route with how to reach it, one line each: its own address, or the address of the
    route it is reached through; in the words of that platform's setting when one is given (the lecturer
    of a course on Brightspace, not the admin of a group)."""
    routes = local.support_on(platform) if platform else local.support
    by_id = {route.id: route for route in routes}
    lines = []
    for route in routes:
        through = by_id.get(route.via) if route.via and not route.has_contact else None
        ways = [x for r in (route, through) if r for x in (r.link, r.email, r.phone, r.hours) if x]
        words = " ".join(x for x in (route.when, route.reach) if x)
        lines.append(f"- {route.name}: {words}" + "".join(f"\n  {way}" for way in ways))
    return lines


def _readme(c: _Context, materials: list[Material]) -> Material:
    local, platform, dos_url = c.local, c.platform, c.dos_url
    guide = local.guide_on(platform)
    lines = [f"{local.campaign} — {local.group_name(platform, c.group)}", ""]
    lines += [say(local, "readme.steps") + ":", say(local, f"steps.{platform}"), ""]
    lines += [getattr(guide, name) + "\n" for name in GUIDES[platform]]
    lines += [say(local, "readme.support") + ":", *support_lines(local, platform), ""]
    lines.append(say(local, "readme.files") + ":")
    lines += [f"- {m.filename}: {m.title}" for m in materials]
    own_site = dos_url != local.campaign_url
    lines += ["", say(local, "readme.links.site" if own_site else "readme.links.campaign", url=dos_url)]
    lines += ["", guide.contact]
    filename = say(local, "readme.filename")
    return Material(filename, _media_type(filename), _text("\n".join(lines)), say(local, "title.readme"))


def kit_contents(local: Localized, platform: str) -> list[tuple[str, str]]:
    """The file names and titles of a setting's kit, in :func:`build_kit`'s order, without making a file.

    For listing a kit (the web toolkit's download list): drawing the poster and slide only to read their
    names would cost every worker tens of MB of images nobody asked for yet.

    Raises:
        InputError: for an unknown platform.
    """
    style_of(platform)
    readme = say(local, "readme.filename"), say(local, "title.readme")
    return [readme, *((MAKERS[ident][0], say(local, MAKERS[ident][1])) for ident in KITS[platform])]


def build_kit(
    local: Localized, platform: str, *, dos_url: str, admin_text: str = "", group: str | None = None
) -> list[Material]:
    """Every material of one setting, in the order an admin uses them, with a read-me first.

    Args:
        local: the pack in one language.
        platform: one of :data:`samen.content.PLATFORMS`.
        dos_url: where the Do's link and the QR code lead.
        admin_text: the admin's own intro text (plain text).
        group: how the admin calls the group; default the pack's word for the platform.

    Raises:
        InputError: for an unknown platform.
        LimitError: when the admin's text makes a message too long for the platform.
    """
    style_of(platform)
    context = _Context(local, platform, dos_url, admin_text, group)
    materials = []
    for ident in KITS[platform]:
        filename, title, make = MAKERS[ident]
        materials.append(Material(filename, _media_type(filename), make(context), say(local, title)))
    return [_pasteable(platform, m) for m in (_readme(context, materials), *materials)]


#: The kit's files that people paste into the platform as text (not the pictures, SVG included).
_PASTED = {"txt", "md", "json", "html"}


def _pasteable(platform: str, material: Material) -> Material:
    """A Discord kit's text file as it may be pasted anywhere in Discord: a mention in it pings wherever it
    stands, so every text file (the read-me, the alt text and the JSON too) mentions nobody. The messages
    are quiet already (their writer is); this holds the files the writers do not make."""
    if platform != "discord" or material.filename.rsplit(".", 1)[-1] not in _PASTED:
        return material
    return replace(material, data=discord_quiet(material.data.decode("utf-8")).encode("utf-8"))


_STORED = {"png", "pptx"}  # already compressed: deflating them again costs time and saves nothing


def zip_kit(entries: Iterable[tuple[str, Material]], *, root: str = "") -> bytes:
    """A zip of materials, each under its folder prefix (``"whatsapp-nl"`` or ``""``), all under ``root``
    when given: a zip of many folders should unpack into one folder, not spill them where it is opened.

    The same materials always give the same bytes: entries carry a fixed date.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for folder, material in entries:
            path = "/".join(part.strip("/") for part in (root, folder, material.filename) if part.strip("/"))
            name = path
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            stored = material.filename.rsplit(".", 1)[-1] in _STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, material.data)
    return out.getvalue()
