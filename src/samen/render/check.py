"""What a pack's texts must satisfy to be rendered: every platform's limits, known icons, readable colours.

:func:`check_texts` renders every material of every language once and reports, per field of the pack file,
what does not fit. ``samen pack validate`` turns these into problems with file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from samen.content import PLATFORMS, Localized, Pack
from samen.errors import LimitError
from samen.render.cards import discord_embed, discord_rules, teams_card
from samen.render.colour import MIN_CONTRAST, WHITE, contrast
from samen.render.illustration import LAYOUTS, PHONE_WIDTH, READABLE_ON_PHONE, body_size, icon_exists
from samen.render.limits import check_limit
from samen.render.message import STYLES, render_description, render_dos, render_intro, render_topic
from samen.render.slide import MIN_TEXT, slide_text

FieldPath = tuple[str | int, ...]

#: Colour pairs that carry text: (foreground field or white, background field or white).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("primary", "background"),
    ("white", "primary"),
    ("primary", "white"),
    ("white", "accent"),
)


def check_texts(pack: Pack) -> list[tuple[FieldPath, str]]:
    """Every text of the pack that does not fit a platform, every unknown icon and every colour pair under
    4.5:1, as (field path in the pack file, what is wrong)."""
    found: list[tuple[FieldPath, str]] = []
    for index, spec in enumerate(pack.spec.dos):
        if not icon_exists(spec.icon):
            found.append((("dos", index, "icon"), f"unknown icon {spec.icon!r}: not in the Lucide set"))
    colours = pack.spec.colours.model_dump()
    colours["white"] = WHITE
    for fore, back in TEXT_PAIRS:
        ratio = contrast(colours[fore], colours[back])
        if ratio < MIN_CONTRAST:
            at = fore if fore != "white" else back
            found.append(
                (
                    ("colours", at),
                    f"{fore} on {back}: contrast {ratio:.1f}:1, under the {MIN_CONTRAST}:1 text needs",
                )
            )
    for code in pack.languages:
        found += _language(pack.language(code), pack.campaign_url)
    # A text can fail the same limit in two materials (a Telegram description and topic): say it once.
    return list(dict.fromkeys(found))


def _language(local: Localized, url: str) -> Iterator[tuple[FieldPath, str]]:
    at: FieldPath = ("languages", local.code)
    checks: list[tuple[FieldPath, Callable[[], object]]] = []
    for platform in PLATFORMS:
        intro = "lecture_intro" if STYLES[platform].lecture else "intro"
        checks += [
            ((intro,), partial(render_intro, local, platform)),
            (("dos",), partial(render_dos, local, platform, dos_url=url)),
            (("description_short",), partial(render_description, local, platform, dos_url=url)),
            (("description_short",), partial(render_topic, local, platform, dos_url=url)),
        ]
    for do in local.dos:
        for limit in ("rule", "embed.field.value"):
            checks.append((("dos", do.id, "text"), partial(check_limit, "discord", limit, do.text)))
    checks += [
        (("dos",), partial(discord_rules, local)),
        (("dos",), partial(discord_embed, local, dos_url=url)),
        (("dos",), partial(teams_card, local, dos_url=url)),
    ]
    for field, render in checks:
        try:
            render()
        except LimitError as exc:
            yield (*at, *field), f"too long: {exc}"
    # The Do's together must fit the poster at a size a phone shows readably, and the slides at 18 pt.
    size = body_size(local, url, "portrait")
    on_phone = size * PHONE_WIDTH / LAYOUTS["portrait"].width
    if on_phone < READABLE_ON_PHONE:
        yield (
            (*at, "dos"),
            f"too long for the portrait poster: the Do's text would be {size:g} px, {on_phone:.1f} CSS px on "
            f"a phone {PHONE_WIDTH} px wide, under the {READABLE_ON_PHONE:g} that read without zooming",
        )
    _, fits = slide_text(local)
    if not fits:
        yield (
            (*at, "dos"),
            f"too long for the lecture slides: a Do does not fit a slide of its own at {MIN_TEXT:g} pt",
        )
