"""Nudges through the bot core with the real signals: private, kind, rate-limited, counted, never stored."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from samen.bot import Bot, Capabilities, Command, GroupID, MemoryChat, MemoryStore, Private, Said, UserID
from samen.bot.nudge import decide_nudge, do_of
from samen.content import Pack
from samen.signals import Signals
from tests.bot.conftest import Clock, dos_url
from tests.bot.dialogs import BOT, NL

THREAT = "ik maak je af als je dat nog een keer zegt"
INSULT = "jij bent echt een dombo"
COUNTER_SPEECH = "Racisme is nooit ok, we moeten het samen bestrijden"

HEATED = [
    ("ann", "JIJ SNAPT ER NIKS VAN!!!"),
    ("ben", "NEE JIJ SNAPT HET NIET, IDIOOT!!"),
    ("ann", "hou toch je mond jij!!!"),
    ("ben", "JIJ LIEGT GEWOON!!!"),
    ("ann", "wat ben jij dom zeg!!!"),
    ("ben", "KAP ERMEE!!!"),
]


@pytest.fixture(scope="module")
def signals(pack: Pack) -> Signals:
    return Signals.load(**pack.spec.signals_options())


@pytest.fixture(scope="module")
def pack() -> Pack:
    from samen.content import load_pack

    return load_pack()


@pytest.fixture
def watched(pack: Pack, store: MemoryStore, clock: Clock, signals: Signals) -> Callable[..., MemoryChat]:
    def make(*, private: bool = True, buttons: bool = True) -> MemoryChat:
        capabilities = Capabilities("matrix", prefix="!", private=private, buttons=buttons)
        chat = MemoryChat(Bot(pack, store, capabilities, dos_url=dos_url, clock=clock, signals=signals))
        chat.add_bot()
        return chat

    return make


def say(chat: MemoryChat, text: str, user: str, clock: Clock) -> list[object]:
    return list(chat.bot.handle(Said(group=GroupID("group"), user=UserID(user), text=text, at=clock.now)))


def test_a_threat_brings_its_author_a_private_nudge_and_the_admins_a_notice(
    watched: Callable[..., MemoryChat], store: MemoryStore
) -> None:
    chat = watched()
    chat.send(THREAT, user="mallory")
    (nudge,) = chat.inbox["mallory"]
    assert "Do 1" in nudge.text and "https://samen.test/nl/dos/#do-1" in nudge.text
    assert THREAT not in nudge.text
    (notice,) = chat.admin_inbox
    assert "mallory" not in notice.text and THREAT not in notice.text
    assert chat.room("group").messages[2:] == []  # nothing said in public
    kinds = {kind for _, kind, _, _ in store.counts("matrix", "group")}
    assert {"threat", "nudge"} <= kinds


def test_a_message_condemning_racism_brings_nothing(watched: Callable[..., MemoryChat]) -> None:
    chat = watched()
    assert chat.send(COUNTER_SPEECH, user="carol") == []
    assert chat.inbox == {} and chat.admin_inbox == []


def test_the_nudge_offers_not_meant_that_way_and_its_answer_is_counted(
    watched: Callable[..., MemoryChat], store: MemoryStore, clock: Clock
) -> None:
    chat = watched()
    (action,) = say(chat, INSULT, "bob", clock)
    assert isinstance(action, Private) and action.fallback is False
    (button,) = action.buttons
    assert button.label == BOT.get("nl", "nudge.button")
    name, do, group = button.data.split()
    answer = chat.bot.handle(
        Command(group=GroupID("dm-bob"), user=UserID("bob"), name=name, args=(do, group), direct=True)
    )
    assert [a.body.text for a in answer] == [BOT.get("nl", "notmeant.thanks")]  # type: ignore[union-attr]
    assert (clock_day := store.counts("matrix", "group")) and any(
        kind == "not_meant" and n == 1 for _, kind, _, n in clock_day
    )


def test_an_english_message_in_a_dutch_group_gets_its_nudge_button_link_and_answer_in_english(
    watched: Callable[..., MemoryChat], clock: Clock
) -> None:
    chat = watched()
    (action,) = say(chat, "you are such an idiot, nobody wants you here", "bob", clock)
    assert isinstance(action, Private) and "https://samen.test/en/dos/#do-" in action.body.text
    (button,) = action.buttons
    assert button.label == BOT.get("en", "nudge.button") != BOT.get("nl", "nudge.button")
    name, do, group = button.data.split()
    answer = chat.bot.handle(
        Command(group=GroupID("dm-bob"), user=UserID("bob"), name=name, args=(do, group), direct=True)
    )
    assert [a.body.text for a in answer] == [BOT.get("en", "notmeant.thanks")]  # type: ignore[union-attr]
    without = watched(buttons=False)
    (typed,) = say(without, "you are such an idiot, nobody wants you here", "eve", clock)
    assert typed.body.text.endswith(BOT.get("en", "nudge.answer", prefix="!"))  # type: ignore[union-attr]


def test_without_buttons_the_nudge_says_how_to_answer(watched: Callable[..., MemoryChat]) -> None:
    chat = watched(buttons=False)
    chat.send(INSULT, user="bob")
    assert "!nietzo" in chat.inbox["bob"][0].text


def test_one_nudge_per_author_per_few_minutes(watched: Callable[..., MemoryChat], clock: Clock) -> None:
    chat = watched()
    chat.send(INSULT, user="bob")
    chat.send(INSULT, user="bob")
    chat.send(INSULT, user="dave")
    assert len(chat.inbox["bob"]) == 1 and len(chat.inbox["dave"]) == 1
    clock.now += 301
    chat.send(INSULT, user="bob")
    assert len(chat.inbox["bob"]) == 2


def test_admins_hear_of_every_threat_even_within_the_author_limit(
    watched: Callable[..., MemoryChat],
) -> None:
    chat = watched()
    chat.send(THREAT, user="mallory")
    chat.send(THREAT, user="mallory")
    assert len(chat.inbox["mallory"]) == 1 and len(chat.admin_inbox) == 2


def test_nudges_off_means_silence(watched: Callable[..., MemoryChat]) -> None:
    chat = watched()
    chat.send("!signalen uit", admin=True)
    assert chat.send(THREAT, user="mallory") == []


def test_mode_admins_tells_the_admins_of_an_insult_too(watched: Callable[..., MemoryChat]) -> None:
    chat = watched()
    chat.send("!nudges admins", admin=True)
    chat.send(INSULT, user="bob")
    assert len(chat.inbox["bob"]) == 1 and len(chat.admin_inbox) == 1


def test_where_nobody_can_be_reached_privately_only_a_threat_reminds_the_group(
    watched: Callable[..., MemoryChat],
) -> None:
    chat = watched(private=False)
    assert chat.send(INSULT, user="bob") == []
    answers = chat.send(THREAT, user="mallory")
    public = chat.room("group").messages[-1].text
    assert NL.do(1).text in public and "mallory" not in public and THREAT not in public
    assert len(answers) == 2  # the reminder and the admins' notice


def test_heat_reminds_the_group_of_do_7_once_per_half_hour(
    watched: Callable[..., MemoryChat], clock: Clock
) -> None:
    chat = watched()
    heat = []
    for round_ in range(2):
        for author, text in HEATED:
            clock.now += 5
            heat += [a for a in say(chat, text, author, clock) if getattr(a, "purpose", "") == "heat"]
        clock.now += 60 if round_ == 0 else 0
    assert len(heat) == 1
    assert "Do 7" in heat[0].body.text  # type: ignore[attr-defined]
    clock.now += 1801
    for author, text in HEATED:
        clock.now += 5
        heat += [a for a in say(chat, text, author, clock) if getattr(a, "purpose", "") == "heat"]
    assert len(heat) == 2


def test_messages_in_a_direct_chat_are_not_watched(watched: Callable[..., MemoryChat]) -> None:
    chat = watched()
    assert chat.send(THREAT, user="mallory", direct=True, group="dm") == []


def test_a_typed_not_meant_in_a_direct_chat_counts_for_the_last_nudge(
    watched: Callable[..., MemoryChat], store: MemoryStore
) -> None:
    chat = watched(buttons=False)
    chat.send(INSULT, user="bob")
    (thanks,) = chat.send("!nietzo", user="bob", direct=True, group="dm-bob")
    assert thanks.text == BOT.get("nl", "notmeant.thanks")
    assert [(kind, do) for _, kind, do, _ in store.counts("matrix", "group") if kind == "not_meant"] == [
        ("not_meant", 1)
    ]


# --- the Do a nudge names is the pack's fact, not the code's ---------------------------------------------


def _reordered_pack(tmp_path: Path) -> Pack:
    """The Leiden pack with other Do ids, and privacy moved first: another institution's pack."""
    from samen.content import DEFAULT_PACK, load_pack

    text = DEFAULT_PACK.read_text(encoding="utf-8")
    privacy = "  - {id: privacy, signals: [privacy], icon: lock}\n"
    assert privacy in text
    text = text.replace(privacy, "").replace(
        "dos:\n  - {id: respect", "dos:\n" + privacy + "  - {id: respect", 1
    )
    for old, new in (("respect", "be-kind"), ("real-person", "human"), ("privacy", "secrets")):
        # Ids only: indented keys and flow values, never a top-level block such as `privacy:`.
        text = re.sub(rf"(?<= ){old}(?=[,}}:])", new, text)
    path = tmp_path / "other.yaml"
    path.write_text(text, encoding="utf-8")
    return load_pack(path)


def test_another_packs_ids_and_order_decide_the_do_a_nudge_names(signals: Signals, tmp_path: Path) -> None:
    pack = _reordered_pack(tmp_path)
    local = pack.language("nl")
    assert [d.id for d in local.dos[:3]] == ["secrets", "be-kind", "human"]
    privacy = decide_nudge(signals.analyze("het bsn van Sanne is 123456782"), local, do_url=dos_url)
    assert privacy is not None and privacy.do == 1
    insult = decide_nudge(signals.analyze("jij bent echt een dombo"), local, do_url=dos_url)
    assert insult is not None and insult.do == 2
    assert local.do(3).title in insult.message  # an insult names both Do's that cover it
    assert do_of("heat", local) == local.dos_for("heat")[0].number == 7


def test_a_pack_without_signal_facts_stays_valid_and_names_its_first_do(
    signals: Signals, tmp_path: Path
) -> None:
    from samen.content import DEFAULT_PACK, load_pack

    text = re.sub(r", signals: \[[^\]]*\]", "", DEFAULT_PACK.read_text(encoding="utf-8"))
    path = tmp_path / "plain.yaml"
    path.write_text(text, encoding="utf-8")
    local = load_pack(path).language("nl")
    nudge = decide_nudge(signals.analyze("het bsn van Sanne is 123456782"), local, do_url=dos_url)
    assert nudge is not None and nudge.do == 1
    assert do_of("privacy", local) == 0  # counted as concerning no Do


def test_the_packs_signal_vocabulary_is_what_the_signals_report() -> None:
    from samen.content.schema import SIGNAL_KINDS, SIGNAL_SUBTYPES
    from samen.signals.findings import IDENTITY_SUBTYPES, KINDS

    assert set(SIGNAL_KINDS) == set(KINDS) - {"language_mix"}
    assert set(SIGNAL_SUBTYPES) == set(IDENTITY_SUBTYPES)
