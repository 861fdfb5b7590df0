"""The pack validator reports texts over a platform limit, unknown icons and unreadable colours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samen.cli import main
from samen.content import DEFAULT_PACK, load_pack
from samen.render.check import check_findings


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    with pytest.raises(SystemExit) as exited:
        main(["pack", "validate", str(path)])
    return int(exited.value.code or 0), capsys.readouterr().err.splitlines()


def test_the_leiden_pack_fits_every_platform() -> None:
    assert check_findings(load_pack()) == []


def test_an_over_long_short_description_is_reported_with_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = "description_short: 'Samen zorgen we voor een fijne, veilige leeromgeving."
    path = _broken(tmp_path, old, old.rstrip(".") + ", ook online," + " en in elk college," * 12)
    line = next(
        i for i, text in enumerate(path.read_text().splitlines(), 1) if "description_short: 'Samen" in text
    )
    code, lines = _validate(path, capsys)
    assert code == 2
    assert any(
        f"{path}:{line}: languages.nl.description_short:" in out and "Telegram" in out and "255" in out
        for out in lines
    ), lines


def test_an_over_long_do_is_reported_at_that_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = "text: Wijs elkaar indien nodig op deze Do’s."
    path = _broken(tmp_path, old, old + " Echt waar." * 40)
    code, lines = _validate(path, capsys)
    assert code == 2
    assert any("languages.nl.dos.point-to-dos.text:" in out and "300" in out for out in lines), lines


def test_an_unknown_icon_and_a_pale_colour_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _broken(tmp_path, "icon: lock}", "icon: no-such-icon}")
    path.write_text(path.read_text().replace('primary: "#001158"', 'primary: "#9fb3ff"'), encoding="utf-8")
    code, lines = _validate(path, capsys)
    assert code == 2
    assert any("dos.3.icon:" in out and "no-such-icon" in out for out in lines), lines
    assert any("colours.primary:" in out and "4.5:1" in out for out in lines), lines


def test_dos_too_long_for_a_readable_poster_and_slides_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two Do's each within Discord's 300 characters for a rule, but together too much for the poster on a
    # phone.
    old = "text: Wijs elkaar indien nodig op deze Do’s."
    path = _broken(tmp_path, old, old + " Echt waar, ook online." * 11)
    old = "text: 'Onthoud: er zit een echt mens achter ieder beeldscherm en toetsenbord."
    path.write_text(
        path.read_text(encoding="utf-8").replace(old, old + " Echt waar, ook online." * 9, 1),
        encoding="utf-8",
    )
    code, lines = _validate(path, capsys)
    assert code == 2
    assert any(
        "languages.nl.dos:" in out and "portrait poster" in out and "CSS px" in out for out in lines
    ), lines
    # The slides take another slide instead: only a Do too long for a slide of its own is a problem.
    assert not any("lecture slides" in out for out in lines), lines
    assert not any("languages.en.dos:" in out for out in lines), lines


def test_what_does_not_fit_is_said_in_each_language_with_the_platform_as_people_write_it(
    tmp_path: Path,
) -> None:
    old = "description_short: 'Samen zorgen we voor een fijne, veilige leeromgeving."
    path = _broken(tmp_path, old, old.rstrip(".") + ", ook online," + " en in elk college," * 12)
    path.write_text(path.read_text().replace("icon: lock}", "icon: no-such-icon}"), encoding="utf-8")
    found = check_findings(load_pack(path))
    words = {f.at: f.words("nl") for f in found}
    assert words[("dos", 3, "icon")] == "onbekend pictogram ‘no-such-icon’: het staat niet in de Lucide-set"
    assert re.fullmatch(
        r"te lang: Telegram, beschrijving van de chat: \d+ tekens is langer dan de limiet van 255 tekens",
        words[("languages", "nl", "description_short")],
    )


def test_validate_says_what_does_not_fit_in_the_readers_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _broken(tmp_path, "icon: lock}", "icon: no-such-icon}")
    monkeypatch.setenv("SAMEN_LANG", "nl")
    code, lines = _validate(path, capsys)
    assert code == 2
    assert any("dos.3.icon:" in out and "onbekend pictogram ‘no-such-icon’" in out for out in lines), lines


def _line_of(path: Path, needle: str) -> int:
    return next(
        i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text
    )


TAGLINE = "    tagline: Together, we make this a pleasant and safe place to learn. Online, too."


@pytest.mark.parametrize("length", [320, 40_000])
def test_a_long_tagline_is_reported_at_the_tagline_not_at_the_dos(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], length: int
) -> None:
    """A 320-character tagline was blamed on ``languages.en.dos`` (the poster), a 10,000-character one also
    for Discord's embed: a maintainer would have shortened Do's that must stay verbatim. A 40,000-character
    word never finished validating (the poster's letters were measured once per letter tried, for each
    line); it is reported in the normal run, each time at the tagline."""
    word = "x" * length if length > 1000 else ("Together we make this a pleasant place. " * 10)[:length]
    path = _broken(tmp_path, TAGLINE, f"    tagline: {word}")
    code, lines = _validate(path, capsys)
    assert code == 2
    problems = lines[:-1]
    assert problems and all(
        f"{path}:{_line_of(path, word[:40])}: languages.en.tagline: " in p for p in problems
    )
    assert any("portrait poster" in p for p in problems)
    if length > 4096:
        assert any("Discord, embed description" in p for p in problems), problems


def test_a_long_name_is_reported_at_that_name_where_a_template_brings_it_in(tmp_path: Path) -> None:
    """The welcome (``… binnen de {institution}``) and the embed's footer hold the institution's name, the
    embed's title and the poster's header the campaign: the name is too long, not the template that holds it
    nor the Do's whose room it takes."""
    for old, field in (
        ("    institution: Leiden University", "institution"),
        ("    campaign: Dignity and respect in the online learning environment", "campaign"),
    ):
        (tmp_path / field).mkdir()  # load_pack keeps a pack per path
        path = _broken(tmp_path / field, old, old + " and its faculties, institutes and campuses" * 120)
        found = check_findings(load_pack(path))
        assert found and {f.at for f in found} == {("languages", "en", field)}, found
        limits = {dict(f.params).get("limit_name") for f in found}
        assert limits >= ({"message", "embed.footer"} if field == "institution" else {"embed.title", None})


def test_a_do_too_long_for_a_rule_is_reported_once_at_that_do(tmp_path: Path) -> None:
    """Rules Screening's 300 characters were reported twice: at the Do's text and at all the Do's."""
    old = "text: Wijs elkaar indien nodig op deze Do’s."
    path = _broken(tmp_path, old, old + " Echt waar." * 40)
    found = [f for f in check_findings(load_pack(path)) if dict(f.params).get("limit_name") == "rule"]
    assert [f.at for f in found] == [("languages", "nl", "dos", "point-to-dos", "text")]


def test_a_do_too_long_for_a_slide_of_its_own_is_named(tmp_path: Path) -> None:
    old = "text: Wijs elkaar indien nodig op deze Do’s."
    path = _broken(tmp_path, old, old + " Echt waar, ook online, in elk college en in elke groep." * 12)
    found = [f for f in check_findings(load_pack(path)) if f.key == "pack.slides_too_long"]
    assert [f.at for f in found] == [("languages", "nl", "dos", "point-to-dos")]
