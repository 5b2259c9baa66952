"""Real SPARQL servers for the integration tests: Oxigraph and Virtuoso on 127.0.0.1.

Each server gets free ports, a throwaway database folder and (Virtuoso) its own
``virtuoso.ini``; it is stopped when the fixture ends. A missing server binary skips the test
with the reason, except under CI (``$CI`` set), where it fails: CI must install the servers.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

VIRTUOSO_ROW_CAP = 2000


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: where to query, where to put graphs, and credentials."""

    name: str
    query_url: str
    store_url: str
    user: str | None = None
    password: str | None = None
    process: subprocess.Popen | None = None


def require_binary(name: str, install_hint: str) -> str:
    """The binary's path; skip (locally) or fail (under CI) when it is missing."""
    found = shutil.which(name)
    if name == "oxigraph":
        beside = Path(sys.executable).with_name("oxigraph")
        found = str(beside) if beside.is_file() else found
    if found:
        return found
    message = f"{name} is not installed ({install_hint})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must provide it", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): {_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {timeout} s: {_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.is_file() else ""


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[Server]:
    """``oxigraph serve`` (read-write) on a free port, with a fresh database folder."""
    binary = require_binary("oxigraph", "pip install oxigraph")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/query?query=ASK%7B%7D", process, log)
        yield Server("oxigraph", f"{base}/query", f"{base}/store", process=process)
    finally:
        stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {row_cap}
MaxQueryExecutionTime = 120
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Server]:
    """Virtuoso Open Source (Debian ``virtuoso-opensource``) with its own ini and database."""
    binary = require_binary("virtuoso-t", "apt-get install virtuoso-opensource")
    isql = require_binary("isql-vt", "apt-get install virtuoso-opensource")
    db = folder / "virtuoso"
    db.mkdir(parents=True)
    sql_port, http_port = free_port(), free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port, row_cap=VIRTUOSO_ROW_CAP)
    )
    log = db / "stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=db,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for_http(f"{base}/sparql?query=ASK%7B%7D", process, log, timeout=120)
        password = "pw" + secrets.token_hex(8)  # letters and digits: isql takes it bare
        subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec=SET PASSWORD dba {password};"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield Server(
            "virtuoso",
            f"{base}/sparql",
            f"{base}/sparql-graph-crud-auth",
            user="dba",
            password=password,
            process=process,
        )
    finally:
        stop(process)
