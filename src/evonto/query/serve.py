"""``evonto serve``: the real Oxigraph server, read-only, over the release store.

The store is the one :func:`evonto.query.local.store_location` keeps for ``evonto query``
(release plus examples graph); the ``oxigraph`` executable (PyPI package ``oxigraph``) serves it
with ``serve-read-only``, so the endpoint is a full SPARQL 1.1 Protocol server.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from evonto.errors import EvontoError


def oxigraph_executable() -> str:
    """The ``oxigraph`` server binary: next to this Python first, then on ``PATH``."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise EvontoError(
            "the Oxigraph server is not installed: `pip install oxigraph` "
            "(it ships the `oxigraph` executable)"
        )
    return found


def check_port(host: str, port: int) -> None:
    """Fail early, with a clear message, when the address is taken."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise EvontoError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def server_command(location: Path, host: str, port: int) -> list[str]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        oxigraph_executable(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        bind,
    ]


def wait_until_up(host: str, port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    """Block until the server accepts connections (or fail if it exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EvontoError(f"the Oxigraph server stopped at start (exit {process.returncode})")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise EvontoError(f"the Oxigraph server did not answer on {host}:{port} within {timeout} s")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM both stop the server (even when started in the background)."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)


def serve(location: Path, host: str, port: int, announce) -> int:
    """Run the server until it exits or the user presses Ctrl-C; return its exit status."""
    check_port(host, port)
    _stop_on_signals()
    process = subprocess.Popen(server_command(location, host, port), stdout=subprocess.DEVNULL)
    try:
        wait_until_up(host, port, process)
        shown = f"[{host}]" if ":" in host else host
        announce(f"http://{shown}:{port}/query")
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
