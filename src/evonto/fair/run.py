"""Running the FAIR checks: load the input, start a server when one is needed, check, report."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import EvontoError, display_path
from evonto.fair import dataset, online, ontology
from evonto.fair.context import Context
from evonto.fair.gaps import read_gaps
from evonto.fair.model import Check, FairReport, Outcome

if TYPE_CHECKING:
    from evonto.project import Project

#: every check, in report order: ontology (FOOPS!), online (FOOPS!, DWBP BP19), dataset (DWBP)
CHECKS: list[Check] = [*ontology.CHECKS, *online.CHECKS, *dataset.CHECKS]
GAPS_FILE = "ontology/fair-exceptions.tsv"
#: how the report names the server it started (its port changes from run to run)
STARTED = "evonto serve on 127.0.0.1, started for this run"


@dataclass
class Options:
    """What to check and how: input files (none: the project's release), a server to ask
    (``base_url``; none: start ``evonto serve`` for a project run), accepted gaps."""

    paths: list[Path] = field(default_factory=list)
    base_url: str | None = None
    serve: bool = True
    exceptions: Path | None = None
    timeout: float = 60
    progress: Callable[[str], None] = lambda _msg: None


def run_fair(project: Callable[[], Project], options: Options) -> FairReport:
    """Run every check of :data:`CHECKS` on the input; the report lists what each found."""
    ctx, inputs = _load(project, options)
    gaps_path = options.exceptions
    if gaps_path is None and not options.paths:
        default = project().root / GAPS_FILE
        gaps_path = default if default.is_file() else None
    gaps = read_gaps(gaps_path, {c.id for c in CHECKS}) if gaps_path else []
    with _server(project, options, ctx) as base_url:
        report = FairReport(ctx.ontology or "(no ontology)", inputs, base_url)
        if base_url == STARTED and not (project().dist_dir / "evonto.ttl").is_file():
            report.notes.append(
                "dist/evonto.ttl not found: `evonto serve` serves the sources merged without "
                "reasoning; run `evonto build` first to check what a release serves"
            )
        for check in CHECKS:
            options.progress(check.id)
            report.outcomes.append(Outcome(check, check.test(ctx)))
    used = set()
    for outcome in report.outcomes:
        for gap in gaps:
            failed = gap.check == outcome.check.id and outcome.result.status == "fail"
            if failed and (gap.part == "*" or gap.part in outcome.result.missing):
                outcome.accepted.append(gap)
                used.add(gap)
    report.unused_gaps = [g for g in gaps if g not in used]
    return report


def _load(project: Callable[[], Project], options: Options) -> tuple[Context, list[str]]:
    if options.paths:
        import rdflib

        from evonto.rdfio import load_graph

        graph = rdflib.Graph()
        for path in options.paths:
            load_graph(path, graph)
        return Context(graph), [display_path(p) for p in options.paths]
    from evonto.build import prepare_release
    from evonto.build.artefacts import ARTEFACTS
    from evonto.export.void import void_graph
    from evonto.sources import load_sources

    release = prepare_release(load_sources(project()))
    files = [a.name for a in ARTEFACTS if a.name != "void.ttl"] + ["manifest.json"]
    return Context(release.full, void_graph(release, files)), [display_path(project().root)]


@contextlib.contextmanager
def _server(project, options: Options, ctx: Context) -> Iterator[str | None]:
    """Point ``ctx.client`` at the user's server, or at an ``evonto serve`` started for the run."""
    if options.base_url:
        try:
            ctx.client = online.Client(options.base_url, options.timeout)
        except ValueError as exc:
            raise EvontoError(f"--base-url: {exc}") from None
        yield ctx.client.base_url
        return
    if options.paths or not options.serve:
        ctx.client_note = (
            "--no-serve"
            if not options.paths
            else "the input is a file: name the server that publishes it with --base-url"
        )
        yield None
        return
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "evonto",
        "--project",
        str(project().root),
        "-q",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait(process, port, options.timeout)
        ctx.client = online.Client(f"http://127.0.0.1:{port}/", options.timeout)
        yield STARTED
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(process: subprocess.Popen, port: int, timeout: float) -> None:
    import time

    deadline = time.monotonic() + max(timeout, 120)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
            raise EvontoError(f"`evonto serve` stopped at start (exit {process.returncode}): {err}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise EvontoError(f"`evonto serve` did not answer on 127.0.0.1:{port}")
