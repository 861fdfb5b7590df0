"""Benchmark the signals pipeline on one core: messages per second, p95 per message, memory, load time,
and how often the cascade's embedding stage runs.

Not a test: it prints figures, which docs/signals.md quotes. Run it with
``uv run python bench/bench_signals.py`` (``--messages N`` for a longer run). The mix is realistic for a
study group: mostly ordinary chat (our everyday corpus's dev and test lines), some harm and its harmless
twins (our grammar and our own examples), a few personal details; every message goes through the whole
pipeline the bot runs: ``Signals.analyze`` and ``decide_nudge``. The process is pinned to one core and the
embedding engine to one thread.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import resource
import statistics
import time
from pathlib import Path

from samen.bot.nudge import NudgeMode, decide_nudge
from samen.content import load_pack
from samen.signals import Signals, Turn
from samen.signals.corpora import READERS, own_examples
from samen.signals.privacy import find_details
from samen.signals.privacy_evaluation import privacy_examples


def _privacy_cost(signals: Signals, texts: list[str]) -> float:
    """Mean seconds per message of the privacy part alone (:func:`find_details`)."""
    started = time.perf_counter()
    for text in texts:
        for _ in find_details(text, signals.privacy):
            pass
    return (time.perf_counter() - started) / len(texts)


def mix(count: int, ordinary: float) -> list[str]:
    """``count`` messages in a fixed order: ``ordinary`` of them everyday chat, the rest harm and twins."""
    # Held-out chat only: the gate has learnt the training lines, so they would flatter the cascade (on the
    # thirty-third round's K, 2.0 % of the training lines are embedded against 4.3 % of the dev ones).
    everyday = [e.text for e in READERS["everyday"](Path(".")) if e.split != "train"]
    other = [e.text for e in READERS["grammar"](Path("."))] + [e.text for e in own_examples()]
    other += ["bel Lisa op 06-12345678", "het bsn van Sanne is 123456782", "mail tom@example.nl even"]
    texts = []
    a = b = 0
    for i in range(count):
        if i % 100 < round(ordinary * 100):
            texts.append(everyday[a % len(everyday)])
            a += 1
        else:
            texts.append(other[(b * 7919) % len(other)])
            b += 1
    return texts


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--ordinary", type=float, default=0.9, help="share of everyday chat in the mix")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pack = load_pack()
    local = pack.language("nl")
    started = time.perf_counter()
    signals = Signals.load(**pack.spec.signals_options())
    load_s = time.perf_counter() - started
    texts = mix(args.messages, args.ordinary)

    def url(lang: str, n: int) -> str:
        return f"https://example.org/{lang}/dos/#do-{n}"

    for text in texts[:300]:  # warm up
        decide_nudge(signals.analyze(text), local, mode=NudgeMode.AUTHOR, do_url=url)
    signals.scored = signals.embedded = 0
    times = []
    cpu = time.process_time()
    wall = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        decide_nudge(signals.analyze(text), local, mode=NudgeMode.AUTHOR, do_url=url)
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - wall
    cpu_total = time.process_time() - cpu
    embedded, scored = signals.embedded, signals.scored
    # As the bot does: each message is analysed, then the window of the last 12 that ends with it is
    # assessed (its readings are remembered by the analysis; only the window's own work is timed).
    turns = [Turn(f"u{i % 3}", t, float(i * 5)) for i, t in enumerate(texts[:2012])]
    runs = 2000
    window_s = 0.0
    for turn in turns[:11]:
        signals.analyze(turn.text)
    for i in range(runs):
        signals.analyze(turns[i + 11].text)
        w0 = time.perf_counter()
        signals.assess_window(turns[i : i + 12])
        window_s += time.perf_counter() - w0
    window_ms = window_s / runs * 1000
    # The privacy part alone (it runs on every message): on the same messages, and on our privacy set.
    privacy_mean = _privacy_cost(signals, texts)
    detail_texts = [e.text for e in privacy_examples()]
    detail_mean = _privacy_cost(signals, detail_texts * (2000 // len(detail_texts) + 1))
    times.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"messages            {len(texts)} ({args.ordinary:.0%} everyday chat)")
    print(
        f"embedding stage     {embedded} of {scored} messages ({embedded / max(1, scored):.1%})"
        f"{'' if signals.embed is not None else ' (not loaded)'}"
    )
    print(f"throughput          {len(texts) / total:,.0f} messages/s (one core, wall clock)")
    print(f"                    {len(texts) / cpu_total:,.0f} messages per CPU second of this process")
    print(f"mean                {statistics.fmean(times) * 1e3:.3f} ms")
    print(f"p50                 {times[len(times) // 2] * 1e3:.3f} ms")
    print(f"p95                 {times[int(len(times) * 0.95)] * 1e3:.3f} ms")
    print(f"p99                 {times[int(len(times) * 0.99)] * 1e3:.3f} ms")
    print(f"sliding window      {window_ms:.2f} ms per new message (heat and language mix, 12 turns)")
    print(f"privacy part        {privacy_mean * 1e3:.3f} ms mean per message (of the above)")
    print(f"                    {detail_mean * 1e3:.3f} ms mean per message of our privacy set")
    print(f"load time           {load_s * 1e3:.0f} ms (lexicon, rules, model, e5 engine, word frequencies)")
    print(
        f"peak resident       {rss / 1024:.0f} MB (process; {rss_before / 1024:.0f} MB before loading samen)"
    )


if __name__ == "__main__":
    main()
