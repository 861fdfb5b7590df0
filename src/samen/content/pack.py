"""The campaign pack: load, validate and read it per language.

A pack is one YAML file per institution (see ``packs/leiden.yaml``, the default). :func:`load_pack` returns a
:class:`Pack`; ``pack.language("nl")`` gives a :class:`Localized` view with the Do's, FAQ, support routes and
templates in that language. Every problem found while loading is reported at once, each with its file,
line and field (:class:`samen.errors.PackError`).
"""

from __future__ import annotations

import contextlib
import difflib
import json
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from samen.content.schema import (
    FAQ_TOPICS,
    FORMS,
    PACK_FORMAT,
    PLACEHOLDERS,
    PLATFORMS,
    SIGNAL_KINDS,
    SIGNAL_SUBTYPES,
    SITUATIONS,
    GuideText,
    LanguageText,
    PackFile,
)
from samen.content.strings import pack_words
from samen.errors import InputError, PackError, Problem

DEFAULT_PACK = Path(__file__).parent / "packs" / "leiden.yaml"

FieldPath = tuple[str | int, ...]

#: The fields of a language that are templates with placeholders.
TEMPLATES = (
    "intro",
    "lecture_intro",
    "description",
    "description_short",
    "member_welcome",
    "illustration_alt",
    "slide_notes",
)


@dataclass(frozen=True)
class Do:
    """One Do, in one language: its place in the list, stable id, icon, short title and exact text."""

    number: int
    id: str
    icon: str
    title: str
    text: str
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaqEntry:
    """One question of the FAQ with its answer (paragraphs split by blank lines, ``- `` for list items)."""

    id: str
    topic: str | None
    question: str
    answer: str
    keywords: tuple[str, ...]
    link: str | None
    email: str | None
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupportRoute:
    """Where to go for help, in one language: who, when, and how to reach them.

    Attributes:
        link: their page in this language (or the pack's shared link), None when the pack has none.
        email, phone: as the institution publishes them, None when the pack has none.
        reach: how to reach them, in words ("choose your programme on the page"), or None.
        hours: opening or consultation hours, or None.
        per_programme: the page lists one per faculty or programme.
        in_group: reached in the group itself (the group's admin).
        via: the id of the route whose contact leads to this one, when it has no address of its own.
    """

    id: str
    name: str
    when: str
    email: str | None
    link: str | None
    phone: str | None = None
    reach: str | None = None
    hours: str | None = None
    per_programme: bool = False
    in_group: bool = False
    via: str | None = None

    @property
    def has_contact(self) -> bool:
        """Whether the pack gives an address of this route's own: a page, an e-mail address or a phone."""
        return bool(self.link or self.email or self.phone)

    @property
    def phone_uri(self) -> str | None:
        """The phone number as a ``tel:`` address (digits and a leading +), or None."""
        return "tel:" + re.sub(r"[^\d+]", "", self.phone) if self.phone else None


@dataclass(frozen=True)
class Handoff:
    """A warm hand-off text in one language: what staff can pass on (complaints procedure, emergency)."""

    id: str
    title: str
    text: str
    phone: str | None
    link: str | None
    email: str | None


@dataclass(frozen=True)
class Situation:
    """One answer to "what happened?": its id, the pack's label (None: the product's own words for a known
    id) and the support routes it leads to, best first."""

    id: str
    label: str | None
    routes: tuple[SupportRoute, ...]


@dataclass(frozen=True, eq=False)
class Localized:
    """A pack in one language: everything a renderer, page or bot needs to say."""

    pack: Pack
    code: str
    text: LanguageText
    dos: tuple[Do, ...]
    faq: tuple[FaqEntry, ...]
    support: tuple[SupportRoute, ...]
    handoff: tuple[Handoff, ...] = ()
    situations: tuple[Situation, ...] = ()

    @property
    def institution(self) -> str:
        return self.text.institution

    @property
    def campaign(self) -> str:
        return self.text.campaign

    @property
    def campaign_url(self) -> str:
        """The campaign's page in this language."""
        return self.pack.campaign_page(self.code)

    @property
    def is_translation(self) -> bool:
        return self.text.translation_of is not None

    def do(self, number: int) -> Do:
        """The Do with this number (1-based). Raises ``InputError`` outside 1…len(dos)."""
        if not 1 <= number <= len(self.dos):
            raise InputError(
                f"There is no Do {number}; choose 1 to {len(self.dos)}.",
                key="input.no_such_do",
                number=number,
                count=len(self.dos),
            )
        return self.dos[number - 1]

    def dos_for(self, kind: str) -> tuple[Do, ...]:
        """The Do's that cover a signal kind, in the pack's order; the first Do where the pack names none.

        Args:
            kind: a kind of :data:`samen.content.schema.SIGNAL_KINDS` (``insult``, ``heat``…).
        """
        return tuple(d for d in self.dos if kind in d.signals) or self.dos[:1]

    def faq_for(self, kind: str, subtype: str | None = None) -> FaqEntry | None:
        """The FAQ entry that answers a signal's subtype, else its kind; None when the pack has none."""
        for wanted in (subtype, kind):
            found = next((e for e in self.faq if wanted is not None and wanted in e.signals), None)
            if found is not None:
                return found
        return None

    def faq_topic(self, topic: str) -> FaqEntry | None:
        """The FAQ entry for a topic id or one of its keywords in this language (case-insensitive)."""
        wanted = topic.strip().lower()
        for entry in self.faq:
            if wanted == entry.id or wanted == entry.topic or wanted in entry.keywords:
                return entry
        return None

    def support_on(self, platform: str) -> tuple[SupportRoute, ...]:
        """The support routes as that platform's material names them: a route's words for that setting
        (``support.<route>.platforms.<platform>`` in the pack: the lecturer of a course, not "the admin of
        this group") where the pack gives them, its general words otherwise. Addresses never change."""
        routes = []
        for route in self.support:
            words = self.text.support[route.id].platforms.get(platform)
            if words is None:
                routes.append(route)
                continue
            routes.append(
                replace(
                    route,
                    name=words.name or route.name,
                    when=words.when or route.when,
                    reach=words.reach or route.reach,
                )
            )
        return tuple(routes)

    def guide_on(self, platform: str) -> GuideText:
        """The guide as that platform's read-me says it: the guide's words for that setting
        (``guide.platforms.<platform>`` in the pack: what to do when something happens in a lecture, not
        "in the group") where the pack gives them, its general words otherwise."""
        guide = self.text.guide
        words = guide.platforms.get(platform)
        if words is None:
            return guide
        return guide.model_copy(update=words.model_dump(exclude_none=True))

    def group(self, platform: str) -> str:
        """The pack's name for a group on that platform, with its article ("deze WhatsApp-groep")."""
        return self.text.group_names[platform]

    def group_name(self, platform: str, typed: str | None = None) -> str:
        """The group's name as the templates take it: what an admin typed, with its article, or the pack's.

        "seminar" becomes "this seminar" where the language has one article for all (``group_article``);
        Dutch has two (deze werkgroep, dit bestuur): there a name without one gets the article of the first of
        its words that is, or ends in, one of the pack's ``group_nouns`` ("werkgroep Recht" → "deze
        werkgroep Recht", as "groep"), and any other name is refused.

        A name that starts with one of the language's ``group_articles`` is used as written; one that starts
        with an indefinite article (``group_indefinite``: "a seminar", "een werkgroep") is taken without it,
        as a bare name. An article alone, or one of another of the pack's languages ("this seminar" for a
        Dutch kit), is refused: the welcome would read "Welkom in deze." or "Welkom bij dit this seminar".

        Raises:
            InputError: ``input.group_article`` when the name has no article and the language needs one;
                ``input.group_article_only`` for an article with no name after it;
                ``input.group_other_language`` for a name that starts with another language's article.
        """
        name = " ".join((typed or "").split())
        if not name:
            return self.group(platform)
        example = self.group(platform)
        first, _, rest = name.partition(" ")
        word = first.casefold()
        own = {a.casefold() for a in self.text.group_articles}
        if word in own | {a.casefold() for a in self.text.group_indefinite}:
            if not rest:
                raise InputError(
                    f"Write the group's name after {first!r}: for example {example!r}.",
                    key="input.group_article_only",
                    name=name,
                    example=example,
                )
            if word in own:
                return name
            # "a seminar" is one of many; the welcome is to this one: the name goes on as typed without it.
            name = rest
        elif word in self._foreign_articles():
            raise InputError(
                f"{name!r} starts with {first!r}, an article of another language than the kit's "
                f"({self.text.name}): write it as it fits the welcome in that language, for example "
                f"{example!r}, or make the kit in the name's language.",
                key="input.group_other_language",
                name=name,
                article=first,
                language=self.text.name,
                example=example,
            )
        if not self.text.group_articles:
            return name
        if self.text.group_article:
            # A proper name takes no article: "Welcome to Leiden Law Society", not "this Leiden Law Society".
            return name if name[:1].isupper() else f"{self.text.group_article} {name}"
        article = self._article_of(name)
        if article:
            return f"{article} {name}"
        raise InputError(
            f"Write the group's name with its article, as it fits the welcome: for example {example!r}.",
            key="input.group_article",
            name=name,
            example=example,
        )

    def _foreign_articles(self) -> set[str]:
        """The words that begin a group's name in the pack's other languages and in none of this one's
        ("the", "this", "a" for Dutch; "deze", "het", "een" for English)."""

        def words(text: LanguageText) -> set[str]:
            found = [*text.group_articles, *text.group_indefinite, text.group_article or ""]
            return {w.casefold() for w in found if w}

        others = set().union(*(words(t) for c, t in self.pack.spec.languages.items() if c != self.code))
        return others - words(self.text)

    def _article_of(self, name: str) -> str | None:
        """The article of the first word of ``name`` that is or ends in a known noun (the longest fitting)."""
        nouns = {noun.casefold(): article for noun, article in self.text.group_nouns.items()}
        for word in name.casefold().split():
            fitting = [noun for noun in nouns if word.endswith(noun)]
            if fitting:
                return nouns[max(fitting, key=len)]
        return None

    def fill(self, template: str, **values: str) -> str:
        """Fill a template's placeholders; unknown values become empty, and empty lines collapse."""
        defaults = {
            "institution": self.institution,
            "campaign": self.campaign,
            "group": "",
            "admin_text": "",
            "dos_link": self.campaign_url,
        }
        filled = template.format_map(defaults | values)
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", filled)]
        return "\n\n".join(p for p in paragraphs if p)


@dataclass(frozen=True, eq=False)
class Pack:
    """A validated campaign pack (compared and hashed by identity: one object per loaded file)."""

    id: str
    path: Path
    spec: PackFile

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.spec.languages)

    @property
    def default_language(self) -> str:
        return self.spec.default_language

    @property
    def links(self) -> dict[str, str]:
        return dict(self.spec.links)

    @property
    def campaign_url(self) -> str:
        """The campaign's own page: where the QR code leads when no deployment address is set."""
        return self.spec.links["campaign"]

    def campaign_page(self, lang: str) -> str:
        """The campaign's page in a language (``campaign_pages``), else its one page (``links.campaign``)."""
        return self.spec.campaign_pages.get(lang, self.campaign_url)

    def language(self, code: str) -> Localized:
        """The pack in one language. Raises ``InputError`` naming the languages it has."""
        return _localize(self, code)


@cache
def _localize_cached(pack: Pack, code: str) -> Localized:
    text = pack.spec.languages[code]
    dos = tuple(
        Do(
            number=i,
            id=spec.id,
            icon=spec.icon,
            title=text.dos[spec.id].title,
            text=text.dos[spec.id].text,
            signals=tuple(spec.signals),
        )
        for i, spec in enumerate(pack.spec.dos, start=1)
    )
    faq = tuple(
        FaqEntry(
            id=spec.id,
            topic=spec.topic,
            question=text.faq[spec.id].question,
            answer=text.faq[spec.id].answer,
            keywords=tuple(k.lower() for k in text.faq[spec.id].keywords),
            link=spec.pages.get(code) or (pack.spec.links[spec.link] if spec.link else None),
            email=spec.email,
            signals=tuple(spec.signals),
        )
        for spec in pack.spec.faq
    )
    support = tuple(
        SupportRoute(
            id=spec.id,
            name=text.support[spec.id].name,
            when=text.support[spec.id].when,
            email=spec.email,
            link=spec.pages.get(code) or (pack.spec.links[spec.link] if spec.link else None),
            phone=spec.phone,
            reach=text.support[spec.id].reach,
            hours=text.support[spec.id].hours,
            per_programme=spec.per_programme,
            in_group=spec.in_group,
            via=spec.via,
        )
        for spec in pack.spec.support
    )
    handoff = tuple(
        Handoff(
            id=spec.id,
            title=text.handoff[spec.id].title,
            text=text.handoff[spec.id].text,
            phone=spec.phone,
            link=spec.pages.get(code) or (pack.spec.links[spec.link] if spec.link else None),
            email=spec.email,
        )
        for spec in pack.spec.handoff
    )
    routes = {route.id: route for route in support}
    situations = tuple(
        Situation(
            id=spec.id,
            label=text.situations.get(spec.id),
            routes=tuple(routes[r] for r in spec.routes if r in routes),
        )
        for spec in pack.spec.situations
    )
    return Localized(
        pack=pack,
        code=code,
        text=text,
        dos=dos,
        faq=faq,
        support=support,
        situations=situations,
        handoff=handoff,
    )


def _localize(pack: Pack, code: str) -> Localized:
    if code not in pack.spec.languages:
        raise InputError(
            f"Unknown language {code!r}; this pack has {', '.join(pack.languages)}.",
            key="input.unknown_language",
            language=code,
            choices=", ".join(pack.languages),
        )
    return _localize_cached(pack, code)


#: The deepest a pack's values nest (the Leiden pack: 7). PyYAML builds nested values by recursion, so a
#: file of thousands of ``[`` would end in a RecursionError; far past any real pack, it is refused instead.
MAX_DEPTH = 50


class TooDeep(yaml.YAMLError):
    """A YAML file whose values nest deeper than :data:`MAX_DEPTH`."""

    def __init__(self, line: int) -> None:
        super().__init__(f"nested more than {MAX_DEPTH} levels deep at line {line}")
        self.line = line


class _PackLoader(yaml.SafeLoader):
    """YAML without anchors' aliases: a pack is plain text, and an alias can make it endless (a loop, or
    the "billion laughs" of aliases nested in aliases), which a validator would then walk forever. Nor
    nesting past :data:`MAX_DEPTH`, which would exhaust Python's recursion."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        """Refuse an alias (``*name``) where it stands, with its line, and nesting past the limit."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a pack; write the text out", event.start_mark
            )
        if self._depth >= MAX_DEPTH:
            raise TooDeep(self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
        self._depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1


#: A control character other than tab and line breaks: no chat shows it, so it is not text a person wrote
#: (a UTF-16 file read as UTF-8 is full of NULs). The CLI, the web form and the pack loader refuse the same.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_STR = "tag:yaml.org,2002:str"


def control_character(text: str) -> str | None:
    """The first control character in a text as ``U+XXXX``, or None when it holds none."""
    found = CONTROL_CHARACTER.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


class PackSource:
    """A pack file's text with the line of every value, so problems can point at a line.

    Reading the YAML's nodes (before any value is built) also finds what YAML itself lets through
    silently, in :attr:`structure`: a key given twice (the last would win), a key that YAML 1.1 reads as
    a boolean, number or date (``no:`` is ``false``); and in :attr:`texts`, a control character in any text.
    """

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.lines: dict[FieldPath, int] = {}
        self.structure: list[Problem] = []
        self.texts: list[Problem] = []
        # A file that is not YAML at all is reported by check_pack; it simply has no lines here.
        with contextlib.suppress(yaml.YAMLError):
            self._index(yaml.compose(text, Loader=_PackLoader), ())

    def _index(self, node: yaml.Node | None, at: FieldPath) -> None:
        if node is None:
            return
        self.lines[at] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name, line = str(key.value), key.start_mark.line + 1
                field = (*at, name)
                if isinstance(key, yaml.ScalarNode) and key.tag != _STR:
                    self.structure.append(_read_as(self, line, field, key))
                if name in seen:
                    self.structure.append(
                        self._worded_at(line, field, "pack.twice", name=name, first=seen[name], second=line)
                    )
                    continue
                seen[name] = line
                self._index(value, field)
                # a field is where its name stands (a mapping or list under it starts a line below)
                self.lines[field] = line
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, (*at, i))
        elif isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            code = control_character(str(node.value))
            if code is not None:
                self.texts.append(self._worded_at(self.lines[at], at, "pack.control", code=code))

    def _at(self, line: int, at: FieldPath, message: str, key: str = "", **params: object) -> Problem:
        dotted = ".".join(str(p) for p in at) or "(file)"
        return Problem(str(self.path), line, dotted, message, key, params)

    def _worded_at(self, line: int, at: FieldPath, key: str, **params: object) -> Problem:
        return self._at(line, at, pack_words(key, "en", params), key, **params)

    def line_of(self, at: FieldPath) -> int:
        """The line of a value, or of the nearest enclosing value that exists (0 when none)."""
        while at:
            if at in self.lines:
                return self.lines[at]
            at = at[:-1]
        return self.lines.get((), 0)

    def problem(self, at: FieldPath, message: str, key: str = "", **params: object) -> Problem:
        """A problem at a field path (``key`` and ``params``: its words in the reader's language)."""
        return self._at(self.line_of(at), at, message, key, **params)

    def worded(self, at: FieldPath, key: str, **params: object) -> Problem:
        """A problem at a field path in the catalogue's words: ``key`` names them in ``strings/errors.yaml``
        (``pack.*``), filled with ``params``; the English ones are its message."""
        return self._worded_at(self.line_of(at), at, key, **params)


def _read_as(source: PackSource, line: int, at: FieldPath, key: yaml.ScalarNode) -> Problem:
    """A key that is no text, with the hint to quote it (``no:`` is YAML 1.1's false)."""
    value = json.dumps(yaml.safe_load(str(key.value)), default=str).strip('"')
    kind = key.tag.rsplit(":", 1)[-1]
    return source._worded_at(line, at, "pack.not_text_key", name=key.value, kind=kind, value=value)


#: The largest text file samen reads (a pack, an admin's intro): far above any real one, and a bound for a
#: path such as /dev/zero that would otherwise be read for ever.
MAX_TEXT_BYTES = 2_000_000


def read_file_bytes(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> bytes:
    """Read a file a person named, or raise ``InputError`` saying why it cannot be read (no such file, a
    folder, larger than ``max_bytes``, or the system's reason)."""
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.", key="input.no_such_file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file.", key="input.is_folder", path=str(path)) from None
    except OSError as exc:
        raise InputError(
            f"{path}: cannot be read ({exc.strerror}).",
            key="input.unreadable",
            path=str(path),
            reason=exc.strerror,
        ) from None
    if len(data) > max_bytes:
        raise InputError(
            f"{path}: is larger than {max_bytes // 1000} kB; is it the right file?",
            key="input.too_large",
            path=str(path),
            size=max_bytes // 1000,
        )
    return data


def read_text_file(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """Read a UTF-8 text file a person named, or raise ``InputError`` saying why it cannot be read."""
    data = read_file_bytes(path, max_bytes=max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: is not UTF-8 text.", key="input.not_utf8", path=str(path)) from None


def check_pack(path: Path) -> tuple[Pack | None, list[Problem], PackSource]:
    """Load a pack and list every problem in it, without raising for pack problems.

    Returns:
        The pack (None when it has problems), the problems, and the source for locating further ones.
    """
    text = read_text_file(path)
    source = PackSource(path, text)
    if source.structure:
        # A twice-given or misread key makes every later problem about the wrong value: these first.
        return None, sorted(source.structure, key=lambda p: p.line), source
    try:
        data = yaml.load(text, Loader=_PackLoader)  # a SafeLoader, without aliases
    except TooDeep as exc:
        # Not a problem among others: nothing of the file can be read, as with a file that is not UTF-8.
        raise InputError(
            f"{path}: its values are nested too deeply (more than {MAX_DEPTH} levels, at line {exc.line}); "
            "is it the right file?",
            key="input.too_deep",
            path=str(path),
            depth=MAX_DEPTH,
            line=exc.line,
        ) from None
    except yaml.YAMLError as exc:
        return None, [_not_yaml(source, exc)], source
    if not isinstance(data, dict):
        return None, [source._worded_at(1, (), "pack.not_mapping")], source
    # Control characters and template placeholders are checked on the raw data, so they are reported
    # together with schema problems.
    problems = source.texts + list(_check_templates(data, source))
    try:
        spec = PackFile.model_validate(data)
    except ValidationError as exc:
        problems += [_schema_problem(source, err) for err in exc.errors()]
        return None, sorted(problems, key=lambda p: p.line), source
    problems += _cross_check(spec, source)
    if problems:
        return None, problems, source
    return Pack(id=spec.id, path=path, spec=spec), [], source


def load_pack(path: Path | None = None) -> Pack:
    """Load and validate a pack (the default Leiden pack when no path is given).

    Raises:
        PackError: with every problem found.
        InputError: when the file cannot be read.
    """
    return _load_cached(Path(path or DEFAULT_PACK).resolve())


@cache
def _load_cached(path: Path) -> Pack:
    pack, problems, _ = check_pack(path)
    if pack is None:
        raise PackError(problems)
    return pack


#: What PyYAML's problem says → the key of the reader's words for it, and whether to point at where the
#: unclosed part opened (its context) rather than where the file ran out.
_YAML_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    ("aliases (*name)", "pack.yaml.alias", False),
    ("expected ',' or", "pack.yaml.unclosed_bracket", True),
    ("found unexpected end of stream", "pack.yaml.unclosed_quote", True),
    ("mapping values are not allowed", "pack.yaml.colon", False),
    ("could not find expected ':'", "pack.yaml.no_colon", False),
    ("expected <block end>", "pack.yaml.indent", False),
    ("did not find expected", "pack.yaml.indent", False),
    ("found character '\\t'", "pack.yaml.tab", False),
    ("that cannot start any token", "pack.yaml.reserved", False),
    ("could not determine a constructor", "pack.yaml.tag", False),
    ("found another document", "pack.yaml.documents", False),
)


def _not_yaml(source: PackSource, exc: yaml.YAMLError) -> Problem:
    """A file YAML cannot read, in the reader's words (PyYAML's own are English and about its parser), at the
    line of the problem or, for a quote or bracket never closed, where it opened."""
    said = str(getattr(exc, "problem", None) or "")
    key, at_opening = next(
        ((k, o) for text, k, o in _YAML_PROBLEMS if text in said), ("pack.yaml.other", False)
    )
    mark = getattr(exc, "context_mark", None) if at_opening else None
    mark = mark or getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 0
    opened = _quote_closed_late(source.text, mark) if mark is not None and not at_opening else None
    if opened is not None:
        return source._worded_at(opened, (), "pack.yaml.unclosed_quote")
    found = re.search(r"found character '(.+?)'", said)
    params = {"char": found.group(1)} if key == "pack.yaml.reserved" and found else {}
    return source._worded_at(line, (), key, **params)


def _quote_closed_late(text: str, mark: yaml.Mark) -> int | None:
    """The line where a quote opened that was meant to close on its own line, or None.

    A quote left open (``name: "Nederlands``) runs on over the lines below, as YAML lets a quoted text do,
    until the next such quote closes it, often many lines down; what follows that quote on its line is then
    what YAML cannot read, and PyYAML blames that line (as bad indentation, mostly). So where the last token
    before the problem is a quoted text that began on an earlier line and ended on the problem's line, the
    quote that opened it is the mistake.
    """
    last: yaml.Token | None = None
    with contextlib.suppress(yaml.YAMLError):
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            last = token
    if (
        isinstance(last, yaml.ScalarToken)
        and last.style in ('"', "'")
        and last.start_mark.line < last.end_mark.line == mark.line
    ):
        return int(last.start_mark.line) + 1
    return None


#: pydantic's kind of error → the key of the reader's words for it (the rest: ``_schema_problem``).
_SCHEMA_KINDS = {
    "string_type": "pack.not_text",
    "string_too_short": "pack.empty",
    "int_type": "pack.not_number",
    "int_parsing": "pack.not_number",
    "int_from_float": "pack.not_number",
    "bool_type": "pack.not_boolean",
    "bool_parsing": "pack.not_boolean",
    "list_type": "pack.not_list",
    "dict_type": "pack.not_fields",
    "model_type": "pack.not_fields",
    "model_attributes_type": "pack.not_fields",
}


def _schema_problem(source: PackSource, err: Any) -> Problem:
    """A value the schema refuses, in the reader's words (never pydantic's): what the field needs, and for
    an unknown field the fields that may stand there."""
    at: FieldPath = tuple(err["loc"])
    if at and at[-1] == "[key]":  # a key of a mapping (a language code, say) of the wrong form
        at = at[:-1]
    kind, given, context = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return source.worded(at, "pack.missing")
    if kind == "extra_forbidden":
        known = _fields_at(at[:-1])
        like = difflib.get_close_matches(str(at[-1]), known, n=1) if at else []
        if not known:
            return source.worded(at, "pack.no_fields_here")
        if like:
            return source.worded(at, "pack.unknown_field_like", like=like[0], known=", ".join(known))
        return source.worded(at, "pack.unknown_field", known=", ".join(known))
    if given is None:  # "name:" with nothing after it
        comment = _comment_after(source, at)
        if comment:
            return source.worded(at, "pack.empty_comment", comment=comment)
        return source.worded(at, "pack.empty")
    if at == ("pack",) and kind in ("greater_than_equal", "less_than_equal"):
        return source.worded(at, "pack.format_version", expected=PACK_FORMAT)
    if kind == "string_pattern_mismatch":
        return source.worded(at, f"pack.form.{FORMS.get(str(context.get('pattern')), 'other')}")
    if kind == "too_short":
        return source.worded(at, "pack.too_few", least=context.get("min_length"), count=len(given))
    if kind == "too_long":
        return source.worded(at, "pack.too_many", most=context.get("max_length"), count=len(given))
    return source.worded(at, _SCHEMA_KINDS.get(kind, "pack.invalid"))


def _comment_after(source: PackSource, at: FieldPath) -> str:
    """What follows ``#`` on the line of an empty field (``background: #f6f4ee``): YAML reads it as a
    comment, which the writer most likely meant as the value; empty where the line holds none."""
    line = source.line_of(at)
    lines = source.text.splitlines()
    if not at or not 0 < line <= len(lines):
        return ""
    found = re.match(rf"\s*(?:-\s+)?{re.escape(str(at[-1]))}\s*:\s+(#.*?)\s*$", lines[line - 1])
    return found.group(1) if found else ""


def _fields_at(at: FieldPath) -> list[str]:
    """The fields the schema lets stand in the mapping at a path (none where that is no set of fields)."""
    kind: Any = PackFile
    for part in at:
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            field = kind.model_fields.get(str(part))
            if field is None:
                return []
            kind = field.annotation
        elif get_origin(kind) is dict:
            kind = get_args(kind)[1]
        elif get_origin(kind) is list and isinstance(part, int):
            kind = get_args(kind)[0]
        else:
            return []
        # "X | None" is X here; an Annotated type is its own first argument
        kind = next((a for a in get_args(kind) if a is not type(None)), kind) if _is_union(kind) else kind
        while hasattr(kind, "__metadata__"):
            kind = get_args(kind)[0]
    return list(kind.model_fields) if isinstance(kind, type) and issubclass(kind, BaseModel) else []


def _is_union(kind: Any) -> bool:
    return type(None) in get_args(kind)


def _placeholders(template: str) -> Iterator[str]:
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            yield name


def _cross_check(spec: PackFile, source: PackSource) -> Iterator[Problem]:
    do_ids = [d.id for d in spec.dos]
    faq_ids = [f.id for f in spec.faq]
    support_ids = [s.id for s in spec.support]
    handoff_ids = [h.id for h in spec.handoff]
    routes = _known(sorted(support_ids))
    for i, route in enumerate(spec.reports.routes):
        if route not in support_ids:
            yield source.worded(("reports", "routes", i), "pack.not_a_route", route=route, known=routes)
    if spec.reports.group_route is not None and spec.reports.group_route not in support_ids:
        yield source.worded(
            ("reports", "group_route"), "pack.not_a_route", route=spec.reports.group_route, known=routes
        )
    situation_ids = [s.id for s in spec.situations]
    for label, ids in (
        ("dos", do_ids),
        ("faq", faq_ids),
        ("support", support_ids),
        ("situations", situation_ids),
        ("handoff", handoff_ids),
    ):
        for i, ident in enumerate(ids):
            if ident in ids[:i]:
                yield source.worded((label, i, "id"), "pack.id_twice", ident=ident)
    for field, code in (
        ("default_language", spec.default_language),
        ("source_language", spec.source_language),
    ):
        if code not in spec.languages:
            yield source.worded((field,), "pack.no_language_texts", language=code)
    if "campaign" not in spec.links:
        yield source.worded(("links",), "pack.no_campaign_link")
    linked: list[tuple[str, int, str | None]] = [("faq", i, f.link) for i, f in enumerate(spec.faq)]
    linked += [("support", i, s.link) for i, s in enumerate(spec.support)]
    linked += [("handoff", i, h.link) for i, h in enumerate(spec.handoff)]
    for label, i, link in linked:
        if link is not None and link not in spec.links:
            yield source.worded(
                (label, i, "link"), "pack.unknown_link", link=link, known=", ".join(sorted(spec.links))
            )
    for i, support in enumerate(spec.support):
        if support.via is not None and support.via not in support_ids:
            yield source.worded(("support", i, "via"), "pack.unknown_route", route=support.via, known=routes)
    for i, faq in enumerate(spec.faq):
        if faq.topic is not None and faq.topic not in FAQ_TOPICS:
            yield source.worded(
                ("faq", i, "topic"), "pack.unknown_topic", topic=faq.topic, known=", ".join(FAQ_TOPICS)
            )
    yield from _check_campaign_facts(spec, source)
    if spec.student_number_pattern is not None:
        try:
            re.compile(spec.student_number_pattern)
        except re.error as exc:
            yield source.worded(("student_number_pattern",), "pack.bad_pattern", position=(exc.pos or 0) + 1)
    platforms = ", ".join(PLATFORMS)
    for code, lang in spec.languages.items():
        at: FieldPath = ("languages", code)
        if lang.translation_of is not None and lang.translation_of not in spec.languages:
            yield source.worded(
                (*at, "translation_of"), "pack.unknown_translation", language=lang.translation_of
            )
        for label, ids, texts in (
            ("dos", do_ids, lang.dos),
            ("faq", faq_ids, lang.faq),
            ("support", support_ids, lang.support),
            ("handoff", handoff_ids, lang.handoff),
            ("group_names", list(PLATFORMS), lang.group_names),
        ):
            for ident in dict.fromkeys(ids):
                if ident not in texts:
                    yield source.worded(
                        (*at, label, ident), "pack.missing_text", language=code, part=label, ident=ident
                    )
            for ident in texts:
                if ident not in ids:
                    yield source.worded(
                        (*at, label, ident), "pack.not_in_pack", ident=ident, part=label, known=_known(ids)
                    )
        # a setting's own words that no setting would use
        worded: list[tuple[FieldPath, Iterable[str]]] = [
            (("support", route, "platforms"), words.platforms) for route, words in lang.support.items()
        ]
        worded.append((("guide", "platforms"), lang.guide.platforms))
        for where, by_platform in worded:
            for platform in by_platform:
                if platform not in PLATFORMS:
                    yield source.worded(
                        (*at, *where, platform), "pack.not_a_platform", given=platform, known=platforms
                    )


def _known(ids: Iterable[str]) -> str:
    """Ids as a list for people, each once (a pack that gives an id twice is told so, and once)."""
    return ", ".join(dict.fromkeys(ids))


def _check_campaign_facts(spec: PackFile, source: PackSource) -> Iterator[Problem]:
    """The facts for the bot and the help page: known signal kinds, known routes, labelled situations."""
    for i, do in enumerate(spec.dos):
        for j, kind in enumerate(do.signals):
            if kind not in SIGNAL_KINDS:
                yield source.worded(
                    ("dos", i, "signals", j), "pack.unknown_signal", kind=kind, known=", ".join(SIGNAL_KINDS)
                )
    answerable = SIGNAL_KINDS + SIGNAL_SUBTYPES
    for i, faq in enumerate(spec.faq):
        for j, kind in enumerate(faq.signals):
            if kind not in answerable:
                yield source.worded(
                    ("faq", i, "signals", j), "pack.unknown_answer", kind=kind, known=", ".join(answerable)
                )
    support_ids = {s.id for s in spec.support}
    for i, situation in enumerate(spec.situations):
        for j, route in enumerate(situation.routes):
            if route not in support_ids:
                yield source.worded(
                    ("situations", i, "routes", j),
                    "pack.unknown_route",
                    route=route,
                    known=", ".join(sorted(support_ids)),
                )
        if situation.id in SITUATIONS:
            continue
        for code, lang in spec.languages.items():
            if situation.id not in lang.situations:
                yield source.worded(
                    ("languages", code, "situations", situation.id),
                    "pack.situation_label",
                    situation=situation.id,
                    language=code,
                )
    situation_ids = {s.id for s in spec.situations}
    for code, lang in spec.languages.items():
        for ident in lang.situations:
            if ident not in situation_ids:
                yield source.worded(
                    ("languages", code, "situations", ident), "pack.not_a_situation", situation=ident
                )


def contact_warnings(pack: Pack, source: PackSource) -> list[Problem]:
    """The support routes a student could not reach: no page, e-mail or phone of their own.

    Not errors (a pack may not know an address yet), but ``samen pack validate`` says so, because a help
    answer that names a person without saying how to reach them leaves a student in trouble with nothing.
    A route reached in the group itself (``in_group``) needs no address.
    """
    warnings = []
    for i, spec in enumerate(pack.spec.support):
        if spec.in_group or spec.email or spec.phone or spec.link:
            continue
        missing = [code for code in pack.languages if code not in spec.pages]
        if not missing:
            continue
        languages = ", ".join(missing)
        if spec.via:
            warning = source.worded(
                ("support", i), "pack.no_contact_via", route=spec.id, languages=languages, via=spec.via
            )
        else:
            warning = source.worded(("support", i), "pack.no_contact", route=spec.id, languages=languages)
        warnings.append(warning)
    return warnings


def _check_templates(data: dict[str, Any], source: PackSource) -> Iterator[Problem]:
    languages = data.get("languages")
    if not isinstance(languages, dict):
        return
    known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    for code, lang in languages.items():
        if not isinstance(lang, dict):
            continue
        for name in TEMPLATES:
            template = lang.get(name)
            if not isinstance(template, str):
                continue
            at: FieldPath = ("languages", str(code), name)
            try:
                names = list(_placeholders(template))
            except ValueError:
                yield source.worded(at, "pack.broken_placeholder")
                continue
            for placeholder in names:
                if placeholder not in PLACEHOLDERS:
                    yield source.worded(at, "pack.unknown_placeholder", name=placeholder, known=known)
