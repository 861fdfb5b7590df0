"""How the site is served: migrations, static files and catalogues first, then gunicorn with its workers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, NoReturn

from samen.errors import ConfigError


def prepare() -> None:
    """Make the site ready to serve: compile the catalogues, apply migrations, collect static files."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.web.settings")
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command
    from django.db import DatabaseError, connections

    from samen.web.catalogue import compile_catalogues

    try:
        data_dir = settings.DATA_DIR  # the settings are read here: DATABASE_URL is parsed
    except (ValueError, ImproperlyConfigured) as exc:
        raise _database_error(exc) from None
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        compile_catalogues(settings.LOCALE_PATHS[0], [code for code, _ in settings.LANGUAGES])
    except OSError as exc:  # a file in its place, a read-only disk: one line naming the setting
        raise ConfigError(
            f"SAMEN_DATA_DIR ({data_dir}) cannot be used: {exc.strerror}.",
            key="config.data_dir",
            path=str(data_dir),
            reason=exc.strerror or type(exc).__name__,
        ) from None
    try:
        django.setup()  # loads the database driver
        call_command("migrate", interactive=False, verbosity=0)
    except (DatabaseError, ImproperlyConfigured) as exc:
        if settings.SAMEN.database_url is None:
            raise  # the embedded SQLite: a bug, not the visitor's or the admin's doing
        raise _database_error(exc) from None
    call_command("collectstatic", interactive=False, verbosity=0)
    from samen.web.reports.actions import purge

    purge()  # closed reports past their retention go before anything is served; then daily (purge_daily)
    connections.close_all()  # each worker opens its own connections after the fork


def _database_error(exc: Exception) -> ConfigError:
    """DATABASE_URL cannot be used: one line that names the variable and the kind of failure, never its value
    (the driver's own message can quote the address, and the address can hold the password)."""
    reason = type(exc).__name__
    return ConfigError(
        f"DATABASE_URL: the database cannot be used ({reason}).", key="config.database", reason=reason
    )


def bind_address(host: str, port: int) -> str:
    """``host:port``, with an IPv6 address in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def announce(host: str, port: int, lang: str) -> str:
    """The line ``samen serve`` prints, in the given language."""
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(lang):
        return gettext("Serving the toolkit at http://%(address)s/ (Ctrl+C stops it).") % {
            "address": bind_address(host, port)
        }


def check_address(host: str, port: int, lang: str) -> str | None:
    """Why the site cannot listen at this address (in the given language), or None when it can."""
    from django.utils import translation
    from django.utils.translation import gettext

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _name, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        with translation.override(lang):
            return gettext("Cannot listen at %(address)s: %(reason)s. Choose another --port or --host.") % {
                "address": bind_address(host, port),
                "reason": exc.strerror or str(exc),
            }
    return None


def serve(host: str, port: int, workers: int, threads: int = 4) -> NoReturn:
    """Serve the site with gunicorn until interrupted (after :func:`prepare`).

    This process has loaded the pack, Django and the migrations to check and prepare; it is replaced by a
    fresh interpreter that runs gunicorn's master alone (:func:`run`), so that the master, which only
    watches its workers, stays small (about 30 MiB instead of 100) and each worker loads the site itself.
    The process id stays the same: whoever started ``samen serve`` stops it as before.

    Args:
        host: the address to listen on.
        port: the port.
        workers: worker processes.
        threads: threads per worker.
    """
    sys.stdout.flush()  # what was said before the exec must not be lost in a buffer
    sys.stderr.flush()
    os.execv(
        sys.executable,
        [sys.executable, "-m", "samen.web.server", bind_address(host, port), str(workers), str(threads)],
    )


#: How often the running server purges closed reports past their retention (``samen reports purge``).
PURGE_EVERY = 24 * 3600


def purge_daily(every: float = PURGE_EVERY) -> threading.Thread:
    """Run ``samen reports purge`` once every ``every`` seconds, in a child process of the master (which
    does not load Django itself), for as long as the server runs."""

    def loop() -> None:
        while True:
            time.sleep(every)
            subprocess.run(
                [sys.executable, "-m", "samen", "reports", "purge"],
                stdout=subprocess.DEVNULL,
                check=False,
            )

    thread = threading.Thread(target=loop, name="samen-purge", daemon=True)
    thread.start()
    return thread


def run(bind: str, workers: int, threads: int) -> None:
    """Run gunicorn's master, which starts the workers; each imports the site (no preloading).

    Args:
        bind: ``host:port``.
        workers: worker processes.
        threads: threads per worker.
    """
    from gunicorn.app.base import BaseApplication

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.web.settings")
    options: dict[str, Any] = {
        "bind": bind,
        "workers": workers,
        # gunicorn's gthread worker, which answers a request it refuses (an address or headers too long to
        # read) with the site's page instead of gunicorn's English one.
        "worker_class": "samen.web.worker.Worker",
        "threads": threads,
        # The master does not load the site: it only starts and watches the workers, and stays small.
        "preload_app": False,
        # No access log: addresses carry no intro text, but a visitor's traces are not ours to keep.
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 30,
        "graceful_timeout": 10,
        "keepalive": 5,
        "forwarded_allow_ips": "127.0.0.1,::1",
        "when_ready": lambda _server: purge_daily(),
    }

    class Server(BaseApplication):  # type: ignore[misc]
        """gunicorn, configured here rather than from a file or its own command line."""

        def load_config(self) -> None:
            """Take the options above."""
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Callable[..., Any]:
            """The site's WSGI application (imported in each worker)."""
            from samen.web.wsgi import application

            return application

    Server().run()


if __name__ == "__main__":  # the fresh interpreter of :func:`serve`
    run(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
