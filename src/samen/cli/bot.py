"""``samen bot matrix|discord|telegram``: the composition root of the bot.

Settings, the campaign pack, the database store, the signals and the chosen adapter from
:data:`samen.adapters.ADAPTERS`, wired into one :class:`samen.bot.Bot`, run until stopped (Ctrl-C or
SIGTERM). A missing token ends at once with one line naming the variable, exit 2; no token or password
ever reaches a log or an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from samen.adapters import ADAPTERS
from samen.bot import Bot
from samen.bot.core import poster
from samen.cli.output import cli_language
from samen.content import Localized, load_pack, load_strings
from samen.errors import ConfigError
from samen.settings import load_settings
from samen.signals import Signals


@click.command()
@click.argument("platform", type=click.Choice(list(ADAPTERS)))
@click.option("-v", "--verbose", is_flag=True, help="Log every event kind handled (never message text).")
def bot(platform: str, verbose: bool) -> None:
    """Run the bot on PLATFORM (matrix, discord or telegram) until stopped."""
    settings = load_settings()
    try:
        adapter = ADAPTERS[platform]()
    except ImportError:
        raise ConfigError(
            f"The {platform} library is not installed: pip install 'samen[{platform}]'.",
            key="bot:missing_library",
            platform=platform,
        ) from None
    settings.require(*adapter.requires)
    configure_logging(verbose)
    pack = load_pack(settings.pack)
    from samen.web.store import open_store

    core = Bot(
        pack,
        open_store(),
        adapter.capabilities,
        dos_url=lambda lang, number: settings.dos_url(lang, pack.campaign_page(lang), number),
        illustrate=poster_apart,
        signals=Signals.load(**pack.spec.signals_options()),
        report_url=lambda lang: settings.report_url(lang, pack.campaign_page(lang)),
    )
    click.echo(load_strings("bot").get(cli_language(), "cli.starting", platform=platform), err=True)
    asyncio.run(_run(adapter.serve(settings, core)))


#: Libraries whose debug and info logs carry secrets or message text: the Telegram Bot API puts the token in
#: its URLs (httpx logs each request), discord.py's gateway and HTTP debug logs hold message payloads.
QUIET = ("httpx", "httpcore", "telegram", "discord", "aiohttp")


def configure_logging(verbose: bool) -> None:
    """Log to stderr (event kinds, error types; never text or tokens), the chatty libraries at warnings."""
    level = logging.DEBUG if verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


def poster_apart(local: Localized, dos_url: str) -> tuple[bytes, str]:
    """The Do's poster, drawn in a short-lived child process.

    Drawing it takes some 40 MB for a moment; apart, that memory is returned when the child ends, and the
    bot process stays small (it keeps only the PNG, once per language).
    """
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_draw, str(local.pack.path), local.code, dos_url).result()


def _draw(pack_path: str, lang: str, dos_url: str) -> tuple[bytes, str]:
    return poster(load_pack(Path(pack_path)).language(lang), dos_url)


async def _run(serving: object) -> None:
    """Serve until the work ends or SIGTERM/SIGINT arrives, then stop cleanly."""
    assert asyncio.iscoroutine(serving)
    task = asyncio.ensure_future(serving)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, task.cancel)
    with contextlib.suppress(asyncio.CancelledError):
        await task
