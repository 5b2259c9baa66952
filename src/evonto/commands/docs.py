"""``evonto docs``: build the static documentation site and organotropism atlas."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import project_from, quiet, reports_errors


@click.command("docs")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder to write the site into (replaced as a whole on success).",
)
@click.pass_context
@reports_errors
def docs(ctx: click.Context, out: Path) -> None:
    """Write the ontology reference, atlas, query catalogue, QC report and manifest as HTML.

    The site is static: open out/index.html in a browser, no server or network needed.
    """
    from evonto.docs import build_site
    from evonto.docs.inputs import site_inputs
    from evonto.errors import display_path
    from evonto.sources import load_sources

    project = project_from(ctx)
    graph = load_sources(project).merged()
    written = build_site(graph, out, site_inputs(project))
    if not quiet(ctx):
        click.echo(
            f"wrote {len(written)} files to {display_path(out)}/ (open index.html)", err=True
        )
