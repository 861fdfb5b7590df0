"""Benchmark of the bot core: events per second through the in-memory adapter, latency per event, memory.

Not a test: it prints figures, which docs/bot.md quotes. No network, no database: the in-memory store and
the real signals, renderers and campaign pack, on one core (one thread).

    uv run python bench/bench_bot.py [--events 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import random
import resource
import statistics
import time
from collections.abc import Callable

from samen.bot import Bot, Capabilities, Command, Event, GroupID, Joined, MemoryStore, Said, UserID
from samen.content import load_pack
from samen.signals import Signals

MESSAGES = [
    "Wanneer is de deadline van opdracht 2?",
    "Heeft iemand de slides van college 3?",
    "ik snap opgave 4b niet, kan iemand helpen",
    "Zullen we morgen om 10 uur afspreken in de UB?",
    "Does anyone have the notes from Tuesday's lecture?",
    "jij bent echt een dombo",
    "Racisme is nooit ok, we moeten het samen bestrijden",
    "top, dank je!",
    "bel me even op 0612345678",
    "haha ja precies",
]
COMMANDS = [("do", ("4",)), ("dos", ()), ("faq", ("racisme",)), ("hulp", ()), ("do", ("99",)), ("zie", ())]


POSITIONS = itertools.count(1)


def dos_url(lang: str, number: int | None) -> str:
    return f"https://samen.example/{lang}/dos/" + (f"#do-{number}" if number else "")


class Clock:
    """Time that moves two seconds on every look: a busy hour compressed."""

    def __init__(self) -> None:
        self.now = 1_764_000_000.0

    def __call__(self) -> float:
        self.now += 2.0
        return self.now


def make_events(kind: str, count: int, groups: int, rng: random.Random) -> list[Event]:
    """A stream of events of one kind (``command``, ``message``, ``mixed``) over many groups."""
    events: list[Event] = []
    for _ in range(count):
        # Positions keep growing across runs, as on a platform: the core skips anything not newer.
        i = next(POSITIONS)
        group = GroupID(f"!group{rng.randrange(groups)}:example.org")
        user = UserID(f"@student{rng.randrange(200)}:example.org")
        pick = kind if kind != "mixed" else rng.choices(["command", "message", "join"], [2, 7, 1])[0]
        if pick == "command":
            name, args = rng.choice(COMMANDS)
            events.append(Command(group=group, user=user, name=name, args=args, position=i))
        elif pick == "message":
            events.append(
                Said(group=group, user=user, text=rng.choice(MESSAGES), at=1_764_000_000 + 2 * i, position=i)
            )
        else:
            events.append(Joined(group=group, user=user, position=i))
    return events


def measure(bot: Bot, events: list[Event]) -> tuple[float, list[float]]:
    """Events per second and each event's latency in milliseconds (event in to actions out)."""
    handle: Callable[[Event], object] = bot.handle
    latencies = []
    gc.collect()
    start = time.perf_counter()
    for event in events:
        t0 = time.perf_counter_ns()
        handle(event)
        latencies.append((time.perf_counter_ns() - t0) / 1e6)
    elapsed = time.perf_counter() - start
    return len(events) / elapsed, latencies


def main() -> None:
    """Run each workload and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs per workload; the fastest is shown")
    options = parser.parse_args()
    pack = load_pack()
    signals = Signals.load(**pack.spec.signals_options())
    print(f"{'workload':<20} {'events/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    workloads = [("command", True), ("message", True), ("mixed", True), ("message", False), ("mixed", False)]
    for kind, with_signals in workloads:
        rng = random.Random(4)
        bot = Bot(
            pack,
            MemoryStore(),
            Capabilities("matrix", prefix="!", buttons=False),
            dos_url=dos_url,
            signals=signals if with_signals else None,
            clock=Clock(),
        )
        measure(bot, make_events(kind, 2_000, options.groups, rng))  # warm up: caches, first renders
        # The fastest of a few runs: on a shared machine the others are slowed by other work.
        runs = [
            measure(bot, make_events(kind, options.events, options.groups, rng))
            for _ in range(options.repeat)
        ]
        rate, latencies = max(runs, key=lambda run: run[0])
        cuts = statistics.quantiles(latencies, n=100)
        label = kind if with_signals else f"{kind}, no signals"
        print(f"{label:<20} {rate:>10,.0f} {cuts[49]:>8.3f} {cuts[98]:>8.3f} {max(latencies):>8.3f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {rss:.0f} MB")


if __name__ == "__main__":
    main()
