"""Normalisation: no invisible, look-alike or reordering trick hides a word; ordinary compounds stay
ordinary (issue 8, item 3)."""

from __future__ import annotations

import unicodedata

import pytest

from samen.signals.model import features
from samen.signals.normalize import fold, ordinary_compound, pictographs, squeeze, tokens

PLAIN = fold("je bent een idioot")

# Every way of hiding "idioot" that issue 8 quotes, and others of the same kinds.
DISGUISED = {
    "tag character": "je bent een idi\U000e0041oot",
    "tag block space and cancel": "je bent een idi\U000e0020oo\U000e007ft",
    "Mongolian vowel separator": "je bent een idi\u180eoot",
    "combining grapheme joiner": "je bent een idi\u034foot",
    "small capitals": "je bent een ɪᴅɪᴏᴏᴛ",
    "right-to-left override, word as written": "je bent een \u202eidioot\u202c",
    "right-to-left override, word reversed to show right": "je bent een \u202etooidi\u202c",
    "override to the end of the message": "je bent een \u202etooidi",
    "bidirectional isolates and embeddings": "je bent een \u2067idi\u2069o\u202bot\u202c",
    "zero-width space": "je bent een id\u200bioot",
    "zero-width joiner and non-joiner": "je bent een i\u200dd\u200cioot",
    "soft hyphen": "je bent een idi\u00adoot",
    "word joiner": "je bent een idi\u2060oot",
    "byte order mark": "je bent een \ufeffidioot",
    "variation selectors": "je bent een idi\ufe0foo\U000e0101t",
    "Hangul filler": "je bent een idi\u3164oot",
    "Cyrillic look-alikes": "je bent een іdіооt",
    "Greek look-alikes": "je bent een ιdιοοτ",
    "fullwidth": "ｊｅ ｂｅｎｔ ｅｅｎ ｉｄｉｏｏｔ",
    "mathematical bold": "je bent een 𝐢𝐝𝐢𝐨𝐨𝐭",
    "mathematical script": "je bent een 𝒾𝒹𝒾ℴℴ𝓉",
    "circled letters": "je bent een ⓘⓓⓘⓞⓞⓣ",
    "capitals": "JE BENT EEN IDIOOT",
    "diacritics": "je bënt een ïdíòöt",
    "stacked combining marks": "je bent een i\u0336d\u0336i\u0336o\u0336o\u0336t\u0336",
    "words split apart": "je bent een idi oot",
    "letters spaced out": "je bent een i d i o o t",
    "letters dotted apart": "je bent een i.d.i.o.o.t",
    "a letter split off": "je bent een i dioot",
    "letters starred apart": "je bent een i*d*i*o*o*t",
    "letters set apart by tildes": "je bent een i~d~i~o~o~t",
    "letters set apart by colons": "je bent een i:d:i:o:o:t",
    "letters set apart by bars, a look-alike of i": "je bent een i|d|i|o|o|t",
    "letters set apart by plus signs, a look-alike of t": "je bent een i+d+i+o+o+t",
    "letters set apart by slashes": "je bent een i/d/i/o/o/t",
    "letters set apart by commas": "je bent een i,d,i,o,o,t",
    "letters set apart by semicolons": "je bent een i;d;i;o;o;t",
    "letters set apart by middle dots": "je bent een i\u00b7d\u00b7i\u00b7o\u00b7o\u00b7t",
    "letters set apart by bullets": "je bent een i\u2022d\u2022i\u2022o\u2022o\u2022t",
    "letters set apart by apostrophes": "je bent een i'd'i'o'o't",
    "letters set apart by arrows": "je bent een i>d>i>o>o>t",
    "parenthesised letters": "je bent een \u24a4\u249f\u24a4\u24aa\u24aa\u24af",
    "parenthesised capitals": "je bent een \U0001f118\U0001f113\U0001f118\U0001f11e\U0001f11e\U0001f123",
    "a capital I for an l": "je bent een idIoot",
}


@pytest.mark.parametrize("text", DISGUISED.values(), ids=DISGUISED.keys())
def test_every_disguise_folds_to_the_plain_message(text: str) -> None:
    assert fold(text) == PLAIN


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("jij k,a,n,k,e,r,l,i,j,e,r", "jij kankerlijer"),  # a curse compound
        ("k,i,l,l,y,o,u,r,s,e,l,f", "kill yourself"),  # words run together
        ("je bent een i;d;i;o;o;t;", "je bent een idioot;"),  # the sign touches the word's end
        ("you are a r/e/t/a/r/d, seriously", "you are a retard, seriously"),
        ("ze is een (s,l,e,t)", "ze is een (slet)"),
        ("ze is een s\u00b7l\u00b7e\u00b7t\U0001f602", "ze is een slet\U0001f602"),
        ("je bent een \u2474d\u2474ot", "je bent een idiot"),  # parenthesised digits read as l33t
        ("\u00a0you`re a slut", " you're a slut"),  # a backtick for an apostrophe beside a no-break space
    ],
)
def test_letters_set_apart_by_a_sign_are_read_as_the_word_they_spell(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_a_blank_filler_does_not_hide_two_names() -> None:
    # Hangul fillers are letters to a regular expression: before them, "Mo Ron" was no pair of names.
    assert fold("\u3164Mo Ron heeft de slides gedeeld") == fold("Mo Ron heeft de slides gedeeld")


def test_letters_set_apart_stay_apart_where_they_make_no_word() -> None:
    # A list, a sum and a path are no word spaced out, whatever sign sets their letters apart.
    # Three letters stay apart even where they spell a word: a list of three does that too often.
    lists = ("kies a,b,c,d of e", "x;y;z;w", "a=b=c=d", "src/a/b/c/d", "1,2,3,4", "zie groep c,o,w", "r,g,b")
    for text in lists:
        assert fold(text) == text
    # In a formula the operators keep their terms apart, so its * stays a product.
    assert fold("als a=b=c dan geldt f*k") == "als a=b=c dan geldt f*k"


def test_l33t_and_stretched_letters_meet_the_plain_word_after_squeezing() -> None:
    assert [squeeze(w) for w in tokens(fold("je bent een 1d10000t"))] == [squeeze(w) for w in tokens(PLAIN)]
    assert tokens(fold("YOU ARE AN ɪᴅɪᴏᴛ")) == ["you", "are", "an", "idiot"]


def test_folded_text_holds_no_invisible_or_combining_character() -> None:
    text = "a\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u034f\u180e"
    text += "\u061c\u115f\u1160\u3164\u2800b"
    text += "".join(map(chr, range(0xE0000, 0xE0080))) + "".join(map(chr, range(0xFE00, 0xFE10)))
    text += "\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069c"
    assert fold(text) == "abc"
    for char in fold("Zo’n café, “naïef” en ĳverig ☕ 🎉"):
        assert unicodedata.category(char) not in ("Cf", "Mn", "Me")


def test_ordinary_text_keeps_its_meaning() -> None:
    assert fold("Hoe laat is de werkgroep morgen eigenlijk?") == "hoe laat is de werkgroep morgen eigenlijk?"
    assert fold("Zo’n café") == "zo'n cafe"
    assert fold("hoe ren je zo snel") == "hoe ren je zo snel"  # two words that are no lexicon word's halves
    assert fold("they are not worth less than us") == "they are not worth less than us"
    assert (
        fold("Deadline 06-12-2024 23:59, logo@2x.png, 1500 MB")
        == "deadline 06-12-2024 23:59, logo@2x.png, 1500 mb"
    )
    assert fold("€5 voor 3 koffie") == "€5 voor 3 koffie"
    assert fold("git@github.com:org/x.git https://x.nl/a1b2") == "git@github.com:org/x.git https://x.nl/a1b2"
    assert tokens(fold("homo’s zijn welkom")) == ["homos", "zijn", "welkom"]


def test_emoji_are_read_apart_from_the_words_and_weigh_in_the_features() -> None:
    folded = fold("ik kom je halen 🔪🔪 👍🏽 👨\u200d🍳")
    assert tokens(folded) == ["ik", "kom", "je", "halen"]
    # Skin tones and joiners are no pictographs of their own: a thumb is a thumb in any colour.
    assert pictographs(folded) == ["🔪", "🔪", "👍", "👨", "🍳"]
    assert pictographs(fold("geen emoji hier: 12:00, zaal 1.05")) == []
    words = tokens(folded)
    with_knife, without = features(words, ["🔪"]), features(words)
    assert len(with_knife) == len(without) + 1
    assert set(features(words, ["🚗"])) != set(with_knife)


def test_a_reversed_run_is_read_as_shown_when_that_shows_more_words_and_else_as_written() -> None:
    assert fold("\u202eolleh\u202c zei ze") == "hello zei ze"
    assert fold("hallo \u202ewereld\u202c") == "hallo wereld"
    # A verb, a curse compound, a whole message reversed without its closing mark.
    assert fold("I will \u202ellik\u202c you") == "i will kill you"
    assert fold("jij \u202erejilreknak\u202c") == "jij kankerlijer"
    assert fold("\u202euoy llik lliw I") == "i will kill you"


def test_words_said_three_times_or_more_in_a_row_are_read_twice() -> None:
    assert fold("lol " * 20) == "lol lol "
    assert fold("je bent een idioot. " * 30) == "je bent een idioot. je bent een idioot. "
    assert fold("shut up shut up shut up zoe") == "shut up shut up zoe"
    assert fold("haha haha, echt lol lol") == "haha haha, echt lol lol"  # twice is left as written


# Letters dropped, added or swapped in the word that matters, and words run together (issue 8's families
# "words run together, letters dropped or swapped"): folding shows the words again.
MISSPELT = {
    "je bent een idot": "je bent een idiot",
    # a stretched letter once where twice makes no word and once a common one (no "hoee" for a repair)
    "hoeeee dan??": "hoe dan??",
    "peoooople are weird": "people are weird",
    "heeeel goed": "heel goed",
    # ... also where twice squeezes to a lexicon word but is no common word (kuut, fuuck)
    "kuuuut, fuuuuck you": "kut, fuck you",
    "shiiiit, idioooot": "shit, idioot",
    # a hashtag of words run together is read as those words
    "#killyourself": "kill yourself",
    "lol #jebentdom": "lol je bent dom",
    # a 1 is an l where only that makes a word
    "ki11 yourse1f": "kill yourself",
    "je bent een 1u1": "je bent een lul",
    "h3110 a11emaa1": "hello allemaal",
    "women are sutpid": "women are stupid",
    "I hate blakc people": "i hate black people",
    "musilms are vermin": "muslims are vermin",
    "trnas people are disgusting": "trans people are disgusting",
    "i hate muslmis": "i hate muslims",
    "twee retads in mijn groep": "twee retards in mijn groep",
    "laten we de jode uit leiden verjagen": "laten we de joden uit leiden verjagen",
    "je bent eenidioot": "je bent een idioot",
    "gaypeople are scum": "gay people are scum",
    "jodenzijnratten": "joden zijn ratten",
    "ikhaatjoden": "ik haat joden",
    "allemoslimsmoetenweg": "alle moslims moeten weg",
    "womenshouldstayinthekitchen": "women should stay in the kitchen",
    "retardsshouldnotvote": "retards should not vote",
    # a word split by one space or letters set apart by one sign: joined where the pieces make a lexicon
    # word or a word of harm, or, where one piece is no word, a common word (the threat is in "hospital")
    "I'll st ab you": "i'll stab you",
    "no l esbian is safe here": "no lesbian is safe here",
    "ik breng je naar het zie kenhuis": "ik breng je naar het ziekenhuis",
    "you'll end up in hosp ital": "you'll end up in hospital",
    "w*o*m*e*n are useless": "women are useless",
}


@pytest.mark.parametrize("text", MISSPELT, ids=MISSPELT.values())
def test_misspelt_and_run_together_words_are_repaired(text: str) -> None:
    assert fold(text) == MISSPELT[text]


# A word of harm that names no one (a threat's verb, hate's adjective) is read back like a lexicon word,
# from a word rare in both languages: a letter dropped, added or swapped, or a Dutch d/t ending.
MISSPELT_HARM = {
    "i'm gonna murdr you": "i'm gonna murder you",
    "ik maak je kappot": "ik maak je kapot",
    "ik vermoort je": "ik vermoord je",
    "ik sla je verot": "ik sla je verrot",
    "I'll hrut you": "i'll hurt you",
    "i wil stabb you": "i wil stab you",
    "they should be exterminted": "they should be exterminated",
    "moslims zijn walgelik": "moslims zijn walgelijk",
}


@pytest.mark.parametrize("text", MISSPELT_HARM, ids=MISSPELT_HARM.values())
def test_misspelt_words_of_harm_are_repaired(text: str) -> None:
    assert fold(text) == MISSPELT_HARM[text]


@pytest.mark.parametrize(
    "text",
    ["ik hakte hout voor de open haard", "de dief is gepakt", "haters gonna hate", "roll the dice",
     "a killa beat", "the brun cheese", "ik beet in de appel", "a hat on a cat"],
)  # fmt: skip
def test_words_near_a_word_of_harm_keep_their_letters(text: str) -> None:
    # An everyday word (dief, hakte, hater) is never read as the harm word one letter away.
    assert tokens(fold(text)) == tokens(text.lower())


# A sentence run together is split even where a curse is one of its words or no lexicon word shows: a word
# it is said to or about marks it (no Dutch compound holds "you" or "jullie"); "a" and "I" are words.
RUN_ON_SENTENCES = {
    "just killyourself already": "just kill yourself already",
    "ikvermoordje": "ik vermoord je",
    "ikmaakjedood": "ik maak je dood",
    "fuckyou": "fuck you",
    "youaretrash": "you are trash",
    "jullieallemaaldood": "jullie allemaal dood",
    "niemandvroegomjouwmening": "niemand vroeg om jouw mening",
    "ihatewomen": "i hate women",
    "honestlyyourexistenceisamistake": "honestly your existence is a mistake",
    # two function words mark a sentence too, in words of one language; one beside a word of harm or a curse
    "jebentzogestoord": "je bent zo gestoord",
    "refugeesshouldhavetheirowncampus": "refugees should have their own campus",
    "ikvermoordhem": "ik vermoord hem",
    "f u c k o f f": "fuck off",
    "ga maar gauw dood": "ga maar gauw dood",
    "gadood": "ga dood",
}


@pytest.mark.parametrize("text", RUN_ON_SENTENCES, ids=RUN_ON_SENTENCES.values())
def test_a_sentence_run_together_is_split(text: str) -> None:
    assert fold(text) == RUN_ON_SENTENCES[text]


# What folding must not join, split or respell: a clitic and the word after it, words across a sentence's
# end, a lone word beside spaced letters, numbers with their ending, decimals and codes, letters glued to a
# sign, a roman numeral or an exclamation's "!!1", a word inside a compound.
KEPT_APART = {
    "she's stupid": "she's stupid",
    "zo'nretard": "zo'n retard",
    "they'rebeasts": "they're beasts",
    "een 'spast' is een scheldwoord": "een 'spast' is een scheldwoord",
    "wie schrijft 'Po len moeten weg'?": "wie schrijft 'polen moeten weg'?",
    "Na de les. Bo komt ook": "na de les. bo komt ook",
    "you are a f u c k i n g idiot": "you are a fucking idiot",
    "u b e n t dom": "u bent dom",
    "f u c k u": "fuck u",
    "u r a m0ron, r u ok": "u r a moron, r u ok",  # chat's one-letter words spaced are words, not a word
    "de 4e les, the 14th, the 1930s": "de 4e les, the 14th, the 1930s",
    "een 7.5, een 7,5 en versie 2.0.1": "een 7.5, een 7,5 en versie 2.0.1",
    "p15, zaal A55, opgave 3a, 9u30, 5pm": "p15, zaal a55, opgave 3a, 9u30, 5pm",
    "zaal H8, B12 of cs101": "zaal h8, b12 of cs101",
    # a common word with a number after it is numbered (week 1), no l33t; a hashtag's name is no word to
    # respell or split unless words run together in it
    "week1, opdracht12 en #leiden2026": "week1, opdracht12 en #leiden2026",
    "#metoo #tentamenweek #studentlife": "#metoo #tentamenweek #studentlife",
    "jij k?nker": "jij k?nker",
    "ik zie je in het projectgroepje?dieisrolstoeler": "ik zie je in het projectgroepje?die is rolstoeler",
    "Statistiek II, echt waar!!1": "statistiek ii, echt waar!!1",
    "herkansingsrooster en tentamenvoorbereiding": "herkansingsrooster en tentamenvoorbereiding",
    # a compound whose pieces read as function words stays whole: two known words (bende, geweld), a short
    # piece that is no word (ie), words of two languages (te, er, national)
    "bendegeweld in de stad": "bendegeweld in de stad",
    "de annotatierichtlijn": "de annotatierichtlijn",
    "the inteernational office": "the inteernational office",
    "a mong and a goat": "a mong and a goat",
    # an apostrophe dropped leaves a clitic's letter, no piece of the next word; function words never join
    "it s past midnight": "it s past midnight",
    "that s tom, he s late": "that s tom, he s late",
    "het s teken": "het s teken",
    "there s laughter": "there s laughter",
    "hin doe ik": "hin doe ik",
    "kan ker onderzoek": "kan ker onderzoek",
    "mo f en 2 pi k": "mo f en 2 pi k",
    "thin king": "thin king",
    "be ter": "be ter",
    "F=m*a*b*c": "f=m*a*b*c",
    # letters set apart by a sign join only into a word, and never inside a path, a link or a time
    "zie src/a/b/c/d en https://x.nl/p/l/a/n": "zie src/a/b/c/d en https://x.nl/p/l/a/n",
    "om 12:30:45, h:m:s:t en n/v/t": "om 12:30:45, h:m:s:t en n/v/t",
    "antwoord A/B/C/D of x~y~z~w": "antwoord a/b/c/d of x~y~z~w",
    # two capitalised words are names, not a word split apart; a capital I is an l only where that makes a
    # word and an i makes none
    "Mo Ron, jij bent aan de beurt": "mo ron, jij bent aan de beurt",
    "groetjes van Ho Mo": "groetjes van ho mo",
    "Sam Bo en Bas Tard": "sam bo en bas tard",
    "wIth McIntosh, eID, GenAI en Ik": "with mcintosh, eid, genai en ik",
    # a short last piece is an ending (validisme, superisor), unless a pronoun after a word of harm
    "de validisme reader en mijn superisor": "de validisme reader en mijn superisor",
    "uitjouwen en thematiseren": "uitjouwen en thematiseren",
    "homogeniteitstest": "homogeniteitstest",
}


@pytest.mark.parametrize("text", KEPT_APART, ids=KEPT_APART.values())
def test_folding_keeps_apart_what_is_apart_and_whole_what_is_whole(text: str) -> None:
    assert fold(text) == KEPT_APART[text]


@pytest.mark.parametrize(
    ("text", "word"),
    [("you r4ts", "rats"), ("shut up f4g", "fag"), ("so 94y", "gay"), ("you dum8455", "dumbass"),
     ("what an idiot!!1", "idiot"), ("sh1t!", "shit")],
)  # fmt: skip
def test_l33t_that_makes_a_word_is_read_even_in_a_codes_shape(text: str, word: str) -> None:
    assert word in tokens(fold(text))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        # A line that writes l33t writes its short words in it too: not rooms, items or numbers there.
        ("ik m44k j3 4f", "ik maak je af"),
        ("y0u 4re 4 l0s3r", "you are a loser"),
        ("w4t 3en l0s3r ben j1j", "wat een loser ben jij"),
        # A line without a l33t word keeps its numbers, rooms and items.
        ("ik heb 3 katten en 4 honden", "ik heb 3 katten en 4 honden"),
        ("lokaal b3 om 4 uur", "lokaal b3 om 4 uur"),
        ("ik zit in 4a, jij in 4f", "ik zit in 4a, jij in 4f"),
    ],
)
def test_a_line_that_writes_l33t_has_its_short_words_read_too(text: str, folded: str) -> None:
    assert fold(text) == folded


# Signs that mask letters are read as the letters of the word they hide: a vowel for each sign, a run of
# signs for a few letters, a curse joined to a word read whole, a sign at the edge of an unknown word.
MASKED = {
    "jij k@nkerlijer": "jij kankerlijer",
    "vuile t@ringlijer": "vuile teringlijer",
    "wat een tyf*slijer": "wat een tyfuslijer",
    "what a b*tch": "what a bitch",
    "je moeder is een h**r": "je moeder is een hoer",
    "ik haat j#den": "ik haat joden",
    "wat een m*ngool": "wat een mongool",
    "wat een k*t opdracht": "wat een kut opdracht",
    "shut up f*g": "shut up fag",
    "f**k you": "fuck you",
    "what a b**ch": "what a bitch",
    "this is sh**": "this is shit",
    "you *diot": "you idiot",
    "you @sshole": "you asshole",
    "je bent een k*t =)": "je bent een kut =)",
    "f**k jou ^^": "fuck jou ^^",
    # a formula elsewhere in the message leaves a * inside a longer word a mask
    "de som is 2*3=6, jij k*nkerlijer": "de som is 2*3=6, jij kankerlijer",
    "F=m*a en jij bent een sh*t": "f=m*a en jij bent een shit",
    "bereken 3*4 en f**k jou": "bereken 3*4 en fuck jou",
}


@pytest.mark.parametrize("text", MASKED, ids=MASKED.values())
def test_masked_letters_are_read_as_the_word_they_hide(text: str) -> None:
    assert fold(text) == MASKED[text]


# Signs that mask nothing stay: l33t that reads as a common word is that word; a sign at a word's edge is a
# mention, a hashtag, emphasis or part of a name, and the name is not repaired; in a formula * multiplies;
# addresses keep their signs.
UNMASKED = {
    "m@rk, d@g!": "mark, dag!",
    "@lisa #metoo *belangrijk* test*": "@lisa #metoo belangrijk test*",  # emphasis marks read away
    "@jdevries @ccount kom je?": "@jdevries @ccount kom je?",
    "prima #ok, #me hoor, #ns trein": "prima #ok, #me hoor, #ns trein",
    "ik programmeer in C# en F#, jij?": "ik programmeer in c# en f#, jij?",
    "5*3 = 15 en x*y": "5*3 = 15 en x*y",
    "F=m*a en s=v*t": "f=m*a en s=v*t",
    "a*b + c*d": "a*b + c*d",
    "x**2 + y*z = 3": "x**2 + y*z = 3",
    "l*g(x) en s*n(x)": "l*g(x) en s*n(x)",
    "**kwargs in src/**/*.py": "**kwargs in src/**/*.py",
    "mail anna@uni.nl of zie https://x.nl/a#b": "mail anna@uni.nl of zie https://x.nl/a#b",
}


@pytest.mark.parametrize("text", UNMASKED, ids=UNMASKED.values())
def test_signs_that_mask_nothing_are_left_as_they_are(text: str) -> None:
    assert fold(text) == UNMASKED[text]
    assert "lisa" in tokens(fold("@lisa kom je ook?"))


@pytest.mark.parametrize(
    "text",
    ["we have to register again for the resit", "the canteen has the best toasties",
     "ik heb een groepsruimte geboekt", "kimberle crenshaw coined the term", "ik wacht bij de kapstokken",
     "mijn vriendin is surinaams-hindoestaans", "overleaf link for the report", "ik ben echt een slons",
     "i speak darija at home", "het college staat op kaltura", "kankeronderzoeker", "Kuttekoven",
     "the gas is off", "ik lees de decolonisation reader", "happy vaisakhi", "de wachtrij in de mensa",
     "het hindoeistische divali-feest", "homes and homos"],
)  # fmt: skip
def test_rare_ordinary_words_are_not_respelt_or_split(text: str) -> None:
    # A repair only ever shows a lexicon word: ordinary rare words, names and compounds keep their letters.
    assert tokens(fold(text)) == tokens(text.lower())


@pytest.mark.parametrize(
    ("text", "folded"),
    [("het geld uit de klassenpot", "het geld uit de klassenpot"),
     ("wie heeft de hagelslagpot", "wie heeft de hagelslagpot"), ("de fooienpotten", "de fooienpotten"),
     ("de kerstfooienpot", "de kerstfooienpot"),
     ("jijvuilepot", "jij vuile pot"), ("homopot", "homo pot"), ("julliezijnstom", "jullie zijn stom"),
     ("vuilepot", "vuile pot"), ("viezenicht", "vieze nicht"), ("luiezak", "luie zak"),
     ("jullieviezepotten", "jullie vieze potten"), ("jouvuilepot", "jou vuile pot")],
)  # fmt: skip
def test_a_compound_ending_in_a_thing_stays_whole(text: str, folded: str) -> None:
    # A rare compound whose last part is a slur that is a thing too (pot) names the thing: the class's
    # kitty was nudged as a homophobic slur once split (a linking -en- is no word "en"). A sentence run
    # together, a lexicon word or an insulting adjective before the thing, is still split.
    assert fold(text) == folded


@pytest.mark.parametrize(
    "word",
    ["kankerpatiënt", "Kankerpatiënten", "kankeronderzoek", "kankerverwekkend", "kankerbestrijding",
     "longkanker", "borstkanker", "waterpokken", "buiktyfus", "Kuttekoven", "Sexbierum", "Scunthorpe",
     "pesten", "pikdonker", "homogeen"],
)  # fmt: skip
def test_ordinary_compounds_are_no_curses(word: str) -> None:
    assert ordinary_compound(word)
    assert ordinary_compound(fold(word))


@pytest.mark.parametrize(
    "word", ["kankerlijer", "kankerdocent", "tyfuslijer", "kutwijf", "kankerhoer", "tering"]
)
def test_curse_compounds_stay_curses(word: str) -> None:
    assert not ordinary_compound(word)


@pytest.mark.parametrize("name", ["invisible", "homoglyph"])
def test_folding_undoes_the_grammars_invisible_and_look_alike_perturbations(name: str) -> None:
    from random import Random

    from samen.signals.grammar.perturb import perturb

    rng = Random(8)
    for text, hot in [
        ("je bent een idioot", "idioot"),
        ("jullie zijn allemaal kakkerlakken", "kakkerlakken"),
        ("you absolute moron", "moron"),
        ("send nudes now", "send nudes"),
        ("ik maak je af", "maak"),
    ]:
        for _ in range(40):
            disguised = perturb(name, text, hot, rng)
            assert disguised != text
            assert fold(disguised) == fold(text), repr(disguised)


def test_runs_longer_than_any_word_are_left_as_written_and_addresses_still_shielded() -> None:
    # A run of letters and signs longer than LONGEST_READ is no disguised word: reading it cost time that
    # grew faster than its length (a fresh tester's `a@` × 2,500 took 24 s), so it is not read at all.
    assert fold("a@" * 2500) == "a@" * 2500
    assert tokens(fold("i d i o o t " * 400)) == ["idioot" * 400]  # letters spaced apart, not repaired
    # Shorter runs are read as before, also beside such a line; addresses keep their digits and @.
    assert fold("i d i o o t " * 3) == "idioot idioot idioot "
    assert fold("je bent een k*t " + "a@" * 100) == "je bent een kut " + "a@" * 100
    assert fold("mail @lisa@gmail.com of logo@2x.png") == "mail @lisa@gmail.com of logo@2x.png"
    assert fold("je bent een idi0ot, mail me: b3n@uni.nl") == "je bent een idioot, mail me: b3n@uni.nl"
