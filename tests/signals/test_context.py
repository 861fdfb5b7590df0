"""A message of several sentences is judged by its most suspect sentence too, unless one sentence frames
or answers another; apostrophes in words are no quotation marks (twenty-first round); the shape of harm
is read from the cues (thirty-third round)."""

from __future__ import annotations

import pytest

from samen.signals import Signals
from samen.signals.lexicon import load_lexicon
from samen.signals.normalize import fold, tokens
from samen.signals.rules import Reading, load_rules, parse_rules, quotations, read, shaped


@pytest.mark.parametrize(
    "text",
    [
        "does anyone have tuesday's notes? i'm coming at ten",
        "ik ben er 's avonds niet, maar 's ochtends wel",
        "zo'n gedoe met m'n laptop, 't is wat",
        "i can't make it tomorrow. and you're late again",
    ],
)
def test_an_apostrophe_in_a_word_or_a_dutch_clitic_is_no_quotation(text: str) -> None:
    assert quotations(fold(text)) == ""


def _reading(text: str) -> Reading:
    folded = fold(text)
    return read(folded, tokens(folded), load_lexicon(), load_rules())


def _cues(text: str) -> frozenset[str]:
    return _reading(text).cues


@pytest.mark.parametrize(
    "text",
    [
        "Moslims zijn terroristen? Nee joh, wat een onzin.",
        "women are bad at maths? no way",
        "homo's zijn ziek? serieus? dat is echt jaren 50 gedachtegoed",
        "Vrouwen kunnen niet rekenen. Dat is een stereotype.",
        "Trans people are confused. I disagree, they know who they are.",
        "Gehandicapten zijn lui. Dat klopt gewoon niet.",
        "Mijn buurman zegt dat moslims gevaarlijk zijn. Daar klopt niets van.",
        "Gay people are sick? Absolutely not.",
        "Black people are criminals? Hell no.",
        "Moslims zijn terroristen. Not the case at all.",
    ],
)
def test_a_later_sentence_that_rejects_the_claim_is_a_cue(text: str) -> None:
    assert "msg:answered" in _cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "Moslims zijn terroristen. Niet normaal meer.",
        "Look at those gays. No one wants them here.",
        "Nee, ik kan morgen niet. Jullie zijn allemaal dom.",  # the answer comes first: it answers no claim
        "Vrouwen horen in de keuken. Echt niet normaal dat ze hier studeren.",
        "no way you passed!! so proud",
        "Moslims zijn dom. Ze horen hier niet.",  # a negation inside a statement
        "Ze zijn niet zo slim. Ze zijn dom.",
    ],
)
def test_a_sentence_that_rejects_nothing_is_no_answer(text: str) -> None:
    assert "msg:answered" not in _cues(text)


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("mijn oom zei laatst 'moslima's zijn vlooien'. hoe reageer ik?", "'moslima's zijn vlooien'"),
        ("ze noemde hem 'een vieze aap' in de chat", "'een vieze aap'"),
        ('he said "go back home" to her', '"go back home"'),
        ("they called it 'a joke', but i'm not laughing", "'a joke'"),
    ],
)
def test_a_quotation_is_read_with_the_apostrophes_inside_it(text: str, quoted: str) -> None:
    assert quotations(fold(text)) == quoted


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Wie heeft er zin om vanavond te leren in de UB? Ik ben er vanaf zeven. "
            "Ik weet waar je woont en ik kom je halen.",
            "threat",
        ),
        (
            "Heeft iemand de aantekeningen van het college van dinsdag? Ik was ziek. "
            "Ik weet waar je woont en ik kom je halen.",
            "threat",
        ),
        (
            "Can we move the group meeting to 15:00? My train is delayed again. "
            "I'll find you after class and break your legs.",
            "threat",
        ),
        (
            "Great session today, see you next week in the same room. Women belong in the kitchen, "
            "not in a lab.",
            "identity_attack",
        ),
        # A "no" before the harm answers nothing: an answer follows what it answers.
        # (A fresh tester's lines, twenty-first round.)
        ("is het werkcollege online? nee joh. en jij bent een vieze flikker", "identity_attack"),
        # an insult, as our own examples and the lexicon label "stupid bitch" (the twenty-sixth round's model
        # called it an identity attack; the thirtieth's scores both about 0.5 and finds the insult)
        ("i can't make it tomorrow. and you're a stupid bitch", "insult"),
    ],
)
def test_harm_after_chat_is_found_in_its_own_sentence(signals: Signals, text: str, kind: str) -> None:
    assert kind in {f.kind for f in signals.analyze(text).findings}, text


@pytest.mark.parametrize(
    "text",
    [
        "Iemand schreef 'vrouwen zijn dom' in de chat. Walgelijk, dat hoort hier niet.",
        "Mijn buurman zegt dat moslims gevaarlijk zijn. Daar klopt niets van.",
        "je bent geen idioot hoor. we zien elkaar morgen.",
        "ik ga je zo hard verslaan met mario kart. neem snacks mee!",
        "Great talk today. The slides on colonial racism are on Brightspace.",
        # Another sentence answers the suspect one: a denial or a dismissal.
        "Homo's zijn ziek? Nee joh, wat een onzin.",
        "Transvrouwen zijn mannen. Dat hoor je vaak, maar het is gewoon niet waar.",
        "Muslims are dangerous. That's just not true.",
        "Gay people are sick? Absolutely not.",
        "Women are too emotional? No way, that's nonsense.",
        # The whole message scored high until the model weighed the answer as a cue (twenty-second round).
        "Moslims zijn terroristen? Nee joh, wat een onzin.",
        "Gehandicapten zijn lui. Dat klopt gewoon niet.",
    ],
)
def test_a_sentence_framed_by_another_is_judged_with_it(signals: Signals, text: str) -> None:
    found = {f.kind for f in signals.analyze(text).findings} - {"profanity", "privacy"}
    assert not found, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "ik maak je af haha",  # a labelling function's shape, with a laugh
        "i'm gonna murder you",
        "watch your back tomorrow",
        "je bent een idioot 🤣",  # a word of harm with a laugh
        "you're such a loser lol",
        "ik kom je halen 🔪",  # a weapon sent to someone: the words alone are an errand
        "🔫 @jesse",
    ],
)
def test_the_shape_of_harm_is_read_from_the_cues(text: str) -> None:
    assert shaped(_cues(text))


@pytest.mark.parametrize(
    "text",
    [
        "ik maak je niet af, rustig maar",  # the shape negated
        'we bespraken in het college waarom "ik maak je af" als dreiging telt',  # studied
        "je bent een idioot",  # a word of harm without a laugh: the gate and the cheap stage judge it
        "haha die deadline maakt me af",
        "hoe laat is de werkgroep morgen?",
        "🔪🧅 ff uien snijden voor het groepsdiner, ben om 7 uur online",  # a knife sent to no one
        "ik kom je halen 🚗",
    ],
)
def test_a_framed_shape_or_plain_chat_has_no_shape_of_harm(text: str) -> None:
    assert not shaped(_cues(text))


def test_a_labelling_function_id_starts_with_lf() -> None:
    # The cues of a labelling function are told from the lexicon's roles by the prefix (rules.shaped).
    with pytest.raises(ValueError, match="does not start with"):
        parse_rules("threat_kill\tthreat\t\ta reason\tik maak je af\n")


def test_labelling_functions_see_the_emoji_after_the_words() -> None:
    # The emoji are matched after the words, so a shape written for words matches with emoji anywhere.
    assert [lf.id for lf in _reading("ik 😤 maak je 😤 af").fired] == ["lf_threat_kill"]
    assert [lf.id for lf in _reading("coming for you 🔪🔪").fired] == ["lf_weapon_emoji"]
    assert not _reading("coming for you 🍕").fired
