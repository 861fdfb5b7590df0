"""The nudge policy on real analyses and the real campaign pack, in both languages."""

from __future__ import annotations

import pytest

from samen.bot.nudge import Nudge, NudgeMode, decide_nudge, decide_window_nudge
from samen.content import load_pack
from samen.signals import Finding, Signals, Turn


def url(code: str, number: int) -> str:
    return f"https://samen.example/{code}/dos/#do-{number}"


def nudge_for(
    signals: Signals, text: str, lang: str = "nl", mode: NudgeMode = NudgeMode.AUTHOR
) -> Nudge | None:
    return decide_nudge(signals.analyze(text), load_pack().language(lang), mode=mode, do_url=url)


def test_threat_nudges_the_author_and_tells_the_admins(signals: Signals) -> None:
    nudge = nudge_for(signals, "ik maak je af")
    assert nudge is not None
    assert (nudge.do, nudge.severity, nudge.audience, nudge.notify_admins) == (1, "high", "author", True)
    assert load_pack().language("nl").do(1).title in nudge.message
    assert url("nl", 1) in nudge.message
    assert nudge.admin_message is not None and "maak" not in nudge.admin_message


def test_sexual_harassment_links_the_faq_and_reaches_admins(signals: Signals) -> None:
    nudge = nudge_for(signals, "send nudes", lang="en")
    assert nudge is not None and nudge.notify_admins
    entry = load_pack().language("en").faq_topic("sexual-harassment")
    assert entry is not None and entry.link is not None
    assert entry.question in nudge.message and entry.link in nudge.message


def test_identity_attack_names_the_matching_faq_entry(signals: Signals) -> None:
    nudge = nudge_for(signals, "homo's zijn ziek")
    assert nudge is not None and not nudge.notify_admins
    entry = load_pack().language("nl").faq_topic("homophobia-transphobia")
    assert entry is not None and entry.question in nudge.message


def test_insult_names_both_dos_in_english(signals: Signals) -> None:
    nudge = nudge_for(signals, "you are such an idiot", lang="en")
    assert nudge is not None
    local = load_pack().language("en")
    assert local.do(1).title in nudge.message and local.do(2).title in nudge.message
    assert nudge.audience == "author" and not nudge.notify_admins


def test_privacy_points_to_the_privacy_do(signals: Signals) -> None:
    nudge = nudge_for(signals, "het bsn van Sanne is 123456782")
    assert nudge is not None and nudge.do == 4 and nudge.severity == "high"
    assert "123456782" not in nudge.message


@pytest.mark.parametrize(
    "text",
    [
        "homo's zijn niet ziek",
        "ik ben zo'n sukkel",
        "we gaan die deadline killen",
        "kanker, mijn laptop crasht",
    ],
)
def test_no_nudge_for_harmless_twins_or_profanity_alone(signals: Signals, text: str) -> None:
    assert nudge_for(signals, text) is None


def test_modes(signals: Signals) -> None:
    assert nudge_for(signals, "jij sukkel", mode=NudgeMode.OFF) is None
    quiet = nudge_for(signals, "jij sukkel")
    loud = nudge_for(signals, "jij sukkel", mode=NudgeMode.ADMINS)
    assert quiet is not None and not quiet.notify_admins
    assert loud is not None and loud.notify_admins and loud.admin_message


def test_as_dict_is_the_classify_shape(signals: Signals) -> None:
    nudge = nudge_for(signals, "jij sukkel")
    assert nudge is not None
    assert set(nudge.as_dict()) == {"do", "severity", "audience", "message"}


def test_heat_reminds_the_group_of_do_7(signals: Signals) -> None:
    lines = [
        ("a", "jij snapt er echt niks van"),
        ("b", "JIJ LIEGT GEWOON!!"),
        ("a", "waarom doe je altijd zo?? jouw schuld"),
        ("b", "HOU JE BEK SUKKEL"),
        ("a", "jij bent echt een idioot!!!"),
        ("b", "JIJ ALTIJD MET JE ONZIN!!!"),
        ("a", "rot op, eikel"),
    ]
    window = [Turn(author, text, at=100.0 + 10 * i) for i, (author, text) in enumerate(lines)]
    findings = signals.assess_window(window)
    assert [f.kind for f in findings] == ["heat"]
    nudge = decide_window_nudge(findings, load_pack().language("nl"), do_url=url)
    assert nudge is not None and (nudge.do, nudge.audience) == (7, "group")
    assert load_pack().language("nl").do(7).title in nudge.message


def test_a_calm_busy_chat_is_not_heat(signals: Signals) -> None:
    lines = [
        "wie heeft de slides?",
        "ik!",
        "top, dank je",
        "hoe laat begint het college?",
        "om 9 uur",
        "thanks",
    ]
    window = [Turn(f"u{i % 4}", text, at=10.0 * i) for i, text in enumerate(lines)]
    assert signals.assess_window(window) == ()


def test_shouting_for_joy_is_not_heat(signals: Signals) -> None:
    lines = ["JAAA GESLAAGD!!!", "GEFELICITEERD!!!", "DANK JE!!!", "WAT GOED ZEG!!!", "FEESTJE!!!", "JAAA!!!"]
    window = [Turn("ab"[i % 2], text, at=5.0 * i) for i, text in enumerate(lines)]
    assert signals.assess_window(window) == ()


def test_language_mix_suggests_english_to_admins(signals: Signals) -> None:
    lines = [
        ("a", "hoi allemaal, wie heeft de aantekeningen van het college?"),
        ("b", "ik heb ze, ik stuur ze zo"),
        ("c", "sorry, I don't speak Dutch, what are you talking about?"),
        ("a", "we hebben het over de aantekeningen"),
        ("c", "could someone share the notes with me too?"),
        ("b", "ja hoor, ik zet ze in de map"),
    ]
    window = [Turn(author, text, at=60.0 * i) for i, (author, text) in enumerate(lines)]
    findings = signals.assess_window(window)
    assert [f.kind for f in findings] == ["language_mix"]
    local = load_pack().language("nl")
    nudge = decide_window_nudge(findings, local, do_url=url)
    assert nudge is not None and nudge.audience == "admins" and nudge.notify_admins
    assert local.text.guide.language in nudge.message


def test_window_nudge_none_without_findings() -> None:
    assert decide_window_nudge((), load_pack().language("en"), do_url=url) is None
    weak = Finding("heat", None, 0.2, "weak", None)
    assert decide_window_nudge((weak,), load_pack().language("en"), do_url=url) is None


def test_window_readings_keep_no_text(signals: Signals) -> None:
    window = [Turn("a", "een bericht dat niet bewaard mag worden", 1.0), Turn("b", "ok", 2.0)]
    signals.assess_window(window)
    assert all(isinstance(key, int) for key in signals._readings)
    assert not any(isinstance(v, str) and "bewaard" in v for r in signals._readings.values() for v in r)


HEATED_EN = [
    ("a", "why do you always skip the meetings?"),
    ("b", "I DONT, you never tell us when they are!!"),
    ("a", "thats a lie and you know it"),
    ("b", "YOU are the one who ruined the report"),
    ("a", "shut up, you are so useless"),
    ("b", "WHY ARE YOU ALWAYS LIKE THIS?!"),
    ("a", "your fault, not mine!!!"),
]


def test_heat_in_english_needs_pace(signals: Signals) -> None:
    fast = [Turn(author, text, at=10.0 * i) for i, (author, text) in enumerate(HEATED_EN)]
    assert [f.kind for f in signals.assess_window(fast)] == ["heat"]
    # The same words an hour apart are no heated exchange.
    slow = [Turn(author, text, at=600.0 * i) for i, (author, text) in enumerate(HEATED_EN)]
    assert signals.assess_window(slow) == ()


def test_the_nudge_speaks_the_messages_language_and_the_admins_the_groups(signals: Signals) -> None:
    english = load_pack().language("en")
    nudge = nudge_for(signals, "you're such an idiot, nobody wants you here", lang="nl")
    assert nudge is not None and english.do(1).title in nudge.message
    assert "Hoi" not in nudge.message
    threat = nudge_for(signals, "I know where you live and I will kill you", lang="nl")
    assert threat is not None and english.do(1).title in threat.message
    dutch = load_pack().language("nl")
    assert threat.admin_message is not None and dutch.do(1).title in threat.admin_message
    # Each text links the Do in its own language, and the nudge says which language it speaks.
    assert (threat.lang, url("en", 1) in threat.message, url("nl", 1) in threat.admin_message) == (
        "en",
        True,
        True,
    )


@pytest.mark.parametrize(
    "text", ["get over it, you idiot", "nice ass, wanna come over tonight?", "shut up, idiot"]
)
def test_a_short_english_line_with_a_dutch_looking_word_gets_an_english_nudge(
    signals: Signals, text: str
) -> None:
    # "over" is a Dutch function word too; the words' frequencies settle a line with fewer than two.
    nudge = nudge_for(signals, text, lang="nl")
    assert nudge is not None and nudge.message.startswith("Hi! Your message")


@pytest.mark.parametrize(
    "text",
    ["lisa's number is 0612345678", "call ben at 0687654321 pls", "here's tom's email tom.b@gmail.com"],
)
def test_a_short_english_message_sharing_a_detail_gets_an_english_nudge(signals: Signals, text: str) -> None:
    nudge = nudge_for(signals, text, lang="nl")
    assert nudge is not None and nudge.message.startswith(
        "Hi! Your message seems to contain personal details"
    )


def test_the_privacy_nudge_names_every_kind_of_detail_and_a_bsn_gets_its_reason(signals: Signals) -> None:
    nudge = nudge_for(signals, "lisa 0612345678, woont op Breestraat 12 en haar mail is lisa.k@gmail.com")
    assert nudge is not None
    assert "(een telefoonnummer, een adres en een e-mailadres)" in nudge.message
    nudge = nudge_for(signals, "my bsn is 111222333", lang="en")
    assert nudge is not None and nudge.kind == "privacy" and nudge.severity == "high"
    assert "Never share a BSN in a group, not even your own" in nudge.message
