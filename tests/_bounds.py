"""Bounds for the subprocesses a test runs: an address-space limit set before ``exec``.

A peak-RSS reading (``wait4``, ``RUSAGE_CHILDREN``) cannot bound a child of a large test process:
Linux carries the forked copy's high-water mark across ``exec``, so the child reports the
parent's size. ``RLIMIT_AS`` is enforced instead: a child that needs more fails.
"""

from __future__ import annotations

import resource
from collections.abc import Callable


def limit_memory(megabytes: int) -> Callable[[], None]:
    """A ``preexec_fn`` that caps the child's address space at ``megabytes``."""

    def apply() -> None:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply
