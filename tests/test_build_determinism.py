"""Same input, same bytes: two reasoned builds in separate processes with different hash seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from evonto.build.serializers import json_ld, rdf_xml
from evonto.rdfio import serialize

ROOT = Path(__file__).resolve().parents[1]


def _build(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "evonto",
            "--project",
            str(ROOT),
            "-q",
            "build",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=out.parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_give_identical_bytes(tmp_path, built_release):
    _build(tmp_path / "a", "1")
    _build(tmp_path / "b", "2")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    # and the in-process session build (yet another hash seed) agrees too
    session = _files(built_release.dir)
    assert sorted(session) == sorted(first)
    assert [name for name in first if first[name] != session[name]] == []


def _graph_with_bnodes() -> rdflib.Graph:
    g = rdflib.Graph()
    ex = rdflib.Namespace("https://w3id.org/evonto/")
    for i in range(30):
        restriction = rdflib.BNode()
        g.add((ex[f"EVONTO_{i:07d}"], rdflib.RDFS.subClassOf, restriction))
        g.add((restriction, rdflib.OWL.onProperty, ex["EVONTO_0000213"]))
        g.add((restriction, rdflib.OWL.someValuesFrom, ex[f"EVONTO_{i + 100:07d}"]))
        g.add(
            (ex[f"EVONTO_{i:07d}"], rdflib.RDFS.label, rdflib.Literal(f"term {i} <&>", lang="en"))
        )
    return g


def test_serialisers_do_not_depend_on_insertion_order():
    g = _graph_with_bnodes()
    relabel: dict[rdflib.BNode, rdflib.BNode] = {}
    reversed_graph = rdflib.Graph()  # other insertion order, other blank node labels
    for triple in reversed(sorted(g)):
        reversed_graph.add(
            tuple(
                relabel.setdefault(t, rdflib.BNode()) if isinstance(t, rdflib.BNode) else t
                for t in triple
            )
        )
    for write in (rdf_xml, json_ld, lambda x: serialize(x, "turtle")):
        assert write(g) == write(reversed_graph)


def test_a_reasoned_build_finds_canonical_labels_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HermiT's input and every artefact are written from one canonical graph: the labels are
    most of the cost of writing them, and adding the inferred types keeps them."""
    import shutil

    import evonto.build.serializers as serializers
    import evonto.rdfio as rdfio
    from evonto.build.release import build_release
    from evonto.project import Project

    if shutil.which("java") is None:
        pytest.skip("HermiT needs Java")
    calls = []
    real = rdfio.canonical_graph

    def counted(graph):
        calls.append(len(graph))
        return real(graph)

    monkeypatch.setenv("EVONTO_REASONER_CACHE", "off")
    monkeypatch.setattr(rdfio, "canonical_graph", counted)
    monkeypatch.setattr(serializers, "canonical_graph", counted)
    build_release(Project.locate(ROOT), tmp_path / "dist")
    # the full release is by far the largest graph canonicalised (modules, base: smaller ones)
    assert [n for n in calls if n > max(calls) / 2] == [max(calls)], calls
