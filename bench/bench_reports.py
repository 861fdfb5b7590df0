"""Benchmark of confidential reports: reports filed per second, and the staff case list with 10,000 cases.

For each database (the embedded SQLite in a temporary folder, and a PostgreSQL server started here with
``initdb``, fsync on as in production), in a fresh process with that database configured:

- *filed per second*: reports filed one after another through :func:`samen.web.reports.actions.file_report`
  (sealing, a durable commit, an access-log line), and through the report page itself (Django's test client
  in process: form, validation, filing, the receipt rendered);
- *case list*: 10,000 cases of one route in the database, then the staff list (first page, a page deep in
  the list, and filtered by status) asked for again and again as the logged-in counsellor; p50 and p95.

    uv run python bench/bench_reports.py [--reports 500] [--cases 10000] [--requests 200] [--only sqlite]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_postgres(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A PostgreSQL server in ``root`` with its defaults (fsync and synchronous commit on)."""
    initdb, postgres = _postgres_bin("initdb"), _postgres_bin("postgres")
    if not initdb or not postgres:
        raise SystemExit("PostgreSQL's initdb/postgres were not found")
    data, sockets = root / "data", root / "run"
    sockets.mkdir(parents=True)
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        subprocess.run(["chown", "-R", "nobody", str(root)], check=True)
        os.chmod(root, 0o777)
        os.chmod(root.parent, 0o755)  # the temporary folder above it is private to root
        as_user = ["runuser", "-u", "nobody", "--"]
    subprocess.run(
        [*as_user, initdb, "-D", str(data), "-U", "samen", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    proc = subprocess.Popen(
        [*as_user, postgres, "-D", str(data), "-p", str(port), "-k", str(sockets), "-h", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(f"postgresql://samen@127.0.0.1:{port}/postgres", autocommit=True) as conn:
                conn.execute("CREATE DATABASE samen")
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return proc, f"postgresql://samen@127.0.0.1:{port}/samen"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(reports: int, cases: int, requests: int) -> dict[str, float]:
    """Run in a process whose environment selects the database; returns the figures."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.web.settings")
    import django
    from django.conf import settings

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from samen.web.catalogue import compile_catalogues
    from samen.web.reports import actions, codes
    from samen.web.reports.crypto import seal
    from samen.web.reports.models import Report

    call_command("migrate", interactive=False, verbosity=0)
    compile_catalogues(settings.LOCALE_PATHS[0])
    call_command("collectstatic", interactive=False, verbosity=0)
    text = "Iemand in de groepsapp bleef opmerkingen maken over mijn afkomst. " * 8  # ~530 characters
    figures: dict[str, float] = {}

    start = time.perf_counter()
    for _ in range(reports):
        actions.file_report("confidential-counsellor", text, language="nl")
    figures["filed_per_s_action"] = reports / (time.perf_counter() - start)

    client = Client(HTTP_HOST="localhost")
    start = time.perf_counter()
    for _ in range(reports):
        response = client.post(
            "/nl/report/", {"route": "confidential-counsellor", "text": text, "identity": "anonymous"}
        )
        assert response.status_code == 200, response.status_code
    figures["filed_per_s_page"] = reports / (time.perf_counter() - start)

    have = Report.objects.count()
    sealed = seal({"text": text, "name": "", "contact": "", "special": [], "link": ""})
    now = timezone.now()
    statuses = ["received", "conversation", "advised", "referred", "closed"]
    batch = [
        Report(
            code_hash=codes.code_hash(codes.new_code()),
            route="confidential-counsellor",
            language="nl",
            status=statuses[i % 5],
            sealed=sealed,
            created=now - timedelta(minutes=i),
            updated=now - timedelta(minutes=i),
        )
        for i in range(max(0, cases - have))
    ]
    Report.objects.bulk_create(batch, batch_size=1000)
    figures["cases"] = Report.objects.count()

    actions.add_staff("vp", "a long benchmark passphrase", ["confidential-counsellor"])
    staff = Client(HTTP_HOST="localhost")
    staff.force_login(get_user_model().objects.get(username="vp"))
    for name, path in (
        ("list_first", "/staff/"),
        ("list_deep", "/staff/?page=150"),
        ("list_status", "/staff/?status=advised"),
    ):
        staff.get(path)  # warm
        latencies = []
        for _ in range(requests):
            start = time.perf_counter()
            response = staff.get(path)
            latencies.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        figures[f"{name}_p50_ms"] = statistics.median(latencies)
        figures[f"{name}_p95_ms"] = _percentile(latencies, 0.95)
    return figures


def _report(name: str, figures: dict[str, float]) -> None:
    print(f"{name}:")
    print(f"  filed one after another, action:   {figures['filed_per_s_action']:7.0f} reports/s")
    print(f"  filed one after another, the page: {figures['filed_per_s_page']:7.0f} reports/s")
    print(f"  case list with {int(figures['cases']):,} cases (50 a page):")
    for key, label in (
        ("list_first", "first page"),
        ("list_deep", "page 150"),
        ("list_status", "one status"),
    ):
        print(
            f"    {label:<11} p50 {figures[key + '_p50_ms']:6.1f} ms  p95 {figures[key + '_p95_ms']:6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.reports, args.cases, args.requests)))
        return
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name in ("sqlite", "postgres"):
        if args.only and args.only != name:
            continue
        root = Path(tempfile.mkdtemp(prefix=f"samen-bench-{name}-"))
        env = {**os.environ, "SAMEN_DATA_DIR": str(root / "var"), "SAMEN_ALLOWED_HOSTS": "localhost"}
        env.pop("DATABASE_URL", None)
        server = None
        try:
            if name == "postgres":
                server, env["DATABASE_URL"] = start_postgres(root / "pg")
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--reports",
                    str(args.reports),
                    "--cases",
                    str(args.cases),
                    "--requests",
                    str(args.requests),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode != 0:
                raise SystemExit(child.stderr[-3000:])
            _report(name, json.loads(child.stdout.strip().splitlines()[-1]))
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
