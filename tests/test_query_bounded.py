"""The embedded store honours ``--timeout``: the query runs in a worker process that is killed."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from pathlib import Path

import pytest
from _query_support import MINI_RELEASE, ROOT, project_with_files

from evonto.errors import EvontoError
from evonto.project import Project
from evonto.query import local

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return project_with_files(tmp_path, {"evonto.ttl": MINI_RELEASE})


@pytest.fixture
def location(project: Project) -> Path:
    return local.store_location(project)


def test_an_endless_query_is_stopped(location: Path) -> None:
    started = time.monotonic()
    with pytest.raises(EvontoError, match=r"ran longer than 1 s and was stopped \(--timeout\)"):
        local.run_bounded(location, ENDLESS, "endless.rq", timeout=1)
    assert time.monotonic() - started < 10
    assert multiprocessing.active_children() == []  # the worker is gone


#: every row kept for the sort: memory grows with the cartesian product (10^10 rows here)
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g ?c ?f ?i"


def test_a_query_over_its_memory_is_stopped(location: Path) -> None:
    started = time.monotonic()
    with pytest.raises(EvontoError, match=r"needed more than 256 MiB of memory.*--max-memory"):
        local.run_bounded(location, HUNGRY, "hungry.rq", timeout=120, max_memory=256)
    assert time.monotonic() - started < 60  # the memory limit stopped it, not the timeout
    assert multiprocessing.active_children() == []
    # the same worker with room enough answers an ordinary query
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert local.run_bounded(location, text, timeout=60, max_memory=256).rows


def test_the_worker_gives_the_same_rows(project: Project, location: Path) -> None:
    text = "SELECT ?f WHERE { ?f a <https://w3id.org/evonto/EVONTO_0000091> } ORDER BY ?f"
    store = local.release_store(project)
    assert local.run_bounded(location, text, timeout=60) == local.run(store, text)


def test_errors_in_the_worker_are_located(location: Path) -> None:
    with pytest.raises(EvontoError, match=r"q\.rq: only SELECT and ASK"):
        local.run_bounded(location, "CONSTRUCT WHERE { ?s ?p ?o }", "q.rq", timeout=60)


def test_cli_timeout_applies_to_the_embedded_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from evonto.cli import cli

    project = tmp_path / "project"
    (project / "ontology").mkdir(parents=True)
    shutil.copy(ROOT / "ontology" / "evonto-edit.ttl", project / "ontology")
    shutil.copytree(ROOT / "queries", project / "queries")
    (project / "dist").mkdir()
    shutil.copy(MINI_RELEASE, project / "dist" / "evonto.ttl")
    query = tmp_path / "endless.rq"
    query.write_text(f"# title: t\n# question: q?\n{ENDLESS}\n")
    result = CliRunner().invoke(
        cli, ["--project", str(project), "query", str(query), "--timeout", "1"]
    )
    assert result.exit_code == 2, result.output
    assert "endless.rq: the query ran longer than 1 s" in result.output
