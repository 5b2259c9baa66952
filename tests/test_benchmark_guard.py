"""The smoke run's query-slope guard: noise in one run passes, a quadratic query pack fails."""

from __future__ import annotations

from benchmarks.run import check_query_slope, median_stages


def _runs(seconds: list[float]) -> dict:
    return median_stages(
        [{"stages": {"queries": s}, "lower_bounds": {}, "status": "ok"} for s in seconds]
    )


def test_linear_pack_passes_although_one_run_was_disturbed() -> None:
    # 1000 -> 4000 findings: linear is x4; the second run at 1000 was fast, one at 4000 slow
    results = {"fast": {"1000": _runs([0.40, 0.25, 0.30]), "4000": _runs([1.9, 1.0, 1.1])}}
    assert check_query_slope(results, 1.1) == 0


def test_quadratic_pack_fails() -> None:
    results = {"fast": {"1000": _runs([0.25, 0.26, 0.27]), "4000": _runs([4.0, 4.1, 4.3])}}
    assert check_query_slope(results, 1.1) == 1


def test_one_size_is_not_enough() -> None:
    assert check_query_slope({"fast": {"1000": _runs([0.25])}}, 1.1) == 1


def _runs_per_query(runs: list[dict[str, float]]) -> dict:
    return median_stages(
        [
            {
                "stages": {"queries": sum(r.values())},
                "per_query": r,
                "lower_bounds": {},
                "status": "ok",
            }
            for r in runs
        ]
    )


def test_each_query_counts_at_its_least_disturbed_run() -> None:
    # linear (x4), but every run at 4000 had one query slowed down, each time another one:
    # the fastest whole run is 1.5 / 0.25 (slope 1.29); each query's fastest run is linear
    small = [{"a": 0.125, "b": 0.125}] * 3
    big = [{"a": 1.0, "b": 0.5}, {"a": 0.5, "b": 1.0}, {"a": 1.0, "b": 0.5}]
    results = {"fast": {"1000": _runs_per_query(small), "4000": _runs_per_query(big)}}
    assert results["fast"]["4000"]["best"]["queries"] == 1.5
    assert results["fast"]["4000"]["best"]["queries_each_fastest"] == 1.0
    assert check_query_slope(results, 1.1) == 0


def test_a_query_that_turned_quadratic_fails_on_its_own() -> None:
    small = [{"a": 0.125, "b": 0.125}] * 3
    big = [{"a": 0.5, "b": 2.0}] * 3  # b: x16 for x4 the data
    results = {"fast": {"1000": _runs_per_query(small), "4000": _runs_per_query(big)}}
    assert check_query_slope(results, 1.1) == 1
