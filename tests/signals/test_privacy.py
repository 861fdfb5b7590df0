"""Personal details are found only when they validate, and their spans point at them."""

from __future__ import annotations

import pytest

from samen.signals import Signals


def privacy(signals: Signals, text: str) -> list[tuple[str | None, str]]:
    found = []
    for f in signals.analyze(text).findings:
        if f.kind == "privacy":
            assert f.span is not None and f.do == 4
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


def test_a_desk_or_role_address_is_not_personal(signals: Signals) -> None:
    assert privacy(signals, "Bel de receptie: 071 527 2727") == []
    assert privacy(signals, "mail de servicedesk via servicedesk@example.nl") == []
    assert privacy(signals, "bel Mark: 071 527 2727") == [("phone", "071 527 2727")]


def test_a_broken_student_number_pattern_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="student_number_pattern"):
        Signals.load(student_number_pattern="s(\\d{7}")
