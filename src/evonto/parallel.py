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


def ordered_map(
    work: Callable[[T], R],
    items: list[T],
    name: str = "evonto",
    first: Callable[[T], bool] | None = None,
) -> Iterator[R]:
    """``work(item)`` for each item, yielded in the items' order; an exception is raised when
    its item's turn comes, as in a loop. The items ``first`` picks (the long ones) are started
    before the others, so that short items fill the other core at the end rather than a long
    one running alone."""
    workers = min(MAX_WORKERS, os.cpu_count() or 1, len(items))
    if workers <= 1:
        yield from map(work, items)
        return
    from concurrent.futures import Future, ThreadPoolExecutor

    at = range(len(items))
    starts = (
        [i for i in at if first(items[i])] + [i for i in at if not first(items[i])] if first else at
    )
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name) as pool:
        futures: dict[int, Future[R]] = {i: pool.submit(work, items[i]) for i in starts}
        try:
            for i in at:
                yield futures[i].result()
        finally:  # stopped early (an exception, or the caller closed the iterator)
            for future in futures.values():
                future.cancel()
