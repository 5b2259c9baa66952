"""Start-up time of ``evonto --help`` against ``python -c "import click"`` (the floor).

``python -m benchmarks.startup [--runs 21]`` prints both medians and their ratio (target <= 1.5).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "import click": [sys.executable, "-c", "import click"],
    "evonto --help": [sys.executable, "-m", "evonto", "--help"],
    "evonto query --list": [sys.executable, "-m", "evonto", "query", "--list"],
}


def median_seconds(cmd: list[str], runs: int) -> float:
    """Median wall-clock time of ``runs`` runs (after one warm-up run)."""
    subprocess.run(cmd, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(runs: int = 21) -> dict:
    """Medians per command and the ratios to ``import click``."""
    medians = {name: round(median_seconds(cmd, runs), 4) for name, cmd in COMMANDS.items()}
    floor = medians["import click"]
    ratios = {name: round(t / floor, 2) for name, t in medians.items() if name != "import click"}
    return {"runs": runs, "seconds": medians, "ratio_to_import_click": ratios}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.runs), indent=2))


if __name__ == "__main__":
    main()
