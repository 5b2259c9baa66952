"""``evonto validate``: check the project's sources, or any RDF / findings TSV files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from evonto.commands._common import (
    CommandError,
    StageProgress,
    emit_report,
    output_option,
    project_from,
    quiet,
    reasoner_limit_options,
    reports_errors,
)

STAGE_COUNT = 5


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "tsv"]),
    default="text",
    show_default=True,
    help="Report format (json: see evonto/validate/report.schema.json; junit: for CI; "
    "tsv: the QC report table the project commits as ontology/reports/qc-report.tsv).",
)
@output_option
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warn", "none"]),
    default="error",
    show_default=True,
    help="Lowest problem level that makes the exit code 1.",
)
@click.option(
    "--exceptions",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Accepted problems, one per check and entity with its reason (TSV; the project's "
    "default: ontology/qc-exceptions.tsv). Lines that match nothing are reported.",
)
@click.option(
    "--namespace",
    "namespaces",
    multiple=True,
    metavar="IRI",
    help="A namespace your own IRIs live in (no 'IRI outside the known namespaces' for it). "
    "Repeatable; also [tool.evonto] namespaces in pyproject.toml.",
)
@click.option(
    "--terms",
    "terms",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Declare extra terms your files use: a Turtle (any RDF) module or a TSV list "
    "'id, label, parent'. Repeatable; also [tool.evonto] terms in pyproject.toml.",
)
@click.option("--no-reasoner", is_flag=True, help="Skip HermiT (no Java needed).")
@reasoner_limit_options
@click.option(
    "--max-size",
    type=click.FloatRange(min=0.001),
    default=512,
    show_default=True,
    metavar="MB",
    help="Refuse input files larger than this many megabytes.",
)
@click.option(
    "--shacl-engine",
    type=click.Choice(["fast", "pyshacl"]),
    default="fast",
    show_default=True,
    help="SHACL engine: shapes compiled to SPARQL on Oxigraph, or pyshacl (same results).",
)
@click.pass_context
@reports_errors
def validate(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    fail_on: str,
    exceptions: Path | None,
    namespaces: tuple[str, ...],
    terms: tuple[Path, ...],
    no_reasoner: bool,
    reasoner_timeout: float | None,
    reasoner_memory: int | None,
    max_size: float,
    shacl_engine: str,
) -> None:
    """Check PATHS (Turtle, RDF/XML, N-Triples, JSON-LD or findings TSV), or the project.

    Stages, in order: syntax, references, reasoning (HermiT), SHACL (shapes/), QC
    (queries/qc/). Every problem is reported. Exit 0 when clean, 1 when a problem is at or
    above --fail-on, 2 for unreadable input or bad usage. A folder stands for every RDF file
    and findings table below it. With PATHS, the [tool.evonto] table of the pyproject.toml
    nearest to them (in their common folder or a parent) adds its namespaces and terms to
    --namespace and --terms.
    """
    from evonto.build.reasoner import ReasonerLimits
    from evonto.errors import EvontoError, display_path
    from evonto.validate import Options, validate_paths, validate_project
    from evonto.validate.formatters import FORMATTERS
    from evonto.validate.report import Report

    if not paths and (namespaces or terms):
        raise CommandError("--namespace and --terms apply to the files you name (PATHS)", 2)
    user = _user_config(paths, namespaces, terms)
    show = not quiet(ctx) and sys.stderr.isatty()
    try:
        with StageProgress(show, "validating", STAGE_COUNT) as progress:
            options = Options(
                reasoner=not no_reasoner,
                limits=ReasonerLimits.from_env(reasoner_timeout, reasoner_memory),
                max_mb=max_size,
                shacl_engine=shacl_engine,
                exceptions=exceptions,
                namespaces=user.namespaces,
                terms=user.terms,
                progress=progress,
            )
            if paths:
                report = validate_paths(list(paths), lambda: project_from(ctx), options)
            else:
                from evonto.validate.report_cache import cached_project_report

                project = project_from(ctx)
                report = cached_project_report(
                    project, options, lambda: validate_project(project, options)
                )
    except EvontoError as exc:
        if fmt == "text":
            raise
        report = Report.stopped(exc, [display_path(p) for p in paths])  # machines get a report
    text = FORMATTERS[fmt](report, fail_on)
    code = report.exit_code(fail_on)
    counts = report.counts()
    emit_report(
        ctx,
        text,
        output,
        f"evonto validate: {counts['error']} error(s), {counts['warn']} warning(s), "
        f"{counts['info']} info, {len(report.sorted_accepted())} accepted",
    )
    ctx.exit(code)


def _user_config(paths: tuple[Path, ...], namespaces: tuple[str, ...], terms: tuple[Path, ...]):
    """The user's namespaces and terms files: pyproject.toml's [tool.evonto] plus the options."""
    import os

    from evonto.validate.userconfig import UserConfig, find_pyproject, read_config

    if not paths:
        return UserConfig()
    folders = [str((p if p.is_dir() else p.parent).resolve()) for p in paths]
    return read_config(find_pyproject(Path(os.path.commonpath(folders)))).plus(namespaces, terms)
