"""The example-queries graph (SIB style) describes every pack query and passes its SHACL shape."""

from __future__ import annotations

import pyshacl
import pytest
import rdflib
from _query_support import ROOT
from rdflib.namespace import RDF, RDFS

from evonto.query.examples import examples_graph, examples_turtle, query_body
from evonto.query.packs import discover

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = rdflib.Namespace("https://schema.org/")
SHAPES = ROOT / "shapes" / "query-examples.ttl"


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return examples_graph(ROOT / "queries")


def validate(data: rdflib.Graph) -> tuple[bool, str]:
    shapes = rdflib.Graph().parse(SHAPES)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    return conforms, text


def test_examples_conform(graph: rdflib.Graph) -> None:
    conforms, text = validate(graph)
    assert conforms, text


def test_every_query_is_described(graph: rdflib.Graph) -> None:
    queries = discover(ROOT / "queries")
    described = set(graph.subjects(RDF.type, SH.SPARQLExecutable))
    assert described == {rdflib.URIRef(q.iri) for q in queries}
    for query in queries:
        node = rdflib.URIRef(query.iri)
        assert (node, RDF.type, SH.SPARQLSelectExecutable) in graph
        assert str(graph.value(node, RDFS.comment)) == query.question
        assert {str(k) for k in graph.objects(node, SCHEMA.keywords)} == set(query.keywords)
        text = str(graph.value(node, SH.select))
        assert text == query_body(query) and not text.startswith("#")
        assert query.text.endswith(text.rstrip("\n") + "\n")


def test_examples_run_as_they_stand(graph: rdflib.Graph) -> None:
    import pyoxigraph

    store = pyoxigraph.Store()
    for text in graph.objects(None, SH.select):
        assert isinstance(store.query(str(text)), pyoxigraph.QuerySolutions)


def test_examples_are_deterministic() -> None:
    assert examples_turtle(ROOT / "queries") == examples_turtle(ROOT / "queries")


@pytest.mark.parametrize(
    ("drop", "message"),
    [(RDFS.comment, "rdfs:comment"), (SH.select, "sh:select"), (SCHEMA.target, "schema:target")],
)
def test_shape_catches_an_incomplete_example(graph, drop, message: str) -> None:
    broken = rdflib.Graph()
    for triple in graph:
        broken.add(triple)
    node = rdflib.URIRef("https://w3id.org/evonto/query/organotropism/cargo-by-organ")
    broken.remove((node, drop, None))
    conforms, text = validate(broken)
    assert not conforms
    assert "cargo-by-organ" in text


def test_shape_catches_a_plain_string_label(graph) -> None:
    broken = rdflib.Graph()
    for triple in graph:
        broken.add(triple)
    node = rdflib.URIRef("https://w3id.org/evonto/query/provenance/species-counts")
    broken.set((node, RDFS.label, rdflib.Literal("no language tag")))
    conforms, _ = validate(broken)
    assert not conforms


def test_release_carries_the_examples(built_release) -> None:
    assert "examples.ttl" in built_release.files
    data = rdflib.Graph().parse(built_release.files["examples.ttl"])
    assert len(set(data.subjects(RDF.type, SH.SPARQLExecutable))) == len(discover(ROOT / "queries"))
