"""Personal details in a message: phone numbers, e-mail addresses, IBANs, BSNs, addresses, student numbers.

Three steps, each a mechanism rather than a list of cases:

1. **Other things claim their text first** (:func:`claimed_spans`): dates and times in the forms students
   write them (``06-12``, ``6/12 23:59``, ``di 3 dec 9.00-11.00``), durations, timestamps, sizes and units
   (``1500 MB``), money, version numbers, course codes, room numbers, meeting ids, order numbers, ISBNs,
   URLs, file names and paths, git and ssh remotes. A candidate detail never overlaps such a span.
2. **Each candidate is validated as what it is**: phone numbers by ``phonenumbers`` (national forms valid
   for the Netherlands, or for a neighbouring or English-speaking country when the message speaks of a
   phone; international forms ``+44 …``/``0044 …`` at least possible for their country; free, premium
   and company numbers are no one's), e-mail addresses by the address grammar
   with a real public suffix (the ``publicsuffixlist`` package's bundled list: ``logo@2x.png`` has none,
   and ``git@host:path`` is a remote), IBANs and BSNs by their check digits (``python-stdnum``; a BSN
   only beside a word that names it), Dutch and British postcodes by their format beside a street, a house
   number or a place, street addresses by Dutch and English street-name morphology (``-straat``, ``-gracht``,
   ``Street``…) or by a residence word before a capitalised name and a house number (``woont op
   Rapenburg 70``), student numbers by the campaign pack's pattern.
3. **Whose detail**, read from the clause it stands in (:func:`owner`): the writer's own (``mijn nummer
   is``, ``bel me op``, ``my email is``) is theirs to share; a desk's, an office's or a role mailbox's
   (``servicedesk@…``, the pack's role words and institution domains) is public; someone else's (a name,
   a person word, *haar*, *zijn*, *his*, a third-person verb) is what Do 4 is about, and so is a detail
   whose owner the clause does not tell, except a street address or a postcode, which is only personal
   with a word that says someone lives there or with a person (a meeting place or a building is no
   one's), and a number given with opening hours (a desk's). A BSN is reported even when it is the
   writer's own: nobody should post one in a group.

Spans are character offsets into the message as written: invisible characters and full-width digits are
read through, and every span is mapped back (:func:`_readable`). Nothing is stored or logged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import NamedTuple

import phonenumbers
from phonenumbers import PhoneNumberType
from publicsuffixlist import PublicSuffixList
from stdnum import iban as stdnum_iban
from stdnum import isbn as stdnum_isbn
from stdnum.nl import bsn as stdnum_bsn

from samen.signals.normalize import COMMON, frequency

Span = tuple[int, int]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Detail:
    """A personal detail found in a message: its subtype, span in the original text and score."""

    subtype: str
    span: Span
    score: float
    explanation: str


#: Words that name a desk, an office or an organisation rather than a person, in any language samen
#: serves (a pack adds its institution's own). A detail they own (their mailbox, their phone) is public.
ROLE_WORDS = _words(
    """
    administratie admissions alumni balie bestuur bibliotheek bieb board bureau career careers
    communicatie decaan dean desk diversiteit diversity docent docenten ethics examencommissie faculteit
    faculty helpdesk hr ict informatie international internationaloffice kantoor lecturer library office
    ombuds ombudsman onderwijs onderwijsbureau opleiding organisatie planning press pers reception
    receptie redactie secretariaat secretariat servicedesk studentenzaken studieadviseur studieadviseurs
    studyadvisor tutor vertrouwenspersoon wellbeing welzijn coordinator coördinator coordinatie programme
    committee commissie department afdeling instituut institute university universiteit hogeschool
    gemeente municipality politie police huisarts huisartsenpost gp apotheek pharmacy ziekenhuis hospital
    klantenservice kroeg cafe café bar restaurant winkel shop store museum sportcentrum gym venue
    gebouw building vereniging association studievereniging kantine canteen mensa uni
    school pizzeria snackbar tandarts dentist kapper hairdresser fysio physio bedrijf company firm hotel
    hostel organisation organization stichting foundation loket conciërge concierge porter porters lodge
    receptionist studentenarts studentenpsycholoog studentenpsychologen
    """
)
#: Names a mailbox of no one in particular takes (``info@``, ``noreply@``), besides the role words; in a
#: sentence these are ordinary words ("Lisa's contact", "post it"), so they count only as a mailbox name.
MAILBOX_WORDS = _words(
    """
    admin contact info mail mailbox noreply no-reply post support webmaster sales team service helpdesk
    hello hallo office secretary enquiries inquiries study groep group werkgroep studiegroep project
    projectgroep recruitment jobs vacatures finance billing facturen events evenementen secretaris
    penningmeester voorzitter chair treasurer president marketing communications newsletter nieuwsbrief
    feedback klachten complaints privacy security abuse postmaster hostmaster inschrijving inschrijvingen
    enrolment enrollment visa housing huisvesting internship stage stages education research lab it
    bestuur board redactie kascommissie bestellingen bestelling orders order webshop tickets kaartverkoop
    reserveringen reservering reservations booking bookings klantenservice service customerservice
    advice advies help hulp helpline vragen questions examens exams tentamens toelating registration
    registrar
    """
)
_PRIVATE = ("priv", "persoonlijk", "personal")
# People in a role: their work phone and mail are public, their home is not.
_STAFF = _words(
    """
    docent docenten lecturer lecturers tutor tutors professor prof dr drs hoogleraar studieadviseur
    studieadviseurs studyadvisor adviser advisor decaan dean coordinator coördinator begeleider supervisor
    mentor ta tas
    vertrouwenspersoon studentendecaan rep reps representative vertegenwoordiger studentvertegenwoordiger
    """
)
# Endings of compound words that name an organisation or a desk ("studievereniging", "kenniscentrum").
_ROLE_ENDINGS = (
    "desk", "office", "balie", "bureau", "loket", "vereniging", "centrum", "centre", "center", "dienst",
    "service", "services", "zaken", "secretariaat", "commissie", "committee", "afdeling", "winkel",
    "praktijk", "kliniek", "clinic", "support",
)  # fmt: skip

# Words that tie a detail to the writer: first-person pronouns and "call me", "pay me" shapes.
_OWN_WORDS = _words("mijn m'n mn me mij mezelf ikzelf ons onze i'm im my mine me myself us our ours")
# "ik ben…", "I live…": the writer speaking of themselves (a bare "ik heb" may hold someone else's number).
_OWN_PHRASE = re.compile(
    r"\b(?:ik|'k|wij|we)\s+(?:ben|zijn|woon|wonen|zit|zitten|heet|sta|staan|verhuis|verhuizen)\b|"
    r"\b(?:i|we)\s+(?:am|live|stay|'m|move|moved)\b|"
    # "ik heb een nieuw nummer", "I've got a new phone": the writer's own new detail
    r"\b(?:ik|'k|i|we)(?:\s+(?:heb|hebben|have|got)|'ve(?:\s+got)?)\s+(?:een|a)\s+(?:nieuw\w*|new)\b",
    re.IGNORECASE,
)
# A detail announced as new with no one named ("Nieuw nummer, sla even op: 06…") is the writer's.
_NEW_DETAIL = re.compile(
    r"^\W*(?:(?:mijn|my|heb\s+een|have\s+a|got\s+a)\s+)?(?:nieuw\w*|new)\s+(?:\w*nummer|number|\w*telefoon|"
    r"phone|mobiel|mobile|\w*adres|address|e-?mail\w*)\b|"
    # "nummer gewijzigd, nieuw: 06…", "changed my number, new one: …"
    r"^\W*(?:(?:mijn|my)\s+)?(?:\w*nummer|number|\w*adres|address)\s+(?:gewijzigd|veranderd|changed)\b|"
    r"^\W*(?:i\s+)?changed\s+my\s+(?:number|phone|address|e-?mail)\b",
    re.IGNORECASE,
)
# Words that close a message before the writer's name ("Groetjes, Sanne (06…)"): a name after them is the
# writer's signature.
_CLOSINGS = _words(
    "groetjes groeten groet gr grtjs mvg liefs doei cheers regards best thanks thx bedankt dank xx xxx"
)
# Words that may open a closing: "best regards", "met vriendelijke groet", "many thanks".
_CLOSING_OPENERS = r"(?:(?:best|kind|warm|warmest|many|met|vriendelijke|hartelijke|lieve|veel)\s+){0,2}"
# A signature: a closing, a comma and the writer's name ("Groetjes, Mark de Groot"), then only the
# writer's details with separators and labels between them ("- m.degroot@live.nl - 06 …", "| tel: …").
_SIGNATURE = re.compile(
    r"\s*" + _CLOSING_OPENERS + r"(?:" + "|".join(sorted(_CLOSINGS, key=len, reverse=True)) + r")\s*,"
    r"\s*[\w'’-]+(?:\s+[\w'’-]+){0,3}",
    re.IGNORECASE,
)
# A name after a sentence and a dash, signing off: "thanks all, see you thursday! — mark, …".
_DASH_SIGNATURE = re.compile(r"(?<=[.!?])[ \t]+[—–-]+[ \t]*[\w'’-]+(?:[ \t]+[\w'’-]+){0,2}[ \t]*[,:|]")
_BETWEEN_SIGNED = re.compile(r"(?:[\s\-–—|,/:;()•·]|\b(?:tel|telefoon|phone|mob|mobile|gsm|e-?mail|mail)\b)*")
# Asking to be paid is sharing one's own account ("maak het over naar NL…", "tikkie").
_PAY = re.compile(
    r"\b(?:maak\w*\s+(?:\S+\s+){0,6}over|overmaken|overmaakt|betaal\w*|tikkie|stort\w*|pay|paypal|transfer|"
    r"send\s+(?:it|them|the\s+money|money|me)\b|venmo)\b",
    re.IGNORECASE,
)
# Words that point at someone else: third-person pronouns and possessives, person words.
_OTHER_WORDS = _words(
    """
    hij zij ze hem haar hun hen zijn z'n zn d'r diens wiens he she him her his hers they them their theirs
    ouders parents kinderen kids
    moeder vader mama papa mam pap broer zus zusje broertje oma opa tante oom neef nicht vriend vriendin
    vriendje vriendinnetje huisgenoot huisgenote huisgenoten kamergenoot buurman buurvrouw buren collega
    klasgenoot medestudent medestudente studiegenoot groepsgenoot groepsgenote partner man vrouw
    mother father mom mum dad brother sister grandma grandpa aunt uncle cousin friend boyfriend girlfriend
    roommate housemate flatmate neighbour neighbor colleague classmate groupmate teammate husband wife
    jongen meisje guy girl boy iemand someone somebody ex date crush baby schat lief bf gf bestie
    zoon dochter kind son daughter child echtgenoot echtgenote spouse
    """
)
# Verbs in the third person that tell the detail is someone else's ("Lisa woont", "he lives").
_OTHER_VERBS = re.compile(r"\b(?:woont|lives|heet|is called|verhuisd|moved)\b", re.IGNORECASE)

# Words that make a street and a number someone's address.
_HOME_WORDS = (
    r"woon\w*|wonen|woont|huisadres|lives?|living|verhuis\w*|huis|house|flat|apartment|appartement|woning|"
    r"dorm|studentenhuis|moved|verblijf\w*|staying|stays|thuis|home|kot|kamer aan|room at|zit op kamers"
)
_HOME = re.compile(rf"\b(?:{_HOME_WORDS})\b", re.IGNORECASE)
# A residence word right before an address in the English order ("lives at 5", "address is 14", "flat is 8").
_RESIDENCE_BEFORE = re.compile(
    r"\b(?:lives?|living|staying|stays|moved|address(?:es)?|flat|house|apartment|dorm|woont|adres|verhuisd)"
    r"\W+(?:(?:is|at|to|on|in|now|op|naar|aan)\W+){0,2}$",
    re.IGNORECASE,
)
# A home word or an address word: what makes a capitalised name and a number a street address.
_RESIDENCE = re.compile(rf"\b(?:{_HOME_WORDS}|adres\w*|address\w*|postadres)\b", re.IGNORECASE)

# Capitalised words that are never a person's name (sentence openers, days, months, course words).
_NOT_NAMES = _words(
    """
    de het een en of maar als dan want dus ook nog wel niet geen wie wat waar wanneer hoe waarom welke
    deze die dit dat daar hier er om op in aan van voor na met bij tot uit over naar door zonder tegen
    is zijn was waren ben bent heb hebt heeft hebben kan kun kunnen mag moet moeten wil wilt zal zou
    hoi hey hi hallo hee hoe dag doei thanks bedankt dank top oke ok okay ja nee yes no sorry please
    graag vergeet stuur mail bel app bericht check let zie kijk ga komt kom neem geef
    the a an and or but if then so also not no who what where when how why which this that these those
    there here to on at of for after with by from about into please call text email send ask
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday
    saturday sunday januari februari maart april mei juni juli augustus september oktober november
    december january february march may june july august october
    """
)

_STREET_SUFFIXES = (
    "straat", "straatje", "steeg", "steegje", "laan", "laantje", "weg", "wegje", "gracht", "kade", "plein",
    "pleintje", "singel", "hof", "hofje", "dijk", "dreef", "pad", "park", "markt", "burgwal", "wal", "vest",
    "plantsoen", "haven", "kanaal", "veld", "erf", "baan", "ring", "dam", "brug", "poort", "allee", "burg",
    "berg", "zijde", "oever", "kamp", "weide", "vaart", "water", "kant", "boulevard", "promenade",
    "passage", "gaarde", "tuin", "tuinen", "akker", "hoeve", "horst", "donk", "rode", "singeltje", "kwartier",
)  # fmt: skip
_STREET_WORDS_EN = (
    "Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Ln", "Drive", "Dr", "Close", "Way", "Court",
    "Ct", "Place", "Pl", "Square", "Sq", "Crescent", "Terrace", "Gardens", "Boulevard", "Blvd", "Row",
    "Grove", "Mews", "Walk", "Hill",
)  # fmt: skip
_STREET_ADJECTIVES = _words(
    "oude nieuwe lange korte hoge lage grote kleine binnen buiten noord zuid oost west"
)
_STREET_SUFFIX = re.compile(r"(?:" + "|".join(sorted(_STREET_SUFFIXES, key=len, reverse=True)) + r")$")
# Words before a number that name a dwelling inside an address, not a street ("Flat 3, 45 Gower Street").
_DWELLINGS = _words("flat apartment apt appartement unit suite room kamer studio verdieping floor")
_STREET_LINKS = _words("van de der den het ter ten te aan op in 't 's la le du von")
_STREET_PREPOSITIONS = _words("op aan in bij naar")  # what puts a street after a name
_STREET_ARTICLES = _words("de het 't")
_NOT_STREET_START = _NOT_NAMES | _STREET_LINKS | _DWELLINGS

# A capitalised word (or a run of them, with Dutch name links) before a house number.
_WORD = r"(?:'s-)?[A-ZÀ-Ý][\wÀ-ÿ'’.-]*"
_LINK = r"(?:van|de|der|den|het|ter|ten|te|aan|op|in|'t|'s|la|le)"
_DUTCH_ADDRESS = re.compile(
    rf"(?P<street>{_WORD}(?:[ ](?:{_LINK}[ ])*{_WORD}){{0,3}})[ ](?:nr\.?[ ]?|nummer[ ])?"
    r"(?P<number>[1-9]\d{0,4}"
    # 104-2, 12/3, 21a, 70-A, 52-II, 45bis, 33 bis, 40 zw
    r"(?:[ ]?[-/][ ]?\d{1,4}|[ ]?-?[a-zA-Z](?![\w@])|[ ]?-?(?:bis|hs|huis|zw|rd|boven|I{1,3}|IV)\b)?)"
    r"(?![\w@]|[.,:/-]\d)(?<!\d{4}(?=[ ]?[A-Z]{2}\b))"  # "Alphen aan den Rijn 2405 AB": a postcode
)
_NAME_WORD = r"[A-Z][A-Za-z'’]*[a-z]"  # Baker, Kings, O'Connell, McAllister
_ENGLISH_ADDRESS = re.compile(
    r"(?<![\w.,-])(?P<number>[1-9]\d{0,4}(?:-[1-9]\d{0,4})?[A-Za-z]?)[ ]"  # 221B, 45-47
    rf"(?P<street>(?:{_NAME_WORD}[ ]){{1,3}}(?:" + "|".join(_STREET_WORDS_EN) + r"))\b\.?"
)
# After a residence word ("lives at", "address is"), a number and a name are an address in the English
# order even without a street word ("5 Kings Parade", "3 The Green"), and so is a lower-case street with
# one ("14 mill road").
_ENGLISH_NAMED_ADDRESS = re.compile(
    rf"(?<![\w.,-])(?P<number>[1-9]\d{{0,4}}[A-Za-z]?)[ ]"
    rf"(?P<street>{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,2}})(?![\w'’])"
    r"(?=\s*(?:$|[,.;!?)]|[A-Z\d]))"  # the name ends the phrase: "2 Stops from Centraal" is no street
)
# In lower case only the street words that are nothing else ("3 doors down the hill" is no address).
_LOWER_ENGLISH_ADDRESS = re.compile(
    r"(?<![\w.,-])(?P<number>[1-9]\d{0,4}[a-z]?)[ ](?P<street>(?:[a-z][a-z'’]+[ ]){1,2}"
    r"(?:street|road|avenue|lane|crescent|terrace|gardens|boulevard|grove|mews|square))\b"
)
# What stands before a street in lower case: "op de breestraat 12", "adres is breestraat 9", "…: breestraat 9"
# (not "…, bring 2 bottles": an English word that ends like a street).
_BEFORE_LOWER_STREET = re.compile(
    r"(?:\b(?:op|aan|naar|de|het|is|in|bij|van|at|on|to)|:)[ ]+$", re.IGNORECASE
)
_LOWER_ADDRESS = re.compile(
    r"\b(?P<street>(?:[a-z][a-zà-ÿ'-]{2,}e[ ])?[a-z][a-zà-ÿ'-]{2,})"  # breestraat, witte singel
    r"[ ](?P<number>[1-9]\d{0,4}(?:[ ]?-[ ]?\d{1,4}|[a-z](?![\w@]))?)"
    r"(?![\w@]|[.,:/-]\d)"
)
# Dutch (2311 CS; SA, SD and SS are not issued) and British (SW1A 1AA, M1 5QA: outward code, inward code)
# postcodes, either in lower case too (then only beside a street or after a postcode word).
_POSTCODE = re.compile(
    r"(?<![\w-])(?:[1-9]\d{3}[ ]?(?!SA|SD|SS)(?P<letters>[A-Z]{2}|[a-z]{2})"
    r"|(?P<uk>[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[ABD-HJLNP-UW-Z]{2})"
    r"|(?P<uklower>[a-z]{1,2}\d[a-z\d]?[ ]\d[abd-hjlnp-uw-z]{2}))(?![\w@])"
)
# What may stand between a street address and its postcode: a comma and a place ("Baker Street, London",
# "Alphen aan den Rijn", "'s-Gravenhage", "Newcastle upon Tyne"; in lower case only after a comma).
_PLACE_WORD = r"(?:'s-)?[A-Z][\w'-]*"  # one word, so that a run of capitals splits only one way
_PLACE_LINK = r"(?:aan|den|de|der|op|upon|on|under|in|the|van)"
_BEFORE_POSTCODE = re.compile(
    rf"[ ]?,?[ ]?(?:{_PLACE_WORD}(?:[ ](?:{_PLACE_LINK}|{_PLACE_WORD})){{0,3}}[ ]?,?[ ]?)?"
    r"|[ ]?,[ ]?[a-z][a-z'-]+(?:[ ][a-z][a-z'-]+)?[ ]?,?[ ]?"
)
_POSTCODE_CUE = re.compile(r"\b(?:postcode|postal code|post code|zip(?: code)?)\b", re.IGNORECASE)
_POSTCODE_WORD = re.compile(r"\b(?:postcode|postal code|post code|zip code)\b", re.IGNORECASE)  # not "zip"
_POSTCODE_NEXT = re.compile(r"[ ,]*(?:" + _POSTCODE.pattern + ")")  # "Breestraat 12, 2311 CS"
# A verb of place right before a postcode that no word names: "de kamer van sophie zit in 1012 WX".
_PLACE_VERB_BEFORE = re.compile(
    r"\b(?:zit|zitten|ligt|woont|wonen|lives?|is)\s+(?:(?:nu|now)\s+)?in\s+$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")

_EMAIL = re.compile(
    r"(?<![\w.+'/=-])(?P<local>[A-Za-z0-9!#$%&'*+=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{1,62})"
    r"(?![\w-]|\.[A-Za-z0-9]|:[\w/~.-])"
)
# Grouped by spaces or dashes, one kind throughout (NL91 ABNA 0417 1643 00, NL91-ABNA-0417-1643-00).
_IBAN = re.compile(
    r"(?<![\w-])[A-Z]{2}\d{2}"
    r"(?:(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?|(?:-[A-Z0-9]{4}){2,7}(?:-[A-Z0-9]{1,3})?)(?![\w-])",
    re.I,
)
_BSN = re.compile(r"(?<![\d.-])(\d{4}[ .-]?\d{2}[ .-]?\d{3}|\d{3}[ .-]\d{3}[ .-]\d{3}|\d{8,9})(?![\d-])")
_BSN_CONTEXT = re.compile(
    r"\b(?:bsn|burgerservicenummer|burger service nummer|burgerservice-nummer|sofi-?nummer|sofinummer|"
    r"sofi|citizen service number|social security(?: number)?|ssn)\b",
    re.IGNORECASE,
)

_FILE_EXTENSIONS = _words(
    "png jpg jpeg gif svg webp bmp tif tiff heic pdf doc docx xls xlsx ppt pptx odt ods odp csv tsv txt rtf "
    "md tex bib py ipynb r rmd rds sav sps dta java c cpp h hpp js ts css html htm json yaml yml xml sql "
    "zip rar 7z tar gz tgz mp3 mp4 wav mov avi mkv m4a key pages numbers exe dmg apk sh bat log ini cfg"
)

_MONTHS = (
    r"(?:jan(?:uari|uary)?|feb(?:ruari|ruary)?|mrt|maart|mar(?:ch)?|apr(?:il)?|mei|may|jun[ei]?|jul[iy]?|"
    r"aug(?:ustus|ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAYS = (
    r"(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|mon|tue|tues|wed|"
    r"thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?"
)
# A unit ends the word: "4 Hill Street" holds no time.
_TIME = r"(?:[01]?\d|2[0-3])(?:[:.h][0-5]\d(?:[:.][0-5]\d)?|[ ]?(?:uur|u|h|am|pm|a\.m\.|p\.m\.)(?![^\W\d_]))"
_NUMBER = r"\d+(?:[.,]\d+)*"
_UNITS = (
    r"(?:[kKMGTP]i?B|[kKMGTP]b(?:it)?s?|[kKMGT]B/s|bytes?|bits?|px|pt|dpi|fps|Hz|kHz|MHz|GHz|km/u|km/h|km|"
    r"cm|mm|m2|m²|m|kg|gr|g|mg|ml|cl|l|liter|°C?|%|procent|percent|EC|ECTS|studiepunten|credits|"
    r"pagina'?s?|pages?|blz\.?|woorden|words|tekens|characters|punten|points|pnt|euro|eur|EUR|dollar|"
    r"x|keer|times|studenten|students|mensen|people|deelnemers|vragen|questions|slides|dia'?s|"
    # What data and code count: "0612345678 rows" is a size, not a number to call.
    r"rows?|rijen|records?|samples?|entries|lines|regels|items|tokens?|epochs?|iterations?|iteraties|"
    r"observations?|observaties|respondents?|respondenten|cases|gevallen)"
)
_ID_WORDS = (
    r"(?:meeting[- ]?id|vergader[- ]?id|zoom[- ]?id|teams[- ]?id|webinar[- ]?id|id|code|pin|pincode|passcode|"
    r"toegangscode|inlogcode|wachtwoord|password|ww|order(?:nummer|nr|number|no)?|bestel(?:nummer|ling|nr)|"
    r"referentie(?:nummer)?|reference|ref|ticket(?:nummer|nr)?|zaak(?:nummer|nr)?|case(?: ?number)?|"
    r"factuur(?:nummer|nr)?|invoice(?: ?number)?|tracking(?: ?code| ?number)?|track ?& ?trace|kenmerk|"
    r"dossier(?:nummer|nr)?|artikel(?:nummer|nr)?|klantnummer|customer number|lidnummer|"
    r"member(?:ship)? number|"
    r"transactie(?:nummer)?|transaction|bon(?:nummer)?|receipt|serienummer|serial(?: number)?|"
    r"kamernummer|commit|tentamennummer|exam number|(?:random )?seed|random_state)"
)
# What a computation or an exercise gives: a number said to be one is a value, not a number to call.
_VALUE_WORDS = (
    r"(?:hash|checksum|output|uitvoer|uitkomst|resultaat|result|antwoord|answer|oplossing|solution|"
    r"waardes?|waarden|values?)"
)
# Numbered things of a course ("groep 12", "vraag 3b", "week 6"): the number right after the word.
_NUMBERED = (
    r"(?:tafel|table|stoel|seat|rij|row|groep|group|team|vraag|question|opdracht|assignment|week|hoofdstuk|"
    r"chapter|paragraaf|section|pagina|page|blz|slide|dia|les|lecture|college|tentamen|versie|version|"
    r"release|build|issue|pr|poging|attempt|cijfer|grade|score|optie|option|stap|step|figuur|figure|"
    r"tabel|bijlage|appendix)"
)
_ROOM_WORDS = (
    r"(?:lokaal|zaal|collegezaal|werkcollegezaal|kamer|ruimte|room|hall|lecture hall|gebouw|building|"
    r"verdieping|floor|vleugel|wing|LIPS|Lipsius|Gorlaeus|Huygens|KOG|Snellius|Kamerlingh Onnes|PLC|"
    r"Wijnhaven)"
)

# Patterns whose text is something other than a personal detail. Order does not matter: all claim.
# Containers first: URLs, commands, remotes, paths and files, which may hold a student number or an @
# that is nobody's detail there.
_CONTAINER_CLAIMS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:https?://|www\.)\S+",
        r"\b(?:ssh|scp|sftp|rsync|mosh|git clone|git remote add \w+)\s+\S+",
        r"(?<![\w.+-])[\w.+-]+@[\w.-]+:[\w~./-]+",  # git@github.com:org/project.git
        r"(?<![\w/])(?:~|\.{1,2})?/[\w.@~-]+(?:/[\w.@~-]*)+",  # paths
        r"\b[A-Z]:\\\S+",
        r"(?<![\w.])[\w@+()-]+(?:\.[\w@+()-]+)*\.(?:" + "|".join(_FILE_EXTENSIONS) + r")(?![\w@])",
    )
]
_NUMERIC_DATE_CLAIM = re.compile(
    r"(?<![\d+,.:/-])\d{1,2}[-/.]\d{1,2}(?:[-/.](?:\d{4}|\d{2}))?(?![\d]|[-/.:]\d)"
)  # 06-12, 6/12, 06-12-2024, 24.01.2027 (validated in _date_ok)
_CLAIMS = [
    *_CONTAINER_CLAIMS,
    _NUMERIC_DATE_CLAIM,
    *(
        re.compile(p, re.IGNORECASE)
        for p in (
            # ISO dates and timestamps, compact ones too.
            r"(?<!\d)\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)",
            r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[T_-]?\d{4,6})?(?!\d)",
            # Dates with a month name, with a weekday: "di 3 dec", "3 december 2024", "Dec 3rd, 2024".
            rf"\b(?:{_DAYS}\s+)?\d{{1,2}}(?:e|ste|de|st|nd|rd|th)?\s+{_MONTHS}(?:\s+'?\d{{2,4}})?(?![\w])",
            rf"\b(?:{_DAYS},?\s+)?{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)",
            # Academic years and year ranges: 2024-2025, 2024/25.
            r"(?<!\d)(?:19|20)\d{2}\s?[-/–]\s?(?:19|20)?\d{2}(?!\d)",
            # Times and time ranges: 23:59, 9.00-11.00, 9-11 uur, 14u30, 2u, 10 am.
            rf"(?<![\d.,:/-]){_TIME}(?:\s?[-–]\s?{_TIME}|\s?[-–]\s?(?:[01]?\d|2[0-3])[:.][0-5]\d)?(?![\d]|[.:]\d)",
            r"(?<![\d.,:/-])(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?"
            r"(?:\s?[-–]\s?(?:[01]?\d|2[0-3])[:.][0-5]\d)?(?![\d]|[.:]\d)",
            r"(?<![\d.,:/-])(?:[01]?\d|2[0-3])\s?[-–]\s?(?:[01]?\d|2[0-3])\s?(?:uur|u|h|am|pm)\b",
            r"(?<![\d:])\d{1,3}:[0-5]\d(?::[0-5]\d)?(?:[.,]\d+)?(?![\d]|:\d)",  # durations, video timestamps
            # Durations and amounts with a unit; money.
            rf"(?<![\w.,]){_NUMBER}\s?(?:[-–]\s?{_NUMBER}\s?)?(?:min(?:uten|utes|uut|s)?|sec(?:onden|onds|s)?|"
            r"uur|uren|hours?|hrs?|dagen|days?|weken|weeks?|maanden|months?|jaar|years?|semesters?)\b",
            rf"(?<![\w.,]){_NUMBER}\s?(?:[-–]\s?{_NUMBER}\s?)?{_UNITS}(?![\w])",
            rf"[€$£]\s?{_NUMBER}(?:,-)?|{_NUMBER},-",
            # Decimal fractions: 0.612345678 is a p-value or a correlation, never a number to call.
            # (1.0612345678, .0612345678 too; not 06.12345678, a Dutch mobile written with a dot)
            r"(?<![\d.,+])-?(?:0|[1-9]\d{0,2})?[.,]\d{5,}(?![\d]|[.,]\d)|(?<![\d.,+])-?0[.,]\d+(?![\d]|[.,]\d)",
            # Version numbers: v2, v1.2.3, 3.11.4, Python 3.12.
            # (not after a slash: "0470/12.34.56" is a Belgian mobile as Belgians write it)
            r"\bv\d+(?:\.\d+)*\b|(?<![\d./])(?:0|[1-9]\d{0,2})\.\d{1,3}\.\d{1,4}(?![\d.])",
            r"\b(?:python|java|node|r|versie|version|release|ubuntu|windows|macos|ios|android|iphone)\s+\d+(?:\.\d+)*\b",
            # Course codes (BIO3012, 4011BSE1Y, LIACS-1234) and numbered things (opdracht 3, groep 12).
            r"(?-i:\b[A-Z]{2,6}[-_]?\d{3,6}[A-Z]?\b|\b\d{3,4}[A-Z]{3,}[A-Z0-9]*\b)",
            rf"\b{_ROOM_WORDS}\s+[A-Z]{{0,3}}[-.]?\d+(?:[.,-]\d+)*[A-Za-z]?\b",
            rf"\b{_ID_WORDS}\s*(?:[:#.]\s*|is\s+|=\s*)?(?:nr\.?\s*|nummer\s*|number\s*)?"
            r"(?-i:[A-Z]{0,4})\d[\d -]*\d\b",
            rf"\b{_NUMBERED}\s+(?:nr\.?\s*)?\d{{1,4}}[a-z]?\b",
            r"#\d[\d-]*\b",
            # A value in a sum or in code: "x = 0612345678 mod 7", "n=0612345678", "x1 <- 0612345678",
            # "v = [0612345678, 12]" (a variable of one letter, or with a digit or "_": "lisa = 06…" is a
            # name).
            r"(?<![\w.])(?:[a-z]|[a-z]\w*(?:_|\d)\w*)\s*(?:<-|:=|==|=)\s*(?:\d+\b|\[[^\]\n]{0,200}\])|"
            r"\b\d+\s*(?:mod|%)\s*\d+\b",
            # A value a computation or an exercise gives, in either order: "de output was 0612345678",
            # "antwoord vraag 4: 0612345678", "06-12345678 als uitkomst", "… zijn de waardes van x1 t/m x5".
            rf"\b{_VALUE_WORDS}\b(?:[^\n.!?;:]{{0,30}}?(?::|=|\b(?:is|was|are|were|zijn|waren)\b))?"
            r"\s*\d[\d -]*\d\b|"
            rf"\b\d[\d -]*\d\s+(?:als|as|is|was|zijn|are|were|waren)\s+(?:de\s+|het\s+|the\s+|a\s+|een\s+)?"
            rf"{_VALUE_WORDS}\b",
            # The arguments of a call in code: "c(0612345678, 12)" (R), "random.seed(0612345678)" (a
            # function of one letter or with "." or "_" in its name: "Lisa(06…)" is no call).
            r"(?-i:(?<![\w.])(?:[a-z]|[a-z_]\w*(?:[._]\w+)+)\([^()\n]{0,200}\))",
            # ISBNs and DOIs.
            r"\bISBN(?:-1[03])?:?\s*[\dX][\d -]{8,16}[\dX]\b",
            r"\b10\.\d{4,9}/\S+",
            # Scores and fractions: 7,5/10, 3/4, 2-1.
            r"(?<![\d.,/-])\d{1,3}(?:[.,]\d)?\s?/\s?\d{1,3}(?![\d/.-])",
        )
    ),
]
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?")
_BARE_ISBN = re.compile(r"(?<![\d-])97[89][- ]?\d{1,5}[- ]?\d{1,7}[- ]?\d{1,7}[- ]?\d(?![\d-])")

_PHONE_EXCLUDED = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
        PhoneNumberType.VOICEMAIL,
    }
)

# Where a clause ends: sentence ends, line ends, and the conjunctions that start a new statement.
_CLAUSE_END_SHAPE = (
    # Not the last dot of an abbreviation of single letters: "t.n.v. mij", "e.g. mine".
    r"(?<!\.\w)\.(?=\s|$)|[!?;](?=\s|$)|\n|\s[-–—]\s|"
    r"\s(?:en|{of}want|terwijl|and|but|or|while|whereas)\s(?=\S)|"
    # "maar" before a particle softens a request ("maak maar over naar …", "vraag maar aan Ruben"): no "but"
    r"\smaar\s(?!(?:even|ff|effe|gewoon|eens|weer|over|naar|aan|op|mee|door|in|uit|zo)\b)(?=\S)"
)
_CLAUSE_END = re.compile(_CLAUSE_END_SHAPE.format(of="of|"), re.IGNORECASE)
# In English "of" joins ("the postcode of Lily's place"); only Dutch "of" (or) ends a clause.
_CLAUSE_END_ENGLISH = re.compile(_CLAUSE_END_SHAPE.format(of=""), re.IGNORECASE)
_ENGLISH_WORDS = re.compile(r"\b(?:the|what|you|your|my|his|her|with|this|and|please|where|of|to)\b", re.I)
_DUTCH_WORDS = re.compile(r"\b(?:de|het|een|je|jij|mijn|wat|waar|en|met|dit|van|ik|niet|maar|naar)\b", re.I)
# First-person words in hedges say nothing about whose a detail is ("volgens mij was het 06…").
_HEDGE = re.compile(
    r"\b(?:volgens (?:mij|mn|m'n)|lijkt (?:mij|me)|(?:mij|me) lijkt|denk ik|wat mij betreft|"
    r"als je het mij vraagt|"
    r"if you ask me|seems to me|excuse me|trust me|believe me|let me (?:know|check|see|think))\b",
    re.IGNORECASE,
)
# Opening hours: a number given with them is a desk's ("op werkdagen tussen 9 en 12", "Mon-Fri 9-17").
_DESK_HOURS = re.compile(
    r"\b(?:werkdagen|weekdagen|weekdays|working days|business days|kantooruren|kantoortijden|office hours|"
    r"openingstijden|opening hours|"
    r"(?:open|delivers?|bezorgt|bezorgen) (?:van|from|daily|dagelijks|till|until|tot)|"
    r"tijdens kantoortijd|"
    r"(?:ma|maandag|mon|monday)\s*(?:-|–|t/m|tot|to|through)\s*(?:vr|vrijdag|fri|friday))\b",
    re.IGNORECASE,
)
# A number given for a service, not a person: "bel 071 527 2727 voor vragen over je inschrijving", "het
# algemene nummer", "noodnummer campus".
_SERVICE_NUMBER = re.compile(
    r"\b(?:(?:voor|bij|met)\s+(?:\w+\s+)?vragen|for\s+(?:any\s+|all\s+|more\s+)?questions|with\s+questions|"
    r"(?:nood|alarm|hoofd|informatie|info)(?:telefoon)?nummer|algeme(?:ne|en)\s+(?:telefoon)?nummer|"
    r"(?:general|main|emergency|information|info)\s+(?:phone\s+)?(?:number|line)|helpline|hulplijn)\b",
    re.IGNORECASE,
)
#: The most details one message is read for (the first ones, in reading order).
MAX_DETAILS = 30
_TOKEN = re.compile(r"[\wÀ-ÿ'’-]+")


@dataclass(frozen=True)
class PrivacyContext:
    """What a campaign pack tells about public details (plain data, so signals need no pack).

    Attributes:
        public_domains: the institution's e-mail domains (subdomains included): its mailboxes are public.
        personal_domains: subdomains of those that hold personal mailboxes (students' mail).
        role_words: words that name the institution's desks and offices, added to :data:`ROLE_WORDS`.
        student_number: the pack's student-number pattern, compiled, or None.
    """

    public_domains: tuple[str, ...] = ()
    personal_domains: tuple[str, ...] = ()
    role_words: frozenset[str] = field(default_factory=frozenset)
    student_number: re.Pattern[str] | None = None

    @cached_property
    def roles(self) -> frozenset[str]:
        """The general role words and the pack's."""
        return ROLE_WORDS | self.role_words


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    # The list bundled in the publicsuffixlist wheel; never fetched. Unknown suffixes (png, local) are none.
    # Without punycode forms of the IDN rules: parsing them takes ten times as long (0.6 s), and chat
    # writes internationalised domains as letters, not as xn--.
    return PublicSuffixList(accept_unknown=False, only_icann=True, accept_encoded_idn=False)


def _readable(text: str) -> tuple[str, list[int]]:
    """The text with invisible characters removed and full-width forms folded, and each character's
    index in the original (so that spans found in the result map back exactly)."""
    if text.isascii():
        return text, list(range(len(text)))
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        category = unicodedata.category(c)
        if category == "Cf":
            continue
        if category == "Zs":
            c = " "
        elif not c.isascii():
            folded = unicodedata.normalize("NFKC", c)
            if len(folded) == 1:
                c = folded
        chars.append(c)
        index.append(i)
    return "".join(chars), index


def _date_ok(text: str) -> bool:
    m = _NUMERIC_DATE.fullmatch(text)
    if m is None:
        return True
    a, b = int(m.group(1)), int(m.group(2))
    if "." in text and m.group(3) is None:
        return False  # 6.12 is a time or a decimal number, claimed by those patterns if at all
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def claimed_spans(text: str, patterns: Sequence[re.Pattern[str]] = _CLAIMS) -> list[Span]:
    """Spans of ``text`` that are something other than a personal detail (dates, sizes, files…).

    Args:
        text: the readable text (see :func:`_readable`).
        patterns: the claims to look for (all of them by default).

    Returns:
        ``[start, end)`` character spans, unsorted, possibly overlapping.
    """
    spans = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if pattern is _NUMERIC_DATE_CLAIM and not _date_ok(m.group(0)):
                continue
            spans.append(m.span())
    for m in _BARE_ISBN.finditer(text) if patterns is _CLAIMS else ():
        if stdnum_isbn.is_valid(m.group(0)):
            spans.append(m.span())
    return spans


class _Claims:
    """The claimed spans of a text, found the first time they are needed (most messages hold no
    candidate detail, and then nothing needs them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[Span] | None = None

    def __iter__(self) -> Iterator[Span]:
        if self.spans is None:
            self.spans = claimed_spans(self.text)
        return iter(self.spans)

    @cached_property
    def containers(self) -> list[Span]:
        """Only the URLs, commands, remotes, paths and files (:data:`_CONTAINER_CLAIMS`): what a detail
        with its own check (an IBAN) or a student number still gives way to."""
        return claimed_spans(self.text, _CONTAINER_CLAIMS)


def _words_before(text: str, at: int, count: int, since: int = 0) -> list[str]:
    """The last ``count`` words (lower case) before ``at``, not before ``since`` (a clause's start)."""
    return re.findall(r"[\w']+", text[max(since, at - 40) : at].lower())[-count:]


def _overlaps(span: Span, taken: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


@lru_cache(maxsize=64)
def _clause_ends(text: str) -> tuple[Span, ...]:
    """Where the clauses of a message end (:data:`_CLAUSE_END`, for English text without "of")."""
    english = len(_ENGLISH_WORDS.findall(text)) > len(_DUTCH_WORDS.findall(text))
    return tuple(m.span() for m in (_CLAUSE_END_ENGLISH if english else _CLAUSE_END).finditer(text))


def _clause(text: str, span: Span) -> Span:
    """The clause around a span: from the last clause end before it to the first one after it."""
    start, end = 0, len(text)
    for a, b in _clause_ends(text):
        if b <= span[0]:
            start = b
        elif a >= span[1]:
            end = a
            break
    return start, end


def _signed(text: str, at: int, details: Sequence[Span]) -> bool:
    """Whether the line holding ``at`` opens with a signature (:data:`_SIGNATURE`), or a sentence on it ends
    in a dash and a name (:data:`_DASH_SIGNATURE`: "see you thursday! — mark, +44 …"), and only the writer's
    details, separators and their labels stand between it and ``at``."""
    line = text.rfind("\n", 0, at) + 1
    signature = _SIGNATURE.match(text, line)
    if signature is None:
        signature = next((m for m in _DASH_SIGNATURE.finditer(text, line, at) if m.end() <= at), None)
    if signature is None or signature.end() > at:
        return False
    rest = list(text[signature.end() : at])
    for a, b in details:  # the writer's details between are blanked, so that only what joins them is left
        lo, hi = max(a, signature.end()), min(b, at)
        rest[lo - signature.end() : hi - signature.end()] = " " * max(0, hi - lo)
    return _BETWEEN_SIGNED.fullmatch("".join(rest)) is not None


def _clause_before(text: str, start: int) -> Span | None:
    """The clause before the one that starts at ``start`` (None for the first)."""
    for a, b in _clause_ends(text):
        if b == start:
            return _clause(text, (a, a))
        if b > start:
            break
    return None


# A compound that ends in a detail noun ("verenigingsrekening", "bureaunummer"), with the word before it.
_DETAIL_COMPOUND = re.compile(r"(?P<head>\w{3,}?)s?(?:rekening|nummer|telefoon|adres|mail(?:adres)?)")
_PLACE_BEFORE = _words("de het een the a an in uit te from at op via on onze our jullie")


def _cue(word: str, original: str, first: bool, roles: frozenset[str], previous: str) -> str | None:
    """What one word says about whose a detail is: own, other, role, staff (a person in a role) or nothing.

    A capitalised word mid-sentence is taken for a name unless an article or a place word stands before
    it ("de Discord", "in Leiden") or it is not written as a name ("WhatsApp")."""
    if word in _OWN_WORDS:
        return "own"
    if word.endswith(("'s", "’s")) and (word[:-2] in roles or word[:-2].endswith(_ROLE_ENDINGS)):
        return "role"  # the library's number
    if word.endswith(("'s", "’s")) and word[:-2] in _STAFF:
        return "staff"  # "prof's office number", "our supervisor's gmail"
    if word.startswith(_PRIVATE):
        return "private"  # "privénummer", "her private mobile": not a desk's, whoever's it is
    if word in _STAFF:
        return "staff"
    if word in roles or word.endswith(_ROLE_ENDINGS):
        return "role"
    compound = _DETAIL_COMPOUND.fullmatch(word)
    if compound and (compound["head"] in roles or compound["head"].endswith(_ROLE_ENDINGS)):
        return "role"  # "verenigingsrekening", "secretariaatsnummer": the desk's own detail
    if word in _OTHER_WORDS:
        return "other"
    if word.endswith(("'s", "’s")):
        base = word[:-2]
        if base in _OTHER_WORDS or (original[:1].isupper() and base not in _NOT_POSSESSORS):
            return "other"  # Lisa's, my friend's, the TA's, Dan's (not "That's", "Friday's")
    if (
        original[:1].isupper()
        and original[1:].islower()
        and original.isalpha()
        and not first
        and word not in _NOT_NAMES
        and previous not in _PLACE_BEFORE
    ):
        return "name"  # a name mid-sentence
    return None


_POSSESSIVES = _words("mijn m'n mn ons onze my our")
# Words whose 's is "is" or "us", never a possessive ("That's", "Let's", "Who's").
_CONTRACTED = _words("it that what there here who let he she where how when this everyone everything")
# Days, months (not April, May, June: names too) and times, whose 's is no person's ("Friday's dinner").
_TIME_NAMES = _words(
    """
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday
    saturday sunday januari februari maart juli augustus september oktober november december january
    february march july august october today tonight tomorrow yesterday morning evening night weekend
    week month year vandaag vanavond morgen gisteren
    """
)
_NOT_POSSESSORS = _CONTRACTED | _TIME_NAMES
_TIME_NAMES_PREFIXES = tuple(_TIME_NAMES)  # "zaterdagavond", "fridaynight"
# The writer's own detail noun before "van": "mijn adres van thuis", "my number of work".
_OWN_NOUN_BEFORE = re.compile(r"\b(?:mijn|m'n|mn|my|onze|our)\s+\w+\s+(?:van|of)\s+$", re.IGNORECASE)
_ARTICLES_AND_POSSESSIVES = _words("de het een the a an this that mijn my onze our jullie your hun their")
# What joins a lower-case possessive to a number after it: "amy's on 07…", "rose's is 07…".
_POSSESSIVE_JOIN = re.compile(r"\s*(?::|=|is|on|op)\s*", re.IGNORECASE)
# What joins a name to the detail after it: "naar mark: …", "adres van daan is …"; after a dwelling also a
# verb of place: "de kamer van sophie zit in …".
_NAME_JOIN = re.compile(r"\s*(?::|=|is(?:\s+(?:nu|now))?)\s*")
_DWELLING_JOIN = re.compile(
    r"\s*(?::|=|(?:is|zit|ligt|staat|was)(?:\s+(?:nu|now|in|op|aan|at|on))*)\s*", re.IGNORECASE
)
# Nouns of a place to live, whose owner may be joined to it by a verb of place.
_DWELLING_NOUNS = _words("kamer room huis house kot flat appartement apartment woning studio place")
# What joins a desk's detail to another way to reach it: "… of bel …", "… or call …".
_ALTERNATIVE = re.compile(r"[\s,]*(?:of|or)\b[^.!?\n]*", re.IGNORECASE)
# A mark in brackets right after a detail: whose it is ("06-1… (ik), 06-2… (Bram)", "bram@… (him)").
# What the writer's own detail may be said to be of: "06… is van mijn werk", "… is from my job".
_OWN_THINGS = _words("werk baan stage bijbaan studie werkgever work job internship office school uni")
# Or a word that says whose right after it: "06… is van Tim", "… belongs to Tim", "… is Tim's".
_OWNER_MARK = re.compile(
    r"[ ]?\((?P<who>[^()\d\s]{1,20})\)|"  # one word: "(ik)", not "(ook op Telegram)"
    # "06… <- ik", "06… = ik": pointed at, the word alone (not "<- ik heb lisa's nummer gevonden")
    r"[ ]*(?:<-+|<=|=|←|👈)[ ]*(?P<pointed>[^\W\d_]{1,20})(?=[ ]*(?:$|[\n.,;:!?)]))|"
    r"[ ,]+(?:is|was)\s+(?:van|from)\s+(?P<of>(?:(?:mijn|m'n|mn|my)\s+)?[\w'’]+)|"
    r"[ ,]+belongs\s+to\s+(?P<to>(?:my\s+)?[\w'’]+)|"
    r"[ ,]+(?:is|was)\s+(?P<poss>[\w’]+)['’]s\b"
)
# Capitals only: an organisation's acronym (DUO, GGD, DUWO), unless it names the detail itself.
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# Words before an organisation's acronym: a call to contact it, an article ("bel DUO", "de GGD").
_BEFORE_ORGANISATION = _words("bel bellen belt mail mailen app contact call ring email de het the bij via at")
_LABEL_GAP = re.compile(r"\s*[,:]?\s*")  # "DUWO, 071 …", "GGD: 071 …"
# Words after which a name is someone the writer speaks of, not the writer ("call Tom", "die van Tom").
_NAMING_SOMEONE_ELSE = _words(
    "bel bellen belt app mail vraag stuur call ring text ask message contact van of"
)
# Words of place before a desk that make it a landmark ("boven de kapper", "next to the library"); not
# "bij": "bij de receptie: 071 …" is the desk's number.
_LANDMARK = _words("boven onder naast tegenover achter above below next near opposite behind across beside")
# A contact verb after an organisation's acronym: "DUO bellen?", "GGD mailen".
_CONTACT_NEXT = re.compile(
    r"\s+(?:bellen|mailen|appen|contacteren|call|email|mail|ring|phone)\b", re.IGNORECASE
)
# Capitals that are no organisation: the detail's own name, chat abbreviations.
_NOT_ORGANISATIONS = _words(
    "iban bsn gsm sms tel id pin nr zip ov app dm pm am cv bbq asap fyi btw lol omg tbh idk nb ps "
    "ok oke hoi hey hi yo ja nee yes no top thx ty np pls plz wtf nu now urgent dringend"
)
# The writer naming themselves: "ik ben …", "ik heet …", "I'm …", "my name is …".
_SELF_INTRODUCTION = re.compile(
    r"(?:ik|'k)\s+(?:ben|heet)\b|i\s*'?m\b|i\s+am\b|(?:mijn|my)\s+na(?:am|me)\b", re.I
)
# Someone else's words passed on: a speech verb and a colon or a quote mark ("Bas zei: …", "Tom wrote
# 'my number is …'"), or a forwarded message. First-person words after it are the speaker's, not the
# writer's; "ik zei: …" and "I wrote: …" quote the writer.
_QUOTED = re.compile(
    r"\b(?P<speaker>[\w'’]+)\s+"
    # a perfect tense too: "tim heeft geappt:", "lisa had gezegd:", "tim has texted me:"
    r"(?:(?:heeft|had|hebben|has|have)\s+(?:\w+\s+){0,2}?)?"
    r"(?:zei|zegt|schreef|schrijft|appte|appt|stuurde|stuurt|mailde|postte|deelde|typte|antwoordde|"
    r"reageerde|vertelde|gezegd|geschreven|geappt|gestuurd|gemaild|gepost|gedeeld|getypt|geantwoord|"
    r"verteld|said|says|wrote|written|writes|texted|sent|sends|messaged|emailed|mailed|posted|posts|"
    r"shared|typed|replied|answered|told|dm'?d|gaf\s+aan)"
    # a few words may come between the verb and the mark: "stuurde me:", "posted in the other group:"
    r"(?:\s+[\w'’]+){0,4}?\s*(?:[:\"“”‘']|$)|"
    r"\b(?:volgens|according\s+to)\s+(?P<source>[\w'’]+)\s*[:\"“”‘']|"
    # a message passed on by a noun: "fw van lisa:", "doorgestuurd bericht van tim:", "quote from tim:"
    r"\b(?:fwd?|doorgestuurd(?:\s+bericht)?|forwarded(?:\s+message)?|screenshot|citaat|quote|bericht|"
    r"message)\s+(?:van|from|of)\s+(?P<sender>[\w'’]+)\s*[:\"“”‘']|"
    # a pasted chat line with its time: "[12:03] Lisa: …", "[02-12 09:15] tim: …"
    r"^[ \t]*\[[\d:/.,\s-]+\]\s*(?P<pasted>[^\W\d_][\w'’-]{0,20})\s*:|"
    r"^[ \t>]*(?:doorgestuurd(?:\s+bericht)?|forwarded(?:\s+message)?|fwd?)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_OWN_SUBJECTS = _words("ik i we wij")  # a speaker who is the writer: "ik zei: …" quotes no one else
# Where a quote ends: its closing mark or the end of its sentence or line.
_QUOTE_END = re.compile(r"[\"”’][ .!?]|[.!?](?=\s)|\n")
# A first-person subject a few words before a verb ("I just moved", "ik ben verhuisd").
_FIRST_PERSON_BEFORE = re.compile(
    r"\b(?:ik|'k|i|we|wij)\s+(?:(?:ben|zijn|heb|hebben|net|pas|al|ook|eindelijk|am|are|have|'ve|'m|just|"
    r"already|finally|recently|also)\s+){0,2}$",
    re.IGNORECASE,
)
# "… over naar sem, NL…": a payment to someone named, not to the writer.
_PAID_TO_SOMEONE = re.compile(
    r"\s+(?:naar|to)\s+(?!(?:mij|me|mijn|my|m'n|mn|ons|us)\b)[a-z]\w*\W*$", re.IGNORECASE
)
# A bare call to get in touch right before a detail ("app 06…", "call 07…", "mail naar …"), and the writer's
# own word before it in the message: the writer asks to be contacted.
_CONTACT_BEFORE = re.compile(
    r"\b(?:app|bel|sms|mail|call|text|ring|dm|whatsapp)(?:\s+(?:naar|op|to|on|at))?\W*$", re.I
)
_OWN_BEFORE = re.compile(r"\b(?:mijn|m'n|mn|my|ik|i|i'm|me|mij)\b", re.IGNORECASE)
# A person's possessive right after the writer's: "our supervisor's gmail", "mijn zusjes nummer".
_POSSESSIVE_NEXT = re.compile(r"\s+(?P<who>\w+?)(?:['’]s|s)\b", re.IGNORECASE)
# The writer as the object of a verb, and a number that messages come from: "… appt me vanaf 06…".
_OBJECTS = _words("me mij us ons")
_SENT_FROM = re.compile(r"\b(?:vanaf|from)\W*$", re.IGNORECASE)
# "Jake here: …", "Sanne hier!": a name that introduces the writer.
_GREETINGS = _words("hoi hey hi hallo hee hello yo all allemaal everyone guys iedereen")
_HERE = re.compile(r"\s+(?:here|hier)\s*[:,!.\-–—]")
# Third-person plurals, which may point back at a desk named before them.
_PLURAL_PRONOUNS = _words("hun hen their they them")  # not ze/zij: mostly "she"
# What a possessive may stand before when it owns the detail: "mijn (nieuwe) nummer", "my email".
_DETAIL_NOUNS = (
    r"(?:\w*nummer\w*|number|\w*nr|id|telefoon\w*|phone|mobiel\w*|mobile|cell|gsm|06|"
    r"e-mail\w*|\w*mail\w*|\w*adres\w*|address\w*|iban|rekening\w*|account|bank\w*|bsn|postcode|zip|"
    r"gegevens|details|contact\w*|whatsapp|signal|huis|house|home|kamer|room|flat|apartment|appartement|"
    r"woning|place|kot|studio)\b"
)
_DETAIL_NOUN = re.compile(r"(?:\W+\w+){0,2}?\W+" + _DETAIL_NOUNS, re.IGNORECASE)
# A detail noun right after a word: "uni email", "work phone", "school mail".
_DETAIL_NOUN_NEXT = re.compile(r"\W+" + _DETAIL_NOUNS, re.IGNORECASE)


def _owns_detail(text: str, at: int, detail: int) -> bool:
    """Whether a possessive ending at ``at`` owns the detail starting at ``detail``: a detail noun
    follows within three words, or the detail itself does (after the detail: a detail noun follows)."""
    if at > detail:  # after the detail: "… is mijn nummer", not "… is het nummer van onze groepsgenoot"
        return _DETAIL_NOUN.match(text, at) is not None
    if not text[at:detail].strip(" :,-"):
        return True
    return _DETAIL_NOUN.match(text, at, detail) is not None


def _persons_next(text: str, at: int) -> bool:
    """Whether a person's possessive follows at ``at`` ("our supervisor's", "mijn zusjes"): it is theirs."""
    m = _POSSESSIVE_NEXT.match(text, at)
    return m is not None and (m["who"].lower() in _OTHER_WORDS or m["who"].lower() in _STAFF)


def _lower_case_name(
    text: str, token: re.Match[str], previous: str, before_previous: str, detail: Span
) -> bool:
    """Whether a word in lower case is a person's name by its place: a possessive before a detail noun or
    joined to the detail ("mia's postcode", "rosie's new address", "amy's on 07…"; not "that's",
    "tonight's address", "the group's address", "my number's"), or right before a colon and the detail
    after "naar / to" or a detail noun and "van" ("stuur het naar mark: Rapenburg 45", "adres van bram:
    …", "de kamer van sophie zit in …"; not "adres voor vanavond: …", "mijn adres van thuis: …")."""
    word = token.group(0)
    if not word.islower():
        return False
    if word.endswith(("'s", "’s")):
        base = word[:-2]
        return (
            base not in _NOT_POSSESSORS
            and previous not in _ARTICLES_AND_POSSESSIVES
            and not _DETAIL_NOUN.fullmatch(" " + base)
            and (
                _DETAIL_NOUN.match(text, token.end()) is not None
                or (
                    _POSSESSIVE_JOIN.fullmatch(text, token.end(), detail[0]) is not None
                    and text[detail[0] : detail[0] + 1] in "+0123456789"  # not "domino's on Breestraat 45"
                )
            )
        )
    to_someone = previous in ("naar", "to") or (
        previous == "van"
        and _DETAIL_NOUN.fullmatch(" " + before_previous) is not None
        and _OWN_NOUN_BEFORE.search(text, 0, token.start()) is None  # "mijn adres van thuis: …"
    )
    join = _DWELLING_JOIN if previous == "van" and before_previous in _DWELLING_NOUNS else _NAME_JOIN
    return (
        to_someone
        and word.isalpha()
        and word not in _NOT_NAMES
        and not word.startswith(_TIME_NAMES_PREFIXES)
        and join.fullmatch(text, token.end(), detail[0]) is not None
    )


def _marked_owner(mark: re.Match[str], roles: frozenset[str], place: bool) -> str | None:
    """Whose a mark after a detail says it is: "(ik)", "is van mij" the writer's; "(DUO)", "is van
    secretariaat" a desk's; "(Bram)", "is van Tim", "is van mijn broer", "(him)", "(privé)" someone else's;
    anything else ("(Signal)" after "mijn nummer", "is van KPN", a place "is van Augustinus") says nothing."""
    who = mark.group(mark.lastgroup or 0)
    *possessive, who = who.split()
    word = who.lower()
    said = mark.lastgroup not in ("who", "pointed")  # "is van …", "belongs to …", not "(ik)", "<- ik"
    if possessive:  # "is van mijn broer", "is from my landlord"; "is van mijn werk" is the writer's
        return "own" if word in _OWN_THINGS else "other"
    if word in ("ik", "i", "zelf") or word in _OWN_WORDS:
        return "own"
    if said and place and who[:1].isupper() and not _ACRONYM.fullmatch(who):
        return None  # "het pand op Rapenburg 70 is van Augustinus": an owner of a building, no one's home
    if word in roles or word.endswith(_ROLE_ENDINGS) or _ACRONYM.fullmatch(who):
        return "role"
    if word in _OTHER_WORDS or word.startswith(_PRIVATE) or (who[:1].isupper() and word not in _NOT_NAMES):
        return "other"
    return None


class _Message(NamedTuple):
    """One message's readable text and what every question of whose a detail is shares."""

    text: str
    roles: frozenset[str]  # words that name a desk, an office or a role
    details: tuple[Span, ...]  # every candidate detail
    marks: tuple[Span, ...]  # the marks of whose right after details ("(Bram)", "is van Tim")
    places: tuple[Span, ...]  # the details that are street addresses or postcodes


def _owner(message: _Message, span: Span, place: bool = False, names: bool = True) -> str | None:
    """Whose a detail is, read from its clause: ``own``, ``other``, ``role``, ``staff`` (a person in a
    role: public at work, private at home) or None (the clause does not tell). The cue nearest before
    the detail decides; without one, a mark right after it ("06… (Bram)", "06… is van Tim"), then the
    nearest cue after it (names excepted: after a detail a capital is as often its place); a clause that
    says nothing at all takes the clause before it ("Sophie is verhuisd. Nieuw adres: …").

    Args:
        message: the message.
        span: the detail's span in its text.
        place: whether the detail is a street address or a postcode.
        names: whether a capitalised word counts as a person's name ("Gibbet Street, HX1 4DJ": not
            before a postcode that no word names).
    """
    text = message.text
    start, end = _clause(text, span)
    mark = _OWNER_MARK.match(text, span[1])
    marked = _marked_owner(mark, message.roles, place) if mark is not None else None
    named, after = _cues(message, (start, end), span, names)
    before = ["other" if cue == "name" else cue for cue in named]
    # Only an account is paid into: the payment words are looked for beside an IBAN alone.
    paid = _PAY.search(text, start, span[0]) if _IBAN.fullmatch(text, *span) else None
    if (
        paid is not None
        and "other" not in before[-2:]
        and not _PAID_TO_SOMEONE.match(text, paid.end(), span[0])  # "… over naar sem, NL…"
    ):
        return "own"  # "maak het over naar NL…", "just send it to NL…": the account asked to be paid into
    last_ik = re.search(r"\b(?:ik|i)\W{0,3}$", text[start : span[0]], re.IGNORECASE)
    if last_ik is not None and not _overlaps((start + last_ik.start(), start + last_ik.end()), message.marks):
        return "own"  # "…en ik s1234567", "ik: 06…"
    whose = before[-1] if before else marked or (after[0] if after else None)
    if whose == "private" and before[-2:-1] == ["own"]:
        whose = "own"  # "mijn privé mail", "my personal email": private, and the writer's own to share
    earlier = _clause_before(text, start)
    if earlier is not None:
        # Only what the clause before says after its own last detail: "…, Vrouwenkerkhof 2, dm me or call
        # 06…" (not "my number's 06-1… and alex's one is 06-5…").
        earlier = (
            max([earlier[0], *(b for a, b in message.details if earlier[0] <= a < earlier[1])]),
            earlier[1],
        )
    if whose is None and earlier is not None:
        # A clause that says nothing takes the clause before it when its cues agree on reporting:
        # "Groetjes, Anna (mentor groep 4) — 06…" (not "… naar mijn huisgenoot ipv mij? NL…"). A place
        # needs a home or an address there: "Sophie is verhuisd. Nieuw adres: …" (not "Dank je Daan! Het
        # feest is op Breestraat 12", "Mijn broer komt ook. Adres: …").
        cues, _ = _cues(message, earlier, (start, start), names)
        quiet = [c in ("own", "role", "staff") for c in cues]
        agree = bool(cues) and (all(quiet) or not any(quiet))
        said = _RESIDENCE.search(text, *earlier) or _POSTCODE_CUE.search(text, *earlier)
        if agree and (said or not place):
            whose = "other" if cues[-1] == "name" else cues[-1]
    if (
        whose is None
        and _CONTACT_BEFORE.search(text, start, span[0])
        and _OWN_BEFORE.search(text, 0, span[0])
        and not any(
            c in ("other", "name", "private") for c in _cues(message, (0, start), (start, start), names)[0]
        )
    ):
        return "own"  # "verkoop mijn oude macbook, app 06…": the seller's number, to be contacted on
    if whose is None and _signed(text, span[0], message.details):
        return "own"  # "Groetjes, Mark de Groot - m.degroot@… - 06 …": all of a signature is the writer's
    if whose is None and (_DESK_HOURS.search(text) or _SERVICE_NUMBER.search(text)):
        return "role"  # a number with opening hours, or given for questions or emergencies, is a desk's
    if whose is None and any(
        _NEW_DETAIL.match(text, at) for at in (start, earlier and earlier[0]) if at is not None
    ):
        return "own"  # "Nieuw nummer! 06…"
    if whose == "private" or (whose in ("role", "staff") and "private" in before + after):
        return "other"  # "het privénummer van de docent"
    if whose == "own":
        # "Bas zei: mijn nummer is …": Bas's own, not the writer's; "de docent zei: … mijn mail" the docent's
        return _passed_on(text, span[0]) or "own"
    return whose


def _cues(message: _Message, clause: Span, span: Span, names: bool) -> tuple[list[str], list[str]]:
    """What the words of a clause say about whose the detail at ``span`` is (see :func:`_cue`), in order:
    the cues before the detail (``name`` kept apart from ``other``: a name alone says less) and those after
    it, up to the next detail (no names: after a detail a capital is as often its place, "…, 2311 BZ
    Leiden")."""
    text, roles = message.text, message.roles
    start, end = clause
    before: list[str] = []
    after: list[str] = []
    previous = ""
    place_name = False
    # In a clause written in capitals, capitals are no acronyms ("DUO: 050 …" is no shouting).
    shouting = (
        not any(c.islower() for c in text[start:end])
        and len(re.findall(r"[^\W\d_]{2,}", text[start:end])) > 2
    )
    self_named = False  # the writer has said the detail is theirs, or named themselves
    before_previous = ""
    closing = False  # the previous word opens a signature ("Groetjes, …")
    desk_before = False  # the previous word names a desk or is part of its name ("Pizzeria Napoli")
    hedges = [m.span() for m in _HEDGE.finditer(text, start, end)]
    for m in _TOKEN.finditer(text, start, end):
        if span[0] <= m.start() < span[1]:
            continue
        if _overlaps(m.span(), message.details):
            if m.start() >= span[1]:
                break  # "Sophie s1…, Daniel s2…, me s3…": the words after the next detail are about that one
            # A number ends a run of capitals ("Sophie s1…, Daniel s2…"); a street goes on into its town
            # ("Rapenburg 70 Leiden").
            place_name = _overlaps(m.span(), message.places)
            continue
        if _overlaps(m.span(), message.marks) or _overlaps(m.span(), hedges):
            continue
        original = m.group(0).strip("'’-")
        word = original.lower()
        first = not text[start : m.start()].strip(" \t\"'“‘(:")
        cue = _cue(word, original, first, roles, previous)
        if (
            cue is None
            and m.group(0)[-1:] in "'’"
            and word[-1:] in ("s", "x", "z")
            and original[:1].isupper()
            and word not in _NOT_POSSESSORS
        ):
            cue = "other"  # "Lars' adres", "Chris' address": a name ending in s takes a bare apostrophe
        if (
            cue in (None, "name")
            and len(word) > 3
            and word.endswith("s")
            and m.end() <= span[0]
            and original.isalpha()
            and word not in _NOT_NAMES | _OWN_WORDS | _OTHER_WORDS | _POSSESSIVES
            and _DETAIL_NOUN_NEXT.match(text, m.end()) is not None
            and (original[:1].isupper() or frequency(word) < COMMON)
        ):
            cue = "other"  # "Tims adres", "brams adres": a Dutch genitive, written without an apostrophe
        if cue == "name" and previous in _STAFF:
            # "het kantoor van prof Bakker", "docent Jansen": a name after a staff title is staff's (not
            # "de zoon van prof Bakker": his son's number is private)
            whose_title = _words_before(text, m.start(), 3, since=start)  # "zoon van prof"
            if not (
                len(whose_title) == 3 and whose_title[1] in ("van", "of") and whose_title[0] in _OTHER_WORDS
            ):
                cue = "staff"
        if cue is None and _OTHER_VERBS.fullmatch(word):
            # "Lisa moved", not "I just moved", "ik ben verhuisd": the verb is the writer's after "ik", "we"
            cue = "own" if _FIRST_PERSON_BEFORE.search(text, start, m.start()) else "other"
        if cue is None and _OWN_PHRASE.match(text, m.start()):
            cue = "own"
        # What the words around a cue make of it.
        if (
            cue == "own"
            and word in _POSSESSIVES
            and (not _owns_detail(text, m.end(), span[0]) or _persons_next(text, m.end()))
        ):
            # "het nummer van iemand uit mijn klas", "our supervisor's gmail": "mijn" is the class's, "our"
            # the supervisor's, not the detail's
            cue = None
        elif (
            word in _OBJECTS
            and any(c in ("other", "name") for c in before)
            and m.end() <= span[0]
            and _SENT_FROM.search(text, m.end(), span[0])
        ):
            cue = None  # "mn ex blijft me appen vanaf 06…": the writer gets the messages, the number is his
        elif (
            word == "zijn"
            and m.end() <= span[0]
            and (
                not text[m.end() : span[0]].strip(" :,-")
                or text[m.end() :].lstrip().startswith(":")
                or _DETAIL_NOUN.fullmatch(" " + previous)
            )
        ):
            cue = None  # "mijn gegevens zijn: …", "de nummers zijn …": the verb, not "his"
        elif word in _PLURAL_PRONOUNS and before and before[-1] == "role":
            cue = "role"  # "bel de servicedesk, hun nummer is …": they are the desk
        elif (
            cue is None
            and _ACRONYM.fullmatch(original)
            and not shouting
            and (
                previous in _BEFORE_ORGANISATION
                or first  # "DUO can be reached on …"
                or _LABEL_GAP.fullmatch(text, m.end(), span[0])
                or _CONTACT_NEXT.match(text, m.end())
            )
            and word not in _NOT_ORGANISATIONS
        ):
            cue = "role"  # "bel DUO", "de GGD": an organisation's acronym (not "bel hem ASAP")
        elif cue == "role" and (previous in _LANDMARK or before_previous in _LANDMARK):
            cue = None  # "May woont boven de kapper op …": a landmark, not whose
        elif (
            cue == "role"
            and any(c in ("other", "name") for c in before)
            and (_DETAIL_NOUN_NEXT.match(text, m.end()) or _DETAIL_COMPOUND.fullmatch(word))
        ):
            cue = None  # "Tom's uni email", "Lisa haar schoolmail": what kind of mailbox; Tom says whose
        elif closing and cue in (None, "name") and word.isalpha():
            cue = "own"  # "Groetjes, Sanne (06…)", "cheers, emma | 07…": the writer's signature
            self_named = True  # a surname after it is the writer's too ("Best regards, Emily Clarke")
        elif cue is None and _lower_case_name(text, m, previous, before_previous, span):
            cue = "other"  # "mia's postcode", "stuur het naar mark: Rapenburg 45": a name in lower case
        elif (
            original[:1].isupper()
            and original.isalpha()
            and word not in _NOT_NAMES
            and (first or previous in _GREETINGS)
            and _HERE.match(text, m.end())
        ):
            cue = "own"  # "Hi all, Jake here: 07…", "Sanne hier!": the writer naming themselves
        elif cue == "name" and self_named:
            cue = None  # "mijn nummer voor Signal", "ik ben nieuw hier, Sanne de Vries": the writer's
        if cue == "own" and (word in _POSSESSIVES or _SELF_INTRODUCTION.match(text, m.start())):
            self_named = True
        elif word in _NAMING_SOMEONE_ELSE:
            self_named = False  # "my phone is dead, call Tom on …": Tom is no name of the writer's
        opens = re.fullmatch(r"[\s\"'“‘(:]*" + _CLOSING_OPENERS, text[start : m.start()], re.IGNORECASE)
        closing = (
            word in _CLOSINGS and opens is not None and text.startswith(",", m.end())
        )  # "Groetjes, Sanne"
        capital = original[:1].isupper()
        if capital and cue == "name" and (place_name or not names or desk_before):
            # "café De Bonte Koe", "Pizzeria Napoli", "studievereniging Sigma": the words of a name after an
            # article or a desk are the place's or the organisation's
            cue = None
        place_name = capital and (place_name or previous in _PLACE_BEFORE or first or desk_before)
        # The name must follow the desk word at once: not "bel de servicedesk, Tom weet ervan: 06…".
        desk_before = (cue == "role" or (capital and desk_before)) and text.startswith(" ", m.end())
        before_previous, previous = previous, word
        if cue is not None:
            if m.end() <= span[0]:
                before.append(cue)
            elif cue != "name":  # after a detail a capital is as often its place: "…, 2311 BZ Leiden"
                after.append(cue)
    return before, after


def _passed_on(text: str, at: int) -> str | None:
    """Whose words ``at`` stands in when they are someone else's, passed on (:data:`_QUOTED`), so that a
    first-person word before it is theirs: ``other`` in a forwarded message to its end or a person's quote
    ("Bas zei:", "my sister wrote '…'"; not "zoals ik al zei:", "for those who asked:") to its closing
    mark or sentence end, ``staff`` in a quote of staff ("de docent zei: …"); else None."""
    line = text.rfind("\n", 0, at) + 1
    if text.startswith(">", line):
        return "other"  # "> mijn nummer is 06…": a quoted earlier message
    for m in _QUOTED.finditer(text, 0, at):
        speaker = m["speaker"] or m["source"] or m["sender"] or m["pasted"]
        if speaker is None:
            return "other"
        name = speaker.lower()
        if _OWN_SUBJECTS & set(_words_before(text, m.start(), 2)):
            continue  # "zoals ik al zei:", "I already said:": the writer's own words
        # A name in lower case too ("lisa appte: …"): a word that stands as the subject of a verb of
        # saying or sending, and is no function word, no chat word and not the writer.
        person = (
            name in _OTHER_WORDS
            or name in _STAFF
            or (speaker.isalpha() and name not in _NOT_NAMES | _OWN_SUBJECTS)
        )
        if person and _QUOTE_END.search(text, m.end(), at) is None:
            return "staff" if name in _STAFF else "other"
    return None


_AT = r"(?:\s*[(\[{<]\s*(?:at|apenstaartje)\s*[)\]}>]\s*|\s+(?:at|apenstaartje)\s+)"
_DOT = r"(?:\s*[(\[{<]\s*(?:dot|punt)\s*[)\]}>]\s*|\s+(?:dot|punt)\s+|\.)"
# "anna (at) gmail (dot) com", "jan at gmail dot com": written around spam filters, still an address.
_HIDDEN_EMAIL = re.compile(
    rf"(?<![\w.+-])(?P<local>[A-Za-z0-9][\w.+-]*){_AT}(?P<domain>[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)+)\b",
    re.IGNORECASE,
)


_HIDDEN_AT = re.compile(r"[(\[{<]\s*at\s*[)\]}>]|\sat\s.*\s(?:dot|punt)\s|apenstaartje", re.IGNORECASE)


def _email(text: str, context: PrivacyContext) -> Iterator[tuple[str, Span, str | None]]:
    psl = _psl()
    for m in _HIDDEN_EMAIL.finditer(text):
        domain = re.sub(_DOT, ".", m.group("domain"), flags=re.IGNORECASE).lower()
        written = m.group(0)[m.end("local") - m.start() :]
        if not re.search(r"[(\[{<]|apenstaartje", written) and not (
            re.search(r"\b(?:dot|punt)\b", written, re.IGNORECASE)
            and re.search(r"mail|adres", text, re.IGNORECASE)
        ):
            continue  # "meet at home.nl": a plain "at" counts only with a written-out dot, about mail
        if psl.publicsuffix(domain) is not None and psl.privatesuffix(domain) is not None:
            yield (
                "email",
                m.span(),
                "role" if _role_mailbox(m.group("local").lower(), domain, context) else None,
            )
    for m in _EMAIL.finditer(text):
        domain = m.group("domain").lower()
        local = m.group("local").lower()
        labels = domain.split(".")
        if psl.publicsuffix(domain) is None or psl.privatesuffix(domain) is None:
            continue  # logo@2x.png: no real public suffix
        if len(labels) == 2 and labels[-1] in _FILE_EXTENSIONS and re.fullmatch(r"\d+x|\w{1,2}", labels[0]):
            continue  # icon@2x.zip: a file name with a scale, not an address
        role = _role_mailbox(local, domain, context)
        yield "email", m.span(), "role" if role else None


#: Subdomain labels that name students' mailboxes (student.leidenuniv.nl), whether a pack lists them or not.
_STUDENT_LABELS = frozenset({"student", "students", "studenten", "stud"})


def _role_mailbox(local: str, domain: str, context: PrivacyContext) -> bool:
    """A mailbox of a desk, an office or a group: role or mailbox words as its name (a number on them
    names which one), or any mailbox of the institution's own domains outside its personal (students')
    subdomains; never one named by a student number."""
    if context.student_number is not None and context.student_number.search(local):
        return False
    # "groep7@", "team-3@": a number on a role word names which one, not whose.
    parts = [p.rstrip("0123456789") for p in re.split(r"[._+-]", local) if p and not p.isdigit()]
    roles = context.roles | MAILBOX_WORDS
    # "studiezaken@", "servicedesk@": a name that ends as a desk's does, as in a sentence (_ROLE_ENDINGS).
    if parts and all(p in roles or p.endswith(_ROLE_ENDINGS) or _compound_of_roles(p, roles) for p in parts):
        return True
    in_domain = any(domain == d or domain.endswith("." + d) for d in context.public_domains)
    # Students' own mailboxes: the pack's personal subdomains, and any subdomain named for students.
    personal = any(domain == d or domain.endswith("." + d) for d in context.personal_domains) or any(
        label in _STUDENT_LABELS for label in domain.split(".")[:-2]
    )
    return in_domain and not personal


def _compound_of_roles(word: str, roles: frozenset[str]) -> bool:
    """``internationaloffice``, ``studentdesk``: a word made of role words (and ``student``)."""
    if len(word) < 4:
        return word in roles
    known = roles | {"student", "students", "studenten", "international", "general", "algemeen"}
    reach = [True] + [False] * len(word)
    for i in range(len(word)):
        if reach[i]:
            for j in range(i + 2, len(word) + 1):
                if word[i:j] in known:
                    reach[j] = True
    return reach[-1]


# Mailboxes anyone can open for themselves: a member of staff's address there is their own, not work's.
_WEBMAIL = re.compile(
    r"@(?:gmail|googlemail|hotmail|outlook|live|icloud|me|yahoo|protonmail|proton|gmx|ziggo|kpnmail|"
    r"planet|home|xs4all|telenet|skynet)\.",
    re.IGNORECASE,
)
_ANY_DIGIT = re.compile(r"\d")
# A message that speaks of a phone: then national forms of other countries are read too.
_PHONE_WORD = re.compile(
    r"\b(?:bel\w*|app\w*|sms\w*|tel|telefoon\w*|nummer|mobiel\w*|gsm|handy|mobile|cell\w*|phone\w*|"
    r"number|call\w*|text\w*|ring|whatsapp|signal|landline)\b",
    re.IGNORECASE,
)
_OTHER_REGIONS = ("BE", "DE", "GB", "US", "FR")
_BRITISH_MOBILE = re.compile(r"(?<![\d+])(?:\+44\s?|0044\s?|0)7\d")
_DIGIT_RUN = re.compile(r"\d(?:[ ().\-/]{0,3}\d){6,}")


def _phones(text: str) -> Iterator[Span]:
    """Phone numbers: valid in national form (Dutch by default; the national forms of the neighbouring
    and English-speaking countries students come from when the message speaks of a phone), possible
    in international form."""
    if not _DIGIT_RUN.search(text):
        return  # fewer than seven digits in a row (spaces, dots, dashes and brackets between): no number
    found: list[tuple[int, Span]] = []  # (run, span)
    runs = [("NL", phonenumbers.Leniency.VALID)]
    if "+" in text or "00" in text:
        runs.append(("NL", phonenumbers.Leniency.POSSIBLE))
    phone_word = _PHONE_WORD.search(text) is not None
    if phone_word:
        # As that country groups its digits: "2025-004512" is no American number. Belgians group theirs in
        # more ways than libphonenumber lists ("0498/123456", "0470/12.34.56"), so a valid Belgian number
        # (a 0 and 8 or 9 digits) counts however it is grouped.
        runs += [
            (region, phonenumbers.Leniency.VALID if region == "BE" else phonenumbers.Leniency.EXACT_GROUPING)
            for region in _OTHER_REGIONS
        ]
    if _BRITISH_MOBILE.search(text):
        # British mobiles are read with or without a phone word: their form (07… and nine digits) is no
        # one else's, and students from the UK write them bare ("Chloe's is 07911 123456"); possible ones
        # too, as ranges kept for fiction and new ones are not valid ("07700 900321").
        runs.append(("GB", phonenumbers.Leniency.POSSIBLE))
    for run, (region, leniency) in enumerate(runs):
        covered = [span for _, span in found]
        if region != "NL" and all(
            any(a <= m.start() and m.end() <= b for a, b in covered) for m in _DIGIT_RUN.finditer(text)
        ):
            break  # every run of digits is a Dutch or an international number already
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency):
            span = (match.start, match.end)
            raw = match.raw_string.lstrip("(")
            if raw != match.raw_string and ")" not in raw:  # "(06 12345678)": the bracket opens an aside
                span = (match.start + 1, match.end)
            international = raw.startswith(("+", "00"))
            british_mobile = (
                region == "GB"
                and _BRITISH_MOBILE.match(raw) is not None
                and len(str(match.number.national_number)) == 10
            )
            if leniency is phonenumbers.Leniency.POSSIBLE and not (international or british_mobile):
                continue
            kind = phonenumbers.number_type(match.number)
            if kind in _PHONE_EXCLUDED or (region == "GB" and not phone_word and not british_mobile):
                continue
            if international and (
                phonenumbers.region_code_for_country_code(match.number.country_code or 0) == "ZZ"
                or not phonenumbers.is_possible_number(match.number)
                or len(str(match.number.national_number)) < 7
            ):
                continue
            found.append((run, span))
    # Where readings overlap, the longest wins, then the earliest run: a fragment valid in one country
    # ("1649") never hides the whole number of another ("0117 394 1649").
    seen: list[Span] = []
    for _, span in sorted(found, key=lambda f: (f[1][0] - f[1][1], f[0])):
        if not _overlaps(span, seen):
            seen.append(span)
    yield from sorted(seen)


def _numbers(text: str) -> Iterator[tuple[str, Span]]:
    for m in _IBAN.finditer(text):
        # The check digits, not python-stdnum's list of each country's banks (BE68 5390 0754 7034 is valid).
        if stdnum_iban.is_valid(m.group(0), check_country=False):
            yield "iban", m.span()
    if _BSN_CONTEXT.search(text):
        for m in _BSN.finditer(text):
            number = re.sub(r"\D", "", m.group(0)).zfill(9)
            if len(number) == 9 and stdnum_bsn.is_valid(number):
                yield "bsn", m.span()
    for span in _phones(text):
        yield "phone", span


def _street_like(street: str) -> bool:
    """Whether a street name ends like one: a compound on a street word (``Breestraat``), or a street word
    after an adjective of streets (``Oude Vest``, ``Nieuwe Dam``)."""
    *head, last = street.lower().split()
    if head and head[-1] in _STREET_ADJECTIVES and last in _STREET_SUFFIXES:
        return True
    return bool(_STREET_SUFFIX.search(last)) and len(last) > 4 and last not in {"week", "park", "markt"}


class _Place(NamedTuple):
    """A street address or a postcode found by :func:`_addresses`."""

    subtype: str  # address or postcode
    span: Span
    home: bool  # a word in its clause makes it a home (woont, thuis, lives, house…)
    needs_person: bool  # a postcode alone is someone's only with a person ("de postcode van het Gorlaeus")
    street: Span | None  # the street address a postcode belongs to: it is reported with it or not at all
    unnamed: bool = False  # no word says it is a postcode: a capital before it is as often its place


def _addresses(text: str, claims: Iterable[Span]) -> list[_Place]:
    """Street addresses and postcodes (an address word alone only helps recognise the street)."""
    found: list[_Place] = []
    streets: list[Span] = []

    def street(span: Span, number: Span, named: bool = False) -> None:
        digits = text[number[0] : number[1]]
        postcode_next = _POSTCODE_NEXT.match(text, span[1]) is not None
        if _YEAR.fullmatch(digits) and not postcode_next:
            return  # "Spring 2025", "Goldberg 2012": a year, not a house number, unless a postcode follows
        # "Breestraat 12-3", "12-14 Mill Road" read as dates; beside a street's name they are house numbers.
        claimed = not (named and _NUMERIC_DATE_CLAIM.fullmatch(digits)) and _overlaps(number, claims)
        if claimed or _overlaps(span, streets):
            return
        clause = _clause(text, span)
        streets.append(span)
        found.append(_Place("address", span, _HOME.search(text, clause[0], span[0]) is not None, False, None))

    for m in _DUTCH_ADDRESS.finditer(text):
        words = m.group("street").split()
        # Leading capitalised words that are no part of a street name ("Bel", "Lisa woont op").
        while words and words[0].lower() in _NOT_STREET_START and words[0] not in ("Van", "Von"):
            words = words[1:]
        # "Lisa op de Kerkstraat 12", "Jumbo aan de Breestraat 12": a name and a preposition before a street
        # (not "Laan op Zuid 5": a street whose own name holds one).
        for at in range(len(words) - 1, 0, -1):
            if words[at - 1] in _STREET_PREPOSITIONS and _street_like(" ".join(words[at:])):
                words = words[at:]
                break
        while words and words[0] in _STREET_ARTICLES:
            words = words[1:]
        if not words:
            continue
        begin = m.end("street") - len(" ".join(words))
        clause = _clause(text, (begin, m.end()))
        residence = _RESIDENCE.search(text, clause[0], begin) is not None
        if _street_like(" ".join(words)) or residence:
            # "woont op de Breestraat 12-3", not "naar de Kerstmarkt 12-12"
            street((begin, m.end()), m.span("number"), named=_street_like(" ".join(words)) and residence)
    for m in _ENGLISH_ADDRESS.finditer(text):
        street(m.span(), m.span("number"), named=True)
    for m in _LOWER_ADDRESS.finditer(text):  # chat in lower case: "lisa woont op de breestraat 12"
        introduced = _BEFORE_LOWER_STREET.search(text, max(0, m.start() - 12), m.start()) is not None
        if (
            introduced
            and _street_like(m.group("street"))
            and _RESIDENCE.search(text, _clause(text, m.span())[0], m.start())
        ):
            street(m.span(), m.span("number"))
    for pattern in (_ENGLISH_NAMED_ADDRESS, _LOWER_ENGLISH_ADDRESS):
        for m in pattern.finditer(text):
            times = _TIME_NAMES.intersection(m.group("street").lower().split())
            if not times and _RESIDENCE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                street(m.span(), m.span("number"))  # not "Ben's house at 8 Friday"
    for m in _POSTCODE.finditer(text):
        span = m.span()
        streets_before = [f for f in found if f.subtype == "address" and f.span[1] <= span[0]]
        nearest = max(streets_before, key=lambda f: f.span[1], default=None)
        beside = [nearest] if nearest and _BEFORE_POSTCODE.fullmatch(text, nearest.span[1], span[0]) else []
        clause = _clause(text, span)
        said = (_clause_before(text, clause[0]) or clause)[0]  # "postcode van jesse? ik dacht 2332 KG"
        cue = _POSTCODE_CUE.search(text, said, span[0]) is not None
        place_after = re.match(r"\s*,?\s*[A-Z][a-z]", text[span[1] : span[1] + 4]) is not None
        strong_cue = cue and _POSTCODE_WORD.search(text, said, span[0]) is not None
        if _overlaps(span, claims) and not (beside or strong_cue or place_after):
            continue  # 1500 MB: a size, unless a street, a postcode word or a place says it is a postcode
        if beside:
            found.append(_Place("postcode", span, beside[0].home, False, beside[0].span))
            continue
        lower = m.group("uklower") or (m.group("letters") or "").islower()
        if lower and not cue:
            continue  # a postcode in lower case only beside a street or after a postcode word
        number = re.match(r"\s*,?\s*(?:nr\.?\s*)?\d{1,4}\b", text[span[1] :]) is not None
        # With no word for it, a postcode is still someone's when a person is tied to it ("de kamer van
        # sophie zit in 1012 WX"): it needs one, as a postcode with no house number always does.
        home = _HOME.search(text, clause[0], span[0]) is not None
        unnamed = not (
            number or _POSTCODE_CUE.search(text, said, span[0]) or _RESIDENCE.search(text, said, span[0])
        )
        around = text[clause[0] : span[0]] + text[span[1] : clause[1]]
        if not cue and re.search(r"[^\W\d_]", around) and not any(c.islower() for c in around):
            continue  # "DAT HET 2024 OF 2025 WORDT": in a clause in capitals, letters are words
        if unnamed and _PLACE_VERB_BEFORE.search(text, clause[0], span[0]) is None:
            continue  # "hij stierf in 1274 AD": with no word for it, only "zit in 1012 WX"
        found.append(_Place("postcode", span, home, not number, None, unnamed))
    return found


_EXPLANATIONS = {
    "phone": "a phone number",
    "email": "an e-mail address",
    "iban": "a bank account number (IBAN)",
    "bsn": "a citizen service number (BSN)",
    "address": "a street address",
    "postcode": "a postcode with an address",
    "student_number": "a student number",
}
_SCORES = {
    "phone": 0.8,
    "email": 0.8,
    "iban": 0.85,
    "bsn": 0.95,
    "address": 0.75,
    "postcode": 0.75,
    "student_number": 0.7,
}


# Words that make the detail right at them an example, a placeholder or made up (:func:`_example`): "vul 06…
# in als voorbeeld", "vervang s1234567 door je eigen studentnummer", "e.g. john.doe@…", "a fake number: 06…".
_EXAMPLE = re.compile(
    r"\b(?:(?:bij)?voorbeeld\w*|bijv|e\.\s?g|for\s+(?:example|instance)|example|dummy|"
    r"fictie[fv]?\w*|fictional|fictitious|made[\s-]up|verzonnen|nep-?(?:nummer|adres|mail|iban|rekening)|"
    r"fake\s+(?:number|phone|address|e-?mail|iban|account|details?)|placeholder|"
    r"vervang\w*|replace)\b",
    re.IGNORECASE,
)
# Names that stand for any name in an address's local part: "voornaam.achternaam@", "john.doe@".
_PLACEHOLDER_NAMES = _words(
    "voornaam achternaam naam jouw je jenaam jouwnaam voorletter initialen tussenvoegsel firstname lastname "
    "first last name your yourname surname initials john jane doe"
)
# Domains kept for examples (RFC 2606): example.com, .org and .net.
_EXAMPLE_DOMAIN = re.compile(r"(?:^|\.)example\.(?:com|org|net)$")


# The person's consent to sharing, as Do 4 asks for it (read in the detail's clause by :func:`_consented`):
# "met toestemming van bram", "lisa vindt het goed dat ik het deel", "she said it's fine to share".
_CONSENT = re.compile(
    # given, not asked for: "met toestemming van bram", "with his permission", "ze heeft toestemming gegeven"
    r"\bmet\s+(?:(?:haar|zijn|hun|d'r|z'n|hem|jullie)\s+)?(?:toestemming|instemming)\b|"
    r"\b(?:toestemming|instemming)\s+(?:gegeven|gekregen)\b|"
    r"\b(?:with|got|have|has|had)\s+(?:(?:her|his|their|its)\s+)?(?:permission|consent)\b|"
    r"\b(?:gave|given)\s+(?:me\s+|us\s+)?(?:(?:her|his|their)\s+)?(?:permission|consent)\b|"
    r"\b(?:vindt|vond|vinden|vonden)\s+(?:het|dat)\s+(?:goed|prima|oké|oke|ok)\b|"
    r"\b(?:mocht|mochten)\s+(?:\w+\s+){0,3}(?:doorgeven|delen|doorsturen|geven)\b|"
    r"\b(?:said|says)\s+(?:it'?s|it\s+is|that'?s)\s+(?:fine|ok|okay|alright|cool)\b|"
    r"\b(?:is|are|was|were|'s|'re)\s+(?:fine|ok|okay)\s+with\s+(?:me\s+)?(?:sharing|it|that)\b|"
    r"\b(?:agreed|asked\s+me)\s+to\s+(?:share|pass|post|give)\b|"
    r"\bvroeg\s+(?:of\s+)?(?:ik|me)\s+(?:\w+\s+){0,3}(?:wil(?:de)?\s+)?(?:doorgeven|delen|doorsturen)\b|"
    r"\bgaf\s+(?:me\s+|ons\s+)?(?:toestemming|instemming)\b|\bmag\s+gedeeld\s+worden\b|"
    r"\b(?:is|was)\s+(?:ok|oké|oke|akkoord)\s+met\s+(?:het\s+)?delen\b|\bgo-?ahead\b|"
    r"\b(?:zei|zegt|heeft\s+gezegd)\s+dat\s+(?:het|dat)\s+mag\b|\bwith\s+\w+['’]s\s+(?:permission|consent)\b|"
    r"\bop\s+(?:verzoek|aanvraag)\s+van\b|\b(?:wanted|asked)\s+me\s+to\s+(?:share|pass\s+on|post|give)\b",
    re.IGNORECASE,
)


_NO_CONSENT = _words(
    "zonder geen niet nooit niemand without no not never nobody didn't didnt hasn't hasnt isn't isnt wasn't"
)


def _consented(text: str, span: Span) -> bool:
    """Whether the detail's own clause says the person agreed to its sharing (:data:`_CONSENT`): not
    negated within the three words before it ("zonder toestemming", "he's not ok with it"), and not the
    writer's own say-so ("ik vind het goed", "i said it's fine"). Consent in another sentence is about
    something else as often ("lisa vindt het goed dat we later beginnen. haar nummer is …")."""
    start, end = _clause(text, span)
    for m in _CONSENT.finditer(text, start, end):
        before = _words_before(text, m.start(), 3, since=start)
        inside = _words_before(text, m.end() + 12, 10, since=m.start())  # "… van niemand" too
        if not _NO_CONSENT & set(before + inside) and not (before and before[-1] in _OWN_SUBJECTS):
            return True
    return False


# A made-up detail's frame: the people of a case study or a scenario are nobody ("in de casus woont …").
_FICTION = re.compile(
    r"\b(?:in|uit|from)\s+(?:de|het|deze|dit|this|the|a|our)\s+(?:casus|case(?:\s+study)?|scenario|"
    r"vignet\w*)\b|\b(?:casus|case\s+study|scenario)\s*:",
    re.IGNORECASE,
)
_EXAMPLE_BEFORE = re.compile(
    rf"(?:{_EXAMPLE.pattern})[^\w\n]{{0,3}}(?:[\w-]+[^\w\n]+){{0,2}}$", re.IGNORECASE
)
_EXAMPLE_AFTER = re.compile(rf"[^\w\n]{{0,3}}(?:\w+[^\w\n]+){{0,2}}?(?:{_EXAMPLE.pattern})", re.IGNORECASE)


def _example(text: str, span: Span, whose: str | None) -> bool:
    """Whether a detail is an example, a placeholder or made up: an address at an example domain or one
    whose name is made of placeholder names; a case study's or a scenario's (anywhere in the message); or,
    when nobody is named as its owner, an example word right at it (at most a label and two words between:
    "bijv. 06…", "vervang s1234567 door …", "06… in als voorbeeld"), not negated ("geen nepnummer")."""
    local, _, domain = text[span[0] : span[1]].lower().partition("@")
    parts = [p for p in re.split(r"[._+-]", local) if p]
    if domain and (
        _EXAMPLE_DOMAIN.search(domain) or (bool(parts) and all(p in _PLACEHOLDER_NAMES for p in parts))
    ):
        return True
    if _FICTION.search(text):
        return True
    if whose == "other":
        return False  # "bijvoorbeeld: lisa's nummer is …" is Lisa's number, given as an instance
    # Near the detail, whatever the clauses ("bijv. 06…": the abbreviation's dot ends no thought).
    start, end = max(0, span[0] - 40), span[1] + 40
    for m in (_EXAMPLE_BEFORE.search(text, start, span[0]), _EXAMPLE_AFTER.match(text, span[1], end)):
        if m is None:
            continue
        word = _EXAMPLE.search(m.group(0))
        assert word is not None
        at = m.start() + word.start()
        if not _NO_CONSENT & set(_words_before(text, at, 2)):
            return True
    return False


def find_details(text: str, context: PrivacyContext | None = None) -> Iterator[Detail]:
    """Personal details in a message that are not the writer's own nor public, each with its span.

    Args:
        text: the message as written.
        context: what the campaign pack says about public details and student numbers.

    Yields:
        Details in the order they were found; spans index ``text`` as given.
    """
    context = context or PrivacyContext()
    if not _ANY_DIGIT.search(text) and "@" not in text and "＠" not in text and not _HIDDEN_AT.search(text):
        return
    readable, index = _readable(text)
    claims = _Claims(readable)
    roles = context.roles
    taken: list[Span] = []
    candidates: list[tuple[str, Span, str | None]] = []

    def add(subtype: str, span: Span, verdict: str | None = None) -> None:
        # An IBAN's or a BSN's check digits outweigh a course code, a date or a version read inside it
        # (NL91-ABNA-0417-…, BSN 123.456.782); only a URL, a path or a file holds one.
        checked = subtype in ("iban", "bsn")
        if _overlaps(span, claims.containers if checked else claims) or _overlaps(span, taken):
            return
        taken.append(span)
        candidates.append((subtype, span, verdict))

    if "@" in readable or _HIDDEN_AT.search(readable):
        for subtype, span, verdict in _email(readable, context):
            at = readable.index("@", *span) if "@" in readable[span[0] : span[1]] else span[0]
            if not _overlaps((at, at + 1), claims):  # a file, a URL or a remote holds the @
                taken.append(span)  # a role mailbox still holds its text: no student number inside it
                candidates.append((subtype, span, verdict))
    for subtype, span in _numbers(readable):
        add(subtype, span)
    if context.student_number is not None:
        for m in context.student_number.finditer(readable):
            # Only a URL, a command, a path or a file takes a student number: "student ID S1234567" is one.
            if not _overlaps(m.span(), claims.containers) and not _overlaps(m.span(), taken):
                taken.append(m.span())
                candidates.append(("student_number", m.span(), None))
    places: dict[Span, _Place] = {}
    for found in _addresses(readable, claims):
        if not _overlaps(found.span, taken):
            taken.append(found.span)
            candidates.append((found.subtype, found.span, None))
            places[found.span] = found
    reported: set[Span] = set()
    # A message listing more details than this is a list to be nudged about anyway; reading each one's owner
    # against all the others would cost time that grows with their square.
    candidates = sorted(candidates, key=lambda c: c[1])[:MAX_DETAILS]
    # Whose each detail is; a postcode after its street goes with the street (below) and needs no owner.
    message = _Message(
        readable,
        roles,
        tuple(taken),
        tuple(mark.span() for _, end in taken if (mark := _OWNER_MARK.match(readable, end)) is not None),
        tuple(places),
    )
    owners = {
        span: verdict
        or _owner(message, span, place=span in places, names=span not in places or not places[span].unnamed)
        for _, span, verdict in candidates
        if span not in places or places[span].street is None
    }
    for previous, span in pairwise(sorted(owners)):
        if (
            owners[span] is None
            and owners[previous] in ("role", "own")
            and _ALTERNATIVE.fullmatch(readable, previous[1], span[0])
        ):
            # "studentenbalie@uva.nl of bel 020 …", "reach me at 06… or lukas@…": the same one's other way in
            owners[span] = owners[previous]
    for subtype, span, _ in candidates:
        place = places.get(span)
        if place is not None and place.street is not None:
            if place.street in reported:  # a postcode goes with its street ("Baker Street, London NW1 6XE")
                yield _detail(subtype, span, index)
            continue
        whose = owners[span]  # streets come before their postcodes in the candidates
        if whose == "staff":  # a lecturer's work number and mail are public; their home and webmail are not
            webmail = subtype == "email" and _WEBMAIL.search(readable, *span) is not None
            whose = "other" if subtype in ("address", "postcode") or webmail else "role"
        if whose in ("own", "role") and subtype != "bsn":  # nobody should post a BSN, not even their own
            continue
        if _example(readable, span, whose) or (subtype != "bsn" and _consented(readable, span)):
            continue  # an example, or shared with the person's consent (not a BSN: nobody should post one)
        if place is not None and whose != "other" and (place.needs_person or not place.home):
            continue  # a street and a number (or a postcode) nobody is said to live at: a place
        reported.add(span)
        yield _detail(subtype, span, index)


def _detail(subtype: str, span: Span, index: Sequence[int]) -> Detail:
    """The detail at ``span`` of the readable text, its span mapped back to the message as written."""
    return Detail(subtype, (index[span[0]], index[span[1] - 1] + 1), _SCORES[subtype], _EXPLANATIONS[subtype])


def privacy_context(
    *,
    student_number_pattern: str | None = None,
    public_domains: Sequence[str] = (),
    personal_domains: Sequence[str] = (),
    role_words: Iterable[str] = (),
) -> PrivacyContext:
    """A :class:`PrivacyContext` from a pack's plain data.

    Raises:
        ValueError: when the student-number pattern is not a valid regular expression.
    """
    try:
        # Matched in any case: students write S1234567 as often as s1234567.
        pattern = re.compile(student_number_pattern, re.IGNORECASE) if student_number_pattern else None
    except re.error as exc:
        raise ValueError(f"student_number_pattern is not a valid regular expression: {exc}") from None
    return PrivacyContext(
        public_domains=tuple(d.lower().lstrip("@.") for d in public_domains),
        personal_domains=tuple(d.lower().lstrip("@.") for d in personal_domains),
        role_words=frozenset(w.lower() for w in role_words),
        student_number=pattern,
    )
