"""Start a real ``evonto serve`` (random port) on a project holding the built release."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from _sparql_servers import free_port, require_binary

ROOT = Path(__file__).resolve().parents[2]


def project_with_release(release_files: dict[str, Path], folder: Path) -> Path:
    """A copy of the sources with ``dist/`` holding the built release files."""
    project = folder / "project"
    for name in ("ontology", "queries", "shapes"):
        shutil.copytree(ROOT / name, project / name)
    (project / "dist").mkdir()
    for name in ("evonto.ttl", "examples.ttl", "evonto.owl", "manifest.json"):
        if name in release_files:
            shutil.copy(release_files[name], project / "dist" / name)
    return project


@dataclass
class Served:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> tuple[int, dict[str, str], bytes]:
        """One HTTP exchange: (status, headers with lower-case names, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            connection.close()

    def query(self, text: str, accept: str = "application/sparql-results+json", **kw):
        return self.request(
            "GET", "/query?" + urlencode({"query": text}), None, {"Accept": accept}, **kw
        )

    def oxigraph_child(self) -> int | None:
        """The pid of serve's Oxigraph child (``None`` when there is none)."""
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid and fields[0] not in {"Z", "X"}:
                return int(stat.parent.name)
        return None


@contextmanager
def serving(project: Path, *args: str) -> Iterator[Served]:
    """``python -m evonto --project PROJECT serve --port P ARGS`` until the block ends."""
    require_binary("oxigraph", "pip install oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "evonto",
            "--project",
            str(project),
            "serve",
            "--port",
            str(port),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        if not line.startswith("SPARQL endpoint: "):
            process.kill()
            raise AssertionError(line + process.stderr.read())  # type: ignore[union-attr]
        yield Served(process, port)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def gone(pid: int, timeout: float = 10) -> bool:
    """Whether process ``pid`` has exited (a zombie waiting for its reaper counts)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.1)
    return False


def refuses_connections(port: int, timeout: float = 10) -> bool:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return True
        time.sleep(0.1)
    return False
