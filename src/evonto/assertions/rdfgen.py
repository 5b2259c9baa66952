"""Checked rows to triples (DESIGN §5): n-ary finding individuals with class IRIs as values."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto import vocab
from evonto.assertions.columns import FINDING_CLASS, Column
from evonto.assertions.instances import add_instance_graph, slug
from evonto.assertions.rowcheck import Checked
from evonto.prefixes import FINDING, REVIEW_DOI, expand

if TYPE_CHECKING:
    import rdflib

#: slots the compiler fills itself rather than column by column
ORGAN_OF_BIOMARKER = vocab.PREDICTS_METASTASIS_TO
ORGAN_OF_STRATEGY = vocab.HAS_TARGET_ORGAN
SOURCE_TEXT = "dcterms:source"


def add_row(
    graph: rdflib.Graph,
    item: Checked,
    columns: tuple[Column, ...],
    *,
    finding: bool,
    biomarkers: frozenset[str] = frozenset(),
) -> None:
    """Add the triples of one checked row to ``graph``: its association record and, for a
    finding, the instance graph derived from it (``biomarkers``: the biomarker claim classes).
    """
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, RDF, XSD

    subject = URIRef(FINDING + item.one("id"))
    graph.add((subject, RDF.type, OWL.NamedIndividual))
    if finding:
        graph.add((subject, RDF.type, URIRef(expand(FINDING_CLASS))))
    graph.add((subject, URIRef(expand("prov:wasDerivedFrom")), URIRef(REVIEW_DOI)))
    for column in columns:
        values = item.values.get(column.name) or []
        if not values or column.slot is None:
            continue
        prop = URIRef(expand(column.slot))
        if column.kind == "text":
            text = values[0]
            if column.name == "citation":
                _add_citation(graph, subject, item, text)
            elif column.slot == "rdfs:label" or column.slot == "dcterms:description":
                graph.add((subject, prop, Literal(text, lang="en")))
            else:
                graph.add((subject, prop, Literal(text)))
        elif column.kind == "bool":
            graph.add((subject, prop, Literal(values[0] == "true", datatype=XSD.boolean)))
        elif column.kind == "choice":
            graph.add((subject, prop, Literal(values[0], datatype=XSD.string)))
        else:
            for value in values:
                graph.add((subject, prop, _value_node(subject, column, value)))
    if finding:
        _add_cargo_kinds(graph, subject, item)
        add_instance_graph(graph, subject)
    else:
        _add_claim_organs(graph, subject, item, biomarkers)


def _value_node(subject: rdflib.URIRef, column: Column, value: str) -> rdflib.URIRef:
    """The IRI a term cell stands for; an unnamed cargo (a cargo kind) is the finding's own."""
    from rdflib import URIRef

    if column.name == "cargo" and value.startswith("EVONTO:"):
        return URIRef(f"{subject}/cargo-{slug(expand(value))}")
    return URIRef(expand(value))


def _add_citation(graph: rdflib.Graph, subject: rdflib.URIRef, item: Checked, text: str) -> None:
    """The review's citation of the primary study: on its PubMed/DOI IRI, else on the claim."""
    from rdflib import Literal, URIRef

    sources = item.values.get("primary_source") or []
    if sources:
        for source in sources:
            graph.add(
                (
                    URIRef(expand(source)),
                    URIRef(expand("dcterms:bibliographicCitation")),
                    Literal(text),
                )
            )
    else:
        graph.add((subject, URIRef(expand(SOURCE_TEXT)), Literal(text)))


def _add_cargo_kinds(graph: rdflib.Graph, subject: rdflib.URIRef, item: Checked) -> None:
    """``<cargo> EVONTO:0000403 <kind>`` for each cargo; an unnamed cargo is an individual
    of its kind (never the kind class itself as a value, so no class is its own instance).
    """
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    kind_of = URIRef(expand(vocab.HAS_CARGO_KIND))
    ident = item.one("id")
    for entity, klass in zip(
        item.values.get("cargo", []), item.values.get("cargo_class", []), strict=False
    ):
        kind = URIRef(expand(klass))
        if entity.startswith("EVONTO:"):
            node = URIRef(f"{subject}/cargo-{slug(kind)}")
            graph.add((node, RDF.type, OWL.NamedIndividual))
            graph.add((node, RDF.type, kind))
            graph.add((node, RDFS.label, Literal(f"{ident} unnamed cargo", lang="en")))
        else:
            node = URIRef(expand(entity))
        graph.add((node, kind_of, kind))


def _add_claim_organs(
    graph: rdflib.Graph, subject: rdflib.URIRef, item: Checked, biomarkers: frozenset[str]
) -> None:
    """A biomarker predicts metastasis to its organs; a strategy acts on them."""
    from rdflib import URIRef

    biomarker = any(k in biomarkers for k in item.values.get("claim_class", []))
    prop = URIRef(expand(ORGAN_OF_BIOMARKER if biomarker else ORGAN_OF_STRATEGY))
    for organ in item.values.get("organ", []):
        graph.add((subject, prop, URIRef(expand(organ))))
