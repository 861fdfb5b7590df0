"""The campaign pack: the Leiden content is complete and exact, and broken packs are reported line by line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from samen.content import DEFAULT_PACK, FAQ_TOPICS, check_pack, contact_warnings, load_pack
from samen.errors import InputError, PackError

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_73e1b4af15f146b3.txt"


def squash(text: str) -> str:
    """Compare texts with white space aside, as the seed's PDF extraction breaks lines anywhere."""
    return re.sub(r"\s+", " ", text).strip()


def seed_dos() -> list[str]:
    """The eight Do's as they stand in the seed: the bullets between "Do’s:" and "Het doel is"."""
    text = SEED.read_text(encoding="utf-8")
    block = text[text.index("Do’s: ") : text.index("Het doel is")]
    return [squash(item) for item in block.split("•")[1:]]


@pytest.mark.skipif(not SEED.exists(), reason="the seed lives in ../shared beside the clone")
def test_dutch_dos_are_the_seeds_character_for_character() -> None:
    dutch = load_pack().language("nl")
    assert [squash(d.text) for d in dutch.dos] == seed_dos()


def test_pack_has_eight_numbered_dos_with_stable_ids_in_both_languages() -> None:
    pack = load_pack()
    assert pack.languages == ("nl", "en")
    for code in pack.languages:
        local = pack.language(code)
        assert [d.number for d in local.dos] == list(range(1, 9))
        assert [d.id for d in local.dos] == [
            "respect",
            "real-person",
            "feelings",
            "privacy",
            "responsibility",
            "point-to-dos",
            "phone-away",
            "support",
        ]
        assert all(d.title and d.text for d in local.dos)


def test_english_is_marked_as_a_translation_of_the_dutch_original() -> None:
    pack = load_pack()
    assert not pack.language("nl").is_translation
    assert pack.language("en").text.translation_of == "nl"


def test_every_faq_question_of_the_seed_is_in_the_pack() -> None:
    dutch = load_pack().language("nl")
    questions = [e.question for e in dutch.faq]
    for expected in [
        "Waarom is deze campagne er?",
        "Academische vrijheid en vrijheid van meningsuiting",
        "Wat kan ik antwoorden bij vragen over de campagne?",
        "Wat is discriminatie?",
        "Wat is seksisme?",
        "Wat is racisme?",
        "Wat is validisme?",
        "Wat is homofobie? Wat is transfobie?",
        "Waar kan ik meer leren over dit onderwerp?",
        "Wat verstaan we onder seksueel ongewenst gedrag?",
    ]:
        assert expected in questions
    assert (
        "Islamofobie, antisemitisme en xenofobie zijn vormen van racisme."
        in dutch.faq_topic("racisme").answer
    )


def test_every_bot_faq_topic_is_found_by_its_word_in_both_languages() -> None:
    pack = load_pack()
    for topic in FAQ_TOPICS:
        for code in pack.languages:
            entry = pack.language(code).faq_topic(topic)
            assert entry is not None and entry.topic == topic
    assert pack.language("nl").faq_topic("Racisme").id == "racism"
    assert pack.language("en").faq_topic("ableism").id == "validism"
    assert pack.language("nl").faq_topic("voetbal") is None


def test_support_routes_name_the_seeds_contacts() -> None:
    dutch = load_pack().language("nl")
    routes = {r.id: r for r in dutch.support}
    assert set(routes) >= {
        "group-admin",
        "study-adviser",
        "programme-chair",
        "confidential-counsellor",
        "diversity-office",
        "student-wellbeing",
        "campaign-page",
    }
    assert routes["diversity-office"].email == "diversiteit@leidenuniv.nl"
    assert routes["student-wellbeing"].email == "studentwellbeing@sea.leidenuniv.nl"
    assert routes["campaign-page"].link is not None and routes["campaign-page"].link.startswith("https://")


def test_every_support_route_has_a_contact_except_the_one_the_pack_says_it_lacks() -> None:
    """Each route names a page, an e-mail address or a phone number in every language, or is the group's own
    admin; the programme chair has no public address we could confirm, so the pack reaches them through the
    study adviser and ``contact_warnings`` names it."""
    pack = load_pack()
    for code in pack.languages:
        for route in pack.language(code).support:
            assert route.has_contact or route.in_group or route.via, (code, route.id)
            if route.link:
                assert "?cf=" not in route.link and "&cd=" not in route.link
    _, _, source = check_pack(pack.path)
    warnings = contact_warnings(pack, source)
    assert [w.field for w in warnings] == ["support.2"]
    assert "programme-chair" in warnings[0].message and warnings[0].line > 0


def test_each_language_gets_the_campaign_page_in_that_language() -> None:
    pack = load_pack()
    assert pack.language("en").campaign_url.startswith("https://www.student.universiteitleiden.nl/en/")
    assert pack.language("nl").campaign_url == pack.spec.links["campaign"]
    assert pack.language("en").fill("{dos_link}") == pack.language("en").campaign_url


def test_a_route_without_any_contact_is_warned_about(tmp_path: Path) -> None:
    text = load_pack().path.read_text(encoding="utf-8")
    text = text.replace(
        "  - {id: diversity-office, email: diversiteit@leidenuniv.nl}", "  - {id: diversity-office}"
    )
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    pack, problems, source = check_pack(path)
    assert pack is not None and not problems
    fields = [w.field for w in contact_warnings(pack, source)]
    assert fields == ["support.2", "support.5"]


def test_intro_template_fills_the_group_and_the_admins_own_text() -> None:
    dutch = load_pack().language("nl")
    plain = dutch.fill(dutch.text.intro, group=dutch.group("whatsapp"))
    assert plain.startswith(
        "Welkom in deze WhatsApp-groep. Samen dragen we zorg voor een fijne, veilige leeromgeving"
    )
    assert "binnen de Universiteit Leiden" in plain
    assert not plain.endswith("\n")
    # The seed's welcome is an example to adapt: the admin's own words come first.
    own = dutch.fill(dutch.text.intro, group="deze groep", admin_text="Hoi allemaal! Ik ben Marieke.")
    assert own.startswith("Hoi allemaal! Ik ben Marieke.\n\nWelkom in deze groep.")


@pytest.mark.parametrize(
    ("lang", "typed", "name"),
    [
        ("nl", "dit bestuur", "dit bestuur"),
        ("nl", "deze  werkgroep ", "deze werkgroep"),
        ("nl", "Onze studievereniging", "Onze studievereniging"),
        ("en", "seminar", "this seminar"),
        ("en", "our study group", "our study group"),
        ("en", "", "this WhatsApp group"),
        # a possessive is a determiner too: "Welcome to my tutorial group", never "this my tutorial group"
        ("en", "my tutorial group", "my tutorial group"),
        ("en", "your study group", "your study group"),
        # a proper name takes no article in English: "Welcome to Leiden Law Society"
        ("en", "Leiden Law Society", "Leiden Law Society"),
        ("en", "Sociology 101", "Sociology 101"),
        ("nl", "mijn werkgroep", "mijn werkgroep"),
        ("nl", "jullie mentorgroep", "jullie mentorgroep"),
    ],
)
def test_a_group_name_fits_the_welcome_with_its_article(lang: str, typed: str, name: str) -> None:
    assert load_pack().language(lang).group_name("whatsapp", typed) == name


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("bestuur", "dit bestuur"),
        ("werkgroep", "deze werkgroep"),
        ("mentorgroep", "deze mentorgroep"),
        ("werkgroep Recht 2", "deze werkgroep Recht 2"),
        ("Studievereniging Leiden", "deze Studievereniging Leiden"),
        ("hoorcollege", "dit hoorcollege"),
        ("seminar", "dit seminar"),
        ("Tutorial group", "deze Tutorial group"),
    ],
)
def test_a_dutch_group_name_gets_the_article_its_noun_takes(typed: str, name: str) -> None:
    """ "deze bestuur" and "dit werkgroep" came from dropping a noun into a fixed "deze"/"dit". A teacher
    types "werkgroep": the pack knows which article the nouns of groups take, and a compound takes its last
    part's ("mentorgroep" as "groep"), so the name fits the sentence without asking (issue 11)."""
    assert load_pack().language("nl").group_name("teams", typed) == name


@pytest.mark.parametrize("typed", ["Kwak", "LAPP-Top 2026"])
def test_a_dutch_group_name_whose_noun_is_unknown_is_asked_with_its_article(typed: str) -> None:
    """Only the writer knows the article of a word the pack does not know: they are asked, never guessed."""
    with pytest.raises(InputError) as caught:
        load_pack().language("nl").group_name("teams", typed)
    assert caught.value.key == "input.group_article"


def test_unknown_language_and_do_numbers_are_user_errors() -> None:
    pack = load_pack()
    with pytest.raises(InputError, match="nl, en"):
        pack.language("de")
    for number in (0, 9, -1):
        with pytest.raises(InputError):
            pack.language("nl").do(number)


# --- broken packs: each problem on one line with file, line and field -------------------------------------


def write_variant(tmp_path: Path, change: str) -> Path:
    """The Leiden pack with one textual change applied (so the line numbers are realistic)."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    old, new = change.split(" => ")
    assert old in text, old
    path = tmp_path / "pack.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


def problems_of(path: Path) -> list[str]:
    pack, problems, _ = check_pack(path)
    assert pack is None
    return [str(p) for p in problems]


def test_a_do_without_text_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path,
        "        text: Respecteer elkaars privacy. Deel alleen persoonlijke informatie van iemand na "
        "instemming. => ",
    )
    found = problems_of(path)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:")
    assert "languages.nl.dos.privacy" in found[0]
    line = int(found[0].split(":")[1])
    assert line in (line_of(path, "      privacy:"), line_of(path, "      privacy:") + 1)


def test_an_empty_do_text_is_reported(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path, "        text: Wijs elkaar indien nodig op deze Do’s. => " + "        text: ''"
    )
    (problem,) = problems_of(path)
    assert "languages.nl.dos.point-to-dos.text: is empty" in problem
    assert problem.split(":")[1] == str(line_of(path, "text: ''"))


def test_a_language_missing_a_translation_is_reported(tmp_path: Path) -> None:
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    del data["languages"]["en"]["faq"]["racism"]
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (problem,) = problems_of(path)
    assert "languages.en.faq.racism: missing: no en text for faq 'racism'" in problem
    assert int(problem.split(":")[1]) > 0


def test_an_unknown_placeholder_is_reported_with_the_known_ones(tmp_path: Path) -> None:
    path = write_variant(tmp_path, "Welkom in {group}. Samen => Welkom in {groepstype}. Samen")
    (problem,) = problems_of(path)
    assert "languages.nl.intro: unknown placeholder {groepstype}" in problem
    assert "{group}" in problem
    assert problem.split(":")[1] == str(line_of(path, "    intro: |-"))


def test_yaml_syntax_errors_and_unknown_fields_are_problems_not_tracebacks(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: 1\nid: [unclosed\n", encoding="utf-8")
    (problem,) = problems_of(broken)
    assert "not valid YAML" in problem
    unknown = write_variant(tmp_path, "pack: 1 => pack: 1\nmascot: owl")
    assert any("mascot: unknown field" in p for p in problems_of(unknown))


def test_load_pack_raises_pack_error_with_every_problem(tmp_path: Path) -> None:
    path = write_variant(tmp_path, "default_language: nl => default_language: fr")
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert [p.field for p in caught.value.problems] == ["default_language"]


def test_unreadable_pack_files_are_input_errors(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("naïef".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        check_pack(latin1)
    with pytest.raises(InputError, match="no such file"):
        check_pack(tmp_path / "missing.yaml")


# --- what YAML lets through silently: refused at its own line, with a hint -----------------------------


def test_a_key_given_twice_is_refused_with_both_lines(tmp_path: Path) -> None:
    title = f"        title: {load_pack().language('nl').dos[0].title}\n"
    path = write_variant(tmp_path, f"{title} => {title}        title: Wees aardig\n")
    first = line_of(path, title.strip())
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:{first + 1}: languages.nl.dos.respect.title: ")
    assert f"lines {first} and {first + 1}" in problem


def test_a_second_language_block_is_refused_not_silently_used(tmp_path: Path) -> None:
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    english = text[text.index("\n  en:\n") :]
    path = tmp_path / "pack.yaml"
    path.write_text(text + english.replace("\n  en:\n", "\n  nl:\n", 1), encoding="utf-8")
    problems = problems_of(path)
    assert any("languages.nl: 'nl' is given twice" in p for p in problems), problems


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "1", "2024-01-01", "null"])
def test_a_key_yaml_reads_as_no_text_is_reported_at_its_own_line_with_the_hint_to_quote_it(
    tmp_path: Path, word: str
) -> None:
    path = write_variant(tmp_path, "\n  en:\n => " + f"\n  {word}:\n")
    (problem,) = problems_of(path)
    assert problem.split(":")[1] == str(line_of(path, f"  {word}:"))
    assert f": languages.{word}: " in problem
    assert f"'{word}':" in problem and "quotes" in problem


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            "        title: Achter elk scherm een mens => "
            + '        title: "Achter elk\\a scherm een mens"',
            "languages.nl.dos.real-person.title",
        ),
        (
            "    campaign: Sociale veiligheid in de online leeromgeving => "
            + '    campaign: "Sociale\\x00 veiligheid in de online leeromgeving"',
            "languages.nl.campaign",
        ),
        ("    name: Nederlands => " + '    name: "Neder\\x1blands"', "languages.nl.name"),
    ],
)
def test_a_control_character_in_any_text_of_the_pack_is_refused(
    tmp_path: Path, change: str, field: str
) -> None:
    path = write_variant(tmp_path, change)
    problems = problems_of(path)
    assert any(f"{field}: holds a control character (U+" in p for p in problems), problems


def test_the_shipped_packs_stay_valid() -> None:
    for path in sorted(DEFAULT_PACK.parent.glob("*.yaml")):
        pack, problems, _ = check_pack(path)
        assert pack is not None and problems == [], problems


# --- campaign facts: which Do a signal concerns, which routes a situation leads to -----------------------


def test_the_pack_says_which_dos_cover_a_signal_and_which_faq_answers_it() -> None:
    local = load_pack().language("en")
    assert [d.id for d in local.dos_for("insult")] == ["respect", "real-person"]
    assert [d.id for d in local.dos_for("heat")] == ["phone-away"]
    assert [d.id for d in local.dos_for("privacy")] == ["privacy"]
    assert local.faq_for("identity_attack", "religion") == local.faq_topic("racism")
    assert local.faq_for("sexual") == local.faq_topic("sexual-harassment")
    assert local.faq_for("insult") is None


def test_the_pack_says_which_routes_each_help_situation_leads_to() -> None:
    local = load_pack().language("nl")
    unwanted = next(s for s in local.situations if s.id == "unwanted")
    assert [r.id for r in unwanted.routes] == ["confidential-counsellor", "study-adviser", "campaign-page"]
    assert unwanted.routes[0].name == local.support[3].name


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            "{id: privacy, signals: [privacy], icon: lock} => {id: privacy, signals: [gossip], icon: lock}",
            "dos.3.signals.0",
            "unknown signal kind 'gossip'",
        ),
        (
            "signals: [racism, religion]} => signals: [racism, politics]}",
            "faq.6.signals.1",
            "unknown signal kind or subtype 'politics'",
        ),
        (
            "{id: learn, routes: [diversity-office]} => {id: learn, routes: [diversity-ofice]}",
            "situations.4.routes.0",
            "unknown support route 'diversity-ofice'",
        ),
        (
            "{id: learn, routes: [diversity-office]} => {id: training, routes: [diversity-office]}",
            "languages.nl.situations.training",
            "needs a label in nl",
        ),
    ],
)
def test_wrong_campaign_facts_are_reported_at_their_line(
    tmp_path: Path, change: str, field: str, message: str
) -> None:
    path = write_variant(tmp_path, change)
    problems = problems_of(path)
    assert any(f": {field}: " in p and message in p for p in problems), problems
    located = next(p for p in problems if f": {field}: " in p)
    assert int(located.split(":")[1]) > 0


def test_a_pack_without_the_campaign_facts_stays_valid(tmp_path: Path) -> None:
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    text = re.sub(r", signals: \[[^\]]*\]", "", text)
    text = re.sub(r"situations:\n(  - .*\n)+", "", text)
    path = tmp_path / "older.yaml"
    path.write_text(text, encoding="utf-8")
    pack, problems, _ = check_pack(path)
    assert pack is not None and problems == []
    assert pack.language("nl").situations == ()


def test_each_translated_problem_says_in_english_what_its_english_message_says(tmp_path: Path) -> None:
    from samen.content import describe_problem

    path = write_variant(
        tmp_path,
        "      respect:\n        title: Iedereen hoort erbij\n => "
        '      respect:\n        title: "Iedereen\\a hoort erbij"\n        title: Tweede\n',
    )
    problems = check_pack(path)[1]
    problems += check_pack(write_variant(tmp_path, "\n  en:\n => \n  no:\n"))[1]
    for change in (
        "{id: learn, routes: [diversity-office]} => {id: training, routes: [diversity-ofice]}",
        "{id: privacy, signals: [privacy], icon: lock} => {id: privacy, signals: [gossip], icon: lock}",
    ):
        problems += check_pack(write_variant(tmp_path, change))[1]
    keyed = [p for p in problems if p.key]
    assert {p.key for p in keyed} >= {
        "pack.twice",
        "pack.not_text_key",
        "pack.unknown_route",
        "pack.unknown_signal",
    }
    for problem in keyed:
        assert describe_problem(problem, "en") == str(problem)
        assert describe_problem(problem, "nl") != str(problem)


def test_a_routes_words_for_a_platform_must_name_a_platform(tmp_path: Path) -> None:
    """``support.<route>.platforms`` gives a setting its own words (the lecturer of a course); a key that is
    no platform would never be used, so it is reported at its line."""
    text = load_pack().path.read_text(encoding="utf-8")
    assert text.count("          brightspace:\n            name: De docent van deze cursus") == 1
    text = text.replace(
        "          brightspace:\n            name: De docent van deze cursus",
        "          blackboard:\n            name: De docent van deze cursus",
    )
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems, _ = check_pack(path)
    assert [p.field for p in problems] == ["languages.nl.support.group-admin.platforms.blackboard"]
    assert "'blackboard' is not a platform" in problems[0].message


def test_a_lecture_and_a_course_name_the_lecturer_where_a_chat_names_the_admin() -> None:
    for code in ("nl", "en"):
        local = load_pack().language(code)
        chat = {r.id: r for r in local.support_on("whatsapp")}
        for platform in ("teams", "kaltura", "brightspace"):
            routes = {r.id: r for r in local.support_on(platform)}
            assert routes["group-admin"].name != chat["group-admin"].name
            assert ("docent" if code == "nl" else "lecturer") in routes["group-admin"].name
            # Only the words change: every other route, and every address, is the same.
            assert {k: v for k, v in routes.items() if k != "group-admin"} == {
                k: v for k, v in chat.items() if k != "group-admin"
            }
        assert local.support_on("whatsapp") == local.support


@pytest.mark.parametrize(
    ("lang", "typed", "key"),
    [
        ("nl", "this seminar", "input.group_other_language"),  # was "Welkom bij dit this seminar"
        ("nl", "the study group", "input.group_other_language"),  # was "Welkom in deze the study group"
        ("nl", "a group", "input.group_other_language"),
        ("en", "deze werkgroep", "input.group_other_language"),  # was "Welcome to this deze werkgroep"
        ("en", "het bestuur", "input.group_other_language"),
        ("en", "een werkgroep", "input.group_other_language"),
        ("nl", "deze", "input.group_article_only"),  # was "Welkom in deze."
        ("nl", "Dit", "input.group_article_only"),
        ("en", "this", "input.group_article_only"),
        ("en", "a", "input.group_article_only"),
        ("nl", "een", "input.group_article_only"),
    ],
)
def test_a_group_name_with_another_languages_article_or_only_an_article_is_refused(
    lang: str, typed: str, key: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_pack().language(lang).group_name("whatsapp", typed)
    assert caught.value.key == key
    assert caught.value.params["example"] == load_pack().language(lang).group("whatsapp")


@pytest.mark.parametrize(
    ("lang", "typed", "name"),
    [
        ("en", "a group", "this group"),  # was "Welcome to this a group"
        ("en", "an online seminar", "this online seminar"),
        ("en", "A study group", "this study group"),
        ("nl", "een werkgroep", "deze werkgroep"),
        ("nl", "een bestuur", "dit bestuur"),
        ("en", "the study group", "the study group"),
        ("nl", "deze werkgroep", "deze werkgroep"),
    ],
)
def test_an_indefinite_article_gives_way_to_the_welcome_s_own(lang: str, typed: str, name: str) -> None:
    assert load_pack().language(lang).group_name("whatsapp", typed) == name


@pytest.mark.parametrize(
    "change",
    [
        "pack: 1 => pack: een",
        "pack: 1 => pack: 1\nmascot: owl",
        "default_language: nl\n => ",
        'primary: "#001158" => primary: blue',
        "routes: [confidential-counsellor, study-adviser, programme-chair] => routes: [counsellor]",
        "{id: sexism, topic: sexism, signals: [sexism]} => {id: sexism, topic: seksisme, signals: [sexism]}",
        "{id: racism, topic: racism => {id: sexism, topic: racism",
        "default_language: nl => default_language: fr",
        "  campaign: https://www.universiteitleiden.nl/ =>   campagne: https://www.universiteitleiden.nl/",
        "    link: campaign_students\n => \n    link: students\n",
        "student_number_pattern: '\\bs\\d{7}\\b' => student_number_pattern: '[s'",
        "    translation_of: nl => \n    translation_of: fr",
        "Welkom in {group}. Samen => Welkom in {group. Samen",
        "Welkom in {group}. Samen => Welkom in {groepstype}. Samen",
        "      platforms:\n        teams:\n          incidents: => "
        "      platforms:\n        zoom:\n          incidents:",
        "      en: https://www.student.universiteitleiden.nl/en/campaign/student-well-being/dignity-and-"
        "respect-in-online-learning-environment\n# Confidential => \n# Confidential",
        "  - {id: academic-freedom, topic: academic-freedom} => "
        "  - {id: academic-freedom, topic: [academic-freedom]}",
        "id: leiden => id: leiden\nlinks: [x",
        "id: leiden => id: leiden: universiteit",
        "pack: 1 => pack: 2",
        "{id: diversity-office, email: diversiteit@leidenuniv.nl} => {id: diversity-office, email: a}",
        'background: "#f6f4ee" => background: #f6f4ee',
        '        text: Wijs elkaar indien nodig op deze Do’s. =>         text: "Wijs elkaar\\nindien nodig"',
        '    name: Nederlands =>     name: "Nederlands',
        "{id: real-person, => {id: respect,",
    ],
)
def test_no_problem_of_a_pack_is_said_in_english_only(tmp_path: Path, change: str) -> None:
    """Each problem (the schema's, the cross-checks', a file that is no YAML) has its words in every
    language of the catalogue, and the Dutch ones are Dutch."""
    from samen.content import describe_problem, load_strings

    problems = check_pack(write_variant(tmp_path, change))[1]
    assert problems
    table = load_strings("errors").table
    for problem in problems:
        assert problem.key in table and {"nl", "en"} <= set(table[problem.key]), problem
        assert describe_problem(problem, "en") == str(problem)
        assert describe_problem(problem, "nl") != str(problem)


def test_a_guide_for_a_setting_says_what_the_setting_needs_and_keeps_the_rest() -> None:
    """``guide.platforms.<platform>`` gives a lecture and a course their own words; a chat keeps the guide."""
    for code in ("nl", "en"):
        local = load_pack().language(code)
        assert local.guide_on("whatsapp") == local.text.guide
        for platform in ("teams", "kaltura", "brightspace"):
            guide = local.guide_on(platform)
            assert guide.incidents != local.text.guide.incidents
            assert guide.model_dump(exclude={"incidents"}) == local.text.guide.model_dump(
                exclude={"incidents"}
            )
