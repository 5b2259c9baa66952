"""Whole processes timed side by side on a replicated release (:mod:`benchmarks.replicate`).

``python -m benchmarks.release FILE --json out.json --report report.json``

Each path is a fresh process, timed from outside (wall seconds) with its peak resident memory:

- ``validate``: ``python -m evonto validate FILE --no-reasoner --format json``;
- ``rdflib+pyshacl``: rdflib parses the file, pyshacl validates it with the project's shapes;
- ``parse``: ``pyoxigraph.parse`` of the file into a list;
- ``bulk_load``: ``pyoxigraph.Store().bulk_load`` of the file.

The ratios are of times measured in the same run, the paths taking turns (one run of each, then
the next round), so a machine that slows down meanwhile slows all of them. ``--report`` keeps
validate's JSON report, so two runs (before and after a change) can be compared issue for issue.
For the 2M-triple file of :mod:`benchmarks.generate`, give its stubs with ``--terms``, raise
``--max-size`` and leave the naive path out (``--paths validate,parse,bulk_load``).
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


def _command(
    path: str, data: Path, report: Path, terms: Path | None = None, max_size: float = 512
) -> list[str]:
    if path == "validate":
        return [
            sys.executable,
            "-m",
            "evonto",
            "validate",
            str(data),
            *(["--terms", str(terms)] if terms else []),
            "--max-size",
            f"{max_size:g}",
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


def measure(
    data: Path,
    repeat: int,
    report: Path,
    timeout: float = 3600,
    paths: tuple[str, ...] = PATHS,
    terms: Path | None = None,
    max_size: float = 512,
) -> dict:
    """Median wall time and max peak per path, and the ratios between them (a path stopped at
    ``timeout`` seconds is recorded as ``stopped_after`` and left out of the ratios)."""
    out: dict = {"data": str(data), "repeat": repeat, "paths": {}}
    runs: dict[str, list] = {path: [] for path in paths}
    for _ in range(repeat):
        for path in paths:
            if None not in runs[path]:
                cmd = _command(path, data, report, terms, max_size)
                runs[path].append(time_process(cmd, timeout))
    for path in paths:
        if None in runs[path]:
            out["paths"][path] = {"stopped_after": timeout}
            print(f"{path}: stopped after {timeout} s", file=sys.stderr)
            continue
        out["paths"][path] = {
            "seconds": round(statistics.median(r[0] for r in runs[path]), 2),
            "cpu_seconds": round(statistics.median(r[1] for r in runs[path]), 2),
            "peak_mb": round(max(r[2] for r in runs[path])),
        }
        print(f"{path}: {out['paths'][path]}", file=sys.stderr)
    out["ratios"] = {}
    if any("stopped_after" in v for v in out["paths"].values()):
        return out
    for clock in ("seconds", "cpu_seconds"):
        p = {k: v[clock] for k, v in out["paths"].items()}
        ratios = {
            "naive_over_validate": ("rdflib+pyshacl", "validate"),
            "validate_over_parse": ("validate", "parse"),
            "validate_over_bulk_load": ("validate", "bulk_load"),
        }
        out["ratios"][clock] = {
            name: round(p[a] / p[b], 1) for name, (a, b) in ratios.items() if a in p and b in p
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
    parser.add_argument(
        "--paths", default=",".join(PATHS), help=f"which of {','.join(PATHS)} to time"
    )
    parser.add_argument("--terms", type=Path, help="validate's --terms (the 2M file's stubs)")
    parser.add_argument("--max-size", type=float, default=512, help="validate's --max-size")
    args = parser.parse_args(argv)
    paths = tuple(p for p in args.paths.split(",") if p)
    if not paths or set(paths) - set(PATHS):
        parser.error(f"--paths: choose from {','.join(PATHS)}")
    if args.child:
        _child(args.child, args.data)
        return
    env_report = args.report or Path(tempfile.gettempdir()) / f"evonto-release-{os.getpid()}.json"
    result = measure(
        args.data, args.repeat, env_report, args.timeout, paths, args.terms, args.max_size
    )
    text = json.dumps(result, indent=2, sort_keys=True)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
