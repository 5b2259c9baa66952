"""``evonto build``: write the release into ``dist/``."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import project_from, quiet, reports_errors


@click.command("build")
@click.option(
    "--no-reasoner", is_flag=True, help="Skip the HermiT consistency check (no Java needed)."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Release folder (default: dist/ of the project).",
)
@click.pass_context
@reports_errors
def build(ctx: click.Context, no_reasoner: bool, out: Path | None) -> None:
    """Merge the edit file, imports and assertions, run HermiT, and write the release.

    Writes evonto.owl (RDF/XML), evonto.ttl, evonto-base.ttl, evonto.jsonld and manifest.json.
    The new release replaces the folder only when every step succeeded.
    """
    import time

    from evonto.build import build_release
    from evonto.errors import display_path

    silent = quiet(ctx)

    def say(message: str) -> None:
        if not silent:
            click.echo(message, err=True)

    start = time.perf_counter()
    result = build_release(project_from(ctx), out, reasoner=not no_reasoner, progress=say)
    if no_reasoner:
        say("HermiT: skipped (--no-reasoner)")
    for name, entry in result.manifest["files"].items():
        triples = f", {entry['triples']} triples" if entry["triples"] is not None else ""
        what = f" ({entry['description']})" if entry.get("description") else ""
        say(f"  {name}: {entry['bytes']} bytes{triples}{what}")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in result.timings.items())
    say(
        f"built release {result.manifest['version']} in {display_path(result.out_dir)} "
        f"in {time.perf_counter() - start:.1f} s ({steps})"
    )
