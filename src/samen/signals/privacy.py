"""Personal details in a message: phone numbers, e-mail addresses, IBANs, BSNs, addresses, student numbers.

Every candidate is validated, not just matched: phone numbers by ``phonenumbers`` (valid for their
region), IBANs and BSNs by their check digits (``python-stdnum``; a BSN also needs a context word, as one
in eleven nine-digit numbers passes the elfproef), postcodes by the Dutch format together with a house
number or a street. Details a writer gives about themselves ("bel me op…", "mijn mail is…") are theirs to
share and are not reported, except a BSN, which nobody should post in a group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn


@dataclass(frozen=True)
class Detail:
    """A personal detail found in a message: its subtype, span in the original text and score."""

    subtype: str
    span: tuple[int, int]
    score: float
    explanation: str


_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b"
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
_BSN = re.compile(r"(?<![\d.-])(\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{8,9})(?![\d-])")
_BSN_CONTEXT = re.compile(
    r"\b(?:bsn|burgerservicenummer|burger service nummer|sofi-?nummer|sofinummer|sofi|"
    r"citizen service number|social security|ssn)\b",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b[1-9]\d{3} ?(?!SA|SD|SS|sa|sd|ss)[A-Za-z]{2}\b")
_STREET = re.compile(
    r"\b[A-Z][a-zà-ÿ'-]+(?:[ -][A-Za-zà-ÿ'-]+){0,2}?"
    r"(?:straat|weg|laan|plein|gracht|kade|singel|dijk|steeg|hof|park|dreef|plantsoen|markt|burgwal|"
    r"pad|rijn|haven|baan|veld|erf|straatje|wal|zijde|Rapenburg|Breestraat|Haarlemmerstraat)"
    r" \d{1,4}(?: ?[a-zA-Z]\b| ?-\d{1,3}| ?(?:bis|hs|huis)\b)?"
    r"|\b\d{1,5} [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way)\b"
)
# The writer's own details: "mijn nummer is", "bel me op", "mail me at", "my number".
_OWN = re.compile(
    r"\b(?:mijn|m'n|mn|me|mij|my|mine|ik ben bereikbaar|reach me|call me|text me|mail me|app me|bel me|"
    r"contact me|mail mij|bel mij|app mij|ik woon|i live|maak het over|maak over|overmaken|betaal|tikkie|"
    r"pay me|transfer)\b",
    re.IGNORECASE,
)
# A third person's details are what Do 4 is about; these words make that likelier.
_OTHER = re.compile(
    r"\b(?:zijn|haar|hun|van (?:[A-Z]\w+|hem|haar)|his|her|their|'s)\b",
)


# An organisation's desk or a role address is public, not someone's personal detail.
_PUBLIC = re.compile(
    r"\b(?:receptie|balie|servicedesk|helpdesk|secretariaat|studentenbalie|studiebalie|bibliotheek|"
    r"reception|front desk|help ?desk|office|secretariat|library|alarmnummer|huisarts(?:enpost)?|"
    r"politie|police|112)\b",
    re.IGNORECASE,
)
_ROLE_MAILBOX = re.compile(
    r"^(?:info|contact|servicedesk|helpdesk|secretariaat|secretariat|office|admin|support|studentenbalie|"
    r"diversiteit|studentwellbeing|vertrouwenspersoon|noreply|no-reply|post|mail|receptie|reception)@",
    re.IGNORECASE,
)


def _public(text: str, start: int) -> bool:
    """True when the words just before a number say it belongs to a desk or an office."""
    return _PUBLIC.search(text[max(0, start - 40) : start]) is not None


def _own(text: str, start: int) -> bool:
    """True when the words just before a detail say it is the writer's own."""
    before = text[max(0, start - 40) : start]
    own = list(_OWN.finditer(before))
    if not own:
        return False
    other = list(_OTHER.finditer(before))
    return not other or other[-1].start() < own[-1].start()


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def find_details(text: str, student_number: re.Pattern[str] | None = None) -> Iterator[Detail]:
    """Personal details in a message, each validated, with its span in ``text``.

    Args:
        text: the message as written.
        student_number: the campaign pack's student-number pattern, compiled, if it has one.
    """
    taken: list[tuple[int, int]] = []
    if "@" in text:
        for m in _EMAIL.finditer(text):
            taken.append(m.span())
            if not _own(text, m.start()) and not _ROLE_MAILBOX.match(m.group(0)):
                yield Detail("email", m.span(), 0.8, "an e-mail address")
    digits = sum(map(str.isdigit, text))
    if digits >= 8:
        yield from _numbers(text, taken)
    if student_number is not None:
        for m in student_number.finditer(text):
            if not _overlaps(m.span(), taken) and not _own(text, m.start()):
                taken.append(m.span())
                yield Detail("student_number", m.span(), 0.7, "a student number")
    if digits >= 1:
        yield from _addresses(text, taken)


def _numbers(text: str, taken: list[tuple[int, int]]) -> Iterator[Detail]:
    for m in _IBAN.finditer(text):
        if stdnum_iban.is_valid(m.group(0)):
            taken.append(m.span())
            if not _own(text, m.start()):
                yield Detail("iban", m.span(), 0.85, "a bank account number (IBAN)")
    context = _BSN_CONTEXT.search(text) is not None
    if context:
        for m in _BSN.finditer(text):
            number = re.sub(r"\D", "", m.group(0)).zfill(9)
            if not _overlaps(m.span(), taken) and len(number) == 9 and stdnum_bsn.is_valid(number):
                taken.append(m.span())
                yield Detail("bsn", m.span(), 0.95, "a citizen service number (BSN)")
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        span = (match.start, match.end)
        if _overlaps(span, taken):
            continue
        taken.append(span)
        if not _own(text, match.start) and not _public(text, match.start):
            yield Detail("phone", span, 0.8, "a phone number")


def _addresses(text: str, taken: list[tuple[int, int]]) -> Iterator[Detail]:
    for m in _STREET.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        taken.append(m.span())
        if not _own(text, m.start()):
            yield Detail("address", m.span(), 0.75, "a street address")
    for m in _POSTCODE.finditer(text):
        if _overlaps(m.span(), taken) or (not m.group(0)[-2:].isupper() and not m.group(0)[-2:].isalpha()):
            continue
        # A postcode alone is a neighbourhood; with a house number or street nearby it is an address.
        near = text[max(0, m.start() - 40) : m.end() + 10]
        if (
            not re.search(r"[A-Za-z]{3,} \d{1,4}\b|\bnr\.? ?\d|\bhuisnummer\b", near)
            or not m.group(0)[-2:].isupper()
        ):
            continue
        taken.append(m.span())
        if not _own(text, m.start()):
            yield Detail("postcode", m.span(), 0.75, "a postcode with an address")
