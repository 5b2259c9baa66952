"""Named points in a build where a test can kill it, to prove ``dist/`` survives any crash.

``EVONTO_BUILD_KILL_AT=<name>`` makes the build send itself SIGKILL at that point (as a power
cut or ``kill -9`` would). Unset, :func:`checkpoint` does nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "EVONTO_BUILD_KILL_AT"
#: in build order
POINTS = ("locked", "staged", "renamed", "switched")


def checkpoint(name: str) -> None:
    """Die here, like a killed process, when the environment asks for it."""
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
