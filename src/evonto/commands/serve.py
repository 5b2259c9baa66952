"""``evonto serve``: a read-only local SPARQL endpoint and linked-data server for the release."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import (
    CommandError,
    memory_option,
    project_from,
    quiet,
    reports_errors,
)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="TCP port."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=30.0,
    show_default=True,
    help="Seconds a query may run; longer ones are stopped (HTTP 503).",
)
@memory_option(
    512,
    "Memory (address space) the Oxigraph server may use, in MiB; a query that needs "
    "more is stopped (HTTP 503) and the server restarted.",
)
@click.option(
    "--max-reply-mb",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Largest query reply in MiB; larger ones are refused (HTTP 507).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header is NAME (besides the bound address and "
    "localhost). Repeatable.",
)
@click.option(
    "--docs",
    type=click.Path(file_okay=False, path_type=Path),
    help="The `evonto docs` site to serve at /docs/ and as the HTML of each IRI "
    "(default: site/ of the project, when built).",
)
@click.pass_context
@reports_errors
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    timeout: float,
    max_memory: int,
    max_reply_mb: int,
    allow_hosts: tuple[str, ...],
    docs: Path | None,
) -> None:
    """Serve the release as a read-only SPARQL 1.1 endpoint and its IRIs as linked data.

    Queries go to http://HOST:PORT/query (GET or POST); every IRI of evonto's namespace
    answers at its path (http://HOST:PORT/EVONTO_0000001). Ctrl-C stops the server.
    """
    from evonto.query.front import Settings, allowed_hosts
    from evonto.query.linked import LinkedData
    from evonto.query.local import in_use, store_location, warn
    from evonto.query.serve import serve as run_server

    project = project_from(ctx)
    location = store_location(project, note=None if quiet(ctx) else warn)
    settings = Settings(
        timeout=timeout,
        max_memory=max_memory,
        max_reply=max_reply_mb * 1024 * 1024,
        hosts=allowed_hosts(host, allow_hosts),
    )
    linked = LinkedData.for_project(project, location, docs)

    def announce(url: str) -> None:
        click.echo(f"SPARQL endpoint: {url}  (read-only; Ctrl-C to stop)", err=False)

    with in_use(location):  # no other run removes the store while it is served
        status = run_server(location, host, port, announce, settings=settings, linked=linked)
    if status:
        raise CommandError("the Oxigraph server stopped unexpectedly", 1)
    if not quiet(ctx):
        click.echo("stopped", err=True)
