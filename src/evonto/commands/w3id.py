"""``evonto w3id``: write the w3id.org redirect rules (``w3id/evonto/.htaccess``)."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import CommandError, project_from, quiet, reports_errors


@click.command("w3id")
@click.option(
    "--base",
    default=None,
    metavar="URL",
    help="Where release files (BASE/releases/VERSION/) and docs (BASE/docs/) are published "
    "(default: evonto.w3id.DEFAULT_BASE, stated in w3id/README.md).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of the project's w3id/evonto/.htaccess.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; exit 1 when the file differs from what the current release needs.",
)
@click.pass_context
@reports_errors
def w3id(ctx: click.Context, base: str | None, output: Path | None, check: bool) -> None:
    """Write the w3id.org/evonto redirect rules for the current release (Apache mod_rewrite).

    Terms, findings, the ontology and its versions redirect, by Accept header, to the release
    files (Turtle, RDF/XML, JSON-LD, N-Triples) or to their docs page. Commit the result and
    send the folder w3id/evonto/ to the w3id project (perma-id/w3id.org) as a pull request.
    """
    from evonto.build import prepare_release
    from evonto.errors import display_path
    from evonto.rdfio import write_atomic
    from evonto.sources import load_sources
    from evonto.w3id import DEFAULT_BASE, HTACCESS, htaccess

    project = project_from(ctx)
    release = prepare_release(load_sources(project))
    try:
        text = htaccess(release.version, base or DEFAULT_BASE)
    except ValueError as exc:
        raise CommandError(f"--base: {exc}") from None
    target = output or project.root / HTACCESS
    where = display_path(target)
    if check:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            raise CommandError(
                f"{where}: out of date for release {release.version}; run `evonto w3id` "
                "and commit the result",
                1,
            )
        if not quiet(ctx):
            click.echo(f"{where} is up to date (release {release.version})", err=True)
        return
    write_atomic(target, text.encode("utf-8"))
    if not quiet(ctx):
        click.echo(f"wrote {where} (release {release.version})", err=True)
