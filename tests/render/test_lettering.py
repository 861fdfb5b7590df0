"""Breaking the poster's and the slides' text into lines: by the font's own widths, in time in proportion to
the text."""

from __future__ import annotations

import pytest

from samen.render.lettering import face, wrap


def _wrap_letter_by_letter(text: str, weight: str, size: float, width: float) -> list[str]:
    """The breaking as it was: a word too wide for a line cut by trying one letter fewer at a time (for a
    word of n letters about n² letters measured per line, so a 40,000-letter tagline never finished)."""
    font = face(weight)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.width(candidate, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while font.width(line, size) > width and len(line) > 1:
                cut = len(line)
                while cut > 1 and font.width(line[:cut], size) > width:
                    cut -= 1
                soft = max(line.rfind(mark, 1, cut) for mark in "/-.")
                cut = soft if soft > 0 else cut
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


@pytest.mark.parametrize(
    "text",
    [
        "Wijs elkaar indien nodig op deze Do’s.",
        "www.universiteitleiden.nl/sociale-veiligheid-online-leeromgeving/en/nog/een/heel/lang/adres",
        "W" * 90 + " kort " + "ijl" * 40,
        "a.b-c/d" * 20 + "\nregel twee " + "x" * 97,
        "Ⅻ" * 50,  # letters the font does not have
    ],
)
@pytest.mark.parametrize("width", [0.5, 60.0, 400.0])
def test_lines_break_where_they_broke_letter_by_letter(text: str, width: float) -> None:
    """The same lines as before (the kit's posters stay byte for byte the same), found in one pass."""
    for weight, size in (("regular", 30.5), ("bold", 36.6)):
        assert wrap(text, weight, size, width) == _wrap_letter_by_letter(text, weight, size, width)


def test_a_word_of_forty_thousand_letters_breaks_into_full_lines() -> None:
    word = "x" * 40_000
    font = face("regular")
    lines = wrap(word, "regular", 30.0, 1000.0)
    assert "".join(lines) == word
    assert all(font.width(line, 30.0) <= 1000.0 < font.width(line + "x", 30.0) for line in lines[:-1])
