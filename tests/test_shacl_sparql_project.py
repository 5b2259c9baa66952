"""The fast SHACL engine on the real project: same results as pyshacl, defects all found."""

from __future__ import annotations

import warnings
from pathlib import Path

import pyoxigraph
import pytest

from evonto.project import Project
from evonto.rdfio import load_graph
from evonto.shacl_sparql import compile_shapes, ontology_view, pyshacl_results, validate
from evonto.store import store_from_graph
from evonto.validate.shacl import load_shapes
from tests._shacl_support import keys

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="module")
def shapes(project: Project):
    return load_shapes(project.shapes_dir)


def test_project_shapes_compile_without_fallback(shapes) -> None:
    """Every shape of shapes/ is translated: evonto validate never needs the pyshacl fallback."""
    assert compile_shapes(shapes)


def test_project_sources_agree_with_pyshacl(project: Project, shapes) -> None:
    """The merged sources (TBox, imports, mappings, compiled findings): identical results."""
    from evonto.sources import load_sources

    merged = load_sources(project).merged()
    fast = validate(store_from_graph(merged), shapes)
    assert keys(fast) == keys(pyshacl_results(merged, shapes))


def test_synthetic_findings_defects_found_by_both_engines(project: Project, shapes, tmp_path):
    """Generated findings with 10% defects: both engines agree and flag exactly the defects."""
    import sys

    if str(ROOT) not in sys.path:  # benchmarks/ is a top-level folder, not an installed package
        sys.path.insert(0, str(ROOT))
    from benchmarks.generate import SYNTHETIC_FINDING, generate, ontology_files

    info = generate(300, tmp_path / "findings.ttl", seed=7, invalid_rate=0.1)
    defective = {f for ids in info.invalid.values() for f in ids}
    assert len(info.invalid) >= 5 and len(defective) >= 15
    ontology = load_graph(ontology_files()[0])
    for path in ontology_files()[1:]:
        load_graph(path, ontology)
    data = load_graph(tmp_path / "findings.ttl")
    store = store_from_graph(ontology_view(ontology))
    store.load(path=str(tmp_path / "findings.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the ill-typed boolean defect makes rdflib warn
        fast = validate(store, shapes)
        reference = pyshacl_results(data, shapes, ontology)
    assert keys(fast) == keys(reference)
    # a result on a finding's instance individuals (``<finding>/ev``, ...) flags the finding
    start = len(SYNTHETIC_FINDING) + 1
    flagged = {
        SYNTHETIC_FINDING + r.focus[start:-1].split("/")[0]
        for r in fast
        if r.focus.startswith(f"<{SYNTHETIC_FINDING}")
    }
    assert flagged == defective
