"""Run the CLI with standard error on a pseudo-terminal, as a user's shell would show it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path


def stderr_on_terminal(
    args: list[str], cwd: Path | None = None, timeout: float = 600
) -> tuple[int, str]:
    """(exit code, standard error) of ``python -m evonto *args`` with stderr on a pty."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "EVONTO_PROJECT"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "evonto", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=timeout)
    os.close(leader)
    return code, b"".join(chunks).decode("utf-8", "replace")
