"""Personal details are found only when they validate, and their spans point at them."""

from __future__ import annotations

import pytest

from samen.signals import Signals


def privacy(signals: Signals, text: str) -> list[tuple[str | None, str]]:
    found = []
    for f in signals.analyze(text).findings:
        if f.kind == "privacy":
            assert f.span is not None
            found.append((f.subtype, text[f.span[0] : f.span[1]]))
    return found


def test_valid_bsn_with_context_is_found_with_its_span(signals: Signals) -> None:
    assert privacy(signals, "het bsn van Sanne is 123456782") == [("bsn", "123456782")]


def test_bsn_that_fails_the_elfproef_is_nothing(signals: Signals) -> None:
    assert privacy(signals, "het bsn van Sanne is 123456789") == []


def test_valid_bsn_without_context_is_nothing(signals: Signals) -> None:
    assert privacy(signals, "het antwoord op vraag 3 is 123456782") == []


def test_phone_numbers_of_someone_else(signals: Signals) -> None:
    assert privacy(signals, "bel Lisa gewoon op 06-12345678") == [("phone", "06-12345678")]
    assert privacy(signals, "his number is +31 71 527 2727") == [("phone", "+31 71 527 2727")]


def test_own_phone_number_is_the_writers_to_share(signals: Signals) -> None:
    assert privacy(signals, "bel me op 06-12345678 als je vragen hebt") == []


def test_a_string_of_digits_that_is_no_phone_number(signals: Signals) -> None:
    assert privacy(signals, "de code is 12345678901234") == []


def test_email_iban_address_and_student_number(signals: Signals) -> None:
    assert privacy(signals, "het mailadres van Tom is tom.devries@example.nl") == [
        ("email", "tom.devries@example.nl")
    ]
    assert privacy(signals, "zijn rekening is NL91ABNA0417164300") == [("iban", "NL91ABNA0417164300")]
    assert privacy(signals, "zijn rekening is NL91ABNA0417164301") == []
    found = privacy(signals, "Zij woont op Breestraat 12, 2311 CS Leiden")
    assert ("address", "Breestraat 12") in found
    assert ("postcode", "2311 CS") in found
    assert privacy(signals, "het studentnummer van Bas is s1234567") == [("student_number", "s1234567")]


def test_student_number_pattern_comes_from_the_pack() -> None:
    plain = Signals.load()
    assert [
        f for f in plain.analyze("het studentnummer van Bas is s1234567").findings if f.kind == "privacy"
    ] == []
    other = Signals.load(student_number_pattern=r"\bu\d{6}\b")
    assert [f.subtype for f in other.analyze("het nummer van Bas is u123456").findings] == ["student_number"]


@pytest.mark.parametrize("text", ["2311 CS is een mooie buurt", "we hebben 2 AA batterijen nodig"])
def test_postcode_alone_is_not_an_address(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sam lives at 14 Mill Road, Cambridge CB1 2AD",
            [("address", "14 Mill Road"), ("postcode", "CB1 2AD")],
        ),
        (
            "zijn zus woont in Londen, 8 Elm Street, E2 7QB",
            [("address", "8 Elm Street"), ("postcode", "E2 7QB")],
        ),
        ("her postcode is SE1 9SG", [("postcode", "SE1 9SG")]),
        ("the exchange office is at 3 Park Road, Bristol BS8 1TH", []),
        ("de postcode van de bibliotheek is OX1 3BG", []),
        ("we get the A1 2BB bus at 9", []),
    ],
)
def test_british_postcodes_go_with_their_street_and_their_person(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a house number shaped like a date, after a street's name
        ("Mila woont op de Hoflaan 7-2", [("address", "Hoflaan 7-2")]),
        # a postcode whose letters are a unit, or after "post code" / "zip code" (claimed as size or id)
        ("Daan woont op Plesmanlaan 9, 2333 KG", [("address", "Plesmanlaan 9"), ("postcode", "2333 KG")]),
        ("haar post code is 2333 CM", [("postcode", "2333 CM")]),
        ("his zip code is LS6 1AA", [("postcode", "LS6 1AA")]),
        # a town of several words between the street and the postcode
        (
            "Noor woont op Kerkweg 3, Capelle aan den IJssel 2902 AB",
            [("address", "Kerkweg 3"), ("postcode", "2902 AB")],
        ),
    ],
)
def test_addresses_and_postcodes_in_the_forms_people_write(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hij schreef zijn essay over Goldberg 2015",  # a name and a year, not a street and a house number
        "she did her exchange in Autumn 2023, he did Spring 2024",
        "Mijn gegevens zijn: Hoflaan 7, 2333 AB Leiden",  # "zijn" the verb, not "his"
        "ik heb een nieuw nummer: 06-87654321",
        "Nieuw mailadres, sla even op: anna.bakker@gmail.com",
        "Tot morgen! Groeten, Daan (06-87654321)",  # a signature
        "Bel de apotheek, hun nummer is 071 516 3131",  # "they" are the desk
        "Contact Student Services, their number is 071 516 3131",
        "Vragen over je huur? Bel SSH op 071 516 3131",  # an organisation's acronym
        "De huisartsenpraktijk: 071 516 3131",
    ],
)
def test_own_details_and_desks_in_other_words_are_no_ones_concern(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


def test_a_phone_number_in_brackets_and_the_whole_number_of_another_country(signals: Signals) -> None:
    assert privacy(signals, "Vraag Bram (06 12345678) even") == [("phone", "06 12345678")]
    # a fragment valid in one country never hides the whole number of another
    assert privacy(signals, "Call Priya on 0117 496 0123 tonight") == [("phone", "0117 496 0123")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English order without a street word, or in lower case, after a residence word
        ("Maya lives at 6 Kings Parade", [("address", "6 Kings Parade")]),
        ("Finn's flat is 11 The Green", [("address", "11 The Green")]),
        ("Cian's address is 3 O'Brien Road", [("address", "3 O'Brien Road")]),
        ("zoe lives at 8 station road", [("address", "8 station road")]),
        ("her postcode is cb2 1tn", [("postcode", "cb2 1tn")]),
        # a possessive name that is also a word; a role word that only says what kind of mailbox it is
        ("Wil's address is 4 Elm Grove", [("address", "4 Elm Grove")]),
        ("Noor's uni email is n.smit@umail.leidenuniv.nl", [("email", "n.smit@umail.leidenuniv.nl")]),
        # a subdomain named for students holds students' mailboxes, whether the pack lists it or not
        ("mail sanne op s.bakker@student.leidenuniv.nl", [("email", "s.bakker@student.leidenuniv.nl")]),
        ("tim zit op t.kok@stud.leidenuniv.nl", [("email", "t.kok@stud.leidenuniv.nl")]),
        ("mail info@studentenhuisvesting.leidenuniv.nl", []),  # a desk's name that starts with "studenten"
        # a British mobile needs no phone word
        ("Ask Maya, 07911 123456", [("phone", "07911 123456")]),
    ],
)
def test_details_in_the_ways_british_and_dutch_students_write_them(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mijn nummer voor Telegram is 06-87654321",  # a capital after the writer's own possessive
        "Hallo allemaal, ik ben Daan Bakker, 06-87654321",  # the writer introduces themselves
        "Our course rep is on 07911 123456 this week",  # a person in a role: their phone for the role
        "Grades out: 07700 marks, sorry 770",  # no number
    ],
)
def test_the_writers_own_details_after_their_name_or_possessive(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


def test_a_mark_after_a_detail_says_whose_it_is(signals: Signals) -> None:
    assert privacy(signals, "Telefoonlijst: 06-87654321 (ik), 06-12345678 (Joris)") == [
        ("phone", "06-12345678")
    ]
    assert privacy(signals, "emails: sam.k@gmail.com (me), lena.v@gmail.com (her)") == [
        ("email", "lena.v@gmail.com")
    ]
    assert privacy(signals, "bel 06-12345678 (privé)") == [("phone", "06-12345678")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Joris woont op Rapenburg 70-B", [("address", "Rapenburg 70-B")]),
        ("Mila's nieuwe adres: Hooigracht 15-III", [("address", "Hooigracht 15-III")]),
        ("Sanne woont op de Breestraat 8/2", [("address", "Breestraat 8/2")]),
        ("Kai's address: 12-14 Mill Road", [("address", "12-14 Mill Road")]),
    ],
)
def test_house_numbers_with_their_suffixes(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names in lower case, as students write them
        ("finn's postcode is 2311 AB", [("postcode", "2311 AB")]),
        ("stuur de uitnodiging naar joris: Hoflaan 7", [("address", "Hoflaan 7")]),
        ("maak het geld over naar femke: NL91 ABNA 0417 1643 00", [("iban", "NL91 ABNA 0417 1643 00")]),
        ("joris z'n adres is Hoflaan 7", [("address", "Hoflaan 7")]),
        # a first-person possessive after the detail that does not own it
        ("06-87654321 is het nummer van onze nieuwe huisgenoot", [("phone", "06-87654321")]),
        # a lower-case street with an adjective; a postcode word far before the postcode
        ("daan woont op de oude singel 12", [("address", "oude singel 12")]),
        ("de postcode van de ouders van joris is 3512 JE", [("postcode", "3512 JE")]),
        # a lower-case name joined to the detail by a verb of place; a postcode with no word for it
        ("de nieuwe kamer van sophie zit in 1012 WX", [("postcode", "1012 WX")]),
        ("het adres van bram is nu Hoflaan 7", [("address", "Hoflaan 7")]),
    ],
)
def test_people_named_the_way_students_write(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "doei, lotte | 06-87654321",  # a signature in lower case
        "voor kamers: housing@uu.nl of bel 030 253 3550",  # a desk's other way in
    ],
)
def test_a_lower_case_signature_and_a_desks_alternative(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a word in brackets after the writer's own detail
        "Mijn nummer is 06-87654321 (alleen WhatsApp)",
        "My number: 06-87654321 (Telegram)",
        # a preposition, a word and a colon that name no one
        "Adres voor morgenavond: Hoflaan 7",
        "het adres van de borrel is nu Hoflaan 7",
        "we zitten vandaag in 2333 CC, bij het Gorlaeus",
        "Mijn mail voor stages: daan.bakker@gmail.com",
        # days and times with an 's, and times after a residence word
        "Saturday's party is at 14 Mill Road",
        "Dinner at Noor's place at 7 Sunday",
        "Finn's house is 3 Stops from Centraal",
        # a date after a place that ends like a street
        "Ga je mee naar de Kerstmarkt 14-12?",
        # a file's size after "zip"; a closing word in mid-sentence
        "Sam's zip is 1200 MB, too big for mail",
    ],
)
def test_ordinary_chat_and_own_details_around_the_new_cues_stay_silent(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ze" after a desk is mostly "she"; an abbreviation is no organisation; the writer's name is not
        # every later name
        ("Noor werkt bij de receptie, ze is bereikbaar op 06-87654321", [("phone", "06-87654321")]),
        ("bel Joris ASAP: 06-87654321", [("phone", "06-87654321")]),
        ("My phone is dead, call Joris on 06-87654321", [("phone", "06-87654321")]),
        ("Het nummer van Joris, dank je: 06-87654321", [("phone", "06-87654321")]),  # no signature
    ],
)
def test_cues_that_must_not_silence_someone_elses_detail(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


def test_a_run_of_capitals_between_street_and_postcode_does_not_stall(signals: Signals) -> None:
    # Each word between a street and a postcode splits one way only (the old pattern backtracked for
    # minutes on a few hundred capitals); a wrong split would not find the street at all.
    text = "Lisa woont op Breestraat 12 " + "HA" * 400 + "! 2311 CS"
    assert ("address", "Breestraat 12") in privacy(signals, text)


def test_a_compound_of_a_desk_and_a_detail_noun_is_the_desks_unless_a_person_owns_it(
    signals: Signals,
) -> None:
    assert privacy(signals, "verenigingsrekening: NL91 ABNA 0417 1643 00") == []
    assert privacy(signals, "Lisa haar schoolmail is lisa.bakker@gmail.com") == [
        ("email", "lisa.bakker@gmail.com")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an event is no organisation: a detail next to it is still someone's
        (
            "voor het feest: €5 naar NL91 ABNA 0417 1643 00 (rekening van joris)",
            [("iban", "NL91 ABNA 0417 1643 00")],
        ),
        (
            "noor's room for the party: 8 Elm Grove, CB1 2AB",
            [("address", "8 Elm Grove"), ("postcode", "CB1 2AB")],
        ),
        # an English word that ends like a Dutch street is no street in lower case
        ("Her house party is at 9, bring 2 bottles", []),
    ],
)
def test_events_are_no_desks_and_english_words_no_streets(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


def test_a_time_unit_does_not_start_a_street_name(signals: Signals) -> None:
    assert privacy(signals, "Jan woont in Engeland, 4 Hill Street") == [("address", "4 Hill Street")]


def test_a_desk_or_role_address_is_not_personal(signals: Signals) -> None:
    assert privacy(signals, "Bel de receptie: 071 527 2727") == []
    assert privacy(signals, "mail de servicedesk via servicedesk@example.nl") == []
    assert privacy(signals, "bel Mark: 071 527 2727") == [("phone", "071 527 2727")]
    # A mailbox named as a desk is named in a sentence (_ROLE_ENDINGS), at any institution's domain.
    assert privacy(signals, "mail studiezaken@hva.nl even") == []
    assert privacy(signals, "het is klantenservice@example.com") == []


@pytest.mark.parametrize(
    "text",
    [
        "random seed 0612345678 gives the same plot",
        "de dataset heeft 0612345678 rijen",
        "opgave 4b: x = 0612345678 mod 7",
        "the log has 0612345678 lines after the merge",
    ],
)
def test_a_number_in_data_or_a_sum_is_no_phone_number(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


def test_a_number_after_a_name_stays_a_phone_number_even_beside_code(signals: Signals) -> None:
    assert privacy(signals, "lisa = 0612345678, de seed is 42") == [("phone", "0612345678")]


def test_a_broken_student_number_pattern_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="student_number_pattern"):
        Signals.load(student_number_pattern="s(\\d{7}")


# Issue 9: things that are something else claim their text first.
@pytest.mark.parametrize(
    "text",
    [
        "Inleveren voor 06-12-2024 23:59",
        "Hand in before 06-12-2024 23:59",
        "gebruik het plaatje logo@2x.png uit de map",
        "use the image logo@2x.png from the folder",
        "clone it with git@github.com:org/project.git",
        "clone hem met git@github.com:org/project.git",
        "Opdracht 3 mag niet groter zijn dan 1500 MB",
        "Assignment 3 may not be larger than 1500 MB",
        "email the international office: internationaloffice@leidenuniv.nl",
        "mail het international office: internationaloffice@leidenuniv.nl",
        "werkgroep di 3 dec 9.00-11.00 in lokaal 2.14",
        "tutorial tue 3 dec 9.00-11.00 in room 2.14",
        "tentamen 24-01-2027 9:00-12:00",
        "exam 24-01-2027 9:00-12:00",
        "Zoom meeting ID 845 1234 5678",
        "ordernummer 123456789 is nog niet binnen",
        "het boek is ISBN 978-90-313-7865-7",
        "gebruik Python 3.11.4",
        "de map is 2 GB en de route 12 km",
    ],
)
def test_look_alikes_of_the_issue_are_no_personal_detail(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("bel Lisa op (06) 23 45 67 89", ("phone", "(06) 23 45 67 89")),
        ("call Lisa on (06) 23 45 67 89", ("phone", "(06) 23 45 67 89")),
        ("zijn nummer is +44 7700 900123", ("phone", "+44 7700 900123")),
        ("his number is +44 7700 900123", ("phone", "+44 7700 900123")),
        ("Hij woont op Rapenburg 70 in Leiden", ("address", "Rapenburg 70")),
        ("He lives at Rapenburg 70 in Leiden", ("address", "Rapenburg 70")),
    ],
)
def test_details_the_issue_says_were_missed(signals: Signals, text: str, detail: tuple[str, str]) -> None:
    assert privacy(signals, text) == [detail]


def test_a_date_and_a_phone_number_side_by_side(signals: Signals) -> None:
    text = "Inleveren voor 06-12-2024 23:59, en bel Sem op 06-12345678 als het niet lukt"
    assert privacy(signals, text) == [("phone", "06-12345678")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("mijn nummer is 06 12345678 en dat van Lisa is 06 87654321", [("phone", "06 87654321")]),
        ("my number is 06 12345678 and Lisa's is 06 87654321", [("phone", "06 87654321")]),
        ("Wie heeft het nummer van Jasper? Ik heb 06-41234567", [("phone", "06-41234567")]),
        ("Who has Jasper's number? I have 06-41234567", [("phone", "06-41234567")]),
        ("het nummer van m'n moeder is 0612345678", [("phone", "0612345678")]),
        ("my mom's number is 0612345678", [("phone", "0612345678")]),
        ("Lisa, mijn nummer is 06 87654321", []),
        ("Lisa, my number is 06 87654321", []),
        ("ik ben s1234567 en zij is s2345678", [("student_number", "s2345678")]),
        ("I'm s1234567 and she is s2345678", [("student_number", "s2345678")]),
    ],
)
def test_whose_detail_is_read_from_its_clause(
    signals: Signals, text: str, found: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == found


@pytest.mark.parametrize(
    "text",
    [
        "vragen over de campagne? studentwellbeing@sea.leidenuniv.nl",
        "de docent zegt: mail vragen naar j.jansen@hum.leidenuniv.nl",
        "the lecturer said to mail questions to j.jansen@hum.leidenuniv.nl",
        "contact the servicedesk at servicedesk@example.nl",
        "questions about your plan? careeradvice@example.nl",
        "met vragen over toelating: toelating-vragen@example.nl",
        "IBAN van de studievereniging: NL91ABNA0417164300",
        "the helpdesk number is 071 527 8888",
        "bel gratis 0800-0432",
    ],
)
def test_an_institutions_desks_and_mailboxes_are_public(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


def test_a_persons_mailbox_stays_personal_with_a_service_word_in_it(signals: Signals) -> None:
    assert privacy(signals, "mail anna.help@gmail.com") == [("email", "anna.help@gmail.com")]


def test_students_mail_at_the_institution_is_personal(signals: Signals) -> None:
    text = "haar studentenmail is s2345678@umail.leidenuniv.nl"
    assert privacy(signals, text) == [("email", "s2345678@umail.leidenuniv.nl")]


def test_the_institution_domains_come_from_the_pack() -> None:
    text = "mail Bas via b.kok@example-uni.nl"
    assert [f.subtype for f in Signals.load().analyze(text).findings] == ["email"]
    campus = Signals.load(public_domains=["example-uni.nl"])
    assert [f for f in campus.analyze(text).findings if f.kind == "privacy"] == []


@pytest.mark.parametrize(
    "text",
    [
        "we verzamelen op Breestraat 12",
        "we meet at Breestraat 12",
        "de borrel is in café De Bonte Koe, Hooigracht 21",
        "de postcode van het Gorlaeus is 2333 CC",
    ],
)
def test_a_place_is_no_ones_address(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


def test_a_lecturers_home_is_private_though_their_desk_is_not(signals: Signals) -> None:
    assert privacy(signals, "Het huisadres van de docent is Hoflaan 5") == [("address", "Hoflaan 5")]
    assert privacy(signals, "het privénummer van de docent is 0612345678") == [("phone", "0612345678")]
    assert privacy(signals, "bel de docent op 071 527 1234") == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("bel Lisa op 06\u200b-1234\u200b5678", "06\u200b-1234\u200b5678"),
        ("her email is sanne\u2060.jansen@gmail.com", "sanne\u2060.jansen@gmail.com"),
        ("his number is 06\u00a012345678", "06\u00a012345678"),
        (
            "het nummer van Bram: \uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",
            "\uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",
        ),
    ],
)
def test_spans_index_the_message_as_written(signals: Signals, text: str, detail: str) -> None:
    assert [span for _, span in privacy(signals, text)] == [detail]


def test_addresses_written_around_spam_filters(signals: Signals) -> None:
    assert privacy(signals, "her e-mail: anna(at)gmail(dot)com") == [("email", "anna(at)gmail(dot)com")]
    assert privacy(signals, "zijn mail is piet [at] hotmail [punt] com") == [
        ("email", "piet [at] hotmail [punt] com")
    ]
    assert privacy(signals, "let's meet at 5 dot com") == []


def test_national_forms_of_other_countries_when_the_message_speaks_of_a_phone(signals: Signals) -> None:
    assert privacy(signals, "He gave me his cell: (415) 555-0132") == [("phone", "(415) 555-0132")]
    assert privacy(signals, "bel Lisa op 0470 12 34 56") == [("phone", "0470 12 34 56")]
    assert privacy(signals, "the answer to question 3 is 4155550132") == []
    assert privacy(signals, "the sample had 06 12 34 56 78 90 values per participant") == []


@pytest.mark.parametrize(
    "text",
    [
        "Het adres is Witte Singel 25, 2311 BZ Leiden",
        "The address is Witte Singel 25, 2311 BZ Leiden",
        "Bellen kan via 071-527 1234 op werkdagen tussen 9 en 12",
        "You can call 071-527 1234 on weekdays between 9 and 12",
    ],
)
def test_an_address_or_number_no_one_is_said_to_own_is_a_place_or_a_desk(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("het nummer van een jongen uit mijn groep is 0612345678", [("phone", "0612345678")]),
        ("this is the number of a guy in my class: 0612345678", [("phone", "0612345678")]),
        ("mijn nieuwe nummer is 0612345678", []),
        ("my email for the group is tom.devries@gmail.com", []),
    ],
)
def test_a_possessive_owns_the_detail_only_when_it_stands_before_it(
    signals: Signals, text: str, found: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == found


def test_student_numbers_in_any_case_and_after_an_id_word(signals: Signals) -> None:
    assert privacy(signals, "his student ID is S3456789") == [("student_number", "S3456789")]
    assert privacy(signals, "zet alles in s1234567_opdracht3.zip") == []
    assert privacy(signals, "The repo is at git@gitlab.liacs.nl:s1234567/thesis.git") == []


@pytest.mark.parametrize(
    "text",
    [
        "deadline 06-12",
        "deadline 6/12 23:59",
        "werkgroep di 3 dec 9.00-11.00",
        "tutorial tue 3 dec 9.00-11.00",
        "hertentamen 24-01-2027 9:00-12:00",
        "resit 24-01-2027 9:00-12:00",
        "het filmpje duurt 1:02:45, kijk vanaf 12:30",
        "the video is 1:02:45, watch from 12:30",
        "max 2 GB, we fietsen 12 km",
        "max 2 GB, we cycle 12 km",
        "werkcollege in lokaal 2.14",
        "tutorial in room 2.14",
    ],
)
def test_date_time_size_and_room_forms_the_issue_names(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "mijn nummer is 06 12345678",
        "my number is 06 12345678",
        "bel me op 06-12345678 als je vragen hebt",
        "call me on 06-12345678 if you have questions",
        "mijn mail is tom.devries@gmail.com",
        "my email is tom.devries@gmail.com",
    ],
)
def test_the_writers_own_details_are_theirs_to_share(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("haar nummer is 06 1234 5678", ("phone", "06 1234 5678")),
        ("her number is 06 1234 5678", ("phone", "06 1234 5678")),
        ("zijn mail is bram.kok@hotmail.com", ("email", "bram.kok@hotmail.com")),
        ("his email is bram.kok@hotmail.com", ("email", "bram.kok@hotmail.com")),
    ],
)
def test_someone_elses_details_are_found(signals: Signals, text: str, detail: tuple[str, str]) -> None:
    assert privacy(signals, text) == [detail]


def test_a_groups_or_desks_mailbox_with_a_number_is_still_no_ones(signals: Signals) -> None:
    assert privacy(signals, "stuur het naar de groepsmail: groep7@gmail.com") == []
    assert privacy(signals, "mail Tom: tom7@gmail.com") == [("email", "tom7@gmail.com")]


@pytest.mark.parametrize(
    "text",
    ["Stuur je cv naar recruitment@bedrijf.nl", "mail the treasurer: penningmeester@svleiden.nl"],
)
def test_mailboxes_named_for_a_function_are_no_ones(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # someone else's words passed on: their "mijn" and "my" are theirs
        ("Bas zei: mijn nummer is 06-12345678", [("phone", "06-12345678")]),
        ('Tom wrote "my number is 06-12345678, text me"', [("phone", "06-12345678")]),
        ("Doorgestuurd bericht:\nhoi! mijn adres is Breestraat 12", [("address", "Breestraat 12")]),
        ("Fwd: hey all, my new number is 06-12345678", [("phone", "06-12345678")]),
        # the writer quoting themselves, and a quote that ended on its line
        ("ik zei: mijn nummer is 06-12345678", []),
        ("I said: my number is 06-12345678", []),
        ("Bas zei: top!\nmijn nummer is 06-12345678", []),
    ],
)
def test_first_person_words_passed_on_are_the_speakers(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the owner said after the detail, or in the clause before it
        ("06-47382910 is van Tim trouwens, niet van mij", [("phone", "06-47382910")]),
        ("Ella is verhuisd. Nieuw adres: Hoflaan 7", [("address", "Hoflaan 7")]),
        ("wat was de postcode van Noor ook alweer? 2313 AV toch?", [("postcode", "2313 AV")]),
        # the writer as the one who gets the messages
        ("mn ex blijft me appen vanaf 06-19384756, tips?", [("phone", "06-19384756")]),
        # a list: each name owns the detail after it; the writer's own comes last
        (
            "Group 7 — Sophie s2039587, Daniel s2193847, me s2283746",
            [("student_number", "s2039587"), ("student_number", "s2193847")],
        ),
        # a British mobile in a range kept for fiction, with no phone word
        ("Priya: 07700 900321", [("phone", "07700 900321")]),
    ],
)
def test_whose_from_around_the_clause(signals: Signals, text: str, expected: list[tuple[str, str]]) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nieuw nummer! 06-51029384 sla maar op x",  # announced in the clause before
        "mijn gegevens zijn: Tess de Jong, s2039481, t.dejong@umail.leidenuniv.nl",  # "zijn" before a colon
        "Hi all, Jake here: 07700 900123",  # the writer naming themselves
        "Ik ben verhuisd! Nieuw adres: Hoflaan 7",  # the clause before is the writer's
        "groetjes, Anna (mentor groep 4) — 06-24681357 voor dringende dingen",  # a signature in a role
        "exam venue: Sports Centre, Gibbet Street, HX1 4DJ",  # capitals before a postcode: a place
        "071-5272727 is van DUO",  # a desk said after its number
        "I just moved to 12 Mill Road, come visit",  # a verb of moving after "I"
        "ik ben verhuisd naar Hoflaan 7",
    ],
)
def test_whose_from_around_the_clause_the_writers_or_no_ones(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


def test_a_clause_with_its_own_detail_lends_no_owner(signals: Signals) -> None:
    # The clause before holds the writer's number: it says nothing of Alex's.
    text = "my number's 06-11223344 and alex's dutch one is 06-57382910"
    assert privacy(signals, text) == [("phone", "06-57382910")]
    text = "kunnen jullie het overmaken naar mijn huisgenoot ipv mij? NL91 ABNA 0417 1643 00"
    assert privacy(signals, text) == [("iban", "NL91 ABNA 0417 1643 00")]


@pytest.mark.parametrize(
    "text",
    [
        # "maar" that softens a request is no "but"; a request to be paid into an account
        "maak maar over naar NL91ABNA0417164300, is €4,50 pp",
        "just send it to NL91ABNA0417164300, €6 each for the snacks",
        # the writer moving
        "ik verhuis volgende maand naar Herengracht 60, 2312 LH",
        # a signature: every detail after the name, with dashes or bars between, is the writer's
        "Groetjes, Mark de Groot - m.degroot@live.nl - 06 17 28 39 40",
        "best regards, Emily Clarke | emily.clarke@outlook.com | tel: +44 7700 900321",
        # an organisation's acronym before a contact verb
        "DUO bellen? 050-5997755, wel lang in de wacht",
    ],
)
def test_the_writers_own_said_in_other_words(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a desk as a landmark says nothing of whose the home is
        ("May woont boven de kapper op Haarlemmerstraat 88", [("address", "Haarlemmerstraat 88")]),
        # a street named after a person; a lower-case street after "at"
        ("new housemate Max moved into Van der Werffstraat 8", [("address", "Van der Werffstraat 8")]),
        ("my gf lives at lammenschansweg 130, so we can study there", [("address", "lammenschansweg 130")]),
        # "maar" as "but" still ends a clause; paying words do not make someone else's address the writer's
        ("ik kan niet maar Tom wel, zijn nummer is 06-12345678", [("phone", "06-12345678")]),
        ("send the card to his address: Breestraat 12", [("address", "Breestraat 12")]),
    ],
)
def test_someone_elses_said_in_other_words(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # numbers with two capitals that no word calls a postcode, even beside a person
        "Hij stierf in 1274 AD, dus dat klopt niet",
        "mijn zus rijdt een 2012 VW polo",
        "he got 1400 XP on duolingo",
        "haar spelletje staat op 2500 XP",
        "IK HEB HEM GEZEGD DAT HET 2024 OF 2025 WORDT",
        # a name, a thank-you or a person in the clause before a meeting place
        "Dank je wel Daan! Het feest is op Breestraat 12",
        "thanks for booking the room, Emma. It's at 12 Mill Road",
        "De docent geeft het werkcollege. Locatie: Rapenburg 70",
        "Mijn broer komt ook. Adres: Breestraat 12",
        # the writer's own words, not a quote of someone else's
        "For those who asked: my number is 07911 123456",
        "Zoals ik al zei: mijn nummer is 06-12345678",
        "Lisa said 'great idea'. Anyway, my number is 06-12345678",
        "Zoals de docent zei: stuur het naar mijn mail, s.devries@uva.nl",  # staff's work mail
        # the writer's own, reached from a number or after a noun with "van"
        "mail me from s1234567@umail.leidenuniv.nl if the link breaks",
        "mijn nummer van werk is nu 06-12345678",
        "mijn adres van thuis: Breestraat 12",
        "het adres van zaterdagavond ligt op Breestraat 12",
        # short times and ids next to a British-looking number; "contact" is no phone word
        "tentamen start 0745, zaal open vanaf 0715, 1234567 studenten lol",
        "after contact with the lab, sample 2125550199 was fine",
        # a desk's address and its town before its number
        "Balie Studentenzaken, Rapenburg 70 Leiden, 071 527 2727",
        # a building's owner
        "het pand op Rapenburg 70 is van Augustinus",
    ],
)
def test_a_reviewers_false_alarms(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dat nummer 06-12345678 is van mijn broer", [("phone", "06-12345678")]),
        ("07911 123456 is from my landlord btw", [("phone", "07911 123456")]),
        ("I know Tim lives at 12 Mill Road", [("address", "12 Mill Road")]),
        ("we think Lisa moved to Rapenburg 70", [("address", "Rapenburg 70")]),
        ("Nummer van Tim hier: 06-12345678", [("phone", "06-12345678")]),
        ("I'm on 07911 503826 and amy's on 07400 372918", [("phone", "07400 372918")]),
        ("what's the postcode of Lily's place again? 2311 EZ?", [("postcode", "2311 EZ")]),
    ],
)
def test_a_reviewers_misses(signals: Signals, text: str, expected: list[tuple[str, str]]) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an organisation's own name after its desk word is no person
        "pizza bestellen bij Pizzeria Napoli, Haarlemmerstraat 213, tel 071-5120938",
        "studievereniging Sigma: IBAN NL91 ABNA 0417 1643 00 voor de contributie",
        # the writer's other way in, after "of" / "or"
        "Ik ben Sanne, nieuw hier! bereikbaar op +31 6 42837465 of sanne.devries@live.nl",
        "hey I'm Lukas, reach me at +49 151 23456789 or lukas.b@web.de",
        # an acronym opening the clause, or alone before the detail
        "DUO can be reached on 050 599 7755, I waited 40 min lol",
        "DUO: 050 599 7755",
    ],
)
def test_a_sixth_testers_own_and_organisations(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a chat word in capitals opening a clause is no organisation
        ("OK, 06-12345678 is die van Tom", [("phone", "06-12345678")]),
        ("HOI 06-12345678", [("phone", "06-12345678")]),
    ],
)
def test_capitals_that_name_no_organisation(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


def test_a_street_word_after_an_adjective_of_streets(signals: Signals) -> None:
    text = "verjaardag van kim, ze woont op Oude Vest 143"
    assert privacy(signals, text) == [("address", "Oude Vest 143")]
    # A name after a desk word and a comma is a person again.
    assert privacy(signals, "bel de servicedesk, Tom weet ervan: 06-12345678") == [("phone", "06-12345678")]


@pytest.mark.parametrize(
    "text",
    [
        # the writer asking to be paid or contacted, in more words
        "maak de €12 voor de pizza over naar NL91ABNA0417164300 (t.n.v. mij, M. Bakker)",
        "verkoop mijn oude macbook via marktplaats, €350, app 06-59034721 als je wilt kijken",
        "renting out my room over summer, Vrouwenkerkhof 2, dm me or call 0613579246",
        # a sign-off after a sentence and a dash
        "thanks all, see you thursday! — mark, +44 7700 900456",
        # shops with their hours, staff's office, a reference number beside "nummer"
        "domino's on Breestraat 45 delivers till 1am, 071-5123987",
        "the pizza place number is 071-5121212, they're open till 22:00 on sundays",
        "prof's office number is 071 527 3456 (room 1.23 Lipsius)",
        "ik wacht nog op de bevestiging, ref nummer aanvraag 2025-004512",
    ],
)
def test_a_seventh_testers_own_and_public(signals: Signals, text: str) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our supervisor's gmail is prof.bakker.home@gmail.com", [("email", "prof.bakker.home@gmail.com")]),
        ("> mijn nummer is 06-39281746 — dit was van sanne toch?", [("phone", "06-39281746")]),
        ("weet iemand de postcode van jesse? ik dacht 2332 KG", [("postcode", "2332 KG")]),
        (
            "maak de 23,50 voor de schoonmaak over naar sem, NL91ABNA0417164300",
            [("iban", "NL91ABNA0417164300")],
        ),
        (
            "kamer vrij bij een vriendin van me, mail haar op lisa@hotmail.com of bel 06-38291047",
            [("email", "lisa@hotmail.com"), ("phone", "06-38291047")],
        ),
    ],
)
def test_a_seventh_testers_someone_elses(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Someone else's words passed on by any verb of saying or sending, named in lower case too, with
        # words between the verb and the colon or quote; or "volgens X:".
        ('lisa schreef: "mijn nummer is 0612345678"', [("phone", "0612345678")]),
        ("lisa appte: mijn nummer is 0612345678", [("phone", "0612345678")]),
        ('tim texted me: "my number is 0687654321"', [("phone", "0687654321")]),
        ('tim posted in the other group: "email me at tim.k@gmail.com"', [("email", "tim.k@gmail.com")]),
        ("noor mailde gisteren: bereik me via noor.v@hotmail.com", [("email", "noor.v@hotmail.com")]),
        ("tim heeft geappt: mijn nummer is 0687654321", [("phone", "0687654321")]),  # a perfect tense
        ("fw van lisa: mijn nummer is 0612345678", [("phone", "0612345678")]),  # passed on by a noun
        ("[12:03] Sanne: mijn nummer is 0612345678", [("phone", "0612345678")]),  # a pasted chat line
        ("zoals ik al had gezegd: mijn nummer is 0612345678", []),
        ("[update] mijn nummer is 0612345678", []),  # a tag, not a speaker
        # a Dutch genitive written without an apostrophe
        ("Tims adres is Breestraat 44", [("address", "Breestraat 44")]),
        ("brams adres: Kerkstraat 12", [("address", "Kerkstraat 12")]),
        ("ons adres is Breestraat 44", []),
        ('volgens sem: "ik woon op Breestraat 12"', [("address", "Breestraat 12")]),
        # A name ending in s takes a bare apostrophe as its possessive, also at the start of a sentence.
        ("Lars' adres is Breestraat 14", [("address", "Breestraat 14")]),
        ("Kees' postcode is 2311 CS", [("postcode", "2311 CS")]),
        ("Chris' address is 14 Mill Lane", [("address", "14 Mill Lane")]),
        # A name and a preposition before a street are no part of it (the span is the street and number).
        ("tim woont bij Lisa op de Kerkstraat 12", [("address", "Kerkstraat 12")]),
        ("sem woont aan de Laan op Zuid 5", [("address", "Laan op Zuid 5")]),
        # The writer's own words stay theirs, also with a word between subject and verb.
        ("zoals ik al zei: mijn nummer is 0612345678", []),
        ("I already told you: my number is 0612345678", []),
    ],
)
def test_words_passed_on_and_possessives_with_a_bare_apostrophe_are_someone_elses(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "r = 0.612345678",  # a decimal fraction is no number to call
        "x = 3.0612345678",
        "kans = .0612345678",
        "bijv. 0612345678",
        "kamer van dr Jansen: 071 527 2727",
        "lisa gaf toestemming, haar nummer is 0612345678",
        "sharing with sarah's consent: 0612345678",
        "0.712345678 is de p-waarde",
        "mean: 0.6123456789, sd 0.0712345678",
        "de correlatie was -0,6543210987",
        # examples and placeholders: an example word in the detail's clause, an example domain, or a name
        # made of placeholder names
        "vervang s1234567 door je eigen studentnummer",
        "vul bij telefoon gewoon 0612345678 in als voorbeeld",
        "gebruik voornaam.achternaam@umail.leidenuniv.nl als login",
        "e.g. john.doe@example.com in the form",
        "write it like this, for example: jane.smith@example.org",
        "in de casus staat een nep-IBAN, bijvoorbeeld NL91ABNA0417164300",
        # a name after a staff title is staff's: their office number is public at work
        "het kantoor van prof Bakker is 071 527 4444",
        "mail docent Jansen: j.jansen@hum.leidenuniv.nl",
        # a case study's people are nobody
        "in de casus woont mevrouw De Groot op de Kerkstraat 12",
        "in the case study, Mr Smith lives at 12 Mill Lane",
        # the writer's own: a mark pointing at the detail, a new detail announced without "ik"
        "06-12345678 <- ik",
        "0687654321 = ik",
        "nummer gewijzigd, nieuw: 0612345678",
        "heb een nieuwe telefoon, 0612345678",
        "changed my number: 0612345678",
        # the person's consent, said anywhere in the message
        "this is lisa's number: 0612345678, she said it's fine to share",
        "met toestemming van bram: 0623456789",
        "noor zei dat ik haar nummer mocht doorgeven: 0612345678",
        "sharing with his permission: jake.b@gmail.com",
    ],
)
def test_decimals_examples_and_details_shared_with_consent_are_left_alone(
    signals: Signals, text: str
) -> None:
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zonder toestemming: lisa 0612345678", [("phone", "0612345678")]),  # consent denied
        # consent asked for, not given; "nep" and "fake" that do not describe the detail
        ("Ik vroeg haar om toestemming maar ze reageert niet: 0612345678", [("phone", "0612345678")]),
        ("mag ik haar nummer delen? 0612345678", [("phone", "0612345678")]),
        ("wat een nep gedoe, bel lisa 0612345678", [("phone", "0612345678")]),
        ("fake news lol, lisa's number is 0612345678", [("phone", "0612345678")]),
        # consent about something else, in another sentence, or the writer's own say-so; an example word
        # that is no example of this detail, negated, or before a detail whose owner is named
        ("lisa vindt het goed dat we later beginnen. haar nummer is 0612345678", [("phone", "0612345678")]),
        ("i said it's fine, here's her number: 0612345678", [("phone", "0612345678")]),
        ("met toestemming van niemand: 0612345678 (lisa)", [("phone", "0612345678")]),
        ("bijvoorbeeld: lisa's nummer is 0612345678", [("phone", "0612345678")]),
        ("haha geen nepnummer hoor, dit is echt bram zijn nummer: 0622334455", [("phone", "0622334455")]),
        ("worst case scenario bellen we lisa: 0612345678", [("phone", "0612345678")]),
        ("0612345678 <- ik heb lisa's nummer gevonden", [("phone", "0612345678")]),
        ("de zoon van prof Bakker: 0687654321", [("phone", "0687654321")]),  # staff's family: private
        ("0612345678 <- Bram", [("phone", "0612345678")]),  # pointed at someone else
        ("zijn iban is NL91-ABNA-0417-1643-00", [("iban", "NL91-ABNA-0417-1643-00")]),  # grouped by dashes
        ("lisa heeft een nieuw nummer: 0612345678", [("phone", "0612345678")]),  # someone else's new one
        ("he's not ok with it but here: 0612345678 (tom)", [("phone", "0612345678")]),
        ("bsn van lisa, met toestemming: 111222333", [("bsn", "111222333")]),  # never a BSN
        ("het mailadres van Tom is tom.devries@example.nl", [("email", "tom.devries@example.nl")]),
        ("bel lisa: 06.12.34.56.78", [("phone", "06.12.34.56.78")]),  # dotted groups are a phone number
        (
            "bel bram 0612345678, hij werkt bij Jansen BV",
            [("phone", "0612345678")],
        ),  # BV: a company, no "bv."
        ("het privénummer van prof Bakker is 0612345678", [("phone", "0612345678")]),  # staff, but private
    ],
)
def test_consent_denied_a_bsn_a_real_domain_and_dotted_numbers_still_count(
    signals: Signals, text: str, expected: list[tuple[str, str]]
) -> None:
    assert privacy(signals, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "set.seed(0612345678) voor de bootstrap",
        "v <- c(0687654321, 3)",
        "y = [0612345678, 0698765432]",
        "de uitkomst was 0612345678, klopt dat?",
        "checksum: 0687654321",
        "ik kreeg 0612345678 als antwoord bij 2b",
        "bel 071 527 8011 voor vragen over het rooster",
        "het algemene nummer van de faculteit: 071-5271111",
        "emergency number on campus: 071 527 6666",
        "mijn privé nummer is 0612345678",
        "my personal email is jdevries88@kpnmail.nl",
    ],
)
def test_a_value_in_code_a_service_number_and_ones_own_private_detail_are_no_concern(
    signals: Signals, text: str
) -> None:
    # The kinds of a fresh tester's finds (docs/signals.md, Privacy): a number a computation gives, a
    # number given for questions or emergencies, and "private" after the writer's own "mijn"/"my".
    assert privacy(signals, text) == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("het bsn van Sanne is 123.456.782", ("bsn", "123.456.782")),
        ("Tom's BSN: 123-456-782", ("bsn", "123-456-782")),
        ("stort het op de rekening van Jonas, BE68 5390 0754 7034", ("iban", "BE68 5390 0754 7034")),
        ("het gsm-nummer van Jonas is 0478/12.34.56", ("phone", "0478/12.34.56")),
        ("bel Jonas op 0478/123456", ("phone", "0478/123456")),
        ("bel Lisa voor vragen over de opdracht: 0612345678", ("phone", "0612345678")),
        ("het privénummer van de docent is 0612345678", ("phone", "0612345678")),
        ("mijn collega's privénummer is 0612345678", ("phone", "0612345678")),
    ],
)
def test_details_in_belgian_and_separated_forms_and_someone_elses_private_one(
    signals: Signals, text: str, detail: tuple[str, str]
) -> None:
    assert privacy(signals, text) == [detail]


@pytest.mark.parametrize(
    ("text", "mine"),
    [
        ("mijn snr is s1234567", True),
        ("my student id is s1234567", True),
        ("mijn studnr: s1234567", True),
        ("zijn snr is s1234567", False),
        ("het snr van Lisa is s1234567", False),
    ],
)
def test_a_number_word_written_short_says_whose_student_number_it_is(
    signals: Signals, text: str, mine: bool
) -> None:
    # "snr", "studnr" and "student id" name the number as "studentnummer" does: after "mijn" the writer's
    # own, which is theirs to share (a fresh tester's find); after anyone else's, still a concern.
    assert privacy(signals, text) == ([] if mine else [("student_number", "s1234567")])
