"""What a pack's texts must satisfy to be rendered: every platform's limits, known icons, readable colours.

:func:`check_findings` renders every material of every language once and reports, per field of the pack
file, what does not fit, as a :class:`Finding` with the key of its words (``pack.*`` in
``strings/errors.yaml``), which ``samen pack validate`` turns into problems with file and line in the
reader's language.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from samen.content import PLATFORMS, TEMPLATES, Localized, Pack, pack_words
from samen.errors import LimitError
from samen.render.cards import discord_embed, discord_rules, teams_card
from samen.render.colour import MIN_CONTRAST, WHITE, contrast
from samen.render.illustration import LAYOUTS, PHONE_WIDTH, READABLE_ON_PHONE, body_size, icon_exists
from samen.render.limits import check_limit
from samen.render.message import STYLES, as_shown, render_description, render_dos, render_intro, render_topic
from samen.render.slide import MIN_TEXT, too_long_for_a_slide

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


#: The limits each Do is measured against on its own, at its own field: a material that holds every Do
#: does not report them again.
_PER_DO = ("rule", "embed.field.value", "embed.field.name")


@dataclass(frozen=True)
class _Check:
    """A material of one language, and the fields of that language whose words it holds.

    Attributes:
        fields: ``dos`` for every Do's title and text, ``group_names.<platform>`` for a group's name, else
            the name of a field of the language (a template, or a text such as ``tagline``).
        render: renders it from the pack in that language; raises ``LimitError`` where it does not fit.
    """

    fields: tuple[str, ...]
    render: Callable[[Localized], object]


def _filled(local: Localized, template: str, platform: str) -> tuple[str, ...]:
    """The fields whose words a template's placeholders bring into it on a platform."""
    fields = {"institution": "institution", "campaign": "campaign", "group": f"group_names.{platform}"}
    return tuple(fields[name] for name in _placeholders(getattr(local.text, template)) if name in fields)


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _emptied(local: Localized, fields: Iterable[str]) -> Localized:
    """The language with the words of these fields taken out: a template keeps only its placeholders (the
    values it brings in are fields of their own), the Do's keep their place without title or text."""
    update: dict[str, object] = {}
    dos = local.dos
    for field in fields:
        if field == "dos":
            dos = tuple(replace(do, title="", text="") for do in dos)
        elif field.startswith("group_names."):
            names = dict(local.text.group_names)
            names[field.split(".", 1)[1]] = ""
            update["group_names"] = names
        elif field in TEMPLATES:
            update[field] = " ".join("{" + name + "}" for name in _placeholders(getattr(local.text, field)))
        else:
            update[field] = ""
    return replace(local, text=local.text.model_copy(update=update), dos=dos)


def _blamed(local: Localized, fields: tuple[str, ...], fails: Callable[[Localized], bool]) -> list[str]:
    """The fields whose words make a material too long: the Do's when they are too long even without the
    other fields' words (they are what the material is for, and are often to stay verbatim), and each other
    field without whose words it would fit; where none alone would, every other field (only together they
    are too long)."""
    others = [field for field in fields if field != "dos"]
    blamed = ["dos"] if "dos" in fields and fails(_emptied(local, others)) else []
    blamed += [field for field in others if not fails(_emptied(local, [field]))]
    return blamed or others or ["dos"]


def _path(field: str) -> FieldPath:
    return tuple(field.split(".", 1)) if field.startswith("group_names.") else (field,)


def _fails_at(render: Callable[[Localized], object], name: str) -> Callable[[Localized], bool]:
    """Whether a material of a variant of the language still fails the limit named ``name``."""

    def fails(variant: Localized) -> bool:
        try:
            render(variant)
        except LimitError as exc:
            return exc.name == name
        return False

    return fails


def _checks(local: Localized, url: str) -> list[_Check]:
    checks: list[_Check] = []
    for platform in PLATFORMS:
        intro = "lecture_intro" if STYLES[platform].lecture else "intro"
        short = ("description_short", *_filled(local, "description_short", platform))
        checks += [
            _Check((intro, *_filled(local, intro, platform)), partial(render_intro, platform=platform)),
            _Check(("dos_heading", "dos"), partial(render_dos, platform=platform, dos_url=url)),
            _Check(short, partial(render_description, platform=platform, dos_url=url)),
            _Check(short, partial(render_topic, platform=platform, dos_url=url)),
        ]
    return [
        *checks,
        _Check(("dos",), discord_rules),
        _Check(("campaign", "tagline", "institution", "dos"), partial(discord_embed, dos_url=url)),
        _Check(("campaign", "tagline", "dos"), partial(teams_card, dos_url=url)),
    ]


def _too_long(at: FieldPath, exc: LimitError) -> Finding:
    unit = exc.unit if exc.unit in LimitError.UNIT_WORDS else "characters"
    return _finding(
        at,
        f"pack.too_long.{unit}",
        platform=exc.platform,
        field=exc.field,
        limit_name=exc.name,
        length=exc.length,
        limit=exc.limit,
    )


def _per_do(local: Localized) -> Iterator[tuple[FieldPath, str, str, str]]:
    """Each Do's title and text as Discord gets them on their own (escaped: a backslash counts), with the
    limits they are held to there: (field, platform, limit, text)."""
    for do in local.dos:
        text = as_shown("discord", do.text)
        yield ("dos", do.id, "text"), "discord", "rule", text
        yield ("dos", do.id, "text"), "discord", "embed.field.value", text
        name = f"{do.number}. {as_shown('discord', do.title)}"
        yield ("dos", do.id, "title"), "discord", "embed.field.name", name


def _on_phone(local: Localized, url: str) -> float:
    """The Do's text on the portrait poster in CSS px on a phone of :data:`PHONE_WIDTH`."""
    return body_size(local, url, "portrait") * PHONE_WIDTH / LAYOUTS["portrait"].width


def _language(local: Localized, url: str) -> Iterator[Finding]:
    at: FieldPath = ("languages", local.code)
    for where, platform, limit, text in _per_do(local):
        try:
            check_limit(platform, limit, text)
        except LimitError as exc:
            yield _too_long((*at, *where), exc)
    for check in _checks(local, url):
        try:
            check.render(local)
        except LimitError as exc:
            if exc.name in _PER_DO:
                continue  # said at the Do
            for field in _blamed(local, check.fields, _fails_at(check.render, exc.name)):
                yield _too_long((*at, *_path(field)), exc)
    # The Do's together must fit the poster at a size a phone shows readably, with the header's words.
    size = body_size(local, url, "portrait")
    on_phone = size * PHONE_WIDTH / LAYOUTS["portrait"].width
    if on_phone < READABLE_ON_PHONE:
        for field in _blamed(
            local, ("campaign", "tagline", "dos"), lambda variant: _on_phone(variant, url) < READABLE_ON_PHONE
        ):
            yield _finding(
                (*at, field),
                "pack.poster_too_long",
                size=f"{size:g}",
                on_phone=f"{on_phone:.1f}",
                width=PHONE_WIDTH,
                readable=f"{READABLE_ON_PHONE:g}",
            )
    # Each Do must fit a slide of its own at 24 pt (the slides take another slide rather than smaller text).
    for number in too_long_for_a_slide(local):
        yield _finding((*at, "dos", local.dos[number - 1].id), "pack.slides_too_long", size=f"{MIN_TEXT:g}")
