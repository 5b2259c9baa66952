"""JSON-LD: the published context, and findings that expand (with the LOCAL context) to the
same graph, with both pyld and rdflib."""

from __future__ import annotations

import json

import pytest
import rdflib
from _export_support import fixture_graph, no_network, rdf11, real_release  # noqa: F401
from pyld import jsonld
from rdflib.compare import isomorphic

from evonto.export import writers
from evonto.export.jsonld import CONTEXT_URL, context, context_bytes, graph_bytes
from evonto.export.slots import SLOTS
from evonto.prefixes import PREFIX_MAP

pytestmark = pytest.mark.usefixtures("no_network")


def local_loader(url: str, options: dict | None = None) -> dict:
    """A pyld document loader that serves only the local context and refuses the network."""
    if url != CONTEXT_URL:
        raise RuntimeError(f"refusing to load {url}")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(context_bytes())}


def via_pyld(document: dict) -> rdflib.Graph:
    nquads = jsonld.to_rdf(
        document, {"format": "application/n-quads", "documentLoader": local_loader}
    )
    return rdflib.Graph().parse(data=nquads, format="nquads")


def test_context_declares_every_prefix_and_slot():
    terms = context()["@context"]
    assert terms["@version"] == 1.1
    for prefix, namespace in PREFIX_MAP.items():
        assert terms[prefix] == {"@id": namespace, "@prefix": True}
    for slot in SLOTS:
        assert slot.term in terms
    assert terms["targetOrgan"] == {"@id": "EVONTO:0000204", "@type": "@id"}


def test_fixture_round_trips_through_pyld_with_the_context_by_reference():
    graph = fixture_graph()
    document = json.loads(graph_bytes(graph))  # "@context": the published URL
    assert document["@context"] == CONTEXT_URL
    assert isomorphic(via_pyld(document), graph)


def test_fixture_document_uses_short_slot_names():
    document = json.loads(graph_bytes(fixture_graph()))
    node = next(n for n in document["@graph"] if n["id"] == "finding:EVBC-A007")
    assert node["targetOrgan"] == "UBERON:0002048"
    assert node["mechanism"] == ["EVONTO:0000040", "EVONTO:0000055"]
    assert node["primarySource"] == "PMID:25621950"


def test_release_findings_round_trip_with_pyld_and_rdflib():
    release = real_release()
    findings = rdf11(writers.findings_graph(release))
    assert len(findings) > 1000
    inline = json.loads(writers.findings_jsonld(release))  # context inlined
    assert isomorphic(rdflib.Graph().parse(data=json.dumps(inline), format="json-ld"), findings)
    by_reference = json.loads(graph_bytes(findings))
    assert isomorphic(via_pyld(by_reference), findings)


def test_output_is_deterministic():
    assert graph_bytes(fixture_graph()) == graph_bytes(fixture_graph())
