"""``evonto docs``: build the static documentation site and organotropism atlas."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import StageProgress, project_from, quiet, reports_errors

#: what `evonto docs` does, in order (its progress bar's stages)
STAGES = ("sources", "reasoning", "queries", "QC report", "pages")


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
    """Write the ontology reference, atlas, findings browser, queries, QC report and manifest.

    The pages and the query answers come from one graph: the release as ``evonto build``
    makes it (sources merged, reasoned, inferred types added). The site is static: open
    out/index.html in a browser, no server or network needed.
    """
    import sys
    import tempfile

    from evonto.build import prepare_release
    from evonto.docs import build_site
    from evonto.docs.inputs import answered_queries, manifest, qc_report
    from evonto.docs.site import SiteInputs
    from evonto.errors import display_path
    from evonto.sources import load_sources
    from evonto.store import store_from_graph

    project = project_from(ctx)
    show = not quiet(ctx) and sys.stderr.isatty()
    with StageProgress(show, "docs", len(STAGES)) as step:
        step("reading sources")
        release = prepare_release(load_sources(project))
        if no_reasoner:
            step("reasoning skipped (--no-reasoner)")
        else:
            from evonto.build.reasoner import require_java
            from evonto.build.release import reason_release

            step("reasoning (HermiT)")
            require_java()
            with tempfile.TemporaryDirectory(prefix="evonto-docs-") as scratch:
                reason_release(release, Path(scratch))
        graph = release.full
        step("answering queries")
        queries = answered_queries(project, store_from_graph(graph))
        step("QC report (validate)")
        inputs = SiteInputs(
            queries=queries, qc_report=qc_report(project), manifest=manifest(project)
        )
        step("writing pages")
        written = build_site(graph, out, inputs)
    if not quiet(ctx):
        click.echo(
            f"wrote {len(written)} files to {display_path(out)}/ (open index.html)", err=True
        )
