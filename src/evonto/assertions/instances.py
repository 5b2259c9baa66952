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
always gives the same graph. :func:`instance_triples` is plain Python over IRIs; the adapters
below write its triples into an rdflib graph (the compiler) or as Oxigraph quads (validate).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evonto import vocab
from evonto.prefixes import FINDING, compress, expand

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

HGNC = "https://identifiers.org/hgnc:"
MONDO = "http://purl.obolibrary.org/obo/MONDO_"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL = "http://www.w3.org/2002/07/owl#"

#: the slots an instance graph is read from
SLOTS = {
    name: expand(curie)
    for name, curie in (
        ("vesicle", vocab.HAS_VESICLE),
        ("produced_by", vocab.VESICLE_PRODUCED_BY),
        ("cargo", vocab.HAS_CARGO),
        ("target_organ", vocab.HAS_TARGET_ORGAN),
        ("site", vocab.ACTS_AT_SITE),
        ("target_cell", vocab.HAS_TARGET_CELL),
        ("mechanism", vocab.HAS_MECHANISM),
        ("role", vocab.HAS_METASTATIC_ROLE),
    )
}
CARGO_KIND = expand(vocab.HAS_CARGO_KIND)


@dataclass(frozen=True)
class Blank:
    """A blank node (an OWL restriction) of an instance graph, with a stable label."""

    label: str


@dataclass(frozen=True)
class Text:
    """An English label."""

    value: str


Term = str | Blank | Text  #: an IRI (str), a blank node or a literal
Triple = tuple[str | Blank, str, Term]


def slug(iri: str) -> str:
    """A path segment naming a term: its CURIE with ``:`` as ``_`` (``HGNC_6158``)."""
    return compress(iri).replace(":", "_").replace("/", "_")


def is_own_individual(iri: str, finding: str) -> bool:
    """Whether ``iri`` is an individual minted under ``finding`` (e.g. an unnamed cargo)."""
    return iri.startswith(finding + "/")


def instance_triples(
    finding: str, slots: Mapping[str, list[str]], cargo_kind: Callable[[str], str | None]
) -> list[Triple]:
    """The instance graph of one finding.

    ``slots`` maps slot names of :data:`SLOTS` to the finding's value IRIs; ``cargo_kind``
    gives the cargo kind (``EVONTO:0000403``) of a cargo entity, or ``None``.
    """
    out: list[Triple] = []
    ident = finding.removeprefix(FINDING)

    def values(name: str) -> list[str]:
        return sorted(set(slots.get(name, ())))

    def individual(name: str, label: str, *types: str | Blank) -> str:
        node = f"{finding}/{name}"
        out.append((node, RDF_TYPE, OWL + "NamedIndividual"))
        out.append((node, RDFS_LABEL, Text(f"{ident} {label}")))
        out.extend((node, RDF_TYPE, kind) for kind in types)
        return node

    def some(prop: str, filler: str) -> Blank:
        restriction = Blank(f"{slug(finding)}_{slug(expand(prop))}_{slug(filler)}")
        out.append((restriction, RDF_TYPE, OWL + "Restriction"))
        out.append((restriction, OWL + "onProperty", expand(prop)))
        out.append((restriction, OWL + "someValuesFrom", filler))
        return restriction

    ev = individual("ev", "vesicles", *values("vesicle"))
    out.append((finding, expand(vocab.IS_ABOUT), ev))

    for producer in values("produced_by"):
        if producer.startswith(MONDO):
            types: tuple[str | Blank, ...] = (
                expand(vocab.MALIGNANT_CELL),
                some(vocab.DERIVES_FROM_PATIENT_WITH, producer),
            )
        else:
            types = (producer,)
        node = individual(f"producer-{slug(producer)}", f"producer {compress(producer)}", *types)
        out.append((ev, expand(vocab.PRODUCED_BY), node))

    for cargo in values("cargo"):
        if is_own_individual(cargo, finding):
            node = cargo  # an unnamed cargo, already an individual typed by its kind
        else:
            kind = cargo_kind(cargo)
            entity = some(vocab.GENE_PRODUCT_OF, cargo) if cargo.startswith(HGNC) else cargo
            kinds = (entity,) if kind is None else (kind, entity)
            node = individual(f"cargo-{slug(cargo)}", f"cargo {compress(cargo)}", *kinds)
        out.append((ev, expand(vocab.CONTAINS), node))

    def anatomy(term: str) -> str:
        return individual(f"anatomy-{slug(term)}", f"site {compress(term)}", term)

    for organ in values("target_organ"):
        out.append((ev, expand(vocab.TROPIC_TO), anatomy(organ)))
    sites = [anatomy(site) for site in values("site")]
    cells = [
        individual(f"cell-{slug(cell)}", f"target cell {compress(cell)}", cell)
        for cell in values("target_cell")
    ]
    for mechanism in values("mechanism"):
        process = individual(
            f"process-{slug(mechanism)}", f"process {compress(mechanism)}", mechanism
        )
        out.append((ev, expand(vocab.ACTS_UPSTREAM_POSITIVE), process))
        out.extend((process, expand(vocab.OCCURS_IN), site) for site in sites)
        out.extend((process, expand(vocab.HAS_PARTICIPANT), cell) for cell in cells)

    for role in values("role"):
        out.append((ev, expand(vocab.HAS_ROLE), individual("role", "metastatic role", role)))
    return sorted(set(out), key=_order)


def _order(triple: Triple) -> tuple[str, ...]:
    return tuple(repr(term) for term in triple)


# -- adapters -------------------------------------------------------------------------------


def add_instance_graph(graph: rdflib.Graph, finding: rdflib.URIRef) -> None:
    """Add the instance graph of one finding to ``graph``, read from its association record."""
    import rdflib

    slots = {
        name: [str(o) for o in graph.objects(finding, rdflib.URIRef(prop))]
        for name, prop in SLOTS.items()
    }

    def cargo_kind(cargo: str) -> str | None:
        kind = graph.value(rdflib.URIRef(cargo), rdflib.URIRef(CARGO_KIND))
        return str(kind) if kind is not None else None

    def node(term: Term) -> rdflib.term.Node:
        if isinstance(term, Blank):
            return rdflib.BNode(term.label)
        if isinstance(term, Text):
            return rdflib.Literal(term.value, lang="en")
        return rdflib.URIRef(term)

    for s, p, o in instance_triples(str(finding), slots, cargo_kind):
        graph.add((node(s), rdflib.URIRef(p), node(o)))


def add_instance_graphs(graph: rdflib.Graph) -> None:
    """Add the instance graph of every organotropism finding in ``graph``."""
    import rdflib

    kind = rdflib.URIRef(expand(vocab.ORGANOTROPISM_FINDING))
    for finding in sorted(set(graph.subjects(rdflib.RDF.type, kind)), key=str):
        if isinstance(finding, rdflib.URIRef):
            add_instance_graph(graph, finding)


def as_quads(triples: list[Triple]) -> list[pyoxigraph.Quad]:
    """Instance-graph triples as Oxigraph quads (default graph)."""
    import pyoxigraph

    def node(term: Term) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
        if isinstance(term, Blank):
            return pyoxigraph.BlankNode(term.label)
        if isinstance(term, Text):
            return pyoxigraph.Literal(term.value, language="en")
        return pyoxigraph.NamedNode(term)

    return [pyoxigraph.Quad(node(s), pyoxigraph.NamedNode(p), node(o)) for s, p, o in triples]
