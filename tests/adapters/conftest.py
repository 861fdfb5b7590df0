"""A real Synapse homeserver on loopback for the Matrix adapter's tests.

Started once per test session from the ``matrix-synapse`` dev dependency: server name ``localhost``, SQLite,
one client listener on 127.0.0.1, no federation, no outbound network (no URL previews, no key servers, no
stats), rate limits relaxed. Users are registered with the shared-secret admin API. Tests that take the
homeserver down and up again call :meth:`Synapse.restart` (or :meth:`Synapse.stop` and
:meth:`Synapse.start`); the database and signing key survive it, as on a real server.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from tests.conftest import free_port

SERVER_NAME = "localhost"
START_TIMEOUT = 90.0

#: Generous limits so that tests never wait on them; one test tightens them for the bot on purpose.
_RELAXED = {"per_second": 1000, "burst_count": 1000}


@dataclass(frozen=True)
class MatrixUser:
    """An account on the test homeserver.

    Attributes:
        localpart: the name before the colon, such as ``bot``.
        user_id: the full Matrix ID, such as ``@bot:localhost``.
        password: its password.
        access_token: a token from registration, for clients that do not log in themselves.
    """

    localpart: str
    user_id: str
    password: str
    access_token: str


@dataclass
class Synapse:
    """A Synapse process with its folder, config and the users registered on it."""

    root: Path
    port: int
    shared_secret: str
    users: dict[str, MatrixUser] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        """The client-server API's address, such as ``http://127.0.0.1:8448``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def config_path(self) -> Path:
        """The generated homeserver.yaml."""
        return self.root / "homeserver.yaml"

    @property
    def log_path(self) -> Path:
        """Synapse's own log (warnings and errors), for failure messages."""
        return self.root / "homeserver.log"

    def write_config(self) -> None:
        """Write homeserver.yaml, the log config and a signing key."""
        from signedjson.key import generate_signing_key, write_signing_keys

        key_path = self.root / "signing.key"
        if not key_path.exists():
            with key_path.open("w") as f:
                write_signing_keys(f, [generate_signing_key("a_test")])
        log_config = self.root / "log.yaml"
        log_config.write_text(
            yaml.safe_dump(
                {
                    "version": 1,
                    "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}},
                    "handlers": {
                        "file": {
                            "class": "logging.FileHandler",
                            "formatter": "plain",
                            "filename": str(self.log_path),
                        }
                    },
                    "root": {"level": "WARNING", "handlers": ["file"]},
                    "disable_existing_loggers": False,
                }
            )
        )
        config = {
            "server_name": SERVER_NAME,
            "public_baseurl": self.base_url + "/",
            "pid_file": str(self.root / "homeserver.pid"),
            "listeners": [
                {
                    "port": self.port,
                    "bind_addresses": ["127.0.0.1"],
                    "type": "http",
                    "tls": False,
                    "x_forwarded": False,
                    "resources": [{"names": ["client"], "compress": False}],
                }
            ],
            "database": {"name": "sqlite3", "args": {"database": str(self.root / "homeserver.db")}},
            "log_config": str(log_config),
            "media_store_path": str(self.root / "media"),
            "signing_key_path": str(key_path),
            "registration_shared_secret": self.shared_secret,
            "macaroon_secret_key": secrets.token_hex(16),
            "form_secret": secrets.token_hex(16),
            "report_stats": False,
            "enable_metrics": False,
            "enable_registration": False,
            "url_preview_enabled": False,
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "federation_domain_whitelist": [],
            "presence": {"enabled": False},
            "user_directory": {"enabled": False},
            "enable_3pid_lookup": False,
            "max_upload_size": "10M",
            "dynamic_thumbnails": False,
            "rc_message": _RELAXED,
            "rc_login": {"address": _RELAXED, "account": _RELAXED, "failed_attempts": _RELAXED},
            "rc_registration": _RELAXED,
            "rc_joins": {"local": _RELAXED, "remote": _RELAXED},
            "rc_joins_per_room": _RELAXED,
            "rc_invites": {"per_room": _RELAXED, "per_user": _RELAXED, "per_issuer": _RELAXED},
            "rc_admin_redaction": _RELAXED,
            "rc_3pid_validation": _RELAXED,
            "rc_media_create": _RELAXED,
        }
        self.config_path.write_text(yaml.safe_dump(config))

    def start(self) -> None:
        """Start Synapse and wait until its client API answers."""
        assert self.proc is None or self.proc.poll() is not None, "Synapse is already running"
        log = (self.root / "stdout.log").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "synapse.app.homeserver", "-c", str(self.config_path)],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.root,
            env={**os.environ, "SYNAPSE_ASYNC_IO_REACTOR": "0"},
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{self.base_url}/_matrix/client/versions", timeout=1) as r:
                    if r.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"Synapse did not start:\n{self.tail()}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop Synapse (SIGTERM, then SIGKILL after 20 s)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def restart(self) -> None:
        """Stop and start again on the same port, database and signing key."""
        self.stop()
        self.start()

    def tail(self) -> str:
        """The end of Synapse's logs, for a failure message."""
        parts = []
        for path in (self.root / "stdout.log", self.log_path):
            if path.exists():
                parts.append(path.read_text(errors="replace")[-3000:])
        return "\n".join(parts)

    def request(
        self, method: str, path: str, body: object = None, token: str | None = None
    ) -> dict[str, object]:
        """One JSON request to the homeserver (for fixtures; tests use a real Matrix client)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base_url}{path}", data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(req, timeout=30) as r:
            result: dict[str, object] = json.loads(r.read() or b"{}")
            return result

    def register(self, localpart: str, *, admin: bool = False) -> MatrixUser:
        """Register a user with the shared-secret admin API (HMAC-SHA1 over nonce, name, password, admin)."""
        password = secrets.token_urlsafe(12)
        nonce = str(self.request("GET", "/_synapse/admin/v1/register")["nonce"])
        mac = hmac.new(self.shared_secret.encode(), digestmod=hashlib.sha1)
        for part in (nonce, localpart, password):
            mac.update(part.encode() + b"\x00")
        mac.update(b"admin" if admin else b"notadmin")
        reply = self.request(
            "POST",
            "/_synapse/admin/v1/register",
            {
                "nonce": nonce,
                "username": localpart,
                "password": password,
                "admin": admin,
                "mac": mac.hexdigest(),
            },
        )
        user = MatrixUser(localpart, str(reply["user_id"]), password, str(reply["access_token"]))
        self.users[localpart] = user
        return user


@pytest.fixture(scope="session")
def synapse() -> Iterator[Synapse]:
    """A running Synapse for the session, with users ``bot``, ``alice`` (the rooms' admin) and ``bob``."""
    root = Path(tempfile.mkdtemp(prefix="samen-synapse-"))
    server = Synapse(root=root, port=free_port(), shared_secret=secrets.token_hex(16))
    server.write_config()
    try:
        server.start()
        for name in ("bot", "alice", "bob"):
            server.register(name)
        yield server
    finally:
        server.stop()
        if not os.environ.get("SAMEN_KEEP_SYNAPSE"):  # set it to read Synapse's logs after a failure
            shutil.rmtree(root, ignore_errors=True)
