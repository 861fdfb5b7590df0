"""Benchmark of the web toolkit: ``samen serve`` under 50 concurrent clients on loopback.

Starts ``samen serve`` (gunicorn, SQLite in a temporary data folder), then runs the load from a separate
process: 50 keep-alive HTTP/1.1 connections that each ask for one page after another for a fixed time.
Prints requests per second and the latency percentiles of ``/nl/dos/`` and ``/nl/toolkit/whatsapp/``,
and the server's memory (resident and proportional, master and workers together).

    uv run python bench/bench_web.py [--seconds 10] [--clients 50] [--workers N] [--threads N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PATHS = ("/nl/dos/", "/nl/toolkit/whatsapp/")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _client(
    port: int, path: str, until: float, interval: float, latencies: list[float], errors: list[int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Language: nl\r\n\r\n".encode()
    try:
        # Spread the clients over the interval, so they do not all ask at the same moment.
        next_at = time.perf_counter() + random.random() * interval
        while time.perf_counter() < until:
            if interval:
                next_at += interval
                await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            start = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(status)
            if b"connection: close" in head.lower():
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
    finally:
        writer.close()


async def _load(port: int, path: str, clients: int, seconds: float, rate: float) -> dict[str, object]:
    latencies: list[float] = []
    errors: list[int] = []
    until = time.perf_counter() + seconds
    started = time.perf_counter()
    interval = clients / rate if rate else 0.0
    await asyncio.gather(*(_client(port, path, until, interval, latencies, errors) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        """The p-quantile in milliseconds."""
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {
        "requests": len(latencies),
        "errors": len(errors),
        "error_codes": sorted(set(errors)),
        "rps": len(latencies) / elapsed,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": statistics.fmean(latencies) * 1000,
    }


def client_main(port: int, path: str, clients: int, seconds: float, rate: float) -> None:
    """The load generator (its own process): prints one JSON line of figures."""
    print(json.dumps(asyncio.run(_load(port, path, clients, seconds, rate))))


def _children(pid: int) -> list[int]:
    found = [pid]
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        for c in child.read_text().split():
            found.extend(_children(int(c)))
    return found


def _memory(pid: int) -> tuple[float, float, list[float]]:
    """Resident and proportional set size (MiB) of a process and its children together, and each RSS."""
    rss = pss = 0
    each: list[float] = []
    for p in _children(pid):
        before = rss
        for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
        each.append((rss - before) / 1024)
    return rss / 1024, pss / 1024, each


def _mib(each: list[float]) -> str:
    if not each:
        return ""
    return f"master {each[0]:.0f}, workers " + " + ".join(f"{m:.0f}" for m in each[1:])


def main() -> None:
    """Start the server, run the load from a separate process, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--rate", type=float, default=500.0, help="requests/s for the paced run (0: skip it)")
    parser.add_argument("--client", nargs=2, metavar=("PORT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main(int(args.client[0]), args.client[1], args.clients, args.seconds, args.rate)
        return

    port = free_port()
    data = tempfile.mkdtemp(prefix="samen-bench-")
    env = {**os.environ, "SAMEN_DATA_DIR": data}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "samen", "serve", "--port", str(port)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    log = Path(data) / "serve.log"
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                for path in PATHS:  # warm up: imports, templates, the kit's first render
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("samen serve did not start") from None
                time.sleep(0.3)
        print(
            f"samen serve: {args.workers or 1} worker(s) of {args.threads or 4} threads, "
            f"{os.cpu_count()} cores, "
            f"{args.clients} clients, {args.seconds:.0f} s per page; "
            f"load average before: {os.getloadavg()[0]:.1f}"
        )
        rss, pss, each = _memory(server.pid)
        print(f"memory after start: PSS {pss:.0f} MiB; RSS {rss:.0f} MiB summed ({_mib(each)})")
        runs = [("as fast as they can", 0.0)]
        if args.rate:
            runs.append((f"paced at {args.rate:.0f} req/s in all", args.rate))
        for title, rate in runs:
            print(f"{args.clients} clients, {title}:")
            for path in PATHS:
                command = [sys.executable, __file__, "--client", str(port), path]
                command += [
                    "--clients",
                    str(args.clients),
                    "--seconds",
                    str(args.seconds),
                    "--rate",
                    str(rate),
                ]
                out = subprocess.run(command, capture_output=True, text=True, check=True)
                r = json.loads(out.stdout)
                codes = f" {r['error_codes']}" if r["errors"] else ""
                print(
                    f"  {path:24} {r['rps']:7.0f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms"
                    f"  p99 {r['p99_ms']:6.1f} ms  ({r['requests']} requests, {r['errors']} errors{codes})"
                )
        rss, pss, each = _memory(server.pid)
        print(f"memory after the load: PSS {pss:.0f} MiB; RSS {rss:.0f} MiB summed ({_mib(each)})")
    finally:
        server.terminate()
        server.wait(timeout=20)
    errors = [line for line in log.read_text(errors="replace").splitlines() if "Error" in line]
    if errors:
        print(f"the server logged errors: {log}")


if __name__ == "__main__":
    main()
