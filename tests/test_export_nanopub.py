"""Nanopublications: one per finding and claim, valid per the ``nanopub`` library (offline)."""

from __future__ import annotations

import pytest
import rdflib
from _export_support import fixture_graph, no_network, real_release  # noqa: F401

from evonto.export.nanopub import NP_BASE, check_nanopubs, nanopubs_trig, split_nanopubs
from evonto.export.records import finding_records
from evonto.prefixes import FINDING, REVIEW_DOI, expand

PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
NP = rdflib.Namespace("http://www.nanopub.org/nschema#")
CC_BY = rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
pytestmark = pytest.mark.usefixtures("no_network")


def graphs_of(dataset: rdflib.Dataset, np_iri: str) -> dict[str, rdflib.Graph]:
    return {
        name: dataset.graph(rdflib.URIRef(f"{np_iri}#{name}"))
        for name in ("Head", "assertion", "provenance", "pubinfo")
    }


def test_fixture_nanopubs_have_four_graphs_with_the_finding_and_its_provenance():
    graph = fixture_graph()
    nps = split_nanopubs(nanopubs_trig(graph))
    assert sorted(nps) == [NP_BASE + i for i in ("EVBC-A007", "EVBC-A031", "EVBC-T019")]
    np_iri = NP_BASE + "EVBC-A007"
    parts = graphs_of(nps[np_iri], np_iri)
    head, assertion, prov, info = (parts[n] for n in ("Head", "assertion", "provenance", "pubinfo"))
    this = rdflib.URIRef(np_iri)
    assert (this, NP.hasAssertion, rdflib.URIRef(np_iri + "#assertion")) in head
    # the assertion holds every triple of the finding
    finding = rdflib.URIRef(FINDING + "EVBC-A007")
    assert set(graph.triples((finding, None, None))) <= set(assertion)
    assert {s for s in assertion.subjects()} == {
        finding,
        rdflib.URIRef("https://identifiers.org/mirbase.mature:MIMAT0000421"),
    }
    target = rdflib.URIRef(np_iri + "#assertion")
    pmid = rdflib.URIRef("https://identifiers.org/pubmed:25621950")
    assert (target, PROV.hadPrimarySource, pmid) in prov
    assert (target, PROV.wasDerivedFrom, rdflib.URIRef(REVIEW_DOI)) in prov
    activity = prov.value(target, PROV.wasGeneratedBy)
    eco = rdflib.URIRef("http://purl.obolibrary.org/obo/ECO_0000033")
    assert (activity, rdflib.RDF.type, eco) in prov
    assert (this, DCT.license, CC_BY) in info
    created = info.value(this, DCT.created)
    assert created.datatype == rdflib.XSD.dateTime
    assert str(created.toPython().date()) == "2026-11-29"  # owl:versionInfo, not the clock
    assert info.value(this, DCT.creator) == rdflib.URIRef("https://w3id.org/evonto")


def test_nanopub_library_accepts_every_fixture_nanopub():
    assert check_nanopubs(nanopubs_trig(fixture_graph())) == {}


def test_nanopub_library_rejects_a_nanopub_without_provenance():
    data = nanopubs_trig(fixture_graph()).decode()
    broken = data.replace("prov:hadPrimarySource", "prov:wasQuotedFrom").replace(
        "<https://w3id.org/evonto/np/EVBC-A007#assertion> prov:", "<urn:x> prov:"
    )
    problems = check_nanopubs(broken.encode())
    assert list(problems) == [NP_BASE + "EVBC-A007"]
    assert "provenance" in problems[NP_BASE + "EVBC-A007"]


def test_output_is_byte_identical_across_runs():
    assert nanopubs_trig(fixture_graph()) == nanopubs_trig(fixture_graph())


def test_release_has_one_valid_nanopub_per_finding_and_claim():
    release = real_release()
    data = nanopubs_trig(release.full)
    nps = split_nanopubs(data)
    records = finding_records(release.full)
    assert len(nps) == len(records) == 65 + 49
    assert sum(r.local_id.startswith("EVBC-A") for r in records) == 65
    assert check_nanopubs(data) == {}


def test_release_nanopub_for_mir122_carries_fong_2015():
    nps = split_nanopubs(nanopubs_trig(real_release().full))
    np_iri = NP_BASE + "EVBC-A007"
    parts = graphs_of(nps[np_iri], np_iri)
    finding = rdflib.URIRef(FINDING + "EVBC-A007")
    organs = set(parts["assertion"].objects(finding, rdflib.URIRef(expand("EVONTO:0000204"))))
    assert organs == {rdflib.URIRef(expand("UBERON:0002048"))}
    target = rdflib.URIRef(np_iri + "#assertion")
    sources = set(parts["provenance"].objects(target, PROV.hadPrimarySource))
    assert sources == {rdflib.URIRef(expand("PMID:25621950"))}
    info = parts["pubinfo"]
    assert info.value(rdflib.URIRef(np_iri), DCT.license) == CC_BY


def test_release_nanopub_assertion_carries_the_instance_graph():
    """The vesicles the finding is about, their links and the reasoner's classes of them."""
    nps = split_nanopubs(nanopubs_trig(real_release().full))
    np_iri = NP_BASE + "EVBC-A001"
    assertion = graphs_of(nps[np_iri], np_iri)["assertion"]
    finding = rdflib.URIRef(FINDING + "EVBC-A001")
    ev = rdflib.URIRef(f"{finding}/ev")
    assert (finding, rdflib.URIRef(expand("IAO:0000136")), ev) in assertion
    types = set(assertion.objects(ev, rdflib.RDF.type))
    assert rdflib.URIRef(expand("EVONTO:0000001")) in types  # asserted: small EV
    assert rdflib.URIRef(expand("EVONTO:0000009")) in types  # inferred: lung-tropic EV
    cargo = rdflib.URIRef(f"{finding}/cargo-HGNC_6158")
    assert (ev, rdflib.URIRef(expand("RO:0001019")), cargo) in assertion
    restriction = next(
        t for t in assertion.objects(cargo, rdflib.RDF.type) if isinstance(t, rdflib.BNode)
    )
    assert assertion.value(restriction, rdflib.OWL.someValuesFrom) == rdflib.URIRef(
        expand("HGNC:6158")
    )
    # nothing of another finding's instance graph
    assert not [s for s in assertion.subjects() if "EVBC-A002" in str(s)]
