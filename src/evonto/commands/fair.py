"""``evonto fair``: a FAIR self-check of the ontology and its findings (FOOPS! metrics, DWBP)."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import (
    CommandError,
    emit_report,
    output_option,
    project_from,
    reports_errors,
)


@click.command("fair")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@output_option
@click.option(
    "--base-url",
    metavar="URL",
    help="Ask this server for the IRIs (CN1, DOC1, HTTP1, URI1, URI2, VER2, BP19) instead "
    "of an `evonto serve` started for the run; https://w3id.org/evonto/P is asked at URL/P.",
)
@click.option(
    "--no-serve",
    is_flag=True,
    help="Start no server: the checks that need one are reported as not run.",
)
@click.option(
    "--exceptions",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Accepted gaps, one per check and missing part with its reason (TSV; the project's "
    "default: ontology/fair-exceptions.tsv).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60,
    show_default=True,
    help="Seconds to wait for each answer of the server.",
)
@click.pass_context
@reports_errors
def fair(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    base_url: str | None,
    no_serve: bool,
    exceptions: Path | None,
    timeout: float,
) -> None:
    """Check the release (or the ontology in PATHS) against the FOOPS! metrics and the W3C
    Data on the Web Best Practices, offline.

    Each check gives a score and, when it fails, the reason. Content negotiation is checked
    against `evonto serve` (started on a free port of 127.0.0.1 for the run) or --base-url;
    checks that need a public registry or the open web are reported as not run. Exit 0 when
    no check failed, 1 when one did, 2 for unreadable input or bad usage.
    """
    from evonto.fair.formatters import FORMATTERS
    from evonto.fair.run import Options, run_fair

    for path in paths:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
    options = Options(list(paths), base_url, not no_serve, exceptions, timeout)
    report = run_fair(lambda: project_from(ctx), options)
    text = FORMATTERS[fmt](report)
    counts = report.counts()
    emit_report(
        ctx,
        text,
        output,
        f"evonto fair: {counts['pass']} passed, {counts['fail']} failed, "
        f"{counts['accepted']} accepted, {counts['not run']} not run",
    )
    ctx.exit(report.exit_code())
