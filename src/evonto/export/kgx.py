"""Biolink KGX TSV: the findings as nodes and edges a Biolink knowledge graph can load.

A finding is n-ary; KGX edges are binary. Each finding becomes a few edges, every one carrying
the finding's publications, evidence and id, so no edge is separated from its source:

- cargo ``biolink:located_in`` vesicle (``negated`` when the finding reports the cargo depleted)
- vesicle ``biolink:derives_from`` producing cell line, cell type or subtype
- vesicle ``biolink:located_in`` target organ (the organ the EVs home to)
- cargo ``biolink:affects`` each mechanism
- each mechanism ``biolink:occurs_in`` the site and each target cell
- cargo ``biolink:contributes_to`` the disease, for pro-metastatic findings only (an
  anti-metastatic effect has no Biolink predicate that fits without overstating it)

Every edge carries ``publications`` (primary studies, then the review), ``has_evidence_of_type``
(ECO), ``original_predicate`` (the evonto slot it came from) and an id ``finding:<id>/<n>``.

Claims: each marker (agent or target of a biomarker claim) ``biolink:biomarker_for`` the disease.
Other claims: each agent ``biolink:studied_to_treat`` the disease; each gene or miRNA target
``biolink:target_for`` it (other targets, such as cell types, ``biolink:associated_with`` it);
each agent ``biolink:affects`` each target.
A claim that names no identified entity (only text) gives no edge.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evonto.export import slots
from evonto.export.records import Record, ancestors, finding_records, label_of
from evonto.prefixes import FINDING, OBO, compress

if TYPE_CHECKING:
    import rdflib

#: The knowledge source that made these edges: evonto's manual curation of the review and its
#: primary studies. ``infores:evonto`` is this project's own id (not yet in the infores catalog).
PRIMARY_KNOWLEDGE_SOURCE = "infores:evonto"
KNOWLEDGE_LEVEL = "knowledge_assertion"
AGENT_TYPE = "manual_agent"
LIST_SEP = "|"

NODE_COLUMNS = ("id", "category", "name", "description", "iri", "provided_by")
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "publications",
    "has_evidence_of_type",
    "species_context_qualifier",
    "negated",
    "original_predicate",
)

# CURIE prefix -> Biolink category, for identifiers whose kind the prefix settles.
PREFIX_CATEGORIES = {
    "HGNC": "biolink:Gene",  # HGNC ids name genes; Biolink's Protein does not take HGNC ids
    "NCBIGene": "biolink:Gene",
    "mirbase.mature": "biolink:MicroRNA",
    "CHEBI": "biolink:ChemicalEntity",
    "UBERON": "biolink:AnatomicalEntity",
    "CL": "biolink:Cell",
    "MONDO": "biolink:Disease",
    "NCBITaxon": "biolink:OrganismTaxon",
    "cellosaurus": "biolink:CellLine",
    "ECO": "biolink:EvidenceType",
    "PMID": "biolink:Publication",
    "DOI": "biolink:Publication",
}
# Root class IRI -> category, for GO and evonto classes (checked in this order).
ROOT_CATEGORIES = (
    (OBO + "GO_1903561", "biolink:CellularComponent"),  # extracellular vesicle
    (OBO + "GO_0005575", "biolink:CellularComponent"),
    (OBO + "GO_0008150", "biolink:BiologicalProcess"),
    (OBO + "GO_0003674", "biolink:MolecularActivity"),
    (OBO + "UBERON_0001062", "biolink:AnatomicalEntity"),
    (OBO + "CHEBI_24431", "biolink:ChemicalEntity"),
    (slots.evonto(20), "biolink:MolecularEntity"),  # EV cargo class
)
DEFAULT_CATEGORY = "biolink:NamedThing"
BIOMARKER_TYPES = {slots.BIOMARKER_CLAIM, slots.evonto(94), slots.evonto(95)}
GENE_LIKE_PREFIXES = {"HGNC", "NCBIGene", "mirbase.mature"}


@dataclass(frozen=True, order=True)
class Edge:
    subject: str
    predicate: str
    object: str
    record: str
    slot: str
    negated: bool = False


def biolink_curie(iri: str) -> str:
    """The CURIE Biolink uses for an IRI (Biolink spells the DOI prefix ``doi``)."""
    curie = compress(iri)
    return "doi:" + curie[4:] if curie.startswith("DOI:") else curie


def category_of(graph: rdflib.Graph, iri: str) -> str:
    """The Biolink category of a node, from its CURIE prefix or its superclasses."""
    prefix = compress(iri).split(":", 1)[0]
    if prefix in PREFIX_CATEGORIES:
        return PREFIX_CATEGORIES[prefix]
    above = ancestors(graph, iri)
    for root, category in ROOT_CATEGORIES:
        if root in above:
            return category
    return DEFAULT_CATEGORY


def record_edges(record: Record, unnamed: dict[str, str] | None = None) -> list[Edge]:
    """The binary edges one finding or claim contributes; an unnamed cargo (the finding's own
    individual) is named by its cargo kind (``unnamed``: individual IRI -> kind IRI)."""
    out: list[Edge] = []
    unnamed = unnamed or {}

    def add(subject: str, predicate: str, obj: str, slot: str, negated: bool = False) -> None:
        out.append(Edge(subject, predicate, obj, record.iri, slot, negated))

    cargo = [unnamed.get(c, c) for c in record.iris(slots.CARGO)]
    vesicles = record.iris(slots.VESICLE)
    mechanisms = record.iris(slots.MECHANISM)
    depleted = record.flag(slots.CARGO_DEPLETION)
    for ev in vesicles:
        for c in cargo:
            add(c, "biolink:located_in", ev, slots.CARGO, negated=depleted)
        for producer in record.iris(slots.PRODUCED_BY):
            add(ev, "biolink:derives_from", producer, slots.PRODUCED_BY)
        for organ in record.iris(slots.TARGET_ORGAN):
            add(ev, "biolink:located_in", organ, slots.TARGET_ORGAN)
    for c in cargo:
        for m in mechanisms:
            add(c, "biolink:affects", m, slots.MECHANISM)
        if slots.PRO_METASTATIC in record.iris(slots.ROLE):
            for disease in record.iris(slots.DISEASE):
                add(c, "biolink:contributes_to", disease, slots.ROLE)
    for m in mechanisms:
        for slot in (slots.SITE, slots.TARGET_CELL):
            for place in record.iris(slot):
                add(m, "biolink:occurs_in", place, slot)
    agents, targets = record.iris(slots.AGENT), record.iris(slots.THERAPEUTIC_TARGET)
    diseases = record.iris(slots.DISEASE)
    if BIOMARKER_TYPES & set(record.types):
        for marker in [*agents, *targets]:
            for disease in diseases:
                add(marker, "biolink:biomarker_for", disease, slots.DISEASE)
    else:
        for agent in agents:
            for disease in diseases:
                add(agent, "biolink:studied_to_treat", disease, slots.AGENT)
        for target in targets:
            for disease in diseases:
                gene_like = compress(target).split(":", 1)[0] in GENE_LIKE_PREFIXES
                predicate = "biolink:target_for" if gene_like else "biolink:associated_with"
                add(target, predicate, disease, slots.THERAPEUTIC_TARGET)
    for agent in agents:
        for target in targets:
            add(agent, "biolink:affects", target, slots.THERAPEUTIC_TARGET)
    return sorted(set(out))


@dataclass
class KgxTables:
    nodes: list[dict[str, str]]
    edges: list[dict[str, str]]


def build_kgx(graph: rdflib.Graph) -> KgxTables:
    """Nodes and edges (as column -> text rows, sorted) for every finding and claim."""
    import rdflib

    edge_rows: list[dict[str, str]] = []
    node_iris: set[str] = set()
    unnamed = {
        str(cargo): str(kind)
        for cargo, kind in graph.subject_objects(rdflib.URIRef(slots.CARGO_KIND))
        if str(cargo).startswith(FINDING)
    }
    for record in finding_records(graph):
        edges = record_edges(record, unnamed)
        publications = [
            biolink_curie(s)
            for s in [*record.iris(slots.PRIMARY_SOURCE), *record.iris(slots.DERIVED_FROM)]
        ]
        species = [biolink_curie(s) for s in record.iris(slots.SPECIES)]
        evidence = [biolink_curie(e) for e in record.iris(slots.EVIDENCE)]
        for number, edge in enumerate(edges, start=1):
            node_iris.update((edge.subject, edge.object))
            edge_rows.append(
                {
                    "id": f"{compress(record.iri)}/{number}",
                    "subject": biolink_curie(edge.subject),
                    "predicate": edge.predicate,
                    "object": biolink_curie(edge.object),
                    "knowledge_level": KNOWLEDGE_LEVEL,
                    "agent_type": AGENT_TYPE,
                    "primary_knowledge_source": PRIMARY_KNOWLEDGE_SOURCE,
                    "publications": LIST_SEP.join(publications),
                    "has_evidence_of_type": LIST_SEP.join(evidence),
                    # single-valued in Biolink: only stated when the evidence has one species
                    "species_context_qualifier": species[0] if len(species) == 1 else "",
                    "negated": "True" if edge.negated else "",
                    "original_predicate": compress(edge.slot),
                }
            )
    node_rows = [
        {
            "id": biolink_curie(iri),
            "category": category_of(graph, iri),
            "name": label_of(graph, iri) or "",
            "description": _definition(graph, iri),
            "iri": iri,
            "provided_by": PRIMARY_KNOWLEDGE_SOURCE,
        }
        for iri in node_iris
    ]
    node_rows.sort(key=lambda row: row["id"])
    return KgxTables(node_rows, edge_rows)


def _definition(graph: rdflib.Graph, iri: str) -> str:
    import rdflib

    found = sorted(
        str(o) for o in graph.objects(rdflib.URIRef(iri), rdflib.URIRef(slots.DEFINITION))
    )
    return " ".join(found[0].split()) if found else ""


def tsv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    """Rows as KGX TSV (tab-separated, header first, ``|`` between list items)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=columns,
        delimiter="\t",
        lineterminator="\n",
        quoting=csv.QUOTE_NONE,
        escapechar="\\",
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({c: " ".join(row.get(c, "").split()) for c in columns})
    return buffer.getvalue().encode("utf-8")
