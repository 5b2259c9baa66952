"""``evonto diff``: what changed between two versions, as Markdown for pull-request review."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import CommandError, reports_errors


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown to FILE (atomically) instead of standard output.",
)
@reports_errors
def diff(old: Path, new: Path, output: Path | None) -> None:
    """Compare OLD and NEW: release files or folders, edit files, or project checkouts.

    Reports terms added, removed, relabelled, redefined, reparented and deprecated, and
    findings added, removed and changed, as Markdown.
    """
    from evonto.diff import load_side, render_markdown, semantic_diff
    from evonto.errors import display_path
    from evonto.rdfio import write_atomic

    result = semantic_diff(load_side(old), load_side(new))
    text = render_markdown(result, display_path(old), display_path(new))
    if output is not None:
        try:
            write_atomic(output, text.encode("utf-8"))
        except OSError as exc:
            raise CommandError(f"{output}: cannot write the diff: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False)
