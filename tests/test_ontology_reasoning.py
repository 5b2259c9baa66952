"""HermiT on the TBox (edit file plus import modules): the axioms mean what they should."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from evonto.prefixes import ONTOLOGY_IRI, expand
from evonto.project import Project
from evonto.sources import load_sources

ROOT = Path(__file__).resolve().parents[1]
EX = rdflib.Namespace("https://example.org/probe/")

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime"),
]


def iri(curie: str) -> rdflib.URIRef:
    return rdflib.URIRef(expand(curie))


@pytest.fixture(scope="module")
def tbox() -> rdflib.Graph:
    """Edit file plus imports, read through the one loader, merged as a build merges them."""
    graph = load_sources(Project.locate(ROOT), assertions=False).ontology()
    graph.remove((None, OWL.imports, None))
    for header in set(graph.subjects(RDF.type, OWL.Ontology)):
        if str(header) != ONTOLOGY_IRI:
            graph.remove((header, None, None))
    return graph


def run_hermit(graph: rdflib.Graph, folder: Path):
    """Load ``graph`` into a fresh owlready2 world and reason; ``None`` when inconsistent."""
    import owlready2

    from evonto.build.serializers import rdf_xml

    path = folder / "probe.owl"
    path.write_bytes(rdf_xml(graph))
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    noise = io.StringIO()
    with contextlib.redirect_stdout(noise), contextlib.redirect_stderr(noise):
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return None
    return world


def superclasses(world, curie_or_iri: str) -> set[str]:
    entity = world[curie_or_iri if curie_or_iri.startswith("http") else expand(curie_or_iri)]
    return {str(c.iri) for c in entity.ancestors() if hasattr(c, "iri")}


def test_tbox_is_consistent_with_a_punned_finding(tbox: rdflib.Graph, tmp_path: Path) -> None:
    """The TBox, a finding shaped as the findings compiler writes it, and two probe classes.

    A probe EV class restricted to "tropic to some lung" must be classified under the defined
    lung-tropic and organotropic classes (through UBERON's is-a chain); a metastatic role that
    is not pro-metastatic must be classified as anti-metastatic (closed partition); no class
    may be unsatisfiable.
    """
    graph = rdflib.Graph()
    graph += tbox
    finding, cargo = EX.finding, rdflib.URIRef(expand("HGNC:6158"))
    slots = {
        "EVONTO:0000201": "GO:0070062",
        "EVONTO:0000204": "UBERON:0002048",
        "EVONTO:0000205": "UBERON:0002048",
        "EVONTO:0000206": "CL:0000057",
        "EVONTO:0000207": "EVONTO:0000040",
        "EVONTO:0000208": "EVONTO:0000081",
        "EVONTO:0000209": "MONDO:0004989",
        "EVONTO:0000210": "NCBITaxon:9606",
        "EVONTO:0000211": "ECO:0000033",
    }
    graph.add((finding, RDF.type, OWL.NamedIndividual))
    graph.add((finding, RDF.type, iri("EVONTO:0000091")))
    for slot, value in slots.items():
        graph.add((finding, iri(slot), iri(value)))
    graph.add((finding, iri("EVONTO:0000203"), cargo))
    graph.add((cargo, RDF.type, iri("EVONTO:0000028")))
    graph.add((finding, iri("EVONTO:0000212"), iri("PMID:26524530")))
    graph.add((finding, iri("EVONTO:0000301"), rdflib.Literal("high")))
    graph.add((finding, iri("EVONTO:0000302"), rdflib.Literal(False)))

    restriction = rdflib.BNode()
    graph.add((EX.LungHomingVesicle, RDF.type, OWL.Class))
    graph.add((EX.LungHomingVesicle, RDFS.subClassOf, iri("EVONTO:0000003")))
    graph.add((EX.LungHomingVesicle, RDFS.subClassOf, restriction))
    graph.add((restriction, RDF.type, OWL.Restriction))
    graph.add((restriction, OWL.onProperty, iri("EVONTO:0000213")))
    graph.add((restriction, OWL.someValuesFrom, iri("UBERON:0002048")))

    # closed partition: a metastatic role that is not pro-metastatic is anti-metastatic
    complement = rdflib.BNode()
    graph.add((EX.NotPro, RDF.type, OWL.Class))
    graph.add((EX.NotPro, RDFS.subClassOf, iri("EVONTO:0000080")))
    graph.add((EX.NotPro, RDFS.subClassOf, complement))
    graph.add((complement, RDF.type, OWL.Class))
    graph.add((complement, OWL.complementOf, iri("EVONTO:0000081")))

    world = run_hermit(graph, tmp_path)
    assert world is not None, "HermiT: inconsistent"
    unsatisfiable = [str(c.iri) for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing)]
    assert unsatisfiable == []
    inferred = superclasses(world, str(EX.LungHomingVesicle))
    assert {expand("EVONTO:0000009"), expand("EVONTO:0000007")} <= inferred
    assert expand("EVONTO:0000010") not in inferred
    assert expand("EVONTO:0000082") in superclasses(world, str(EX.NotPro))


def test_role_partition_is_disjoint(tbox: rdflib.Graph, tmp_path: Path) -> None:
    """Pro- and anti-metastatic role are disjoint: nothing can be both."""
    graph = rdflib.Graph()
    graph += tbox
    graph.add((EX.role, RDF.type, OWL.NamedIndividual))
    graph.add((EX.role, RDF.type, iri("EVONTO:0000081")))
    graph.add((EX.role, RDF.type, iri("EVONTO:0000082")))
    assert run_hermit(graph, tmp_path) is None
