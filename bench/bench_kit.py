"""Time `samen kit --all` (in-process) and one message render, and print the figures.

Run: ``uv run python bench/bench_kit.py`` (``taskset -c 0`` in front pins it to one core).
The kit is timed cold (first run in a fresh process: fonts, icons, poster, QR and slide rendered) and warm
(a second run: the input-independent parts come from the renderers' caches, as in the web app).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import timeit
from pathlib import Path

from samen.cli import main
from samen.content import load_pack
from samen.render import build_kit, render_do, render_dos, render_intro


def _kit_all(out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``samen kit --all``.

    CPU time is the steadier figure on a machine whose cores other work shares: wall-clock time there
    also counts the time this process waited for its core.
    """
    start, cpu = time.perf_counter(), time.process_time()
    try:
        main(["kit", "--all", "--out", str(out)])
    except SystemExit as exited:
        if exited.code:
            raise
    return time.perf_counter() - start, time.process_time() - cpu


def _per_call(fn: object, number: int = 2000) -> float:
    timer = timeit.Timer(fn)  # type: ignore[arg-type]
    runs = timer.repeat(repeat=5, number=number)
    return min(runs) / number


def main_bench() -> None:
    """Print the figures."""
    os.environ.pop("SAMEN_BASE_URL", None)
    pack = load_pack()
    nl = pack.language("nl")
    url = pack.campaign_url
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"python {sys.version.split()[0]}, {cores} core(s) available to this process")
    with tempfile.TemporaryDirectory() as folder, open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            cold = _kit_all(Path(folder) / "cold")
            warm = [_kit_all(Path(folder) / f"warm{i}") for i in range(3)]
        finally:
            sys.stdout = stdout
        files = sum(1 for p in (Path(folder) / "cold").rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in (Path(folder) / "cold").rglob("*") if p.is_file())
    print(
        f"samen kit --all (in-process, {files} files, {size / 1e6:.1f} MB): cold {cold[0]:.2f} s "
        f"({cold[1]:.2f} s CPU), warm {statistics.median(w for w, _ in warm):.2f} s "
        f"({statistics.median(c for _, c in warm):.2f} s CPU) (median of 3)"
    )
    build = _per_call(lambda: build_kit(nl, "whatsapp", dos_url=url, admin_text="Vragen? Mail mij."), 20)
    print(f"build_kit whatsapp nl with an admin intro (web zip request, warm caches): {build * 1e3:.2f} ms")
    for label, fn in (
        ("render_intro whatsapp nl", lambda: render_intro(nl, "whatsapp", admin_text="Vragen? Mail mij.")),
        ("render_dos whatsapp nl", lambda: render_dos(nl, "whatsapp", dos_url=url)),
        ("render_dos matrix nl (text + HTML)", lambda: render_dos(nl, "matrix", dos_url=url)),
        ("render_do 4 telegram nl", lambda: render_do(nl, 4, "telegram", do_url=url)),
    ):
        print(f"{label}: {_per_call(fn) * 1e6:.1f} µs per message")


if __name__ == "__main__":
    main_bench()
