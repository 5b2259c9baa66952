"""HermiT runs within a time and memory limit, and says how to raise or skip it (issue 11.8)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from evonto.build.reasoner import ReasonerLimitError, ReasonerLimits, reason
from evonto.build.serializers import rdf_xml

EX = "https://example.org/C"


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("EVONTO_REASONER_CACHE", "off")


def _ontology(tmp_path: Path, classes: int) -> tuple[Path, rdflib.Graph]:
    graph = rdflib.Graph()
    graph.add((rdflib.URIRef("https://example.org/o"), rdflib.RDF.type, rdflib.OWL.Ontology))
    for i in range(classes):
        cls = rdflib.URIRef(f"{EX}{i}")
        graph.add((cls, rdflib.RDF.type, rdflib.OWL.Class))
        graph.add((cls, rdflib.RDFS.label, rdflib.Literal(f"class number {i} with a label")))
        if i:
            graph.add((cls, rdflib.RDFS.subClassOf, rdflib.URIRef(f"{EX}{i // 2}")))
    path = tmp_path / f"classes-{classes}.owl"
    path.write_bytes(rdf_xml(graph))
    return path, graph


def _live_children() -> list[int]:
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(p) for p in (task / "children").read_text().split()]
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


def test_the_time_limit_stops_and_kills_the_jvm(tmp_path):
    before = set(_live_children())  # servers other tests of the session started
    path, graph = _ontology(tmp_path, 50)
    pidfile = tmp_path / "jvm.pid"
    with pytest.raises(ReasonerLimitError) as caught:
        reason(path, graph, limits=ReasonerLimits(timeout=0.2), pidfile=pidfile)
    message = str(caught.value)
    assert "did not finish within 0.2 s" in message
    assert "--reasoner-timeout" in message and "EVONTO_REASONER_TIMEOUT" in message
    assert "--no-reasoner" in message
    assert set(_live_children()) - before == set()  # the JVM was killed and reaped
    assert not pidfile.exists()


def test_the_time_limit_covers_loading_the_ontology(tmp_path):
    before = set(_live_children())
    path, graph = _ontology(tmp_path, 20000)
    with pytest.raises(ReasonerLimitError) as caught:
        reason(path, graph, limits=ReasonerLimits(timeout=0.01))
    message = str(caught.value)
    assert "did not finish within 0.01 s" in message
    assert "loading the ontology took" in message  # no time was left to start Java
    assert "--reasoner-timeout" in message and "--no-reasoner" in message
    assert set(_live_children()) - before == set()


def test_the_memory_limit_stops_the_jvm_with_a_clear_message(tmp_path):
    before = set(_live_children())
    path, graph = _ontology(tmp_path, 20000)
    with pytest.raises(ReasonerLimitError) as caught:
        reason(path, graph, limits=ReasonerLimits(timeout=300, memory=16))
    message = str(caught.value)
    assert "ran out of memory" in message and "16 MiB" in message
    assert "--reasoner-memory" in message and "EVONTO_REASONER_MEMORY" in message
    assert "--no-reasoner" in message
    assert set(_live_children()) - before == set()


def test_within_the_limits_the_answer_is_unchanged(tmp_path):
    path, graph = _ontology(tmp_path, 50)
    report = reason(path, graph, limits=ReasonerLimits(timeout=300, memory=256))
    assert report.ok and report.classes >= 50


def _evonto(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``evonto --project PROJECT ARGS`` in a fresh process, no reasoner or report cache."""
    caches = {"EVONTO_REASONER_CACHE": "off", "EVONTO_VALIDATE_CACHE": "off"}
    return subprocess.run(
        [sys.executable, "-m", "evonto", "--project", str(project), *args],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, **caches, **(env or {})},
        check=False,
        timeout=600,
    )


def _build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return _evonto(project, "build", *args, env=env)


def test_build_reports_the_time_limit_and_writes_nothing(project_copy):
    done = _build(project_copy, "--reasoner-timeout", "0.5")
    assert done.returncode == 2, done.stderr
    assert "HermiT did not finish within 0.5 s" in done.stderr
    assert "--no-reasoner" in done.stderr and "Traceback" not in done.stderr
    assert not (project_copy / "dist").exists()


@pytest.mark.parametrize(
    ("variable", "value"),
    [("EVONTO_REASONER_TIMEOUT", "abc"), ("EVONTO_REASONER_MEMORY", "-5")],
)
def test_a_bad_limit_variable_is_a_usage_error(project_copy, variable, value):
    done = _build(project_copy, env={variable: value})
    assert done.returncode == 2
    assert variable in done.stderr and "positive number" in done.stderr
    assert "Traceback" not in done.stderr


def _validate(project: Path, *args: str) -> subprocess.CompletedProcess:
    return _evonto(project, "validate", *args)


def test_validate_takes_the_limits_it_names(project_copy):
    """The message names --reasoner-timeout: validate has the option, as build does."""
    done = _validate(project_copy, "--reasoner-timeout", "0.01")
    assert done.returncode == 2, done.stderr
    assert "HermiT did not finish within 0.01 s" in done.stderr
    assert "Traceback" not in done.stderr
    bad = _validate(project_copy, "--reasoner-memory", "8")
    assert bad.returncode == 2 and "--reasoner-memory" in bad.stderr
