"""``evonto build``: write the release into ``dist/``."""

from __future__ import annotations

from pathlib import Path

import click

from evonto.commands._common import project_from, quiet, reasoner_limit_options, reports_errors


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
@reasoner_limit_options
@click.pass_context
@reports_errors
def build(
    ctx: click.Context,
    no_reasoner: bool,
    out: Path | None,
    reasoner_timeout: float | None,
    reasoner_memory: int | None,
) -> None:
    """Merge the edit file, imports and assertions, run HermiT, and write the release.

    Writes evonto.owl (RDF/XML), evonto.ttl, evonto-base.ttl, evonto.jsonld and manifest.json.
    The new release replaces the folder only when every step succeeded, in one atomic step
    (dist is a link to a folder in .dist.releases/). HermiT is stopped at its time and memory
    limits; raise them with the options below or skip it with --no-reasoner.
    """
    import time

    from evonto.build import build_release
    from evonto.build.reasoner import ReasonerLimits
    from evonto.errors import display_path

    silent = quiet(ctx)

    def say(message: str) -> None:
        if not silent:
            click.echo(message, err=True)

    start = time.perf_counter()
    limits = ReasonerLimits.from_env(reasoner_timeout, reasoner_memory)
    result = build_release(
        project_from(ctx), out, reasoner=not no_reasoner, progress=say, limits=limits
    )
    if no_reasoner:
        say("HermiT: skipped (--no-reasoner)")
    for name, entry in result.manifest["files"].items():
        triples = f", {entry['triples']} triples" if entry["triples"] is not None else ""
        what = f" ({entry['description']})" if entry.get("description") else ""
        say(f"  {name}: {entry['bytes']} bytes{triples}{what}")
    where = Path(display_path(result.out_dir.parent)) / result.out_dir.name
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in result.timings.items())
    say(
        f"built release {result.manifest['version']} in {where} "
        f"in {time.perf_counter() - start:.1f} s ({steps})"
    )
