"""The query guard: SERVICE, updates and unparseable text never reach an engine, whatever the trick.

Every hostile query of ``tests/bad_inputs/queries/`` is aimed at a local listener that counts
connections; ``evonto query`` (a real subprocess, time- and memory-bounded) must refuse it with
exit 2 and the listener must see zero connections.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _query_support import MINI_RELEASE, ROOT

from evonto.errors import EvontoError
from evonto.query import guard
from evonto.query.local import check_query
from tests._listener import Listener, hostile_cases, hostile_query

CASES = hostile_cases()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("guard") / "project"
    (project / "ontology").mkdir(parents=True)
    shutil.copy(ROOT / "ontology" / "evonto-edit.ttl", project / "ontology")
    shutil.copytree(ROOT / "queries", project / "queries")
    (project / "dist").mkdir()
    shutil.copy(MINI_RELEASE, project / "dist" / "evonto.ttl")
    return project


def test_the_listener_sees_an_unguarded_engine(listener: Listener) -> None:
    """Control: Oxigraph itself does call the URL, so a zero below means the guard held."""
    import pyoxigraph

    text = hostile_query("service_silent", listener.port)
    list(pyoxigraph.Store().query(text.split("\n", 2)[2]))
    assert listener.count >= 1


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_hostile_query_is_refused_without_a_connection(
    case: dict[str, str], mini: Path, listener: Listener, tmp_path: Path
) -> None:
    path = tmp_path / f"{case['case']}.rq"
    path.write_text(hostile_query(case["case"], listener.port), encoding="utf-8")
    returncode, stderr, elapsed, peak_mib = _bounded_query(mini, path, tmp_path)
    assert returncode == int(case["exit"]), stderr
    assert case["fragment"] in stderr
    assert f"{path.name}" in stderr  # the message names the file
    assert "Traceback" not in stderr
    assert listener.count == 0
    assert elapsed < 60
    assert peak_mib < 1024  # this run's own peak, not that of earlier children


def _bounded_query(project: Path, path: Path, tmp: Path) -> tuple[int, str, float, float]:
    """``evonto query PATH`` in a subprocess: (exit code, stderr, seconds, its peak RSS in MiB)."""
    errors = tmp / "stderr.txt"
    started = time.monotonic()
    with errors.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "evonto", "--project", str(project), "query", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
        watchdog = threading.Timer(120, process.kill)  # a hang fails, it does not block
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
            process.returncode = 0  # reaped by wait4
    elapsed = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    return (
        code,
        errors.read_text(encoding="utf-8", errors="replace"),
        elapsed,
        usage.ru_maxrss / 1024,
    )


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_guard_refuses_every_hostile_case(case: dict[str, str]) -> None:
    with pytest.raises(EvontoError, match=case["fragment"].replace("(", r"\(").replace(")", r"\)")):
        guard.guard(hostile_query(case["case"], 9))


def test_endpoint_queries_keep_service(listener: Listener) -> None:
    """For a named --endpoint the text goes as written; checking it makes no request either."""
    text = hostile_query("service_plain", listener.port)
    assert check_query(text, federated=True) == "select"
    assert listener.count == 0


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p 'SERVICE <http://x/> {}' }", "select"),
        ("# SERVICE <http://x/> { }\nASK { ?s ?p ?o }", "ask"),
        ("PREFIX service: <http://x/> SELECT * WHERE { ?s service:p ?o }", "select"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
    ],
)
def test_the_word_service_elsewhere_is_fine(text: str, form: str) -> None:
    assert guard.guard(text) == form
    assert check_query(text) == form


def test_describe_is_told_apart_by_the_parse() -> None:
    assert guard.guard("DESCRIBE <http://x/a>") == "describe"


def test_syntax_error_is_located() -> None:
    with pytest.raises(EvontoError) as caught:
        check_query("SELECT * WHERE {\n  SERVICE <http://x/> { ?s ?p ?o }\n  FILTER (\n}", "q.rq")
    assert str(caught.value).startswith("q.rq:")
    assert "not a valid SPARQL query" in str(caught.value)
