"""The typed schema of a campaign pack file (what the YAML must hold).

Language-independent facts (ids, icons, links, e-mail addresses) sit at the top; each language holds only
text keyed by those ids. Cross-checks that pydantic cannot express per field (every Do translated in every
language, placeholders known) live in :mod:`samen.content.pack`.
"""

from __future__ import annotations

from typing import Annotated, Final, TypedDict

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

_ID = r"^[a-z0-9][a-z0-9-]*$"
_LANG = r"^[a-z]{2,3}$"
_WORD = r"^[^\W\d_][\w'’-]*$"
_DOMAIN = r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$"
_URL = r"^https?://\S+$"
_COLOUR = r"^#[0-9a-fA-F]{6}$"
#: An e-mail address as people write one: a name, an @ and a domain with a dot (no spaces; no second @).
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
#: A text on one line: a Do is one rule (Discord's Rules Screening), one list item, one line of rules.txt.
_ONE_LINE = r"^[^\r\n]+$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=_ID)]
LangCode = Annotated[str, StringConstraints(pattern=_LANG)]
Word = Annotated[str, StringConstraints(pattern=_WORD)]
Domain = Annotated[str, StringConstraints(pattern=_DOMAIN)]
Url = Annotated[str, StringConstraints(pattern=_URL)]
Colour = Annotated[str, StringConstraints(pattern=_COLOUR)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, pattern=_EMAIL)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=_ONE_LINE)]

#: The pack format this samen reads (``pack:`` in a pack file).
PACK_FORMAT: Final = 1

#: A pattern of the types above → the name of its form (``pack.form.<name>`` in ``strings/errors.yaml``), so
#: that a value of the wrong form is told what form it needs, not the pattern.
FORMS: dict[str, str] = {
    _ID: "id",
    _LANG: "language",
    _WORD: "word",
    _DOMAIN: "domain",
    _URL: "url",
    _COLOUR: "colour",
    _EMAIL: "email",
    _ONE_LINE: "one_line",
}

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

#: The signal kinds a Do can cover (``samen.signals`` reports them; the nudge names the Do's that cover a
#: kind, in the pack's order) and the finer subtypes a FAQ entry can answer.
SIGNAL_KINDS = ("insult", "identity_attack", "sexual", "threat", "profanity", "privacy", "heat")
SIGNAL_SUBTYPES = ("racism", "sexism", "homophobia", "transphobia", "ableism", "religion")

#: The help situations the product has words for ("what happened?" on the web's help page); a pack may
#: name others, with a label in each language.
SITUATIONS = ("group", "unwanted", "lecture", "advice", "learn", "campaign")

#: Placeholders a template may use.
PLACEHOLDERS = ("institution", "campaign", "group", "admin_text", "dos_link")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DoSpec(_Strict):
    id: Id
    icon: Id
    #: The signal kinds this Do covers: a nudge about one names it (none: the pack's first Do).
    signals: list[str] = Field(default_factory=list)


class FaqSpec(_Strict):
    id: Id
    topic: str | None = None
    link: str | None = None
    #: The page to read more, per language (overrides ``link`` in that language).
    pages: dict[LangCode, Url] = Field(default_factory=dict)
    email: Email | None = None
    #: The signal kinds or subtypes this entry answers: a nudge about one offers it to read more.
    signals: list[str] = Field(default_factory=list)


class SituationSpec(_Strict):
    """One answer to "what happened?" and the support routes (ids) it leads to, best first."""

    id: Id
    routes: Annotated[list[Id], Field(min_length=1)]


class SupportSpec(_Strict):
    """How to reach a support route, whatever the language: its own page per language, an e-mail address, a
    phone number. ``per_programme``: the page lists one per faculty or programme (the reader chooses theirs);
    ``in_group``: reached in the group itself (the group's admin); ``via``: a route with no public address of
    its own, reached through another route's contact. A route with none of page, e-mail or phone makes
    ``samen pack validate`` warn."""

    id: Id
    email: Email | None = None
    phone: str | None = None
    link: str | None = None
    pages: dict[LangCode, Url] = Field(default_factory=dict)
    per_programme: bool = False
    in_group: bool = False
    via: Id | None = None


class ReportsSpec(_Strict):
    """Which support routes take confidential reports: ``routes`` go to staff accounts of that role (on the
    web and from the bot), ``group_route`` to the admins of the group the report comes from (bot only)."""

    routes: list[Id] = Field(default_factory=list)
    group_route: Id | None = None


class HandoffSpec(_Strict):
    """A warm hand-off staff can give a reporter (a complaints procedure, emergency numbers)."""

    id: Id
    phone: str | None = None
    link: str | None = None
    #: The page per language (overrides ``link`` in that language), as for FAQ entries and routes.
    pages: dict[LangCode, Url] = Field(default_factory=dict)
    email: Email | None = None


class Colours(_Strict):
    primary: Colour = "#001158"
    accent: Colour = "#1d6f8a"
    background: Colour = "#f6f4ee"
    text: Colour = "#1b1b1f"


class DoText(_Strict):
    """A Do's short title and exact text, each on one line."""

    title: Line
    text: Line


class FaqText(_Strict):
    question: Text
    answer: Text
    keywords: list[str] = Field(default_factory=list)


class SupportWords(_Strict):
    """A route's words in one setting, where the general ones do not fit it (each left out keeps those)."""

    name: Text | None = None
    when: Text | None = None
    reach: Text | None = None


class SupportText(_Strict):
    name: Text
    when: Text
    #: How to reach them, in words: "choose your programme on the page" and the like.
    reach: Text | None = None
    #: Opening or consultation hours, where the institution publishes them.
    hours: Text | None = None
    #: Platform id → the words for that setting: the group's admin is the lecturer in a lecture (Teams,
    #: Kaltura) and in a course (Brightspace), where "the admin of this group" and "the group's app" fit not.
    platforms: dict[str, SupportWords] = Field(default_factory=dict)


class HandoffText(_Strict):
    title: Text
    text: Text


class GuideWords(_Strict):
    """The guide's words in one setting, where the general ones do not fit it (each left out keeps those)."""

    about: Text | None = None
    who_heading: Text | None = None
    who: Text | None = None
    groups: Text | None = None
    lectures: Text | None = None
    brightspace: Text | None = None
    goal: Text | None = None
    language: Text | None = None
    incidents: Text | None = None
    contact: Text | None = None


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
    #: Platform id → the words for that setting: what to do when something happens "in the group", "as the
    #: admin" fits a chat group, not a lecture (Teams, Kaltura) or a course (Brightspace).
    platforms: dict[str, GuideWords] = Field(default_factory=dict)


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
    #: Indefinite articles ("a", "an"; "een"): a name typed with one is taken without it, as a bare name.
    group_indefinite: list[Text] = Field(default_factory=list)
    #: Nouns for groups → the article they take ("werkgroep": "deze", "bestuur": "dit"), for a name typed
    #: without one; a compound takes its last part's ("mentorgroep" as "groep"). Other names are refused.
    group_nouns: dict[Text, Text] = Field(default_factory=dict)
    illustration_alt: Text
    slide_notes: Text
    guide: GuideText
    faq: dict[str, FaqText]
    #: A searched word → words or phrases it should also find in the FAQ ("pesten" → "ongewenst gedrag").
    search_synonyms: dict[str, list[Text]] = Field(default_factory=dict)
    support: dict[str, SupportText]
    handoff: dict[str, HandoffText] = Field(default_factory=dict)
    #: Labels of the pack's help situations; needed only for ids outside :data:`SITUATIONS`.
    situations: dict[str, Text] = Field(default_factory=dict)


class SignalsOptions(TypedDict):
    """The pack's facts :meth:`samen.signals.Signals.load` takes (plain data: signals import no pack)."""

    student_number_pattern: str | None
    public_domains: list[str]
    personal_domains: list[str]
    role_words: list[str]


class PrivacySpec(_Strict):
    """What is public in the institution's details: the privacy signal leaves these alone.

    Attributes:
        public_domains: the institution's e-mail domains (with their subdomains): its mailboxes are work
            addresses of desks, offices and staff, published by the institution.
        personal_domains: subdomains of those that hold personal mailboxes (students' mail).
        role_words: words naming the institution's desks, offices and roles, per language (added to the
            signals' own general list).
    """

    public_domains: list[Domain] = Field(default_factory=list)
    personal_domains: list[Domain] = Field(default_factory=list)
    role_words: dict[LangCode, list[Word]] = Field(default_factory=dict)


class PackFile(_Strict):
    #: The version of the pack format, :data:`PACK_FORMAT`: a pack of another can hold fields this samen
    #: would misread.
    pack: Annotated[int, Field(strict=True, ge=PACK_FORMAT, le=PACK_FORMAT)] = PACK_FORMAT
    id: Id
    default_language: LangCode
    source_language: LangCode
    links: dict[str, Url]
    #: The campaign's page per language, where it has one (else ``links.campaign``).
    campaign_pages: dict[LangCode, Url] = Field(default_factory=dict)
    student_number_pattern: str | None = None
    privacy: PrivacySpec = PrivacySpec()
    colours: Colours = Colours()
    dos: Annotated[list[DoSpec], Field(min_length=1, max_length=12)]
    faq: list[FaqSpec]
    support: list[SupportSpec]
    reports: ReportsSpec = ReportsSpec()
    handoff: list[HandoffSpec] = Field(default_factory=list)
    situations: list[SituationSpec] = Field(default_factory=list)
    languages: dict[LangCode, LanguageText]

    def signals_options(self) -> SignalsOptions:
        """The pack's facts the signals need, as plain data: ``Signals.load(**spec.signals_options())``."""
        return {
            "student_number_pattern": self.student_number_pattern,
            "public_domains": list(self.privacy.public_domains),
            "personal_domains": list(self.privacy.personal_domains),
            "role_words": sorted({w for words in self.privacy.role_words.values() for w in words}),
        }
