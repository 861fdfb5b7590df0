"""Fixtures for the web toolkit: compiled catalogues and static files, a client, and a real server."""

from __future__ import annotations

import gettext
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.signals import setting_changed
from django.test import Client
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from samen.content import Localized, load_pack
from tests.conftest import free_port

#: Debian's Chromium, launched by Playwright in the browser tests.
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _site_ready() -> None:
    """Compile the catalogues and collect the static files once, as ``samen serve`` does."""
    from django.conf import settings

    from samen.web.catalogue import compile_catalogues

    compile_catalogues(settings.LOCALE_PATHS[0])
    # Django read the default language's catalogue at setup, before it was compiled. Make it read them
    # again; Python's gettext keeps each catalogue it parsed by path, which Django's reset does not reach,
    # so a catalogue recompiled after an edit would otherwise be served stale for the whole run.
    gettext._translations.clear()  # type: ignore[attr-defined]
    setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def web() -> Client:
    """A test client whose requests arrive over HTTPS through a proxy, as in production."""
    return Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver")  # a browser always names the host


@pytest.fixture
def staffed(db: None) -> tuple[str, ...]:
    """One staff account for each of the pack's report routes (``on-duty-<route>``), as ``samen staff add``
    makes them: a route is offered only where someone can read its reports."""
    from samen.web.reports import report_routes
    from samen.web.reports.actions import add_staff

    for route in report_routes():
        add_staff(f"on-duty-{route}", "an on-duty staff passphrase 7", [route])
    return report_routes()


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    """Each language of the site."""
    return str(request.param)


@pytest.fixture
def local(lang: str) -> Localized:
    """The default pack in the language under test."""
    return load_pack().language(lang)


@dataclass(frozen=True)
class Server:
    """A ``samen serve`` process on loopback."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    data_dir: Path


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"samen serve did not start: {log.read_text(errors='replace')[-3000:]}"
                ) from None
            time.sleep(0.2)


def start_server(
    tmp: Path, env: dict[str, str] | None = None, workers: int = 1, ready: str = "/nl/"
) -> Server:
    """Start ``samen serve`` on a free loopback port with its data in ``tmp``; wait until it answers.

    Args:
        tmp: the data folder (SQLite, compiled catalogues, static files).
        env: extra environment variables (``DATABASE_URL``).
        workers: gunicorn workers.
        ready: the page that answers once the server is up (a pack without Dutch has no ``/nl/``).
    """
    port = free_port()
    log = tmp / "serve.log"
    environ = {
        **os.environ,
        "SAMEN_DATA_DIR": str(tmp),
        "SAMEN_BASE_URL": f"http://127.0.0.1:{port}",
        **(env or {}),
    }
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "samen", "serve", "--port", str(port), "--workers", str(workers)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environ,
        )
    url = f"http://127.0.0.1:{port}"
    _wait_for(f"{url}{ready}", process, log)
    return Server(url, process, log, tmp)


def stop_server(server: Server) -> None:
    """Stop a server started by :func:`start_server`."""
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site served by ``samen serve`` (gunicorn, SQLite) for the browser tests, with a staff account
    for each report route (so the report form is there to be checked)."""
    data = tmp_path_factory.mktemp("serve")
    environ = {**os.environ, "SAMEN_DATA_DIR": str(data)}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    for route in load_pack().spec.reports.routes:
        subprocess.run(
            [sys.executable, "-m", "samen", "staff", "add", f"on-duty-{route}", "--role", route],
            input="an on-duty staff passphrase 7",
            text=True,
            env=environ,
            check=True,
            capture_output=True,
        )
    server = start_server(data, workers=2)
    try:
        yield server.url
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; scripts/bootstrap.sh installs Debian's chromium")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()


def load(page: Page, act: Callable[[], object]) -> None:
    """Run ``act`` (a click or key press that loads a new page) and return once that page has loaded.

    Playwright's click returns when a navigation has *started*; reading the page or going elsewhere before
    it ends finds no document, or cancels the form's POST. Every step that loads a page goes through here.
    """
    with page.expect_navigation():
        act()
