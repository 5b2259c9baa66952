"""``evonto init``: start a findings project from a minimal valid example."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import CommandError, quiet, reports_errors


@click.command("init")
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
@click.option(
    "--namespace",
    default="https://example.org/myproject/",
    show_default=True,
    metavar="IRI",
    help="The namespace of your findings and terms (ending in / or #).",
)
@click.pass_context
@reports_errors
def init(ctx: click.Context, folder: Path, namespace: str) -> None:
    """Write a minimal valid findings file into FOLDER (default: here), ready to validate.

    \b
    FOLDER/findings.ttl    one finding (association record) in your namespace
    FOLDER/terms.tsv       the extra term it uses, declared for `evonto validate`
    FOLDER/pyproject.toml  [tool.evonto] naming both (when FOLDER has no pyproject.toml)

    Existing files are never overwritten. Then: evonto validate --fail-on warn findings.ttl
    """
    from evonto.errors import display_path
    from evonto.rdfio import write_atomic
    from evonto.starter import render

    files = render(namespace)
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{display_path(folder)}: is a file, not a folder")
    taken = [name for name in ("findings.ttl", "terms.tsv") if (folder / name).exists()]
    if taken:
        shown = ", ".join(display_path(folder / name) for name in taken)
        raise CommandError(f"{shown}: already there; nothing written (move it or pick a folder)")
    pyproject = folder / "pyproject.toml"
    config = files.pop("pyproject.toml") if pyproject.exists() else None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            write_atomic(folder / name, text.encode("utf-8"))
    except OSError as exc:
        raise CommandError(f"{display_path(folder)}: cannot write: {exc.strerror or exc}") from None
    if quiet(ctx):
        return
    for name in files:
        click.echo(f"wrote {display_path(folder / name)}", err=True)
    if config is not None:
        click.echo(
            f"{display_path(pyproject)} exists and was left as it is; add this table to it:\n\n"
            + config,
            err=True,
        )
    click.echo("next: evonto validate --fail-on warn findings.ttl (in that folder)", err=True)
