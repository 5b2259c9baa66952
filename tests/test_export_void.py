"""VoID/DCAT: counts checked against an independent count on Oxigraph, and the required terms."""

from __future__ import annotations

import pyoxigraph
import rdflib
from _export_support import real_release

from evonto.export.void import DATASET, void_graph
from evonto.prefixes import sparql_prologue
from evonto.store import store_from_graph

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def count(store: pyoxigraph.Store, expression: str) -> int:
    query = f"{sparql_prologue()}SELECT ({expression} AS ?n) WHERE {{ ?s ?p ?o }}"
    return int(next(iter(store.query(query)))["n"].value)


def test_dataset_counts_match_an_independent_sparql_count():
    release = real_release()
    description = void_graph(release, ["evonto.ttl"])
    ds = rdflib.URIRef(DATASET)
    store = store_from_graph(release.full)
    expected = {
        "triples": count(store, "COUNT(*)"),
        "distinctSubjects": count(store, "COUNT(DISTINCT ?s)"),
        "distinctObjects": count(store, "COUNT(DISTINCT ?o)"),
        "properties": count(store, "COUNT(DISTINCT ?p)"),
    }
    for name, value in expected.items():
        assert description.value(ds, VOID[name]).toPython() == value, name
    assert len(release.full) == expected["triples"]


def test_dataset_has_license_sources_versions_and_subsets():
    release = real_release()
    g = void_graph(release, ["evonto.ttl", "nanopubs.trig"])
    ds = rdflib.URIRef(DATASET)
    assert {VOID.Dataset, DCAT.Dataset} <= set(g.objects(ds, rdflib.RDF.type))
    assert g.value(ds, DCT.license) == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(ds, DCT.source) == rdflib.URIRef("https://doi.org/10.3390/ijms26125430")
    assert str(g.value(ds, DCAT.version)) == release.version
    subsets = set(g.objects(ds, VOID.subset))
    findings = rdflib.URIRef(DATASET + "/findings")
    assert findings in subsets
    assert g.value(findings, VOID.triples).toPython() == len(release.sources.assertions)
    modules = [s for s in subsets if "/imports/" in str(s)]
    assert len(modules) == len(release.sources.imports)
    for module in modules:  # each import module carries its upstream version
        assert g.value(module, rdflib.OWL.versionInfo) is not None
    finding_class = rdflib.URIRef("https://w3id.org/evonto/EVONTO_0000091")
    partition = next(
        p for p in g.objects(ds, VOID.classPartition) if g.value(p, VOID["class"]) == finding_class
    )
    assert g.value(partition, VOID.entities).toPython() == 65
    assert g.value(ds, VOID.dataDump) == rdflib.URIRef(
        f"https://w3id.org/evonto/releases/{release.version}/evonto.ttl"
    )
