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
@click.option(
    "--no-reasoner",
    is_flag=True,
    help="Skip HermiT: pages then show no inferred vesicle classes.",
)
@click.pass_context
@reports_errors
def docs(ctx: click.Context, out: Path, no_reasoner: bool) -> None:
    """Write the ontology reference, atlas, query catalogue, QC report and manifest as HTML.

    The pages and the query answers come from one graph: the release as ``evonto build``
    makes it (sources merged, reasoned, inferred types added). The site is static: open
    out/index.html in a browser, no server or network needed.
    """
    import tempfile

    from evonto.build import prepare_release
    from evonto.docs import build_site
    from evonto.docs.inputs import site_inputs
    from evonto.errors import display_path
    from evonto.sources import load_sources
    from evonto.store import store_from_graph

    project = project_from(ctx)
    release = prepare_release(load_sources(project))
    if not no_reasoner:
        from evonto.build.reasoner import require_java
        from evonto.build.release import reason_release

        require_java()
        with tempfile.TemporaryDirectory(prefix="evonto-docs-") as scratch:
            reason_release(release, Path(scratch))
    graph = release.full
    written = build_site(graph, out, site_inputs(project, store_from_graph(graph)))
    if not quiet(ctx):
        click.echo(
            f"wrote {len(written)} files to {display_path(out)}/ (open index.html)", err=True
        )
