"""``evonto serve``: the real Oxigraph server, read-only, as a child behind evonto's HTTP front.

The store is the one :func:`evonto.query.local.store_location` keeps for ``evonto query``
(release plus examples graph); the ``oxigraph`` executable (PyPI package ``oxigraph``) serves it
with ``serve-read-only`` on 127.0.0.1 and a private port, and :mod:`evonto.query.front` is the
only way in. The child dies with its parent: it is started with ``PR_SET_PDEATHSIG`` (Linux), in
its own process group, and killed by process id, never by name.

Oxigraph's ``--timeout-s`` only cancels a query while it streams rows; an aggregate over a
cartesian product keeps computing. So a query that overruns its limit gets the child restarted
(about 0.1 s on this release); queries that were running on it are retried once on the new one.

The child's address space is capped (``--max-memory``, ``RLIMIT_AS``): a query that would need
more ends the child with an abort (Rust's answer to a failed allocation). That child is
replaced like an overrun one, and the query gets a 503 naming the limit; a child that dies any
other way stops ``serve``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from evonto.errors import EvontoError

PR_SET_PDEATHSIG = 1


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


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(location: Path, host: str, port: int, timeout: float | None = None) -> list[str]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [
        oxigraph_executable(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        bind,
    ]
    if timeout is not None:
        command += ["--timeout-s", str(max(1, round(timeout)))]
    return command


def die_with_parent(parent: int) -> None:
    """In a child (before ``exec``, or first thing): get SIGKILL when ``parent`` dies (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        ulong = ctypes.c_ulong  # prctl is variadic: pass full-width arguments
        libc.prctl(
            ctypes.c_int(PR_SET_PDEATHSIG), ulong(signal.SIGKILL), ulong(0), ulong(0), ulong(0)
        )
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


#: MiB of address space for a query engine (serve's Oxigraph child, query's worker)
DEFAULT_MAX_MEMORY = 4096
#: how an Oxigraph process ends when an allocation fails under its memory limit
OUT_OF_MEMORY = -signal.SIGABRT


def memory_exceeded(mib: int | None, option: str) -> str:
    """What a query stopped at its memory cap is told."""
    return f"the query needed more than {mib} MiB of memory and was stopped ({option})"


def limit_memory(mib: int | None, *, above_current: bool = False) -> None:
    """In a child: cap its address space (``RLIMIT_AS``) at ``mib`` MiB, or at its present
    size plus ``mib`` (``above_current``: a forked worker starts with its parent's mappings).
    Never raises the hard limit the process already has; nothing is done off Linux."""
    if not mib or sys.platform != "linux":
        return
    import resource

    limit = mib * 1024 * 1024
    if above_current:
        with open("/proc/self/statm", encoding="ascii") as statm:
            limit += int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


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
            time.sleep(0.02)
    raise EvontoError(f"the Oxigraph server did not answer on {host}:{port} within {timeout} s")


def stop_process(process: subprocess.Popen, grace: float = 3.0) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds (Oxigraph ignores SIGTERM mid-query)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Engine:
    """The Oxigraph child: its private port, and a generation number bumped at each restart."""

    def __init__(
        self, location: Path, timeout: float | None, max_memory: int | None = DEFAULT_MAX_MEMORY
    ) -> None:
        self.location = location
        self.timeout = timeout
        self.max_memory = max_memory
        self.generation = 0
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.stopping = False
        self.died = False
        self._lock = threading.Lock()
        self._requests: queue.Queue[int] = queue.Queue()
        self._children: dict[int, subprocess.Popen] = {}  #: generation -> its child
        self._blamed: set[int] = set()  #: generations whose memory overrun a query was told of

    def start(self) -> None:
        port = free_port()
        parent = os.getpid()
        memory = self.max_memory

        def in_child() -> None:
            die_with_parent(parent)
            limit_memory(memory)

        process = subprocess.Popen(
            server_command(self.location, "127.0.0.1", port, self.timeout),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: a terminal's signals go to us
            preexec_fn=in_child if sys.platform == "linux" else None,
        )
        try:
            wait_until_up("127.0.0.1", port, process)
        except BaseException:
            stop_process(process, grace=0)
            raise
        self.process, self.port = process, port
        self.generation += 1
        # the last few, dead or alive: a query may still ask how its child ended
        self._children = {g: c for g, c in self._children.items() if g > self.generation - 4}
        self._children[self.generation] = process

    def ran_out_of_memory(self, generation: int, wait: float = 2.0) -> bool:
        """Whether the child of ``generation`` ended (waiting up to ``wait`` s for it to end)
        because an allocation failed under its memory limit."""
        child = self._children.get(generation)
        if child is None:
            return False
        try:
            return child.wait(timeout=wait) == OUT_OF_MEMORY
        except subprocess.TimeoutExpired:
            return False

    def blame_memory(self, generation: int) -> bool:
        """For a child of ``generation`` that ran out of memory: ask for a new child, and say
        whether this caller is the first to ask (that query is told of the limit)."""
        with self._lock:
            first = generation not in self._blamed
            self._blamed.add(generation)
        self.restart(generation)
        return first

    def wait_for_new(self, generation: int, timeout: float = 10.0) -> None:
        """Wait (up to ``timeout`` s) until a child newer than ``generation`` serves."""
        deadline = time.monotonic() + timeout
        while self.current()[0] == generation and time.monotonic() < deadline:
            time.sleep(0.05)

    def current(self) -> tuple[int, int]:
        """(generation, port) of the running child."""
        with self._lock:
            return self.generation, self.port

    def restart(self, generation: int) -> None:
        """Ask for a new child if the current one is still ``generation`` (a query overran it).

        The supervisor thread does the work: a child started with ``PR_SET_PDEATHSIG`` dies
        with the *thread* that started it, so no short-lived request thread may start one.
        """
        self._requests.put(generation)

    def supervise(self, on_death: Callable[[], None]) -> None:
        """Run (in a long-lived thread): restart on request; ``on_death`` if the child dies."""
        while not self.stopping:
            try:
                generation = self._requests.get(timeout=0.5)
            except queue.Empty:
                generation = None
            if generation is not None:
                self._replace(generation)
            elif self.process is not None and self.process.poll() is not None:
                if self.process.returncode == OUT_OF_MEMORY and not self.stopping:
                    self._replace(self.generation)  # a query ran out of memory: a new child
                    continue
                if not self.stopping:
                    self.died = True
                    on_death()
                return

    def _replace(self, generation: int) -> None:
        with self._lock:
            if generation != self.generation or self.stopping:
                return
            old = self.process
            self.start()
        if old is not None:
            stop_process(old, grace=0)

    def stop(self) -> None:
        with self._lock:
            self.stopping = True
            if self.process is not None:
                stop_process(self.process)


def serve(
    location: Path,
    host: str,
    port: int,
    announce,
    *,
    settings,
    linked=None,
) -> int:
    """Run the front and its Oxigraph child until a signal; return 0 (or 1 if the child died).

    The front's accept loop runs in a thread of its own; the main thread only waits for a stop
    (SIGINT, SIGTERM, SIGHUP, or the child's death). A signal handler therefore never raises
    into the accept loop, which would swallow the exception as a failed request and go on.
    """
    from evonto.query.front import make_server

    check_port(host, port)
    # why to stop: a signal, or the child's death (the watcher); appending takes no lock, so a
    # handler may run while the main thread holds one
    stops: list[object] = []

    def on_signal(signum: int, frame: object) -> None:
        stops.append(signum)

    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, on_signal) for signum in signals}
    engine = Engine(location, settings.timeout, settings.max_memory)
    server = None
    loop = None
    try:
        engine.start()
        server = make_server(host, port, engine, settings, linked)
        watcher = threading.Thread(
            target=engine.supervise, args=(lambda: stops.append("child died"),), daemon=True
        )
        watcher.start()
        loop = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        )
        loop.start()
        shown = f"[{host}]" if ":" in host else host
        announce(f"http://{shown}:{port}/query")
        while not stops and loop.is_alive():
            time.sleep(0.2)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if server is not None and loop is not None and loop.is_alive():
            server.shutdown()
        engine.stop()
        if server is not None:
            server.server_close()
    return 1 if engine.died else 0
