"""Benchmark folding: messages per second and p95 per message for ``fold`` and ``tokens`` on one core.

Not a test: it prints figures, which docs/signals.md quotes. Run it with
``uv run python bench/bench_normalize.py``. The messages are our own: the everyday chat and the grammar's
examples (a fifth of them disguised with invisible characters, look-alikes and split words).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from samen.signals.corpora import everyday, grammar
from samen.signals.normalize import fold, tokens


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    fold("ɪᴅɪᴏᴏᴛ idi oot")  # reads the lexicon and word lists
    first_s = time.perf_counter() - started
    texts = [e.text for e in everyday(Path())] + [e.text for e in grammar(Path())]
    per_message: list[float] = []
    begin = time.perf_counter()
    for _ in range(args.rounds):
        for text in texts:
            t0 = time.perf_counter()
            tokens(fold(text))
            per_message.append(time.perf_counter() - t0)
    total = time.perf_counter() - begin
    p95 = statistics.quantiles(per_message, n=20)[-1]
    print(f"messages: {len(per_message)} ({len(texts)} distinct)")
    print(f"throughput: {len(per_message) / total:,.0f} messages/s on one core")
    print(f"p95: {p95 * 1000:.3f} ms per message")
    print(f"first call: {first_s:.3f} s")
    # Lines written to make a reader slow: a pattern repeated to 5,000 characters (a long chat message).
    slowest = max((_seconds(unit * (5000 // len(unit))), unit) for unit in _ADVERSARIAL)
    print(f"slowest adversarial line of 5,000 characters: {slowest[0] * 1000:.1f} ms ({slowest[1]!r} × n)")


#: Units repeated into adversarial lines: signs between letters (masks, l33t, addresses, file names), letters
#: spaced apart, words split apart, dots, apostrophes and digits; one long word, stretched letters, signs
#: between letters that mask none, capital I among small letters and capitalised words (names); hashtags,
#: words with a number after them and chat's one-letter words spaced apart; emphasis marks opened and never
#: closed, or closed at once; and a l33t line's short words.
_ADVERSARIAL = (
    "a@",
    "@a",
    "a*",
    "k*t ",
    "a.",
    "a-",
    "a_",
    "a'",
    "1.",
    "x@y.",
    "ab@cd ",
    "i d i o o t ",
    "idi oot ",
    "ab",
    "aaab",
    "a~",
    "aIb",
    "Ab ",
    "#jebentdom ",
    "week1 ",
    "u r ",
    "*ab ",
    "*a* ",
    "m44k j3 ",
)


def _seconds(text: str) -> float:
    t0 = time.perf_counter()
    tokens(fold(text))
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
