"""Benchmark of the command line's start: how long ``samen --help`` takes, as a person waits for it.

Not a test: it prints figures, which docs/architecture.md quotes. Like hyperfine: a few warm-up runs (the
file cache), then N runs of the installed ``samen`` entry point, each a new process; the minimum is the cost
without interference, the median what a person sees on a busy machine. Also prints the load average, since
on a shared machine that decides the median.

    uv run python bench/bench_cli_start.py [--runs 30] [ARGS…]   (default ARGS: --help)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("args", nargs="*", default=["--help"])
    options = parser.parse_args()
    samen = shutil.which("samen") or str(Path(sys.executable).parent / "samen")
    command = [samen, *options.args]
    for _ in range(options.warmup):
        subprocess.run(command, capture_output=True, check=True)
    times = []
    for _ in range(options.runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"samen {' '.join(options.args)}: {options.runs} runs, load average {os.getloadavg()[0]:.1f}")
    print(
        f"  min {times[0] * 1000:.0f} ms   median {statistics.median(times) * 1000:.0f} ms   "
        f"max {times[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
