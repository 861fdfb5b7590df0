"""Platform adapters for the bot: Matrix, Discord, Telegram (one module each, listed in a registry).

Each adapter does three things only: platform payloads into :mod:`samen.bot.events`, the core's
:mod:`samen.bot.actions` into platform calls, and the connection's life (reconnect with backoff, rate
limits). :data:`ADAPTERS` lists them; each entry imports its module (and its platform library, an optional
dependency extra) only when chosen. Adding a platform: its module, one line here, its tests, its docs page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from samen.bot import Bot, Capabilities
from samen.settings import Settings


@dataclass(frozen=True)
class Adapter:
    """How the composition root starts one platform's bot.

    Attributes:
        capabilities: what the platform lets the bot do (the core is built with them).
        requires: the settings that must be set, checked before anything starts (a missing one exits 2
            naming its variable).
        serve: connects and runs the bot until the process is stopped.
    """

    capabilities: Capabilities
    requires: tuple[str, ...]
    serve: Callable[[Settings, Bot], Awaitable[None]]


def _matrix() -> Adapter:
    import samen.adapters.matrix as adapter

    return Adapter(adapter.CAPABILITIES, ("matrix_homeserver",), adapter.serve)


def _discord() -> Adapter:
    import samen.adapters.discord as adapter

    return Adapter(adapter.CAPABILITIES, ("discord_token",), adapter.serve)


def _telegram() -> Adapter:
    import samen.adapters.telegram as adapter

    return Adapter(adapter.CAPABILITIES, ("telegram_token",), adapter.serve)


#: Every platform the bot runs on, by the name ``samen bot NAME`` takes.
ADAPTERS: dict[str, Callable[[], Adapter]] = {
    "matrix": _matrix,
    "discord": _discord,
    "telegram": _telegram,
}
