"""Read-only store queries two at a time: Oxigraph evaluates a query without holding Python's
lock, so the checks of ``validate`` (SHACL queries, QC queries) use both cores of a 2-core
machine. Only for work that reads a store nobody writes meanwhile."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 2


def ordered_map(work: Callable[[T], R], items: list[T], name: str = "evonto") -> Iterator[R]:
    """``work(item)`` for each item, yielded in the items' order; an exception is raised when
    its item's turn comes, as in a loop."""
    workers = min(MAX_WORKERS, os.cpu_count() or 1, len(items))
    if workers <= 1:
        yield from map(work, items)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name) as pool:
        yield from pool.map(work, items)
