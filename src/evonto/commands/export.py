"""``evonto export``: nanopublications, KGX, JSON-LD, SSSOM and VoID from the release graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from evonto.commands._common import (
    CommandError,
    SuggestingGroup,
    project_from,
    quiet,
    reports_errors,
)

OUT = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write into, under the release file names (default: dist/).",
)
OUTPUT = click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead.",
)
CHECK = click.option(
    "--check", is_flag=True, help="Validate the output with the reference library; exit 1 if not."
)


@click.group("export", cls=SuggestingGroup)
@click.option(
    "--no-reasoner",
    is_flag=True,
    help="Skip HermiT: the exports then lack the inferred vesicle classes the build adds.",
)
@click.pass_context
def export(ctx: click.Context, no_reasoner: bool) -> None:
    """Export the findings: nanopubs, KGX, JSON-LD, SSSOM, VoID (one kind, or all)."""
    ctx.ensure_object(dict)
    ctx.obj["reasoner"] = not no_reasoner


def _release(ctx: click.Context):  # type: ignore[no-untyped-def]
    """The release as ``evonto build`` makes it: merged, reasoned, inferred types added."""
    import tempfile

    from evonto.build import prepare_release
    from evonto.sources import load_sources

    release = prepare_release(load_sources(project_from(ctx)))
    if ctx.obj.get("reasoner", True):
        from evonto.build.reasoner import require_java
        from evonto.build.release import reason_release

        require_java()
        with tempfile.TemporaryDirectory(prefix="evonto-export-") as scratch:
            reason_release(release, Path(scratch))
    return release


def _folder(ctx: click.Context, out: Path | None) -> Path:
    return out if out is not None else project_from(ctx).dist_dir


def _write(ctx: click.Context, target: Path, data: bytes) -> None:
    from evonto.errors import display_path
    from evonto.rdfio import write_atomic

    write_atomic(target, data)
    if not quiet(ctx):
        click.echo(f"wrote {display_path(target)} ({len(data)} bytes)", err=True)


def _fail_on(problems: list[str], what: str) -> None:
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        raise CommandError(f"{what}: {len(problems)} problem(s)\n{shown}{more}", exit_code=1)


def _one_target(out: Path | None, output: Path | None) -> None:
    if out is not None and output is not None:
        raise CommandError("give --out or --output, not both")


def _single(
    ctx: click.Context, out: Path | None, output: Path | None, name: str, make: Callable[[], bytes]
) -> bytes:
    _one_target(out, output)
    data = make()
    _write(ctx, output if output is not None else _folder(ctx, out) / name, data)
    return data


@export.command("nanopub")
@OUT
@OUTPUT
@CHECK
@click.option(
    "--split",
    is_flag=True,
    help="Also write one TriG file per nanopublication into nanopubs/ (e.g. for np publish).",
)
@click.pass_context
@reports_errors
def nanopub(
    ctx: click.Context, out: Path | None, output: Path | None, check: bool, split: bool
) -> None:
    """One nanopublication per finding and claim, as TriG (nanopubs.trig)."""
    from evonto.export import require, writers

    _one_target(out, output)
    if check:  # before anything is written
        require("nanopub", "export nanopub --check")
    release = _release(ctx)
    data = _single(ctx, out, output, writers.NANOPUBS, lambda: writers.nanopubs(release))
    if split:
        from evonto.export.nanopub import canonical_trig, split_nanopubs

        folder = (output.parent if output is not None else _folder(ctx, out)) / "nanopubs"
        for iri, single in split_nanopubs(data).items():
            _write(ctx, folder / f"{iri.rsplit('/', 1)[-1]}.trig", canonical_trig(single))
    if check:
        from evonto.export.nanopub import check_nanopubs

        found = check_nanopubs(data)
        _fail_on([f"{iri}: {why}" for iri, why in found.items()], "nanopublications")


@export.command("kgx")
@OUT
@CHECK
@click.pass_context
@reports_errors
def kgx(ctx: click.Context, out: Path | None, check: bool) -> None:
    """Biolink KGX nodes and edges TSV (kgx/evonto_nodes.tsv, kgx/evonto_edges.tsv)."""
    from evonto.export import require, writers

    if check:  # before anything is written
        require("biolink_model", "export kgx --check")
    release = _release(ctx)
    folder = _folder(ctx, out)
    _write(ctx, folder / writers.KGX_NODES, writers.kgx_nodes(release))
    _write(ctx, folder / writers.KGX_EDGES, writers.kgx_edges(release))
    if check:
        from evonto.export.biolink import check_kgx

        errors = [str(p) for p in check_kgx(writers._kgx(release)) if p.level == "error"]
        _fail_on(errors, "KGX against the Biolink model")


@export.command("jsonld")
@OUT
@OUTPUT
@click.option(
    "--context-url",
    default=None,
    help="Refer to the context by this URL instead of inlining it "
    "(e.g. https://w3id.org/evonto/context.jsonld).",
)
@click.pass_context
@reports_errors
def jsonld(
    ctx: click.Context, out: Path | None, output: Path | None, context_url: str | None
) -> None:
    """The findings as JSON-LD (findings.jsonld) and the context (context.jsonld)."""
    from evonto.export import writers
    from evonto.export.jsonld import context, graph_bytes

    _one_target(out, output)
    release = _release(ctx)
    ref = context_url or context()["@context"]
    _single(
        ctx,
        out,
        output,
        writers.FINDINGS_JSONLD,
        lambda: graph_bytes(writers.findings_graph(release), ref),
    )
    folder = output.parent if output is not None else _folder(ctx, out)
    _write(ctx, folder / writers.CONTEXT, writers.jsonld_context(release))


@export.command("sssom")
@OUT
@OUTPUT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "rdf", "owl"]),
    default="json",
    show_default=True,
    help="SSSOM/JSON, SSSOM/RDF (Turtle) or OWL axioms (Turtle).",
)
@click.pass_context
@reports_errors
def sssom(ctx: click.Context, out: Path | None, output: Path | None, fmt: str) -> None:
    """Check the SSSOM mapping set with the sssom package and convert it."""
    from evonto.export import require
    from evonto.export import sssom as sssom_export

    require("sssom", "export sssom")
    _one_target(out, output)
    path = project_from(ctx).mappings_file
    _fail_on(sssom_export.check(path), f"SSSOM mapping set {path.name}")
    _single(ctx, out, output, sssom_export.FORMATS[fmt], lambda: sssom_export.convert(path, fmt))


@export.command("void")
@OUT
@OUTPUT
@click.pass_context
@reports_errors
def void(ctx: click.Context, out: Path | None, output: Path | None) -> None:
    """The VoID/DCAT description of the release (void.ttl)."""
    from evonto.export import writers

    _one_target(out, output)
    release = _release(ctx)
    _single(ctx, out, output, writers.VOID, lambda: writers.void(release))


@export.command("all")
@OUT
@click.pass_context
@reports_errors
def all_(ctx: click.Context, out: Path | None) -> None:
    """Every export into one folder (SSSOM only when the sssom package is installed)."""
    import importlib.util

    from evonto.build.artefacts import exports

    release = _release(ctx)
    folder = _folder(ctx, out)
    for artefact in exports():  # the build's table: the same files, made the same way
        _write(ctx, folder / artefact.name, artefact.write(release))
    mappings = project_from(ctx).mappings_file
    if mappings.is_file() and importlib.util.find_spec("sssom") is not None:
        from evonto.export import sssom as sssom_export

        _fail_on(sssom_export.check(mappings), f"SSSOM mapping set {mappings.name}")
        _write(ctx, folder / sssom_export.FORMATS["json"], sssom_export.convert(mappings, "json"))
