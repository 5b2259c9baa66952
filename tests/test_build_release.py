"""The release artefacts built from the real project: content, headers, manifest."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from evonto.build.release import rdf11_literals
from evonto.prefixes import EVONTO, ONTOLOGY_IRI, expand
from evonto.project import Project
from evonto.rdfio import load_graph
from evonto.sources import load_sources

CORE = ("evonto.owl", "evonto.ttl", "evonto-base.ttl", "evonto.jsonld", "manifest.json")
OWL = rdflib.OWL


@pytest.fixture(scope="module")
def full(built_release) -> rdflib.Graph:
    return load_graph(built_release.files["evonto.ttl"])


@pytest.fixture(scope="module")
def base(built_release) -> rdflib.Graph:
    return load_graph(built_release.files["evonto-base.ttl"])


def test_release_has_the_core_artefacts(built_release):
    mask = os.umask(0)
    os.umask(mask)
    assert built_release.dir.stat().st_mode & 0o777 == 0o777 & ~mask  # not mkdtemp's 0700
    for name in CORE:
        assert (built_release.dir / name).is_file(), name
        assert (built_release.dir / name).stat().st_size > 0, name


@pytest.mark.parametrize("name", ["evonto.owl", "evonto.jsonld"])
def test_every_serialisation_holds_the_same_graph(built_release, full, name):
    other = load_graph(built_release.files[name])
    assert len(other) == len(full)
    assert isomorphic(other, full)


def test_owl_file_is_rdf_xml_that_rdflib_reads_too(built_release, full):
    """Protégé users download evonto.owl: a second, independent RDF/XML parser agrees."""
    data = built_release.files["evonto.owl"].read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF')
    assert isomorphic(rdflib.Graph().parse(data=data, format="xml"), full)


def test_merged_release_has_one_header_and_no_imports(full):
    assert not list(full.triples((None, OWL.imports, None)))
    assert set(full.subjects(rdflib.RDF.type, OWL.Ontology)) == {rdflib.URIRef(ONTOLOGY_IRI)}
    header = rdflib.URIRef(ONTOLOGY_IRI)
    version_iri = str(full.value(header, OWL.versionIRI))
    assert version_iri.startswith(EVONTO + "releases/")
    assert version_iri.endswith("/evonto.owl")
    for prop in (rdflib.DCTERMS.title, rdflib.DCTERMS.license, OWL.versionInfo):
        assert full.value(header, prop) is not None, prop


def test_merged_release_contains_every_source_triple(full, built_release):
    """Every source triple, plus the types HermiT inferred (inferred.ttl), nothing else."""
    sources = load_sources(Project.locate(Path(__file__).resolve().parents[1]))
    expected = rdf11_literals(sources.merged())
    expected += load_graph(built_release.files["inferred.ttl"])
    expected.remove((None, OWL.imports, None))
    for ontology in set(expected.subjects(rdflib.RDF.type, OWL.Ontology)):
        if str(ontology) != ONTOLOGY_IRI:
            expected.remove((ontology, None, None))
    assert isomorphic(expected, full)


def test_imported_terms_are_merged_with_their_labels(full):
    """MIREOT modules are merged: MONDO breast carcinoma sits under breast cancer."""
    carcinoma = rdflib.URIRef(expand("MONDO:0004989"))
    assert str(full.value(carcinoma, rdflib.RDFS.label)) == "breast carcinoma"
    assert (carcinoma, rdflib.RDFS.subClassOf, rdflib.URIRef(expand("MONDO:0007254"))) in full


def _without_header(graph: rdflib.Graph, header: str) -> rdflib.Graph:
    out = rdflib.Graph()
    for triple in graph:
        if triple[0] != rdflib.URIRef(header) and triple[1] != OWL.imports:
            out.add(triple)
    return out


def test_base_has_own_axioms_only(base, full, built_release):
    sources = load_sources(Project.locate(Path(__file__).resolve().parents[1]))
    base_iri = EVONTO + "evonto-base.owl"
    assert set(base.subjects(rdflib.RDF.type, OWL.Ontology)) == {rdflib.URIRef(base_iri)}
    assert str(base.value(rdflib.URIRef(base_iri), OWL.versionIRI)).endswith("/evonto-base.owl")
    assert not list(base.triples((None, OWL.imports, None)))
    own = rdflib.Graph()
    own += sources.edit
    if sources.assertions is not None:
        own += sources.assertions
    own += load_graph(built_release.files["inferred.ttl"])
    own = rdf11_literals(own)
    assert isomorphic(_without_header(base, base_iri), _without_header(own, ONTOLOGY_IRI))
    # labels that only the import modules give (MONDO breast carcinoma, say) are not in base
    carcinoma = rdflib.URIRef(expand("MONDO:0004989"))
    assert base.value(carcinoma, rdflib.RDFS.label) is None
    assert len(base) < len(full)


def test_manifest_matches_the_files(built_release):
    manifest = json.loads(built_release.files["manifest.json"].read_text())
    assert manifest == built_release.manifest
    assert manifest["ontology"] == ONTOLOGY_IRI
    assert manifest["versionIRI"].endswith(f"/releases/{manifest['version']}/evonto.owl")
    assert set(CORE) - {"manifest.json"} <= set(manifest["files"])
    for name, entry in manifest["files"].items():
        data = (built_release.dir / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert entry["bytes"] == len(data)
    triples = {n: manifest["files"][n]["triples"] for n in ("evonto.owl", "evonto.ttl")}
    assert triples["evonto.owl"] == triples["evonto.ttl"] > 0
    context = manifest["files"]["context.jsonld"]  # a JSON-LD context holds no triples
    assert context["triples"] is None and context["description"] == "JSON-LD @context"
    assert manifest["terms"]["EVONTO"]["classes"] >= 60
    assert manifest["reasoner"]["consistent"] is True
    assert manifest["reasoner"]["unsatisfiable"] == []
    assert set(manifest["sources"]["imports"]) == set(
        load_sources(Project.locate(Path(__file__).resolve().parents[1])).import_files
    )


def test_json_ld_uses_the_evonto_prefixes(built_release):
    doc = json.loads(built_release.files["evonto.jsonld"].read_text())
    assert doc["@context"]["EVONTO"] == {"@id": EVONTO + "EVONTO_", "@prefix": True}
    ids = [node["@id"] for node in doc["@graph"]]
    assert ids == sorted(ids, key=lambda i: (i.startswith("_:"), i))  # named nodes first
    assert "EVONTO:0000001" in ids


def test_json_ld_expands_the_same_with_pyld(built_release, full):
    """A third JSON-LD processor (PyLD) reads the same graph as Oxigraph and rdflib."""
    jsonld = pytest.importorskip("pyld.jsonld")
    doc = json.loads(built_release.files["evonto.jsonld"].read_text())
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"), full)
