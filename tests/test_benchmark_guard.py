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
