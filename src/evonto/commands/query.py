"""``evonto query``: run a competency question on the release or a SPARQL endpoint."""

from __future__ import annotations

import click

from evonto.commands._common import (
    CommandError,
    memory_option,
    project_from,
    quiet,
    reports_errors,
)
from evonto.query.results import FORMATS


@click.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the packs and their questions.")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME[:KIND]=VALUE",
    help="Bind ?NAME: an IRI, CURIE or label where the query declares an IRI, else as declared; "
    "in a plain file an IRI or known CURIE, else a string. KIND forces one: iri, literal, "
    "integer, decimal, boolean. Repeatable.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table; curie-csv/curie-tsv (CURIEs, for spreadsheets); csv/tsv/json: the W3C "
    "SPARQL 1.1 results formats (full IRIs), for other SPARQL tools.",
)
@click.option(
    "--endpoint", metavar="URL", help="Query this SPARQL endpoint instead of the release."
)
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="With --endpoint: query this named graph as the default graph (repeatable).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds a query may take (embedded store or endpoint); then it is stopped.",
)
@memory_option(
    256,
    "Memory the query may use on the embedded store, in MiB; then it is stopped.",
)
@click.option(
    "--max-reply-mb",
    type=click.IntRange(min=1),
    default=256,
    show_default=True,
    help="With --endpoint: the largest reply to read, in MiB.",
)
@click.option("--show", is_flag=True, help="Print the query with its parameters bound; do not run.")
@click.pass_context
@reports_errors
def query(
    ctx: click.Context,
    name: str | None,
    list_: bool,
    params: tuple[str, ...],
    fmt: str,
    endpoint: str | None,
    graphs: tuple[str, ...],
    timeout: float,
    max_memory: int,
    max_reply_mb: int,
    show: bool,
) -> None:
    """Run the competency question NAME (pack/name), or your own SPARQL file (a path).

    A file outside the packs runs as it is: its metadata header is optional and --param
    binds any of its variables.

    \b
    Examples:
      evonto query --list
      evonto query organotropism/cargo-by-organ --param organ=UBERON:0000955
      evonto query organotropism/cargo-by-organ --param organ=brain
      evonto query my.rq --param organ=UBERON:0002048 --param label:literal=lung
      evonto query alignment/mesh-terms --format curie-csv
      evonto query provenance/finding-provenance --endpoint http://127.0.0.1:7878/query
    """
    from evonto.query import packs

    project = project_from(ctx)
    if list_:
        click.echo(_listing(packs.discover(project.queries_dir)), nl=False)
        return
    if not name:
        raise CommandError("name a query (pack/name or a file), or use --list", 2)
    if graphs and not endpoint:
        raise CommandError("--graph only applies with --endpoint", 2)
    from evonto.query.params import bind, parse_assignments
    from evonto.query.results import render

    chosen = packs.find(project.queries_dir, name)
    from evonto.query.labels import resolver

    label_files = [project.edit_file, *sorted(project.imports_dir.glob("*.ttl"))]
    text = bind(
        chosen, parse_assignments(params), resolver([f for f in label_files if f.is_file()])
    )
    if show:
        click.echo(text, nl=False)
        return
    from evonto.errors import display_path
    from evonto.query.local import check_query, warn

    where = display_path(chosen.path)
    check_query(text, where, federated=bool(endpoint))
    if endpoint:
        from evonto.query import remote

        results = remote.run(
            endpoint, text, timeout=timeout, graphs=graphs, max_bytes=max_reply_mb * 1024 * 1024
        )
    else:
        from evonto.query import local

        results = local.run_on_release(
            project,
            text,
            where,
            note=None if quiet(ctx) else warn,
            timeout=timeout,
            max_memory=max_memory,
        )
    for message in results.warnings:
        warn(message)
    click.echo(render(results, fmt), nl=False)


def _listing(queries) -> str:
    if not queries:
        return "no query packs found\n"
    out, pack = [], None
    for q in queries:
        if q.pack != pack:
            pack = q.pack
            out.append(f"{pack}/")
        out.append(f"  {q.id}  {q.title}")
        out.append(f"      {q.question}")
        for p in q.params:
            description = f" -- {p.description}" if p.description else ""
            out.append(f"      --param {p.name}=<{p.kind}> (default {p.default}){description}")
    return "\n".join(out) + "\n"
