"""Benchmark the signals pipeline: messages per second on one core, p95 per message, memory, load time.

Not a test: it prints figures, which docs/signals.md quotes. Run it with
``uv run python bench/bench_signals.py`` (add ``--messages N`` for a longer run). The messages are our
own labelled examples, repeated and varied, so no data set text is needed; each message goes through the
whole pipeline the bot runs: ``Signals.analyze`` and ``decide_nudge``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

from samen.bot.nudge import NudgeMode, decide_nudge
from samen.content import load_pack
from samen.signals import Signals, Turn
from samen.signals.corpora import own_examples
from samen.signals.privacy import find_details
from samen.signals.privacy_evaluation import privacy_examples


def _privacy_cost(signals: Signals, texts: list[str]) -> float:
    """Mean seconds per message of the privacy part alone (:func:`find_details`)."""
    started = time.perf_counter()
    for text in texts:
        for _ in find_details(text, signals.privacy):
            pass
    return (time.perf_counter() - started) / len(texts)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--pin", action="store_true", help="pin the process to one core")
    args = parser.parse_args()
    # The pipeline is single-threaded: it uses one core whether pinned or not; pinning on a busy shared
    # machine only adds waiting for that one core.
    if args.pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pack = load_pack()
    local = pack.language("nl")
    started = time.perf_counter()
    signals = Signals.load(**pack.spec.signals_options())
    load_s = time.perf_counter() - started
    base = [e.text for e in own_examples()]
    base += ["bel Lisa op 06-12345678", "het bsn van Sanne is 123456782", "mail tom@example.nl even", "ok!"]
    texts = [f"{t} {i % 97}" if i % 3 else t for i, t in enumerate(base * (args.messages // len(base) + 1))]
    texts = texts[: args.messages]

    def url(n: int) -> str:
        return f"https://example.org/nl/dos/#do-{n}"

    for text in texts[:500]:  # warm up
        decide_nudge(signals.analyze(text), local, mode=NudgeMode.AUTHOR, do_url=url)
    times = []
    cpu = time.process_time()
    wall = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        decide_nudge(signals.analyze(text), local, mode=NudgeMode.AUTHOR, do_url=url)
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - wall
    cpu_total = time.process_time() - cpu
    # As the bot does: after every message, the window of the last 12 (one new message each time).
    turns = [Turn(f"u{i % 3}", t, float(i * 5)) for i, t in enumerate(texts[:2012])]
    w0 = time.perf_counter()
    runs = 2000
    for i in range(runs):
        signals.assess_window(turns[i : i + 12])
    window_ms = (time.perf_counter() - w0) / runs * 1000
    times.sort()
    # The privacy part alone (it runs on every message): on the same messages, and on our privacy set,
    # where almost every message holds a number or an address.
    privacy_mean = _privacy_cost(signals, texts)
    detail_texts = [e.text for e in privacy_examples()]
    detail_mean = _privacy_cost(signals, detail_texts * (2000 // len(detail_texts) + 1))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"messages            {len(texts)}")
    print(f"throughput          {len(texts) / total:,.0f} messages/s (one core, wall clock)")
    print(f"                    {len(texts) / cpu_total:,.0f} messages per CPU second of this process")
    print(f"mean                {statistics.fmean(times) * 1e3:.3f} ms")
    print(f"p50                 {times[len(times) // 2] * 1e3:.3f} ms")
    print(f"p95                 {times[int(len(times) * 0.95)] * 1e3:.3f} ms")
    print(f"p99                 {times[int(len(times) * 0.99)] * 1e3:.3f} ms")
    print(f"sliding window      {window_ms:.2f} ms per new message (heat and language mix, 12 turns)")
    print(f"privacy part        {privacy_mean * 1e3:.3f} ms mean per message (of the above)")
    print(f"                    {detail_mean * 1e3:.3f} ms mean per message of our privacy set")
    print(f"load time           {load_s * 1e3:.0f} ms (lexicon, patterns, model)")
    print(
        f"peak resident       {rss / 1024:.0f} MB (process; {rss_before / 1024:.0f} MB before loading samen)"
    )


if __name__ == "__main__":
    main()
