"""``evonto serve``: a read-only local SPARQL endpoint with the release and its examples."""

from __future__ import annotations

import click

from evonto.commands._common import CommandError, project_from, quiet, reports_errors


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="TCP port."
)
@click.pass_context
@reports_errors
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the release (and the example queries) as a read-only SPARQL 1.1 endpoint.

    Queries go to http://HOST:PORT/query (GET or POST); Ctrl-C stops the server.
    """
    from evonto.query.local import in_use, store_location, warn
    from evonto.query.serve import serve as run_server

    project = project_from(ctx)
    location = store_location(project, note=None if quiet(ctx) else warn)

    def announce(url: str) -> None:
        click.echo(f"SPARQL endpoint: {url}  (read-only; Ctrl-C to stop)", err=False)

    with in_use(location):  # no other run removes the store while it is served
        status = run_server(location, host, port, announce)
    if status not in (0, None) and status != -15:
        raise CommandError(f"the Oxigraph server exited with status {status}", 1)
    if not quiet(ctx):
        click.echo("stopped", err=True)
