"""Whole processes timed side by side on a replicated release (:mod:`benchmarks.replicate`).

``python -m benchmarks.release FILE --json out.json --report report.json``

Each path is a fresh process, timed from outside (wall seconds) with its peak resident memory:

- ``validate``: ``python -m evonto validate FILE --no-reasoner --format json``;
- ``rdflib+pyshacl``: rdflib parses the file, pyshacl validates it with the project's shapes;
- ``parse``: ``pyoxigraph.parse`` of the file into a list;
- ``bulk_load``: ``pyoxigraph.Store().bulk_load`` of the file.

The ratios are of times measured in the same run. ``--report`` keeps validate's JSON report, so
two runs (before and after a change) can be compared issue for issue.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ("validate", "rdflib+pyshacl", "parse", "bulk_load")


def _child(mode: str, data: Path) -> None:
    """The work of one path, inside its own process."""
    if mode == "parse":
        import pyoxigraph

        quads = list(pyoxigraph.parse(path=str(data), format=pyoxigraph.RdfFormat.TURTLE))
        print(len(quads))
    elif mode == "bulk_load":
        import pyoxigraph

        store = pyoxigraph.Store()
        store.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.TURTLE)
        print(len(store))
    elif mode == "rdflib+pyshacl":
        import warnings

        import rdflib

        from evonto.project import Project
        from evonto.shacl_sparql import pyshacl_results
        from evonto.validate.shacl import load_shapes

        warnings.simplefilter("ignore")
        graph = rdflib.Graph().parse(data, format="turtle")
        shapes = load_shapes(Project.locate(ROOT).shapes_dir)
        print(len(pyshacl_results(graph, shapes, None)))
    else:
        raise SystemExit(f"unknown mode {mode}")


def _command(path: str, data: Path, report: Path) -> list[str]:
    if path == "validate":
        return [
            sys.executable,
            "-m",
            "evonto",
            "validate",
            str(data),
            "--no-reasoner",
            "--format",
            "json",
            "--fail-on",
            "none",
            "-o",
            str(report),
        ]
    return [sys.executable, "-m", "benchmarks.release", "--child", path, str(data)]


def time_process(cmd: list[str], timeout: float) -> tuple[float, float, float] | None:
    """(wall seconds, CPU seconds, peak MiB) of one process, measured by ``/usr/bin/time``.

    On a shared machine wall time grows with the other jobs' load; CPU time (user + system)
    much less, so the ratios are given for both. ``None`` when stopped at ``timeout``."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        try:
            subprocess.run(
                ["/usr/bin/time", "-f", "%e %U %S %M", "-o", out.name, *cmd],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return None
        wall, user, system, kib = out.read().split()[-4:]
    return float(wall), float(user) + float(system), int(kib) / 1024


def measure(data: Path, repeat: int, report: Path, timeout: float = 3600) -> dict:
    """Median wall time and max peak per path, and the ratios between them (a path stopped at
    ``timeout`` seconds is recorded as ``stopped_after`` and left out of the ratios)."""
    out: dict = {"data": str(data), "repeat": repeat, "paths": {}}
    for path in PATHS:
        runs = [time_process(_command(path, data, report), timeout) for _ in range(repeat)]
        if any(r is None for r in runs):
            out["paths"][path] = {"stopped_after": timeout}
            print(f"{path}: stopped after {timeout} s", file=sys.stderr)
            continue
        out["paths"][path] = {
            "seconds": round(statistics.median(r[0] for r in runs), 2),
            "cpu_seconds": round(statistics.median(r[1] for r in runs), 2),
            "peak_mb": round(max(r[2] for r in runs)),
        }
        print(f"{path}: {out['paths'][path]}", file=sys.stderr)
    out["ratios"] = {}
    if any("stopped_after" in v for v in out["paths"].values()):
        return out
    for clock in ("seconds", "cpu_seconds"):
        p = {k: v[clock] for k, v in out["paths"].items()}
        out["ratios"][clock] = {
            "naive_over_validate": round(p["rdflib+pyshacl"] / p["validate"], 1),
            "validate_over_parse": round(p["validate"] / p["parse"], 1),
            "validate_over_bulk_load": round(p["validate"] / p["bulk_load"], 1),
        }
    if report.is_file():
        issues = json.loads(report.read_text())
        out["issues"] = issues.get("summary", {})
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--child", choices=PATHS[1:], help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument("--report", type=Path, help="keep validate's JSON report here")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per process")
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.data)
        return
    env_report = args.report or Path(tempfile.gettempdir()) / f"evonto-release-{os.getpid()}.json"
    result = measure(args.data, args.repeat, env_report, args.timeout)
    text = json.dumps(result, indent=2, sort_keys=True)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
