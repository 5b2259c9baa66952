"""``evonto publish``: replace a named graph on a remote store with the release."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import project_from, quiet, reports_errors


@click.command("publish")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol URL: Oxigraph .../store, Virtuoso .../sparql-graph-crud-auth.",
)
@click.option("--graph", required=True, metavar="IRI", help="The named graph to replace.")
@click.option(
    "--user", metavar="NAME", help="User name; the password is read from EVONTO_ENDPOINT_PASSWORD."
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="SPARQL URL used to count the triples back (default: derived from --endpoint).",
)
@click.option(
    "--file",
    "files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Publish these RDF files instead of the release (repeatable).",
)
@click.option("--timeout", type=click.FloatRange(min=1), default=300.0, show_default=True)
@click.option(
    "--allow-insecure-basic",
    is_flag=True,
    help="Allow HTTP Basic auth over plain http (the password travels in clear text).",
)
@click.pass_context
@reports_errors
def publish(
    ctx: click.Context,
    endpoint: str,
    graph: str,
    user: str | None,
    query_endpoint: str | None,
    files: tuple[Path, ...],
    timeout: float,
    allow_insecure_basic: bool,
) -> None:
    """Replace the named graph IRI on a store with the release, then count it back.

    \b
    Examples:
      evonto publish --endpoint http://127.0.0.1:7878/store --graph https://w3id.org/evonto/
      EVONTO_ENDPOINT_PASSWORD=... evonto publish --user dba \\
          --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --graph https://w3id.org/evonto/
    """
    from evonto.publish import publish as run_publish
    from evonto.query.local import release_files

    project = project_from(ctx)
    chosen = list(files) or release_files(project)
    stderr = click.get_text_stream("stderr")
    show_bar = not quiet(ctx) and stderr.isatty()

    def progress_factory(total: int):
        return click.progressbar(length=total, label="uploading", file=stderr)

    result = run_publish(
        chosen,
        endpoint,
        graph,
        user=user,
        query_url=query_endpoint,
        timeout=timeout,
        progress_factory=progress_factory if show_bar else None,
        allow_insecure_basic=allow_insecure_basic,
    )
    if not quiet(ctx):
        click.echo(
            f"published {result.sent} triples to <{result.graph}> at {result.store_url} "
            f"(verified: {result.found} triples via {result.query_url})"
        )
