"""What a pack's texts must satisfy to be rendered: every platform's limits, known icons, readable colours.

:func:`check_findings` renders every material of every language once and reports, per field of the pack
file, what does not fit, as a :class:`Finding` with the key of its words (``pack.*`` in
``strings/errors.yaml``), which ``samen pack validate`` turns into problems with file and line in the
reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from samen.content import PLATFORMS, Localized, Pack, pack_words
from samen.errors import LimitError
from samen.render.cards import discord_embed, discord_rules, teams_card
from samen.render.colour import MIN_CONTRAST, WHITE, contrast
from samen.render.illustration import LAYOUTS, PHONE_WIDTH, READABLE_ON_PHONE, body_size, icon_exists
from samen.render.limits import check_limit
from samen.render.message import STYLES, as_shown, render_description, render_dos, render_intro, render_topic
from samen.render.slide import MIN_TEXT, slide_text

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """What does not fit, at a field of the pack file.

    Attributes:
        at: the field's path, such as ``("languages", "nl", "description_short")``.
        key: its words in ``strings/errors.yaml`` (``pack.*``).
        params: the values for those words, as (name, value) pairs.
    """

    at: FieldPath
    key: str
    params: tuple[tuple[str, str | int], ...] = ()

    def words(self, lang: str) -> str:
        """What does not fit, in a language."""
        return pack_words(self.key, lang, dict(self.params))


def _finding(at: FieldPath, key: str, **params: str | int) -> Finding:
    return Finding(at, key, tuple(params.items()))


#: Colour pairs that carry text: (foreground field or white, background field or white).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("primary", "background"),
    ("white", "primary"),
    ("primary", "white"),
    ("white", "accent"),
)


def check_findings(pack: Pack) -> list[Finding]:
    """Every text of the pack that does not fit a platform, every unknown icon and every colour pair under
    4.5:1, each at its field path in the pack file with the key of its words (said in any language)."""
    found: list[Finding] = []
    for index, spec in enumerate(pack.spec.dos):
        if not icon_exists(spec.icon):
            found.append(_finding(("dos", index, "icon"), "pack.unknown_icon", icon=spec.icon))
    colours = pack.spec.colours.model_dump()
    colours["white"] = WHITE
    for fore, back in TEXT_PAIRS:
        ratio = contrast(colours[fore], colours[back])
        if ratio < MIN_CONTRAST:
            at = fore if fore != "white" else back
            found.append(
                _finding(
                    ("colours", at),
                    "pack.contrast",
                    fore=fore,
                    back=back,
                    ratio=f"{ratio:.1f}",
                    minimum=f"{MIN_CONTRAST}",
                )
            )
    for code in pack.languages:
        found += _language(pack.language(code), pack.campaign_url)
    # A text can fail the same limit in two materials (a Telegram description and topic): say it once.
    return list(dict.fromkeys(found))


def _language(local: Localized, url: str) -> Iterator[Finding]:
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
        # measured as Discord gets it: escaped (a backslash before a marker counts)
        shown = as_shown("discord", do.text)
        for limit in ("rule", "embed.field.value"):
            checks.append((("dos", do.id, "text"), partial(check_limit, "discord", limit, shown)))
    checks += [
        (("dos",), partial(discord_rules, local)),
        (("dos",), partial(discord_embed, local, dos_url=url)),
        (("dos",), partial(teams_card, local, dos_url=url)),
    ]
    for field, render in checks:
        try:
            render()
        except LimitError as exc:
            unit = exc.unit if exc.unit in LimitError.UNIT_WORDS else "characters"
            yield _finding(
                (*at, *field),
                f"pack.too_long.{unit}",
                platform=exc.platform,
                field=exc.field,
                limit_name=exc.name,
                length=exc.length,
                limit=exc.limit,
            )
    # The Do's together must fit the poster at a size a phone shows readably, and the slides at 18 pt.
    size = body_size(local, url, "portrait")
    on_phone = size * PHONE_WIDTH / LAYOUTS["portrait"].width
    if on_phone < READABLE_ON_PHONE:
        yield _finding(
            (*at, "dos"),
            "pack.poster_too_long",
            size=f"{size:g}",
            on_phone=f"{on_phone:.1f}",
            width=PHONE_WIDTH,
            readable=f"{READABLE_ON_PHONE:g}",
        )
    _, fits = slide_text(local)
    if not fits:
        yield _finding((*at, "dos"), "pack.slides_too_long", size=f"{MIN_TEXT:g}")
