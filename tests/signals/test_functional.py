"""Functional cases in Dutch and English: each harmful pattern next to its harmless twins."""

from __future__ import annotations

import pytest

from samen.signals import Signals, Turn
from samen.signals.corpora import own_examples
from samen.signals.evaluation import found_kinds

#: Shapes the learned cascade does not find yet (normative exclusion without an insulting word, a Dutch
#: curse phrase without a lexicon word, a vague Dutch threat idiom); docs/signals.md lists the weak
#: families. Not a rule per sentence.
KNOWN_GAP = "not learned yet: see the weak families in docs/signals.md"


def kinds(signals: Signals, text: str) -> set[str]:
    return {f.kind for f in signals.analyze(text).findings}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("jij sukkel, lees eerst de opdracht", "insult"),
        ("wat ben jij een idioot zeg", "insult"),
        ("k4nker lijer", "insult"),
        ("jij k a n k e r l i j e r", "insult"),
        ("jij kаnkerlijer", "insult"),  # Cyrillic а
        ("jij kan\u200bkerlijer", "insult"),
        ("je bent echt een debieeeeel", "insult"),
        ("you are such an idiooot", "insult"),
        # Shouting used to pull an insult down (the "exclaims" cue was learned from congratulations and
        # banter) until the grammar wrote harm with exclamation marks too.
        ("!!! you are such an idiot", "insult"),
        ("shut up, you worthless loser", "insult"),
        ("krijg de tering", "insult"),
        ("hij is echt een smeerlap", "insult"),  # gossip: an insult about a third person
        ("stelletje klootzakken, doe je deel", "insult"),
        ("jij stuk stront", "insult"),  # a known gap until the thirty-third round
        ("f*ck off, jij", "insult"),
        ("wat een hoertje is dat", "insult"),
        ("domme vrouwen ook altijd", "identity_attack"),
        ("vrouwen zijn dom", "identity_attack"),
        ("op een dag zullen we alle joden doden", "threat"),  # a threat against a group is a threat
        # Lost in the eighth round (0.44 against the threshold's 0.5): game banter of its shape, "ik krijg je
        # nog wel bij de volgende quiz", came into the everyday chat; docs/signals.md's known gaps.
        pytest.param("ik neem je nog wel te grazen", "threat", marks=pytest.mark.xfail(reason=KNOWN_GAP)),
        ("homo's zijn ziek", "identity_attack"),
        ("vrouwen horen in de keuken", "identity_attack"),  # a known gap until the thirty-third round
        ("ga terug naar je eigen land", "identity_attack"),
        ("kutmarokkaan", "identity_attack"),
        ("moslims zijn ongedierte", "identity_attack"),
        # Short lines about a group: the cheap stage scored them 0.35-0.39 and the gate did not send them on;
        # a line that names a group gets the second look when it scores GROUP_LOOK (docs/signals-rounds.md,
        # the sixteenth and seventeenth rounds).
        # The nineteenth model scored it 0.49 (the eighteenth 0.78); the twentieth 0.57.
        ("I hate women.", "identity_attack"),
        ("Ik haat vrouwen.", "identity_attack"),
        pytest.param(
            # The blend finds it (0.91); the gate does not send it on (cheap 0.08, just under GROUP_LOOK),
            # since the thirty-second round's data (docs/signals-rounds.md: H and H2).
            "Migranten zijn parasieten.",
            "identity_attack",
            marks=pytest.mark.xfail(reason=KNOWN_GAP),
        ),
        # The shape of harm goes to the embedding stage whatever the gate says (docs/signals-rounds.md, the
        # thirty-third round): the gate waved these through (cheap 0.18-0.48; the blend 0.77-0.91).
        ("ik maak je af haha", "threat"),
        ("i'm gonna murder you", "threat"),
        ("watch your back tomorrow", "threat"),
        ("je bent een idioot 🤣", "insult"),
        # The thirty-third round's K let the gate wave it through (log-odds 1.01 against 1.03); found since.
        ("you idiot, get over it", "insult"),
        # A threat carried by an emoji (thirty-fifth round: the emoji are features, lf_weapon_emoji).
        ("ik kom je halen 🔪", "threat"),
        ("coming for you 🔪🔪", "threat"),
        ("trans women are not real women", "identity_attack"),
        # A group's everyday name where it stands for people, and a group named in several words
        # (docs/signals-rounds.md, the eighteenth round).
        ("Blind people are useless in group projects.", "identity_attack"),
        ("Een dove in onze groep, dat wordt niks", "identity_attack"),
        ("Mensen met een beperking horen hier niet.", "identity_attack"),
        ("Wheelchair users slow the whole group down.", "identity_attack"),
        ("women belong in the kitchen", "identity_attack"),
        ("wat een flikker ben jij", "identity_attack"),
        # Short hostile lines and a slur at one person (docs/signals-rounds.md, the twentieth round).
        ("I hate you", "insult"),
        ("ik haat je echt, ga weg uit de groep", "insult"),
        ("you're a retard", "identity_attack"),
        ("Every blind one is useless", "identity_attack"),
        ("ik maak je af", "threat"),
        ("ik weet waar je woont", "threat"),
        ("na het college steek ik je neer", "threat"),
        ("I will kill you", "threat"),
        ("I know where you live", "threat"),
        ("kill yourself", "threat"),
        # A threat's verb misspelt (docs/signals-rounds.md, the twenty-sixth round).
        ("ik maak je kappot", "threat"),
        ("I'll hrut you", "threat"),
        ("ik vemoord je na de les", "threat"),
        # The English imperative "die", which the Dutch "die" (that, those) kept the n-grams from learning,
        # and "go back" without "terug" (the twenty-second round's labelling functions).
        ("just die already", "threat"),
        ("die in a fire", "threat"),
        # The twenty-second model 0.9, the twenty-sixth 0.45 ("ga terug naar…", "rot toch op naar…" and
        # "oprotten naar…" are found): a known gap in docs/signals.md.
        pytest.param(
            "rot op naar je eigen land", "identity_attack", marks=pytest.mark.xfail(reason=KNOWN_GAP)
        ),
        ("stuur eens een naaktfoto", "sexual"),
        ("send nudes", "sexual"),
        ("ik deel je naaktfoto's met de hele groep", "sexual"),
        ("kanker, mijn laptop is weer gecrasht", "profanity"),
        ("fucking hell, the wifi is down again", "profanity"),
    ],
)
def test_harm_is_found(signals: Signals, text: str, kind: str) -> None:
    assert kind in kinds(signals, text)


@pytest.mark.parametrize(
    "text",
    [
        "homo's zijn niet ziek",
        "ik ben zo'n sukkel, vergeten in te leveren",
        "I'm such an idiot, I forgot the deadline",
        "we gaan die deadline killen",
        "this exam is killing me",
        "dat tentamen gaat me vermoorden",
        "je bent geen sukkel, het was gewoon een lastige vraag",
        "you're not stupid, the question was vague",
        "Iemand noemde haar een 'hoer', dat kan echt niet",
        "Zeggen dat homo's ziek zijn is gewoon homofobie",
        "Het woord 'neger' heeft een koloniale geschiedenis, daar ging het college over",
        "In the lecture we discussed why the word 'retard' is a slur",
        "mijn zus is lesbisch en ze komt ook naar de borrel",
        "er zitten veel moslims en joden in onze jaargroep",
        # A group's name in an everyday sense is no group (the eighteenth round).
        "I'm turning a blind eye to that deadline lol.",
        "Hij is doof aan één oor, ga dus links van hem zitten.",
        "Bestellen we chinees of pizza voor de borrel?",
        "We covered the poles of the magnet in the physics tutorial.",
        # Affirming trans identity: the tenth model 0.54, the nineteenth 0.70, the twentieth 0.32 (but "trans
        # women are real women" 0.60), the twenty-second 0.55, the twenty-sixth 0.47 (passes by a hair, and
        # "trans women are real women" 0.78), the thirty-fifth 0.35, under its threshold: an expected failure
        # that passed for two rounds, now a plain case so that a model that nudges it again fails.
        "trans women are women",
        # A group named with a right, a need or access, and "not all X are criminals" (the twentieth round).
        "Deaf people should have interpreters at every public meeting",
        "Blinde mensen hebben recht op toegankelijke websites, dat is wet",
        "Niet alle Marokkanen zijn criminelen, dat laat het CBS-rapport zien",
        # Still nudged by the twentieth model (0.86): the rights of a group with "moeten" and no need named.
        pytest.param(
            "Homo's moeten gewoon kunnen trouwen, dat is in 2001 geregeld",
            marks=pytest.mark.xfail(reason=KNOWN_GAP),
        ),
        "als homo mag ik mezelf best een flikker noemen",
        "stuur me even de foto van het whiteboard",
        "Ik haal je om acht uur af bij het station",
        # A meet-up in a threat's frame (K 0.80 as a threat) and emoji of everyday life (thirty-fifth round).
        "i'll meet you after the lecture",
        "ff uien snijden voor de borrel 🔪🧅",
        "this deadline is killing me 💀💀",
        "wie heeft de slides van week 3?",
        "I'm going to kill this presentation tomorrow",
        "I'll find you a seat in the library",
        "drop dead gorgeous outfit today",
        "die, you stupid printer",
        "ik ben echt een stuk ongeluk vandaag",
        # self-mockery about one's own question: 0.51 as an insult in the thirtieth round (0.42 before), 0.48
        # in the thirty-first, at the threshold; "sorry, stomme vraag" is nudged (docs/signals.md, known gaps)
        pytest.param("wat een stomme vraag van mij, sorry", marks=pytest.mark.xfail(reason=KNOWN_GAP)),
        # Saying one harmless thing many times: read twice (normalize._REPEATED); twenty "thanks!" scored
        # 0.84 as an identity attack before.
        "thanks! " * 20,
        "lol " * 20,
        "nee " * 20,
        "we moeten raten welk antwoord klopt",
        # A group's name alone says nothing of the group (an answer: "wie organiseren het iftar-diner?"), yet
        # both stages score it as an attack (S5g's blend: 0.84, 0.84 and 0.74; docs/signals-rounds.md, the
        # fiftieth round). Expected failures until a model learns it, so that one that does passes them.
        pytest.param("Turken", marks=pytest.mark.xfail(reason=KNOWN_GAP)),
        pytest.param("Hindus", marks=pytest.mark.xfail(reason=KNOWN_GAP)),
        pytest.param("vrouwen", marks=pytest.mark.xfail(reason=KNOWN_GAP)),
    ],
)
def test_harmless_twins_bring_no_nudgeable_finding(signals: Signals, text: str) -> None:
    assert kinds(signals, text) <= {"profanity"}


def test_finding_carries_explanation_and_score(signals: Signals) -> None:
    analysis = signals.analyze("ik maak je af")
    finding = analysis.strongest("threat")
    assert finding is not None
    assert 0.5 <= finding.score <= 1
    assert finding.span is None
    assert "af" not in finding.explanation.split()


def test_identity_attack_names_its_subtype(signals: Signals) -> None:
    cases = {
        "homo's zijn ziek": "homophobia",
        "domme vrouwen ook altijd": "sexism",
        "kutmarokkaan": "racism",
        "wat een mongool ben jij": "ableism",
    }
    for text, subtype in cases.items():
        finding = signals.analyze(text).strongest("identity_attack")
        assert finding is not None, text
        assert finding.subtype == subtype, text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("hoi allemaal, wie heeft de aantekeningen van het college?", "nl"),
        ("does anyone have the notes from the lecture?", "en"),
        ("kannst du mir bitte helfen", "de"),
        ("👍", "und"),
        # Short lines with fewer than two function words are settled by the words' frequencies: one Dutch
        # function word ("over", "door") does not make an English line Dutch.
        ("nice ass, wanna come over tonight?", "en"),
        ("come through the door lol", "en"),
        ("shut up", "en"),
        ("gefeliciteerd!!", "nl"),
        ("lekker bezig", "nl"),
        ("ok", "und"),
        # One word has only its own leaning, and a compound no word list has leans as its known parts.
        ("klootzak", "nl"),
        ("slut!!", "en"),
        ("kankerlijer", "nl"),
        ("jijkankerlijer", "nl"),
        ("shithead", "en"),
        # Rarer words have a leaning too (from Zipf 2.5): these were undecided from Zipf 3.
        ("mongool", "nl"),
        ("dipshit!", "en"),
        ("malloot", "nl"),
        ("👍👍", "und"),
        # Chat's English spellings are English: a Dutch group's member who writes them gets an English nudge.
        ("kys", "en"),
        ("kill urself", "en"),
        ("i'll kill u", "en"),
        ("imma kill u", "en"),
        ("ppl like u shud go", "en"),
        ("u bent een idioot", "nl"),  # "u" alone is Dutch too
    ],
)
def test_language(signals: Signals, text: str, language: str) -> None:
    assert signals.analyze(text).language == language


@pytest.mark.parametrize(
    ("text", "kind"),
    [("je bent een idioot", "insult"), ("you are a retard", "identity_attack"), ("wat een mooie dag", None)],
)
def test_space_around_a_message_changes_nothing(signals: Signals, text: str, kind: str | None) -> None:
    # A trailing space had moved the embedding stage's score: "you are a retard " was an insult, not ableism.
    assert found_kinds(signals, text) == ({kind} if kind else set())
    for spaced in (f"{text} ", f"  {text} \u00a0", f"\n{text}\t"):
        assert found_kinds(signals, spaced) == found_kinds(signals, text)


def test_analysis_is_deterministic_and_survives_odd_input(signals: Signals) -> None:
    odd = ["", " ", "\x00\x01", "🙂" * 5000, "a" * 20000, "\u202e\u200b", "ｆｕｃｋ"]
    for text in odd:
        assert signals.analyze(text) == signals.analyze(text)


def test_most_held_out_own_cases_are_classified_as_written(signals: Signals) -> None:
    # The model learns from the train split; the dev and test splits are text it never saw.
    held_out = [e for e in own_examples() if e.split != "train"]
    right = 0
    for example in held_out:
        found = found_kinds(signals, example.text)
        right += bool(example.kinds & found) if example.kinds else not found
    assert right / len(held_out) >= 0.8


def test_a_message_analysed_is_not_scored_again_for_its_window(signals: Signals) -> None:
    # The bot analyses each message, then asks about the window holding it: one scoring (and at most one
    # embedding) per message, not two.
    text = "ik denk dat jij echt een sukkel bent, kom op zeg"
    signals.analyze(text)
    scored = signals.scored
    fresh = "wie neemt er morgen koffie mee voor de werkgroep van kwart over negen"
    signals.assess_window([Turn("a", fresh, 0.0), Turn("b", text, 5.0)])
    assert signals.scored == scored + 1  # only the turn not analysed before
