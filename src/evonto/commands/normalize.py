"""``evonto normalize``: canonical, sorted Turtle for the edit file."""

from __future__ import annotations

import click

from evonto.commands._common import CommandError, project_from, quiet, reports_errors


@click.command("normalize")
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; exit 1 when the edit file is not in canonical form (for CI).",
)
@click.pass_context
@reports_errors
def normalize(ctx: click.Context, check: bool) -> None:
    """Rewrite ontology/evonto-edit.ttl in canonical, sorted Turtle.

    Accepts what Protégé saves (Turtle in any order, with comments, or RDF/XML) and keeps
    every triple. Run it after editing in Protégé, before committing.
    """
    from evonto.errors import display_path
    from evonto.normalize import normalize_file

    project = project_from(ctx)
    result = normalize_file(project.edit_file, check=check)
    where = display_path(result.path)
    if check and result.changed:
        raise CommandError(
            f"{where}: not in canonical form; run `evonto normalize` and commit the result", 1
        )
    if not quiet(ctx):
        if result.changed:
            click.echo(f"normalised {where} ({result.triples} triples)", err=True)
        else:
            click.echo(f"{where} is already canonical ({result.triples} triples)", err=True)
