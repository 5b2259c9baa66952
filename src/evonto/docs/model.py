"""What the site shows, read from the merged release graph: terms, findings and matrices."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from evonto import vocab
from evonto.docs.axioms import class_axioms
from evonto.prefixes import EVONTO_TERM, FINDING, compress, expand, record_id

IAO_DEFINITION = rdflib.URIRef("http://purl.obolibrary.org/obo/IAO_0000115")
IAO_DEF_SOURCE = rdflib.URIRef("http://purl.obolibrary.org/obo/IAO_0000119")
DESCRIPTION = rdflib.URIRef("http://purl.org/dc/terms/description")
EV = rdflib.Namespace(EVONTO_TERM)
FINDING_CLASS = EV["0000091"]
CLAIM_CLASS = EV["0000092"]
CARGO_ROOT = EV["0000020"]
ROLE_PRO, ROLE_ANTI = EV["0000081"], EV["0000082"]
SLOTS = {
    "vesicle": EV["0000201"],
    "produced_by": EV["0000202"],
    "cargo": EV["0000203"],
    "target_organ": EV["0000204"],
    "site": EV["0000205"],
    "target_cell": EV["0000206"],
    "mechanism": EV["0000207"],
    "role": EV["0000208"],
    "disease": EV["0000209"],
    "species": EV["0000210"],
    "evidence": EV["0000211"],
    "source": EV["0000212"],
    "confidence": rdflib.URIRef(expand(vocab.HAS_CONFIDENCE)),
}
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


@dataclass
class Term:
    """One class or property with what its reference entry shows."""

    iri: str
    curie: str
    label: str
    kind: str
    definition: str = ""
    sources: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    axioms: list[str] = field(default_factory=list)
    mappings: list[tuple[str, str]] = field(default_factory=list)  # (predicate CURIE, IRI)
    findings: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  #: findings whose vesicles it has (inferred)
    deprecated: bool = False

    @property
    def anchor(self) -> str:
        return self.curie.replace(":", "_")


@dataclass
class Finding:
    """One finding or translational claim, its slots as lists of IRIs."""

    iri: str
    ident: str
    label: str
    summary: str
    types: list[str]
    slots: dict[str, list[str]]

    @property
    def role(self) -> str:
        roles = self.slots.get("role", [])
        if str(ROLE_ANTI) in roles:
            return "anti-metastatic"
        return "pro-metastatic" if str(ROLE_PRO) in roles else ""

    @property
    def is_claim(self) -> bool:
        return str(FINDING_CLASS) not in self.types


@dataclass
class SiteModel:
    """Everything the templates render."""

    graph: rdflib.Graph
    labels: dict[str, str]
    terms: list[Term]
    imported: list[Term]
    findings: list[Finding]
    header: dict[str, list[str]]

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or compress(iri)


def read_model(graph: rdflib.Graph) -> SiteModel:
    """Collect terms, findings and the ontology header from the merged graph."""
    labels = {str(s): str(o) for s, o in graph.subject_objects(RDFS.label)}

    def label_of(node: rdflib.term.Node) -> str:
        return labels.get(str(node)) or compress(str(node))

    findings = _findings(graph)
    used_by: dict[str, list[str]] = defaultdict(list)
    for f in findings:
        for values in f.slots.values():
            for value in values:
                used_by[value].append(f.iri)
    members = _vesicle_members(graph)
    own, imported = [], []
    for iri in sorted({str(s) for s in graph.subjects(RDFS.label) if isinstance(s, rdflib.URIRef)}):
        if iri.startswith(FINDING):
            continue
        term = _term(graph, rdflib.URIRef(iri), label_of)
        if term is None:
            continue
        term.findings = sorted(set(used_by.get(iri, [])))
        term.members = members.get(iri, [])
        (own if iri.startswith(EVONTO_TERM) else imported).append(term)
    header: dict[str, list[str]] = defaultdict(list)
    for ontology in graph.subjects(RDF.type, OWL.Ontology):
        if str(ontology) == "https://w3id.org/evonto/evonto.owl":
            for p, o in graph.predicate_objects(ontology):
                header[compress(str(p))].append(str(o))
    return SiteModel(graph, labels, own, imported, findings, dict(header))


def _term(graph: rdflib.Graph, node: rdflib.URIRef, label_of) -> Term | None:
    kinds = {
        OWL.Class: "class",
        OWL.ObjectProperty: "object property",
        OWL.DatatypeProperty: "datatype property",
        OWL.AnnotationProperty: "annotation property",
    }
    kind = next((k for t, k in kinds.items() if (node, RDF.type, t) in graph), None)
    if kind is None:
        return None
    parents_pred = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
    return Term(
        iri=str(node),
        curie=compress(str(node)),
        label=label_of(node),
        kind=kind,
        definition=str(graph.value(node, IAO_DEFINITION) or ""),
        sources=sorted(str(o) for o in graph.objects(node, IAO_DEF_SOURCE)),
        parents=sorted(
            str(o) for o in graph.objects(node, parents_pred) if isinstance(o, rdflib.URIRef)
        ),
        children=sorted(
            str(s) for s in graph.subjects(parents_pred, node) if isinstance(s, rdflib.URIRef)
        ),
        axioms=class_axioms(graph, node, label_of),
        mappings=sorted(
            (compress(str(p)), str(o)) for p in MATCHES for o in graph.objects(node, p)
        ),
        deprecated=(node, OWL.deprecated, rdflib.Literal(True)) in graph,
    )


def _vesicle_members(graph: rdflib.Graph) -> dict[str, list[str]]:
    """Class IRI -> the findings whose vesicle individual has that type (materialised by the
    build from HermiT, or asserted: the vesicle kind)."""
    is_about = rdflib.URIRef(expand(vocab.IS_ABOUT))
    found: dict[str, set[str]] = defaultdict(set)
    for finding, ev in graph.subject_objects(is_about):
        for cls in graph.objects(ev, RDF.type):
            if isinstance(cls, rdflib.URIRef) and cls != OWL.NamedIndividual:
                found[str(cls)].add(str(finding))
    return {cls: sorted(fs) for cls, fs in found.items()}


def _findings(graph: rdflib.Graph) -> list[Finding]:
    out = []
    for node in sorted({s for s in graph.subjects(RDF.type, None) if record_id(str(s))}):
        out.append(
            Finding(
                iri=str(node),
                ident=str(node)[len(FINDING) :],
                label=str(graph.value(node, RDFS.label) or ""),
                summary=str(graph.value(node, DESCRIPTION) or ""),
                types=sorted(str(t) for t in graph.objects(node, RDF.type)),
                slots={
                    name: sorted(str(o) for o in graph.objects(node, prop))
                    for name, prop in SLOTS.items()
                },
            )
        )
    return out
