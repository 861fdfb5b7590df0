"""``samen serve`` as a real process: gunicorn, static files, the embedded SQLite or a real PostgreSQL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import cast

import pytest

from samen.content import load_pack
from samen.content.pack import DEFAULT_PACK
from samen.web.catalogue import compile_catalogues
from samen.web.wsgi import KeptPages
from tests.web.conftest import Server, start_server, stop_server


def fetch(url: str, data: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def check_site(url: str) -> None:
    """The pages, a static file and the form work on a served site."""
    status, headers, body = fetch(f"{url}/nl/dos/")
    assert status == 200
    for do in load_pack().language("nl").dos:
        assert do.text.encode() in body
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    css = body.decode().split('<link rel="stylesheet" href="')[2].split('"')[0]
    assert css.startswith("/static/web/site.") and css.endswith(".css")
    status, headers, _ = fetch(url + css)
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert "immutable" in headers.get("Cache-Control", "")
    status, _, body = fetch(f"{url}/en/toolkit/telegram/", {"admin_text": "A private note 7f3a"})
    assert status == 200 and b"A private note 7f3a" in body
    status, _, body = fetch(f"{url}/en/nothing-here/")
    assert status == 404 and b"Page not found" in body


def test_serve_with_the_embedded_database(tmp_path: Path) -> None:
    server = start_server(tmp_path)
    try:
        check_site(server.url)
        assert (tmp_path / "samen.sqlite3").exists()
    finally:
        stop_server(server)
    log = server.log.read_text(errors="replace")
    assert "A private note 7f3a" not in log, "what a visitor types is never logged"
    assert "Traceback" not in log


@pytest.mark.postgres
def test_serve_with_postgresql(tmp_path: Path, postgres_url: str) -> None:
    server = start_server(tmp_path, env={"DATABASE_URL": postgres_url})
    try:
        check_site(server.url)
        assert not (tmp_path / "samen.sqlite3").exists()
    finally:
        stop_server(server)
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        applied = conn.execute("SELECT count(*) FROM django_migrations").fetchone()
    assert applied is not None and applied[0] >= 1


def test_serve_refuses_a_wrong_setting_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "samen", "serve"],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "SAMEN_DATA_DIR": str(tmp_path),
            "SAMEN_BASE_URL": "ftp://x",
            "SAMEN_LANG": "en",
        },
        timeout=60,
    )
    assert result.returncode == 2
    assert "SAMEN_BASE_URL" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_says_when_the_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "samen", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "SAMEN_DATA_DIR": str(tmp_path), "SAMEN_LANG": "nl"},
            timeout=120,
        )
    assert result.returncode == 2
    assert f"Kan niet luisteren op 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_says_in_one_line_when_the_host_is_wrong(tmp_path: Path) -> None:
    """It blamed the port ("Invalid value for --port: …") under click's English Usage and Try lines."""
    result = subprocess.run(
        [sys.executable, "-m", "samen", "serve", "--host", "nergens.invalid"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SAMEN_DATA_DIR": str(tmp_path), "SAMEN_LANG": "nl"},
        timeout=120,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Fout: Kan niet luisteren op nergens.invalid:8000")


def _pack_with_a_third_language(folder: Path, code: str = "de", name: str = "Deutsch") -> Path:
    """The default pack with its English block copied as another language: text added, nothing else."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    english = text[text.index("\n  en:\n") + 1 :]
    german = english.replace("  en:\n", f"  {code}:\n", 1).replace(
        "    name: English\n", f"    name: {name}\n", 1
    )
    path = folder / "three.yaml"
    path.write_text(text.rstrip("\n") + "\n" + german, encoding="utf-8")
    return path


def test_a_third_language_in_the_pack_is_served(tmp_path: Path) -> None:
    pack = _pack_with_a_third_language(tmp_path)
    assert "de" in load_pack(pack).languages
    server = start_server(tmp_path, env={"SAMEN_PACK": str(pack)})
    try:
        status, _, body = fetch(f"{server.url}/nl/dos/")
        assert status == 200 and b'href="/de/dos/" hreflang="de"' in body, "the switch offers it"
        for path in ("", "dos/", "toolkit/", "toolkit/whatsapp/", "faq/", "help/"):
            status, _, body = fetch(f"{server.url}/de/{path}")
            assert status == 200, path
            assert b'<html lang="de"' in body
        status, _, body = fetch(f"{server.url}/de/toolkit/whatsapp/")
        assert b"<h1>Toolkit for WhatsApp</h1>" in body, "the site's own words in English, not in Dutch"
        status, _, body = fetch(f"{server.url}/de/toolkit/whatsapp/", {"download": "zip"})
        assert status == 200 and body.startswith(b"PK")
        request = urllib.request.Request(f"{server.url}/", headers={"Accept-Language": "de-DE,de;q=0.9"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.url.endswith("/de/")
    finally:
        stop_server(server)


def test_serve_refuses_a_broken_pack_before_it_starts(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: 1\nlanguages: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "samen", "serve", "--port", "1"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SAMEN_DATA_DIR": str(tmp_path), "SAMEN_PACK": str(broken)},
        timeout=60,
    )
    assert result.returncode == 2
    assert f"{broken}:" in result.stderr
    assert "Traceback" not in result.stderr and "Serving" not in result.stdout


def test_a_pack_in_english_alone_is_served_in_english(tmp_path: Path) -> None:
    """An institution's pack without Dutch: its 404 pages said "Pagina niet gevonden" under lang="en"."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    english = text[text.index("\n  en:\n") + 1 :].replace("    translation_of: nl\n", "")
    head = text[: text.index("\nlanguages:\n")].replace("default_language: nl", "default_language: en")
    pack = tmp_path / "english.yaml"
    pack.write_text(head.replace("source_language: nl", "source_language: en") + "\nlanguages:\n" + english)
    assert list(load_pack(pack).languages) == ["en"]
    server = start_server(tmp_path, env={"SAMEN_PACK": str(pack)}, ready="/en/")
    try:
        with urllib.request.urlopen(f"{server.url}/", timeout=30) as response:
            assert response.url.endswith("/en/")
        for path in ("/nl/", "/nl/dos/", "/missing/"):
            status, _, body = fetch(server.url + path)
            assert status == 404
            assert b'<html lang="en"' in body and b"Page not found" in body, path
    finally:
        stop_server(server)


def test_a_language_written_right_to_left_is_shown_right_to_left(tmp_path: Path) -> None:
    """An Arabic block in the pack was served left to right (no ``dir`` on the page)."""
    pack = _pack_with_a_third_language(tmp_path, "ar", "العربية")
    server = start_server(tmp_path, env={"SAMEN_PACK": str(pack)})
    try:
        _, _, arabic = fetch(f"{server.url}/ar/dos/")
        assert b'<html lang="ar" dir="rtl">' in arabic
        _, _, dutch = fetch(f"{server.url}/nl/dos/")
        assert b'<html lang="nl">' in dutch, "left to right needs no dir"
        assert b'hreflang="ar" lang="ar" dir="rtl"' in dutch, "the switch's own name, right to left"
    finally:
        stop_server(server)


@pytest.mark.parametrize("problem", ["a file", "not there"])
def test_serve_says_in_one_line_when_the_data_folder_cannot_be_used(tmp_path: Path, problem: str) -> None:
    """SAMEN_DATA_DIR on a file, or under a place that cannot hold a folder, ended in
    "Unexpected error: FileExistsError. Please report it." with exit status 1."""
    data = tmp_path / "file"
    data.write_text("x", encoding="utf-8")
    folder = data if problem == "a file" else data / "var"
    result = subprocess.run(
        [sys.executable, "-m", "samen", "serve", "--port", "1"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SAMEN_DATA_DIR": str(folder), "SAMEN_LANG": "nl"},
        timeout=60,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Fout: SAMEN_DATA_DIR ({folder}) kan niet gebruikt worden"), line


@pytest.mark.parametrize(
    "url", ["postgresql://someone:s3cret-pw@127.0.0.1:1/samen", "notaurl", "postgresql://", "mysql://x/y"]
)
def test_serve_says_in_one_line_when_the_database_cannot_be_used(tmp_path: Path, url: str) -> None:
    """A wrong DATABASE_URL (a server that is down, a typo, a missing driver) ended in
    "Unexpected error: OperationalError. Please report it." with exit status 1."""
    result = subprocess.run(
        [sys.executable, "-m", "samen", "serve", "--port", "1"],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "SAMEN_DATA_DIR": str(tmp_path),
            "DATABASE_URL": url,
            "SAMEN_LANG": "en",
        },
        timeout=60,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: DATABASE_URL: the database cannot be used"), line
    assert "s3cret-pw" not in result.stderr + result.stdout


def test_serve_refuses_a_pack_whose_text_does_not_fit_a_platform(tmp_path: Path) -> None:
    """A Do too long for a WhatsApp caption passed ``samen serve``, and then every visitor of the WhatsApp
    and Discord toolkit pages got "Something went wrong"; ``samen pack validate`` did name the problem."""
    text = DEFAULT_PACK.read_text(encoding="utf-8")
    short = "Remember: there is a real person behind every screen and keyboard."
    pack = tmp_path / "long.yaml"
    pack.write_text(text.replace(short, short + " Really." * 60), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "samen", "serve", "--port", "1"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SAMEN_DATA_DIR": str(tmp_path), "SAMEN_PACK": str(pack)},
        timeout=60,
    )
    assert result.returncode == 2
    assert f"{pack}:" in result.stderr and "whatsapp" in result.stderr.lower()  # the platform, by name
    assert "Serving" not in result.stdout


def test_the_master_stays_small_and_the_announcement_is_kept(tmp_path: Path) -> None:
    """gunicorn's master loaded the whole site before forking (100 MiB beside a 96 MiB worker): it now runs
    in a fresh interpreter that only watches the workers. The line said before that exec is not lost."""
    server = start_server(tmp_path)
    try:
        check_site(server.url)
        first, again = fetch(f"{server.url}/nl/dos/"), fetch(f"{server.url}/nl/dos/")
        assert again[0] == 200 and again[2] == first[2], "a kept page is the same page"
        assert again[1]["Content-Security-Policy"] == first[1]["Content-Security-Policy"]
        assert again[1]["X-Frame-Options"] == "DENY" and "Age" in again[1]
        status = Path(f"/proc/{server.process.pid}/status").read_text()
        rss_mib = (
            int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024
        )
        assert rss_mib < 60, f"the master holds {rss_mib:.0f} MiB"
    finally:
        stop_server(server)
    log = server.log.read_text(errors="replace")
    assert f"{server.url}/ (Ctrl+C" in log, "the announcement, in either language"


class _Site:
    """A stand-in for Django: counts what it is asked and answers with the given status and headers."""

    def __init__(self, status: str = "200 OK", headers: list[tuple[str, str]] | None = None) -> None:
        self.status = status
        self.headers = headers or [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "max-age=300"),
        ]
        self.asked = 0

    def __call__(self, environ: dict[str, object], start_response: Callable[..., object]) -> list[bytes]:
        self.asked += 1
        start_response(self.status, [*self.headers, ("Age", "2")])
        return [b"page ", str(self.asked).encode()]


def _get(
    app: Callable[..., Iterable[bytes]], path: str = "/nl/dos/", **extra: str
) -> tuple[str, dict[str, str], bytes]:
    answer: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
        answer["status"], answer["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
    }
    body = b"".join(app({**environ, **extra}, start_response))
    return str(answer["status"]), cast(dict[str, str], answer["headers"]), body


def test_a_kept_page_is_answered_without_asking_django_again() -> None:
    site = _Site()
    app = KeptPages(site)
    assert _get(app)[2] == b"page 1"
    status, headers, body = _get(app)
    assert (status, body, site.asked) == ("200 OK", b"page 1", 1)
    assert headers["Age"] == "2" and headers["Cache-Control"] == "max-age=300"
    assert _get(app, "/en/dos/")[2] == b"page 2", "each address its own"
    assert _get(app, HTTP_HOST="localhost:8000")[2] == b"page 3", "each host its own (Django checks it)"
    assert _get(app, HTTP_X_FORWARDED_PROTO="https")[2] == b"page 4", "HTTPS its own (HSTS, the redirect)"
    assert _get(app, **{"wsgi.url_scheme": "https"})[2] == b"page 5"


@pytest.mark.parametrize(
    "extra",
    [
        {"QUERY_STRING": "q=racisme"},
        {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "10"},
        {"REQUEST_METHOD": "HEAD"},
        {"HTTP_COOKIE": "a=b"},
        {"HTTP_IF_NONE_MATCH": '"x"'},
    ],
)
def test_what_a_visitor_sends_always_goes_to_django(extra: dict[str, str]) -> None:
    site = _Site()
    app = KeptPages(site)
    assert [_get(app, **extra)[2] for _ in range(2)] == [b"page 1", b"page 2"]


@pytest.mark.parametrize(
    "headers",
    [
        [("Content-Type", "text/html"), ("Cache-Control", "max-age=300"), ("Vary", "Accept-Language")],
        [("Content-Type", "text/html"), ("Cache-Control", "max-age=300"), ("Set-Cookie", "a=b")],
        [("Content-Type", "image/png"), ("Cache-Control", "max-age=300")],
        [("Content-Type", "text/html"), ("Cache-Control", "private, max-age=300")],
        [("Content-Type", "text/html")],
    ],
)
def test_only_what_django_keeps_for_everyone_is_kept(headers: list[tuple[str, str]]) -> None:
    site = _Site(headers=headers)
    app = KeptPages(site)
    assert [_get(app)[2] for _ in range(2)] == [b"page 1", b"page 2"]
    errors = KeptPages(_Site(status="404 Not Found"))
    assert [_get(errors)[2] for _ in range(2)] == [b"page 1", b"page 2"]


def test_a_kept_page_is_kept_no_longer_than_its_max_age(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr("samen.web.wsgi.time.monotonic", lambda: clock[0])
    app = KeptPages(_Site())
    _get(app)
    clock[0] += 100
    _, headers, body = _get(app)
    assert body == b"page 1" and headers["Age"] == "102"
    clock[0] += 198
    assert _get(app)[2] == b"page 2", "Django kept it 2 s before: 300 s in all"


def test_a_catalogue_is_compiled_from_its_contents_whatever_the_file_times(tmp_path: Path) -> None:
    # A compiled catalogue newer than its .po file was once kept even when it was not the .po's (files
    # copied with their old times): the contents decide now, and an unchanged catalogue is not rewritten.
    compiled = {mo.parent.parent.name: mo for mo in compile_catalogues(tmp_path, ["nl", "en"])}
    right = compiled["nl"].read_bytes()
    assert b"Deze pagina zet geen cookies." in right
    compiled["nl"].write_bytes(b"not this")
    os.utime(compiled["nl"], (2_000_000_000, 2_000_000_000))  # in 2033: newer than any .po
    compile_catalogues(tmp_path, ["nl", "en"])
    assert compiled["nl"].read_bytes() == right
    os.utime(compiled["nl"], (1_000_000_000, 1_000_000_000))
    compile_catalogues(tmp_path, ["nl", "en"])
    assert compiled["nl"].stat().st_mtime == 1_000_000_000, "an unchanged catalogue is left as it is"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One ``samen serve`` for the tests of what gunicorn and Django refuse and of HEAD."""
    server = start_server(tmp_path_factory.mktemp("served"))
    yield server
    stop_server(server)


def _log_after(server: Server, start: int, expect: str = "") -> str:
    """What the server logged since ``start`` (bytes into its log), once ``expect`` is in it."""
    deadline = time.monotonic() + 10
    while True:
        text = server.log.read_bytes()[start:].decode(errors="replace")
        if expect in text or time.monotonic() > deadline:
            return text
        time.sleep(0.1)


def _headers_of_a_page(headers: dict[str, str]) -> dict[str, str]:
    names = (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    )
    return {name: headers.get(name, "") for name in names}


@pytest.mark.parametrize(
    ("headers", "status", "dutch", "english"),
    [
        ({}, 414, "Dit adres is te lang", "This address is too long"),
        ({"Cookie": "a=" + "x" * 9000}, 431, "Je browser stuurde te veel mee", "Your browser sent too much"),
    ],
)
def test_a_request_too_long_for_gunicorn_gets_the_sites_own_page(
    served: Server, headers: dict[str, str], status: int, dutch: str, english: str
) -> None:
    """An address over gunicorn's 4094 bytes (a long search) got gunicorn's English "URI Too Long" page, and
    too large cookies its "Request Header Fields Too Large". The request was never read, so not even the
    language of its address is known: the page says it in both languages, the pack's default first."""
    start = served.log.stat().st_size
    long_search = "/en/faq/?q=" + "pesten+" * 800 if status == 414 else "/en/faq/"
    request = urllib.request.Request(served.url + long_search, headers=headers)
    try:
        urllib.request.urlopen(request, timeout=30)
        raise AssertionError("the request was answered")
    except urllib.error.HTTPError as exc:
        got, answer, body = exc.code, dict(exc.headers), exc.read().decode()
    assert got == status
    assert answer["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="nl">' in body and f"<h1>{dutch}</h1>" in body
    assert f'<section lang="en">\n<h2>{english}</h2>' in body
    assert '<a href="/en/">To the home page</a>' in body and "gunicorn" not in body
    page_headers = fetch(f"{served.url}/en/faq/")[1]
    assert _headers_of_a_page(answer) == _headers_of_a_page(page_headers), "the headers of every page"
    log = _log_after(served, start, "Refused a request")
    (line,) = [line for line in log.splitlines() if "Refused" in line]
    assert f"Refused a request before it reached the site ({status} " in line
    assert "127.0.0.1" not in line and "pesten" not in line, "neither who asked nor what they searched"


def test_a_form_over_the_limit_is_one_line_in_the_log(served: Server) -> None:
    """A form body over 64 KiB got a clean 400 page but left a 30-line traceback of where the body was
    read (here the view) in the server's log, although nothing in the site went wrong."""
    start = served.log.stat().st_size
    form = {"admin_text": "a private note " * 5000}
    status, _, body = fetch(f"{served.url}/nl/toolkit/telegram/", form)
    assert status == 400 and b"<h1>Dit lukte niet</h1>" in body
    log = _log_after(served, start, "answered 400")
    assert "Traceback" not in log and "a private note" not in log
    assert log.splitlines() == [
        f"Refused a POST to /nl/toolkit/telegram/ of {len(urllib.parse.urlencode(form))} bytes: "
        "over DATA_UPLOAD_MAX_MEMORY_SIZE (65536 bytes); answered 400"
    ]


def test_head_is_answered_like_get_without_a_body_or_a_warning(served: Server) -> None:
    """Django leaves the body in an answer to HEAD (its test client drops it, gunicorn does not): gunicorn
    dropped it and logged "WSGI app sent body bytes on a no-body response" for every HEAD."""
    start = served.log.stat().st_size
    paths = [
        "/nl/",
        "/en/dos/",
        "/nl/toolkit/whatsapp/",
        "/en/faq/?q=pesten",
        "/en/nothing-here/",
        "/theme.css",
    ]
    for path in paths:
        get = fetch(served.url + path)
        request = urllib.request.Request(served.url + path, method="HEAD")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, headers, body = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            status, headers, body = exc.code, dict(exc.headers), exc.read()
        assert status == get[0] and body == b"", path
        for name in ("Content-Type", "Content-Length", "Content-Language", "Cache-Control"):
            assert headers.get(name) == get[1].get(name), (path, name)
    time.sleep(1)  # gunicorn warned while dropping the body, after the headers had gone out
    assert "no-body response" not in _log_after(served, start)


def _raw(server: Server, request: bytes) -> tuple[str, dict[str, str], bytes]:
    """Send ``request`` as it is on a connection of its own and read the whole answer (urllib drops the body
    of an answer to HEAD, whatever was sent: only a socket shows what the server sends)."""
    address = urllib.parse.urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(request)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *fields = head.decode("latin-1").split("\r\n")
    return status, dict(field.split(": ", 1) for field in fields), body


def test_a_form_sent_in_chunks_is_refused_not_read_as_empty(served: Server) -> None:
    """A 100 KB form sent with ``Transfer-Encoding: chunked`` and no length came back as the empty form (200):
    Django reads a body by its length. Browsers always send one; a script now gets the site's 411 page,
    which says so, and the log one line."""
    start = served.log.stat().st_size
    form = urllib.parse.urlencode({"admin_text": "a private note " * 7000}).encode()
    assert len(form) > 100_000
    pieces = [form[at : at + 8192] for at in range(0, len(form), 8192)]
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"
    status, headers, page = _raw(
        served,
        b"POST /nl/toolkit/whatsapp/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked,
    )
    assert status == "HTTP/1.1 411 Length Required"
    assert headers["Content-Language"] == "nl"
    text = page.decode()
    assert "<h1>Dit lukte niet</h1>" in text and "Stuur het opnieuw met zijn lengte (Content-Length)" in text
    assert "a private note" not in text
    log = _log_after(served, start, "Length Required")
    assert log.splitlines() == ["Length Required: /nl/toolkit/whatsapp/"]
