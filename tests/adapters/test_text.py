"""Texts cut to a platform's limits as render's one table measures them, on the pack's real texts."""

from __future__ import annotations

from samen.adapters.telegram import _callback_data
from samen.adapters.text import chunks, either, shorten
from samen.content import load_pack
from samen.render import LIMITS, fits

NL = load_pack().language("nl")
FAQ = "\n\n".join(entry.answer for entry in NL.faq)


def test_every_part_fits_and_nothing_but_line_breaks_is_lost() -> None:
    for platform in ("discord", "telegram", "matrix"):
        text = FAQ * 30  # longer than any platform's message
        parts = chunks(text, platform)
        assert len(parts) > 1, platform
        assert all(fits(platform, "message", p) for p in parts), platform
        assert "".join(parts).replace("\n", "") == text.replace("\n", ""), platform


def test_telegram_counts_utf16_units_so_emoji_count_twice() -> None:
    # 3,000 emoji are 3,000 characters but 6,000 UTF-16 units: two Telegram messages, not one.
    text = "🤝" * 3000
    parts = chunks(text, "telegram")
    assert [len(p) for p in parts] == [2048, 952]
    assert all(len(p.encode("utf-16-le")) // 2 <= LIMITS["telegram"]["message"].maximum for p in parts)


def test_cuts_fall_at_a_paragraph_end_where_there_is_one() -> None:
    paragraphs = [do.text for do in NL.dos] * 40
    parts = chunks("\n\n".join(paragraphs), "discord")
    assert all(p.endswith(tuple(paragraphs)) for p in parts)


def test_a_short_text_is_one_part_and_an_empty_one_none() -> None:
    assert chunks(NL.do(4).text, "telegram") == [NL.do(4).text]
    assert chunks("", "discord") == []


def test_the_short_form_where_the_long_one_does_not_fit() -> None:
    long = "\n".join(f"{do.number}. {do.text}" for do in NL.dos)
    short = NL.text.description_short
    assert either(long, short, "telegram", "description") == shorten(short, "telegram", "description")
    assert either(NL.do(1).title, "short", "telegram", "description") == NL.do(1).title
    # Matrix measures the topic in bytes: a text of few characters but many bytes falls back.
    wide = "𝕯" * 20_000  # 20,000 characters, 80,000 bytes
    assert either(wide, "kort", "matrix", "topic") == "kort"


def test_shorten_cuts_in_the_field_unit_and_leaves_fields_without_a_limit_alone() -> None:
    caption = "é" * 2000
    assert shorten(caption, "telegram", "caption") == "é" * 1024
    assert shorten("🤝" * 1000, "telegram", "caption") == "🤝" * 512
    assert shorten(FAQ * 10, "discord", "no such field") == FAQ * 10


def test_telegram_button_data_is_cut_in_bytes_never_inside_a_character() -> None:
    assert _callback_data("notmeant 4 -1001234567890") == "notmeant 4 -1001234567890"
    cut = _callback_data("notmeant " + "ë" * 60)
    assert len(cut.encode()) <= 64 and cut == "notmeant " + "ë" * 27
