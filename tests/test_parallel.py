"""``evonto.parallel.ordered_map``: results in the items' order whatever order they start in,
long items started first, errors raised at their item's turn, and nothing left running."""

from __future__ import annotations

import threading
import time

import pytest

from evonto.parallel import ordered_map


def test_results_come_in_order_and_the_long_items_start_first() -> None:
    started: list[str] = []
    lock = threading.Lock()

    def work(item: str) -> str:
        with lock:
            started.append(item)
        time.sleep(0.05 if item.startswith("long") else 0.01)
        return item.upper()

    items = ["a", "b", "long1", "c", "long2", "d"]
    assert list(ordered_map(work, items, first=lambda i: i.startswith("long"))) == [
        "A",
        "B",
        "LONG1",
        "C",
        "LONG2",
        "D",
    ]
    assert started[:2] == ["long1", "long2"]
    assert sorted(started[2:]) == ["a", "b", "c", "d"]


def test_an_error_is_raised_at_its_turn_and_the_rest_is_cancelled() -> None:
    ran: list[int] = []
    release = threading.Event()

    def work(item: int) -> int:
        if item == 1:
            raise ValueError("item 1")
        release.wait(5)  # item 0 (and the others) wait until the error is about to be seen
        time.sleep(0.02)
        ran.append(item)
        return item

    found = ordered_map(work, list(range(40)), first=lambda i: i == 1)
    with pytest.raises(ValueError, match="item 1"):
        release.set()
        for _ in found:
            pass
    # of 40 items two workers can have taken a few; the pending ones were cancelled
    assert 0 in ran and len(ran) < 40
