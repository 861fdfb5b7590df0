"""A real Synapse homeserver on loopback for the Matrix adapter's tests.

Started once per test session from the ``matrix-synapse`` dev dependency: server name ``localhost``, SQLite,
one client listener on 127.0.0.1, no federation, no outbound network (no URL previews, no key servers, no
stats), rate limits relaxed. Users are registered with the shared-secret admin API. Tests that take the
homeserver down and up again call :meth:`Synapse.restart` (or :meth:`Synapse.stop` and
:meth:`Synapse.start`); the database and signing key survive it, as on a real server.
"""

from __future__ import annotations

import asyncio
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
from collections.abc import AsyncIterator, Iterator
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
            # Synapse answers an identical /sync from a cache for two minutes by default: a test's fresh
            # client would get an earlier test's initial sync.
            "caches": {"sync_response_cache_duration": 0},
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
    """A running Synapse for the session, with users ``bot``, ``alice`` (the rooms' admin), ``bob``, and
    ``root``, an admin of the homeserver (for its admin API)."""
    root = Path(tempfile.mkdtemp(prefix="samen-synapse-"))
    server = Synapse(root=root, port=free_port(), shared_secret=secrets.token_hex(16))
    server.write_config()
    try:
        server.start()
        for name in ("bot", "alice", "bob"):
            server.register(name)
        server.register("root", admin=True)
        yield server
    finally:
        server.stop()
        if not os.environ.get("SAMEN_KEEP_SYNAPSE"):  # set it to read Synapse's logs after a failure
            shutil.rmtree(root, ignore_errors=True)


class Human:
    """A person's Matrix client for the tests, on mautrix (not the bot's own client, so that the bot is
    checked by an independent implementation): creates rooms, sends messages, and collects what arrives.

    Args:
        synapse: the homeserver.
        user: the account.
    """

    def __init__(self, synapse: Synapse, user: MatrixUser) -> None:
        from mautrix.client import ClientAPI
        from mautrix.types import UserID as MxUserID

        self.user = user
        self.api = ClientAPI(MxUserID(user.user_id), base_url=synapse.base_url, token=user.access_token)
        self.since: str | None = None
        #: room → every timeline event seen there, in order.
        self.timeline: dict[str, list[dict[str, object]]] = {}
        self.state: dict[tuple[str, str], dict[str, object]] = {}
        #: rooms this user was invited to as a direct chat.
        self.direct_rooms: set[str] = set()
        self.direct_map: dict[str, list[str]] = {}

    async def close(self) -> None:
        """Close the HTTP session."""
        await self.api.api.session.close()

    async def start(self) -> None:
        """Read the account's direct chats (``m.direct``), then sync once."""
        from mautrix.errors import MNotFound

        try:
            direct = await self.api.get_account_data("m.direct")
        except MNotFound:
            direct = {}
        self.direct_map = {user: list(rooms) for user, rooms in direct.items()}
        self.direct_rooms = {r for rooms in self.direct_map.values() for r in rooms}
        await self.sync()

    async def sync(self, timeout_ms: int = 0) -> None:
        """One /sync: joins every invite and records timelines and state."""
        from mautrix.api import Method, Path

        query = {"timeout": str(timeout_ms), "filter": '{"room":{"timeline":{"limit":200}}}'}
        if self.since:
            query["since"] = self.since
        answer = await self.api.api.request(Method.GET, Path.v3.sync, query_params=query)
        self.since = answer["next_batch"]
        for event in answer.get("account_data", {}).get("events", []):
            if event["type"] == "m.direct":
                self.direct_map = {user: list(rooms) for user, rooms in event["content"].items()}
                self.direct_rooms |= {r for rooms in self.direct_map.values() for r in rooms}
        rooms = answer.get("rooms", {})
        for room, invite in rooms.get("invite", {}).items():
            await self.api.join_room_by_id(room)
            for event in invite.get("invite_state", {}).get("events", []):
                if event.get("state_key") == self.user.user_id and event["content"].get("is_direct"):
                    # As Element does: remember the direct chat in the account's m.direct.
                    self.direct_rooms.add(room)
                    self.direct_map.setdefault(event["sender"], []).append(room)
                    await self.api.set_account_data("m.direct", self.direct_map)
        for room, joined in rooms.get("join", {}).items():
            for event in joined.get("state", {}).get("events", []):
                self.state[(room, event["type"])] = event
            for event in joined.get("timeline", {}).get("events", []):
                self.timeline.setdefault(room, []).append(event)
                if "state_key" in event:
                    self.state[(room, event["type"])] = event

    def messages(self, room: str, sender: str) -> list[dict[str, object]]:
        """The m.room.message events a sender sent in a room, in order."""
        return [
            e for e in self.timeline.get(room, []) if e["type"] == "m.room.message" and e["sender"] == sender
        ]

    def direct_messages(self, sender: str) -> list[dict[str, object]]:
        """Every message a sender sent in the direct chats this user was invited to."""
        return [m for room in sorted(self.direct_rooms) for m in self.messages(room, sender)]

    async def wait_for(self, condition: object, timeout: float = 20.0) -> None:
        """Sync until ``condition()`` holds; fails the test after ``timeout`` seconds."""
        import asyncio

        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():  # type: ignore[operator]
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                pytest.fail("timed out waiting for the bot")
            await self.sync(timeout_ms=int(min(left, 2.0) * 1000))

    async def send(self, room: str, text: str, *, reply_to: str | None = None) -> str:
        """Send a text message (optionally as a reply); returns its event ID."""
        from mautrix.types import EventType

        content: dict[str, object] = {"msgtype": "m.text", "body": text}
        if reply_to:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        return str(await self.api.send_message_event(room, EventType.ROOM_MESSAGE, content))  # type: ignore[arg-type]


def dos_url(lang: str, number: int | None) -> str:
    """The Do's page of a test deployment."""
    url = f"https://samen.test/{lang}/dos/"
    return f"{url}#do-{number}" if number is not None else url


#: What is slow to load, loaded once per test session.
_LOADED: dict[str, object] = {}


class BotRunner:
    """Starts the Matrix bot (the real adapter, logged in with its password) as a task, and stops it.

    Args:
        synapse: the homeserver.
        store: the bot's store; pass the same one to a second start to model a restart of the bot.
    """

    def __init__(self, synapse: Synapse) -> None:
        self.synapse = synapse
        self.running: list[tuple[object, asyncio.Task[None]]] = []

    async def start(self, store: object | None = None, *, token: bool = False, **options: object) -> object:
        """Start a bot (logged in with its password, or with ``token`` its access token); returns its
        adapter once its first sync is done."""
        from samen.adapters.matrix import CAPABILITIES, MatrixAdapter, login
        from samen.bot import Bot, MemoryStore
        from samen.content import load_pack
        from samen.render import illustration, illustration_alt
        from samen.settings import load_settings
        from samen.signals import Signals

        bot_user = self.synapse.users["bot"]
        environ = {"SAMEN_MATRIX_HOMESERVER": self.synapse.base_url}
        if token:
            environ["SAMEN_MATRIX_TOKEN"] = bot_user.access_token
        else:
            environ |= {"SAMEN_MATRIX_USER": bot_user.localpart, "SAMEN_MATRIX_PASSWORD": bot_user.password}
        settings = load_settings(environ)

        def illustrate(local: object, url: str) -> tuple[bytes, str]:
            return illustration(local, dos_url=url), illustration_alt(local)  # type: ignore[arg-type]

        pack = load_pack()
        if "signals" not in _LOADED:
            _LOADED["signals"] = Signals.load(**pack.spec.signals_options())
        bot = Bot(
            pack,
            store if store is not None else MemoryStore(),  # type: ignore[arg-type]
            CAPABILITIES,
            dos_url=dos_url,
            illustrate=illustrate,
            signals=_LOADED["signals"],  # type: ignore[arg-type]
        )
        client, relogin = await login(settings)
        options.setdefault("backoff_base", 0.25)
        options.setdefault("sync_timeout_ms", 2000)
        adapter = MatrixAdapter(bot, client, password_login=relogin, **options)  # type: ignore[arg-type]
        task = asyncio.create_task(adapter.run())
        self.running.append((adapter, task))
        ready = asyncio.create_task(adapter.ready.wait())
        done, _ = await asyncio.wait({ready, task}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()
        if ready not in done:
            ready.cancel()
            pytest.fail("the Matrix bot did not finish its first sync")
        return adapter

    async def stop(self, adapter: object | None = None) -> None:
        """Stop one bot (default: every bot started)."""
        for item in list(self.running):
            running, task = item
            if adapter is not None and running is not adapter:
                continue
            running.stop()  # type: ignore[attr-defined]
            try:
                await asyncio.wait_for(task, timeout=10)
            except TimeoutError:
                task.cancel()
            await running.client.close()  # type: ignore[attr-defined]
            self.running.remove(item)


@pytest.fixture
async def bots(synapse: Synapse) -> AsyncIterator[BotRunner]:
    """Start Matrix bots in a test; every one still running is stopped afterwards."""
    runner = BotRunner(synapse)
    yield runner
    await runner.stop()


@pytest.fixture
async def humans(synapse: Synapse) -> AsyncIterator[dict[str, Human]]:
    """Clients for ``alice`` (who creates the rooms, so their admin) and ``bob``."""
    people = {name: Human(synapse, synapse.users[name]) for name in ("alice", "bob")}
    for person in people.values():
        await person.start()
    yield people
    for person in people.values():
        await person.close()
