"""Cost of the embedded store's killable worker (``evonto query --timeout``).

``python -m benchmarks.query_worker [--project DIR] [--runs 21]`` runs an ASK and a pack query on
the release store in-process (store already open) and through :func:`evonto.query.local.
run_bounded` (a forked worker that opens the store read-only), and prints both medians in
milliseconds and their difference: the start-up cost the time limit adds to each query.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ASK = "ASK { ?s ?p ?o }"


def _median_ms(call, runs: int) -> float:
    call()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def measure(project_dir: Path, runs: int = 21) -> dict:
    import pyoxigraph

    from evonto.project import Project
    from evonto.query import local
    from evonto.query.packs import find
    from evonto.query.params import bind

    project = Project.locate(project_dir)
    location = local.store_location(project)
    store = pyoxigraph.Store.read_only(str(location))
    pack = bind(find(project.queries_dir, "organotropism/cargo-by-organ"), {})
    out: dict[str, dict[str, float]] = {}
    for name, text in (("ask", ASK), ("cargo-by-organ", pack)):
        inline = _median_ms(lambda t=text: local.run(store, t), runs)
        worker = _median_ms(lambda t=text: local.run_bounded(location, t, timeout=60), runs)
        out[name] = {"in_process_ms": inline, "worker_ms": worker, "cost_ms": worker - inline}
    return {"runs": runs, "queries": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    print(json.dumps(measure(args.project, args.runs), indent=2))


if __name__ == "__main__":
    main()
