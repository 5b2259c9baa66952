"""The query guard: SERVICE, updates and unparseable text never reach an engine, whatever the trick.

Every hostile query of ``tests/bad_inputs/queries/`` is aimed at a local listener that counts
connections; ``evonto query`` (a real subprocess, time- and memory-bounded) must refuse it with
exit 2 and the listener must see zero connections.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _query_support import MINI_RELEASE, ROOT

from tests._bounds import limit_memory
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
    returncode, stderr, elapsed = _bounded_query(mini, path)
    assert returncode == int(case["exit"]), stderr
    assert case["fragment"] in stderr
    assert f"{path.name}" in stderr  # the message names the file
    assert "Traceback" not in stderr
    assert listener.count == 0
    assert elapsed < 60


def _bounded_query(project: Path, path: Path) -> tuple[int, str, float]:
    """``evonto query PATH`` in a subprocess, at most 120 s and 2 GiB of address space:
    (exit code, stderr, seconds)."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "evonto", "--project", str(project), "query", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_memory(2048),
    )
    return result.returncode, result.stderr, time.monotonic() - started
