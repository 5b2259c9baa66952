"""Benchmark runner: evonto's fast path against the naive rdflib/pyshacl path, side by side.

    python -m benchmarks.run --sizes 1000,10000,100000 --repeat 3 \\
        --json benchmarks/results/latest.json --markdown benchmarks/RESULTS.md
    python -m benchmarks.run --smoke          # 1000 and 8000 findings, 5 runs each (CI)

The smoke run fails (exit 1) when the query pack's time grows faster than the data between its
two sizes (log-log slope above ``--max-query-slope``, 1.1): a query that turned quadratic.

Each run is a fresh process (:mod:`benchmarks.stage`), so peak memory is that run's own. The
naive path is slow (minutes at 100k findings); it runs at ``--naive-sizes`` only, with
``--naive-repeat`` runs and a time ``--budget`` per stage, after which the stage is reported as
a lower bound (rdflib's SPARQL engine does not finish some QC checks in minutes even at 1000
findings). Times are medians over the repeats; the smoke run's query-slope guard uses, at
each size, the sum of each query's fastest run. The fast path's runs take turns between the
sizes (one run at each size, then the next round), so a machine that slows down meanwhile
slows every size, not only the last.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
STAGES = ("parse", "load", "shacl", "qc", "queries")
TARGETS = {
    "validate_speedup": 10.0,  # naive / fast, end to end (load + SHACL + QC)
    "validate_over_parse": 2.0,  # fast validate / Oxigraph parse only
    "queries_speedup": 100.0,  # rdflib SPARQL / Oxigraph, whole query pack
    "peak_mb": 1024.0,
    "scaling_ratio": 11.0,  # fast validate time at 100k / at 10k
}
QUERY_SLOPE = 1.1  #: log-log slope of the query pack's time between sizes, at most


def dataset(n: int, seed: int) -> Path:
    """The generated findings file for size ``n`` (made once per size and seed)."""
    path = RESULTS / "data" / f"findings-{n}-s{seed}.ttl"
    if not path.is_file():
        generate(n, path, seed=seed)
    return path


def one_run(engine: str, data: Path, timeout: float, budget: float | None = None) -> dict:
    """Run :mod:`benchmarks.stage` in a subprocess; keep the stages it finished.

    The child stops a stage past its budget itself when it can; when rdflib is stuck inside one
    long call (it ignores the alarm there), the runner kills the child a minute later and
    records the stage as a lower bound.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run.json"
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.stage",
            "--engine",
            engine,
            "--data",
            str(data),
            "--out",
            str(out),
        ]
        if budget:
            cmd += ["--stage-budget", str(budget)]
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=ROOT.parent, stdout=subprocess.DEVNULL)
        status = "ok"
        while child.poll() is None:
            time.sleep(1)
            elapsed = time.perf_counter() - start
            state = _read(out)
            since = state.get("running_since")
            stuck = budget and since and time.time() - since > budget + 60
            if stuck or elapsed > timeout:
                child.kill()
                child.wait()
                status = "timeout"
                break
        if status == "ok" and child.returncode:
            status = f"failed (exit {child.returncode})"
        result = _read(out) or {"stages": {}, "counts": {}}
        if status == "timeout" and "running" in result:
            result.setdefault("lower_bounds", {})[result["running"]] = round(
                time.time() - result["running_since"], 1
            )
    result["status"] = status
    result.setdefault("lower_bounds", {})
    return result


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def median_stages(runs: list[dict]) -> dict:
    """Median time per stage over the runs that finished it; lower bounds from timeouts."""
    out: dict = {"stages": {}, "best": {}, "lower_bounds": {}, "runs": len(runs)}
    for stage in STAGES:
        times = [r["stages"][stage] for r in runs if stage in r["stages"]]
        if times:
            out["stages"][stage] = round(statistics.median(times), 4)
            out["best"][stage] = round(min(times), 4)
        bounds = [r["lower_bounds"].get(stage) for r in runs]
        bounds = [b for b in bounds if b is not None]
        if bounds and stage not in out["stages"]:
            out["lower_bounds"][stage] = max(bounds)
    per_query: dict[str, list] = {}
    for r in runs:
        for qid, value in r.get("per_query", {}).items():
            per_query.setdefault(qid, []).append(value)
    out["per_query"] = {
        qid: (round(statistics.median(v), 4) if all(isinstance(x, float) for x in v) else str(v[0]))
        for qid, v in per_query.items()
    }
    timed = [v for v in per_query.values() if v and all(isinstance(x, float) for x in v)]
    if timed:  # each query at its least disturbed run: what the slope guard compares
        out["best"]["queries_each_fastest"] = round(sum(min(v) for v in timed), 4)
    out["peak_mb"] = max((r.get("peak_mb", 0) for r in runs), default=0)
    out["counts"] = runs[-1].get("counts", {}) if runs else {}
    out["status"] = sorted({r["status"] for r in runs})
    s = out["stages"]
    if all(k in s for k in ("load", "shacl", "qc")):
        s["validate"] = round(s["load"] + s["shacl"] + s["qc"], 4)
    return out


def _time(entry: dict, stage: str) -> tuple[float | None, bool]:
    """(seconds, is_lower_bound) for a stage, ``validate`` included."""
    if stage in entry["stages"]:
        return entry["stages"][stage], False
    if stage == "validate":
        parts = [_time(entry, s) for s in ("load", "shacl", "qc")]
        if all(p[0] is not None for p in parts):
            return sum(p[0] for p in parts), True
        return None, True
    bound = entry["lower_bounds"].get(stage)
    return (bound, True) if bound is not None else (None, True)


def summarise(results: dict) -> dict:
    """Ratios, scaling exponents and the issue's targets from the medians."""
    sizes = sorted(int(n) for n in results["fast"])
    summary: dict = {"ratios": {}, "scaling": {}, "targets": {}}
    for n in sizes:
        fast, naive = results["fast"][str(n)], results["naive"].get(str(n))
        row = {}
        if "parse" in fast["stages"] and "validate" in fast["stages"]:
            row["validate_over_parse"] = round(
                fast["stages"]["validate"] / fast["stages"]["parse"], 2
            )
        if naive:
            common = query_speedup(fast, naive)
            if common:
                row["queries_common_speedup"] = common
            for stage in ("load", "shacl", "qc", "validate", "queries"):
                slow, bound = _time(naive, stage)
                quick = fast["stages"].get(stage)
                if slow is not None and quick:
                    row[f"{stage}_speedup"] = {
                        "value": round(slow / quick, 1),
                        "lower_bound": bound,
                    }
        summary["ratios"][str(n)] = row
    for stage in ("load", "shacl", "qc", "validate", "queries"):
        pairs = []
        for a, b in itertools.pairwise(sizes):
            ta = results["fast"][str(a)]["stages"].get(stage)
            tb = results["fast"][str(b)]["stages"].get(stage)
            if ta and tb:
                pairs.append(
                    {
                        "from": a,
                        "to": b,
                        "ratio": round(tb / ta, 2),
                        "exponent": round(math.log(tb / ta) / math.log(b / a), 2),
                    }
                )
        summary["scaling"][stage] = pairs
    big = str(sizes[-1])
    ratios = summary["ratios"][big]
    targets = summary["targets"]
    if "queries_common_speedup" in ratios:
        ratios["queries_speedup"] = ratios["queries_common_speedup"]
    for key in ("validate_speedup", "queries_speedup"):
        if key in ratios:
            value = ratios[key]["value"]
            targets[key] = {
                "target": f">= {TARGETS[key]}",
                "value": value,
                "lower_bound": ratios[key]["lower_bound"],
                "met": value >= TARGETS[key],
            }
    if "validate_over_parse" in ratios:
        value = ratios["validate_over_parse"]
        targets["validate_over_parse"] = {"target": "<= 2.0", "value": value, "met": value <= 2.0}
    peak = results["fast"][big]["peak_mb"]
    targets["peak_mb"] = {"target": "<= 1024", "value": peak, "met": peak <= TARGETS["peak_mb"]}
    last = summary["scaling"]["validate"][-1:] if summary["scaling"]["validate"] else []
    if last:
        targets["scaling_ratio"] = {
            "target": f"<= {TARGETS['scaling_ratio']} (x10 data)",
            "value": last[0]["ratio"],
            "from": last[0]["from"],
            "to": last[0]["to"],
            "met": last[0]["ratio"] <= 11,
        }
    summary["sizes"] = sizes
    return summary


def query_speedup(fast: dict, naive: dict) -> dict | None:
    """rdflib / Oxigraph time over the queries both engines finished (rdflib fails some).

    Queries rdflib did not finish (an error, or past the budget) are left out, so the value is
    a lower bound whenever any were.
    """
    f, n = fast.get("per_query", {}), naive.get("per_query", {})
    done = [q for q, t in n.items() if isinstance(t, float) and isinstance(f.get(q), float)]
    if not done or sum(f[q] for q in done) == 0:
        return None
    value = sum(n[q] for q in done) / sum(f[q] for q in done)
    missing = sorted(set(f) - set(done))
    return {
        "value": round(value, 1),
        "lower_bound": bool(missing),
        "queries": len(done),
        "left_out": missing,
    }


def _fmt(entry: dict | None, stage: str) -> str:
    if not entry:
        return "-"
    value, bound = _time(entry, stage)
    if value is None:
        return "-"
    return f">{value:.1f}" if bound and stage not in entry["stages"] else f"{value:.2f}"


def table(results: dict, summary: dict) -> str:
    """A Markdown table: seconds per stage, peak memory, and speed-ups."""
    head = (
        "| findings | triples | path | parse | load | SHACL | QC | validate | queries "
        "| peak MB | runs |"
    )
    lines = [head, "|" + "---|" * 11]
    for n in summary["sizes"]:
        for engine in ("fast", "naive"):
            entry = results[engine].get(str(n))
            if not entry:
                continue
            triples = entry["counts"].get("data_triples", "")
            cells = (
                [str(n), str(triples), engine]
                + [_fmt(entry, s) for s in ("parse", "load", "shacl", "qc", "validate", "queries")]
                + [f"{entry['peak_mb']:.0f}", str(entry["runs"])]
            )
            lines.append("| " + " | ".join(cells) + " |")
        ratios = summary["ratios"][str(n)]
        cells = [str(n), "", "**speed-up**", ""]
        for stage in ("load", "shacl", "qc", "validate", "queries"):
            key = "queries_common_speedup" if stage == "queries" else f"{stage}_speedup"
            r = ratios.get(key) or ratios.get(f"{stage}_speedup")
            cells.append(f"{'>' if r and r['lower_bound'] else ''}{r['value']}x" if r else "")
        cells += ["", ""]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Scaling of the fast path (time ratio and log-log slope between sizes):")
    lines.append("")
    for stage, pairs in summary["scaling"].items():
        text = ", ".join(
            f"{p['from']}->{p['to']}: x{p['ratio']} (slope {p['exponent']})" for p in pairs
        )
        lines.append(f"- {stage}: {text or '-'}")
    lines.append("")
    lines.append("Targets at the largest size:")
    lines.append("")
    for key, t in summary["targets"].items():
        bound = " (lower bound)" if t.get("lower_bound") else ""
        lines.append(
            f"- {key}: {t['value']}{bound}, target {t['target']}: "
            f"{'met' if t['met'] else 'NOT met'}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command line of the runner."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--naive-sizes",
        default="1000,10000",
        help="sizes the naive path runs at (it is slow); 'none' to skip it",
    )
    parser.add_argument("--naive-repeat", type=int, default=1)
    parser.add_argument(
        "--budget",
        type=float,
        default=900.0,
        help="seconds per naive stage (SHACL, QC, queries); past it, a lower bound",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="1000 and 8000 findings, naive path at 1000 only (a CI smoke test)",
    )
    parser.add_argument(
        "--max-query-slope",
        type=float,
        default=None,
        help=f"fail when the query pack's slope between sizes exceeds this (smoke: {QUERY_SLOPE})",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.repeat, args.naive_sizes, args.naive_repeat = "1000,8000", 5, "1000", 1
        args.budget = min(args.budget, 10.0)
        if args.max_query_slope is None:
            args.max_query_slope = QUERY_SLOPE
    sizes = [int(s) for s in args.sizes.split(",")]
    naive_sizes = (
        [] if args.naive_sizes == "none" else [int(s) for s in args.naive_sizes.split(",")]
    )
    results: dict = {"fast": {}, "naive": {}}
    datasets = {n: dataset(n, args.seed) for n in sizes}
    fast_runs: dict[int, list] = {n: [] for n in sizes}
    for i in range(args.repeat):  # the sizes take turns: a machine that slows down slows all
        for n in sizes:
            fast_runs[n].append(one_run("fast", datasets[n], timeout=3600))
            print(f"fast  n={n} run {i + 1}: {fast_runs[n][-1]['stages']}", file=sys.stderr)
    for n in sizes:
        data = datasets[n]
        results["fast"][str(n)] = median_stages(fast_runs[n])
        if n in naive_sizes:
            runs = []
            for i in range(args.naive_repeat):
                runs.append(
                    one_run("naive", data, timeout=4 * args.budget + 3600, budget=args.budget)
                )
                print(
                    f"naive n={n} run {i + 1}: {runs[-1]['stages']} {runs[-1]['status']}",
                    file=sys.stderr,
                )
            results["naive"][str(n)] = median_stages(runs)
    summary = summarise(results)
    text = table(results, summary)
    print(text)
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {"machine": machine, "results": results, "summary": summary}, indent=2, sort_keys=True
        ),
        encoding="utf-8",
    )
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    if args.max_query_slope is not None:
        sys.exit(check_query_slope(results, args.max_query_slope))


def check_query_slope(results: dict, limit: float) -> int:
    """0 when every query-pack slope between sizes is at most ``limit``, else 1 (printed).

    The pack's time at a size is the sum of each query's fastest run: the least disturbed by
    other work on the machine (a busy core slows a query down, never speeds it up; one
    disturbed query in a run no longer spoils the whole run), so noise does not fail CI while
    a query that turned quadratic (slope near 2) still does.
    """
    sizes = sorted(int(n) for n in results["fast"])
    pairs = []
    for a, b in itertools.pairwise(sizes):
        best_a = results["fast"][str(a)].get("best", {})
        best_b = results["fast"][str(b)].get("best", {})
        ta = best_a.get("queries_each_fastest", best_a.get("queries"))
        tb = best_b.get("queries_each_fastest", best_b.get("queries"))
        if ta and tb:
            pairs.append((a, b, round(math.log(tb / ta) / math.log(b / a), 2)))
    if not pairs:
        print("query slope guard: needs two sizes", file=sys.stderr)
        return 1
    a, b, worst = max(pairs, key=lambda p: p[2])
    ok = worst <= limit
    print(
        f"query pack slope {a}->{b} (each query's fastest run): {worst} "
        f"(limit {limit}): {'ok' if ok else 'TOO STEEP'}",
        file=sys.stderr,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    main()
