"""``samen serve``: apply the migrations and serve the web toolkit with gunicorn (static files included)."""

from __future__ import annotations

import click

from samen.cli.content import checked_pack
from samen.cli.output import cli_language, say
from samen.content import DEFAULT_PACK
from samen.settings import load_settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes; one more per core gives more requests per second (and takes ~90 MiB).",
)
@click.option(
    "--threads",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Threads per worker: pages are answered while a download is being drawn.",
)
def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the web toolkit: applies the database migrations, then serves it with gunicorn."""
    settings = load_settings()  # a wrong SAMEN_* setting stops here, with one line naming it
    # A broken pack too, each problem on its line, before anything is served: also a text too long for a
    # platform, which would otherwise be a 500 page on that platform's toolkit page for every visitor.
    checked_pack(settings.pack or DEFAULT_PACK)
    from samen.web import server

    server.prepare()  # first: the catalogues must be compiled before anything is translated
    problem = server.check_address(host, port, cli_language())
    if problem:  # the host or the port: one translated line, as every user error
        click.echo(f"{say('error.prefix')}: {problem}", err=True)
        raise SystemExit(2)
    click.echo(server.announce(host, port, cli_language()))
    server.serve(host, port, workers, threads)
