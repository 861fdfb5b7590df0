"""The typed schema of a campaign pack file (what the YAML must hold).

Language-independent facts (ids, icons, links, e-mail addresses) sit at the top; each language holds only
text keyed by those ids. Cross-checks that pydantic cannot express per field (every Do translated in every
language, placeholders known) live in :mod:`samen.content.pack`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]

#: The platforms (settings) the toolkit serves, in the order the toolkit shows them.
PLATFORMS = ("whatsapp", "discord", "telegram", "matrix", "teams", "kaltura", "brightspace")

#: The FAQ topics a bot can be asked about.
FAQ_TOPICS = (
    "discrimination",
    "sexism",
    "racism",
    "validism",
    "homophobia-transphobia",
    "sexual-harassment",
    "academic-freedom",
)

#: Placeholders a template may use.
PLACEHOLDERS = ("institution", "campaign", "group", "admin_text", "dos_link")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DoSpec(_Strict):
    id: Id
    icon: Id


class FaqSpec(_Strict):
    id: Id
    topic: str | None = None
    link: str | None = None
    #: The page to read more, per language (overrides ``link`` in that language).
    pages: dict[LangCode, Url] = Field(default_factory=dict)
    email: str | None = None


class SupportSpec(_Strict):
    """How to reach a support route, whatever the language: its own page per language, an e-mail address, a
    phone number. ``per_programme``: the page lists one per faculty or programme (the reader chooses theirs);
    ``in_group``: reached in the group itself (the group's admin); ``via``: a route with no public address of
    its own, reached through another route's contact. A route with none of page, e-mail or phone makes
    ``samen pack validate`` warn."""

    id: Id
    email: str | None = None
    phone: str | None = None
    link: str | None = None
    pages: dict[LangCode, Url] = Field(default_factory=dict)
    per_programme: bool = False
    in_group: bool = False
    via: Id | None = None


class Colours(_Strict):
    primary: Colour = "#001158"
    accent: Colour = "#1d6f8a"
    background: Colour = "#f6f4ee"
    text: Colour = "#1b1b1f"


class DoText(_Strict):
    title: Text
    text: Text


class FaqText(_Strict):
    question: Text
    answer: Text
    keywords: list[str] = Field(default_factory=list)


class SupportText(_Strict):
    name: Text
    when: Text
    #: How to reach them, in words: "choose your programme on the page" and the like.
    reach: Text | None = None
    #: Opening or consultation hours, where the institution publishes them.
    hours: Text | None = None


class GuideText(_Strict):
    about: Text
    who_heading: Text
    who: Text
    groups: Text
    lectures: Text
    brightspace: Text
    goal: Text
    language: Text
    incidents: Text
    contact: Text


class LanguageText(_Strict):
    name: Text
    translation_of: LangCode | None = None
    institution: Text
    campaign: Text
    tagline: Text
    dos_heading: Text
    dos: dict[str, DoText]
    intro: Text
    lecture_intro: Text
    description: Text
    description_short: Text
    member_welcome: Text
    #: platform → the group's name with its article ("deze WhatsApp-groep"), as it fits "Welkom in …".
    group_names: dict[str, Text]
    #: The words a group's name may start with ("deze", "dit"); a name typed without one is refused, or gets
    #: ``group_article`` in front where the language has one article for every noun ("this").
    group_articles: list[Text] = Field(default_factory=list)
    group_article: Text | None = None
    illustration_alt: Text
    slide_notes: Text
    guide: GuideText
    faq: dict[str, FaqText]
    #: A searched word → words or phrases it should also find in the FAQ ("pesten" → "ongewenst gedrag").
    search_synonyms: dict[str, list[Text]] = Field(default_factory=dict)
    support: dict[str, SupportText]


class PackFile(_Strict):
    pack: int = 1
    id: Id
    default_language: LangCode
    source_language: LangCode
    links: dict[str, Url]
    #: The campaign's page per language, where it has one (else ``links.campaign``).
    campaign_pages: dict[LangCode, Url] = Field(default_factory=dict)
    student_number_pattern: str | None = None
    colours: Colours = Colours()
    dos: Annotated[list[DoSpec], Field(min_length=1, max_length=12)]
    faq: list[FaqSpec]
    support: list[SupportSpec]
    languages: dict[LangCode, LanguageText]
