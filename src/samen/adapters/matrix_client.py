"""A thin Matrix client-server API client on aiohttp: the dozen calls the bot makes, nothing more.

Why not mautrix's client: it drops ``retry_after_ms`` from a 429 (its standard errors keep only the
message), logs request bodies (message text) at debug level, and its sync loop stores the since-token
before the handlers have run, so a crash loses commands. Each of these conflicts with what the bot
promises; the calls themselves are plain JSON over HTTP.

Every request honours ``429 M_LIMIT_EXCEEDED`` by waiting ``retry_after_ms`` (or ``Retry-After``) and
trying again, through the adapters' shared retry policy (:func:`samen.adapters.base.retrying`).
Nothing here logs a token, a password or a message's content; errors carry the HTTP status,
the Matrix ``errcode`` and the endpoint's name, never a body.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
import uuid
from collections.abc import Mapping
from typing import Any, NewType

import aiohttp

from samen.adapters.base import retrying

log = logging.getLogger(__name__)

RoomID = NewType("RoomID", str)
MatrixUserID = NewType("MatrixUserID", str)
MatrixEventID = NewType("MatrixEventID", str)

JSON = dict[str, Any]

#: How many times one request waits out a 429 before giving up.
MAX_RATE_LIMIT_RETRIES = 8
#: Wait when a 429 names no time.
DEFAULT_RETRY_AFTER = 1.0
#: Longest wait a 429 may impose on us; longer ones are cut to this and retried.
MAX_RETRY_AFTER = 60.0


class MatrixError(Exception):
    """The homeserver answered with an error.

    Attributes:
        status: the HTTP status.
        errcode: the Matrix error code, such as ``M_FORBIDDEN``, or ``""``.
        endpoint: which call failed (a name, not the URL, which may hold IDs).
    """

    def __init__(self, status: int, errcode: str, endpoint: str, retry_after: float | None = None) -> None:
        super().__init__(f"Matrix {endpoint}: HTTP {status} {errcode}".strip())
        self.status = status
        self.errcode = errcode
        self.endpoint = endpoint
        self.retry_after = retry_after

    @property
    def forbidden(self) -> bool:
        """Whether the homeserver refused for want of a permission."""
        return self.status == 403 or self.errcode == "M_FORBIDDEN"


class MatrixConnectionError(Exception):
    """The homeserver could not be reached (down, restarting, network trouble)."""


def rate_limited(exc: Exception) -> bool | float:
    """The shared retry policy's hook for one request: a ``429`` is waited out for its ``retry_after_ms``
    (or ``Retry-After``, at most a minute); every other error is the caller's to handle."""
    if isinstance(exc, MatrixError) and exc.status == 429:
        return min(exc.retry_after or DEFAULT_RETRY_AFTER, MAX_RETRY_AFTER)
    return False


def _quote(part: str) -> str:
    return urllib.parse.quote(part, safe="")


class MatrixClient:
    """The bot's connection to one homeserver, as one user.

    Args:
        homeserver: the base URL, such as ``https://matrix.example.org``.
        token: an access token, when the operator gave one instead of a password.
        user_id: the account's ID (found with :meth:`whoami` when not given).
        timeout: seconds a request (other than a sync's long poll) may take.
    """

    def __init__(
        self,
        homeserver: str,
        *,
        token: str | None = None,
        user_id: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.homeserver = homeserver.rstrip("/")
        self._token = token
        self.user_id = MatrixUserID(user_id) if user_id else None
        self.device_id: str | None = None
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        """The HTTP session, opened on first use."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    @property
    def logged_in(self) -> bool:
        """Whether the client holds an access token."""
        return bool(self._token)

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()

    async def request(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        *,
        endpoint: str,
        query: Mapping[str, str] | None = None,
        data: bytes | None = None,
        content_type: str = "application/json",
        timeout: float | None = None,
    ) -> JSON:
        """One API request; waits out rate limits and returns the decoded JSON answer.

        Args:
            method: ``GET``, ``PUT``, ``POST``.
            path: the path from ``/_matrix/`` on, with IDs already quoted.
            body: a JSON body.
            endpoint: a short name of the call for errors and logs (``send``, ``sync``).
            query: query parameters.
            data: a raw body (media upload) instead of JSON.
            content_type: the raw body's type.
            timeout: this request's timeout in seconds (a long-poll sync needs more).

        Raises:
            MatrixError: for an error answer other than a rate limit we could wait out.
            MatrixConnectionError: when the homeserver cannot be reached.
        """
        headers = {"Content-Type": content_type}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        payload = data if data is not None else (json.dumps(body).encode() if body is not None else None)
        client_timeout = aiohttp.ClientTimeout(total=timeout or self.timeout)

        async def once() -> JSON:
            try:
                async with self.session.request(
                    method,
                    f"{self.homeserver}{path}",
                    data=payload,
                    params=query,
                    headers=headers,
                    timeout=client_timeout,
                ) as resp:
                    if 200 <= resp.status < 300:
                        result: JSON = await resp.json(content_type=None)
                        return result
                    raise await self._error(resp, endpoint)
            except (TimeoutError, aiohttp.ClientError, ConnectionError) as exc:
                raise MatrixConnectionError(f"Matrix {endpoint}: {type(exc).__name__}") from None

        return await retrying(
            once, on=rate_limited, attempts=MAX_RATE_LIMIT_RETRIES + 1, name=f"Matrix {endpoint}"
        )

    @staticmethod
    async def _error(resp: aiohttp.ClientResponse, endpoint: str) -> MatrixError:
        errcode, retry_after = "", None
        try:
            answer = await resp.json(content_type=None)
        except (ValueError, aiohttp.ClientError):
            answer = None
        if isinstance(answer, dict):
            errcode = str(answer.get("errcode", ""))
            if isinstance(answer.get("retry_after_ms"), int | float):
                retry_after = float(answer["retry_after_ms"]) / 1000
        if retry_after is None and resp.headers.get("Retry-After", "").isdigit():
            retry_after = float(resp.headers["Retry-After"])
        return MatrixError(resp.status, errcode, endpoint, retry_after)

    async def login(self, user: str, password: str, *, device_id: str = "SAMEN_BOT") -> None:
        """Log in with a password; keeps the token in memory only.

        A fixed device ID keeps the homeserver's transaction deduplication across restarts of the bot.
        """
        answer = await self.request(
            "POST",
            "/_matrix/client/v3/login",
            {
                "type": "m.login.password",
                "identifier": {"type": "m.id.user", "user": user},
                "password": password,
                "device_id": device_id,
                "initial_device_display_name": "samen",
            },
            endpoint="login",
        )
        self._token = str(answer["access_token"])
        self.user_id = MatrixUserID(str(answer["user_id"]))
        self.device_id = str(answer.get("device_id") or device_id)

    async def whoami(self) -> MatrixUserID:
        """The account the token belongs to (and remember it)."""
        answer = await self.request("GET", "/_matrix/client/v3/account/whoami", endpoint="whoami")
        self.user_id = MatrixUserID(str(answer["user_id"]))
        self.device_id = answer.get("device_id")
        return self.user_id

    async def sync(
        self, since: str | None, *, timeout_ms: int = 30000, filter_json: str | None = None
    ) -> JSON:
        """One ``/sync``: the events since a token (long-polling up to ``timeout_ms``)."""
        query = {"timeout": str(timeout_ms if since else 0)}
        if since:
            query["since"] = since
        if filter_json:
            query["filter"] = filter_json
        return await self.request(
            "GET",
            "/_matrix/client/v3/sync",
            endpoint="sync",
            query=query,
            timeout=timeout_ms / 1000 + self.timeout,
        )

    async def join(self, room: str) -> RoomID:
        """Join a room (accepting an invite)."""
        answer = await self.request("POST", f"/_matrix/client/v3/join/{_quote(room)}", {}, endpoint="join")
        return RoomID(str(answer.get("room_id", room)))

    async def leave(self, room: str) -> None:
        """Leave a room (or decline an invite)."""
        await self.request("POST", f"/_matrix/client/v3/rooms/{_quote(room)}/leave", {}, endpoint="leave")

    def next_txn(self, key: str | None = None) -> str:
        """A transaction ID: derived from ``key`` (so a repeated send is recognised) or fresh."""
        return key or f"samen-{uuid.uuid4().hex}"

    async def send(
        self,
        room: str,
        content: Mapping[str, Any],
        *,
        event_type: str = "m.room.message",
        txn: str | None = None,
    ) -> MatrixEventID:
        """Send an event to a room.

        Args:
            room: the room.
            content: the event content.
            event_type: the event type.
            txn: a transaction ID; the homeserver sends an event only once per ID and device.
        """
        answer = await self.request(
            "PUT",
            f"/_matrix/client/v3/rooms/{_quote(room)}/send/{_quote(event_type)}/{_quote(self.next_txn(txn))}",
            content,
            endpoint="send",
        )
        return MatrixEventID(str(answer["event_id"]))

    async def set_state(
        self, room: str, event_type: str, content: Mapping[str, Any], state_key: str = ""
    ) -> MatrixEventID:
        """Set a state event (topic, pinned events)."""
        answer = await self.request(
            "PUT",
            f"/_matrix/client/v3/rooms/{_quote(room)}/state/{_quote(event_type)}/{_quote(state_key)}",
            content,
            endpoint=f"state {event_type}",
        )
        return MatrixEventID(str(answer["event_id"]))

    async def get_state(
        self, room: str, event_type: str, state_key: str = "", *, whole: bool = False
    ) -> JSON | None:
        """A state event's content (or, with ``whole``, the event with its sender), or None when the room
        has none."""
        try:
            return await self.request(
                "GET",
                f"/_matrix/client/v3/rooms/{_quote(room)}/state/{_quote(event_type)}/{_quote(state_key)}",
                endpoint=f"get state {event_type}",
                query={"format": "event"} if whole else None,
            )
        except MatrixError as exc:
            if exc.status == 404:
                return None
            raise

    async def event_sender(self, room: str, event_id: str) -> MatrixUserID | None:
        """Who sent an event of a room (``GET /rooms/{roomId}/event/{eventId}``), or None when the
        homeserver does not show it (404)."""
        try:
            found = await self.request(
                "GET",
                f"/_matrix/client/v3/rooms/{_quote(room)}/event/{_quote(event_id)}",
                endpoint="get event",
            )
        except MatrixError as exc:
            if exc.status == 404:
                return None
            raise
        sender = found.get("sender") if isinstance(found, dict) else None
        return MatrixUserID(sender) if isinstance(sender, str) else None

    async def joined_members(self, room: str) -> list[MatrixUserID]:
        """The members now in a room."""
        answer = await self.request(
            "GET", f"/_matrix/client/v3/rooms/{_quote(room)}/joined_members", endpoint="joined members"
        )
        return [MatrixUserID(user) for user in answer.get("joined", {})]

    async def upload(self, data: bytes, *, content_type: str, filename: str) -> str:
        """Upload a file to the media repository; returns its ``mxc://`` URI."""
        answer = await self.request(
            "POST",
            "/_matrix/media/v3/upload",
            endpoint="upload",
            query={"filename": filename},
            data=data,
            content_type=content_type,
        )
        return str(answer["content_uri"])

    async def create_direct_room(self, user: str) -> RoomID:
        """Open a private one-to-one room with a user (invited as a direct chat)."""
        answer = await self.request(
            "POST",
            "/_matrix/client/v3/createRoom",
            {"preset": "trusted_private_chat", "is_direct": True, "invite": [user]},
            endpoint="create direct room",
        )
        return RoomID(str(answer["room_id"]))

    async def get_account_data(self, event_type: str) -> JSON | None:
        """The bot's own account data of a type, or None when it has none."""
        assert self.user_id is not None
        try:
            return await self.request(
                "GET",
                f"/_matrix/client/v3/user/{_quote(self.user_id)}/account_data/{_quote(event_type)}",
                endpoint=f"get account data {event_type}",
            )
        except MatrixError as exc:
            if exc.status == 404:
                return None
            raise

    async def set_account_data(self, event_type: str, content: Mapping[str, Any]) -> None:
        """Store the bot's own account data of a type (``m.direct``)."""
        assert self.user_id is not None
        await self.request(
            "PUT",
            f"/_matrix/client/v3/user/{_quote(self.user_id)}/account_data/{_quote(event_type)}",
            content,
            endpoint=f"set account data {event_type}",
        )
