"""The instance view of a finding (DESIGN §5b), derived from its association record.

Each finding is about one population of extracellular vesicles. This module turns the finding's
slots into a small GO-CAM-style graph of named individuals under the finding's IRI, which the
reasoner classifies:

    finding --IAO:0000136 is about--> finding/<id>/ev  (asserted: its vesicle kind only)
      ev --RO:0003001 produced by--> producer-<term>  (Cellosaurus line or CL cell type; for a
                                     MONDO value: a malignant cell, CLO:0000015 some <disease>)
      ev --RO:0001019 contains--> cargo-<term>  (its cargo kind, and the entity: a miRBase or
                                     ChEBI class, or 'RO:0002204 gene product of some <HGNC>')
      ev --EVONTO:0000213 tropic to--> anatomy-<organ>  (the target organ, when there is one)
      ev --RO:0004034 acts upstream of, positive effect--> process-<term>
                                     process --BFO:0000066 occurs in--> anatomy-<site>
                                     process --RO:0000057 has participant--> cell-<term>
      ev --RO:0000087 has role--> role  (pro- or anti-metastatic role)

The association record is the only input, so findings compiled from the curated tables and
association records written by users get the same instance graph: one contract for both.
Individual IRIs are built from the slot values, not from their order, so the same record
always gives the same graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto import vocab
from evonto.prefixes import FINDING, compress, expand

if TYPE_CHECKING:
    import rdflib

HGNC = "https://identifiers.org/hgnc:"
MONDO = "http://purl.obolibrary.org/obo/MONDO_"


def slug(iri: str) -> str:
    """A path segment naming a term: its CURIE with ``:`` as ``_`` (``HGNC_6158``)."""
    return compress(iri).replace(":", "_").replace("/", "_")


def is_own_individual(iri: str, finding: str) -> bool:
    """Whether ``iri`` is an individual minted under ``finding`` (e.g. an unnamed cargo)."""
    return iri.startswith(finding + "/")


def add_instance_graph(graph: rdflib.Graph, finding: rdflib.URIRef) -> None:
    """Add the instance graph of one finding to ``graph``, read from its association record."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    def p(curie: str) -> URIRef:
        return URIRef(expand(curie))

    def values(slot: str) -> list[URIRef]:
        return sorted(
            (o for o in graph.objects(finding, p(slot)) if isinstance(o, URIRef)), key=str
        )

    ident = str(finding).removeprefix(FINDING)
    base = str(finding)

    def individual(name: str, label: str, *types: rdflib.term.Node) -> URIRef:
        node = URIRef(f"{base}/{name}")
        graph.add((node, RDF.type, OWL.NamedIndividual))
        graph.add((node, RDFS.label, Literal(f"{ident} {label}", lang="en")))
        for kind in types:
            graph.add((node, RDF.type, kind))
        return node

    def some(prop: str, filler: URIRef) -> BNode:
        restriction = BNode(f"{slug(base)}_{slug(prop)}_{slug(str(filler))}")
        graph.add((restriction, RDF.type, OWL.Restriction))
        graph.add((restriction, OWL.onProperty, p(prop)))
        graph.add((restriction, OWL.someValuesFrom, filler))
        return restriction

    kinds = values(vocab.HAS_VESICLE)
    ev = individual("ev", "vesicles", *kinds)
    graph.add((finding, p(vocab.IS_ABOUT), ev))

    for producer in values(vocab.VESICLE_PRODUCED_BY):
        if str(producer).startswith(MONDO):
            types = (p(vocab.MALIGNANT_CELL), some(vocab.DERIVES_FROM_PATIENT_WITH, producer))
        else:
            types = (producer,)
        node = individual(f"producer-{slug(producer)}", f"producer {compress(producer)}", *types)
        graph.add((ev, p(vocab.PRODUCED_BY), node))

    for cargo in values(vocab.HAS_CARGO):
        if is_own_individual(str(cargo), base):
            node = cargo  # an unnamed cargo, already typed by its kind
        else:
            kind = graph.value(cargo, p(vocab.HAS_CARGO_KIND))
            entity = some(vocab.GENE_PRODUCT_OF, cargo) if str(cargo).startswith(HGNC) else cargo
            types = (entity,) if kind is None else (kind, entity)
            node = individual(f"cargo-{slug(cargo)}", f"cargo {compress(cargo)}", *types)
        graph.add((ev, p(vocab.CONTAINS), node))

    def anatomy(term: URIRef) -> URIRef:
        return individual(f"anatomy-{slug(term)}", f"site {compress(term)}", term)

    for organ in values(vocab.HAS_TARGET_ORGAN):
        graph.add((ev, p(vocab.TROPIC_TO), anatomy(organ)))
    sites = [anatomy(site) for site in values(vocab.ACTS_AT_SITE)]
    cells = [
        individual(f"cell-{slug(cell)}", f"target cell {compress(cell)}", cell)
        for cell in values(vocab.HAS_TARGET_CELL)
    ]
    for mechanism in values(vocab.HAS_MECHANISM):
        process = individual(
            f"process-{slug(mechanism)}", f"process {compress(mechanism)}", mechanism
        )
        graph.add((ev, p(vocab.ACTS_UPSTREAM_POSITIVE), process))
        for site in sites:
            graph.add((process, p(vocab.OCCURS_IN), site))
        for cell in cells:
            graph.add((process, p(vocab.HAS_PARTICIPANT), cell))

    for role in values(vocab.HAS_METASTATIC_ROLE):
        graph.add((ev, p(vocab.HAS_ROLE), individual("role", "metastatic role", role)))


def add_instance_graphs(graph: rdflib.Graph) -> None:
    """Add the instance graph of every organotropism finding in ``graph``."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    kind = URIRef(expand(vocab.ORGANOTROPISM_FINDING))
    for finding in sorted(set(graph.subjects(RDF.type, kind)), key=str):
        if isinstance(finding, URIRef):
            add_instance_graph(graph, finding)
