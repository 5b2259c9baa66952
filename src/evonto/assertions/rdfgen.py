"""Checked rows to triples (DESIGN §5): n-ary finding individuals with class IRIs as values."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto.assertions.columns import BIOMARKER_CLASSES, FINDING_CLASS, Column
from evonto.assertions.rowcheck import Checked
from evonto.prefixes import FINDING, REVIEW_DOI, expand

if TYPE_CHECKING:
    import rdflib

#: slots the compiler fills itself rather than column by column
ORGAN_OF_BIOMARKER = "EVONTO:0000216"
ORGAN_OF_STRATEGY = "EVONTO:0000204"
SOURCE_TEXT = "dcterms:source"


def add_row(
    graph: rdflib.Graph, item: Checked, columns: tuple[Column, ...], *, finding: bool
) -> None:
    """Add the triples of one checked row to ``graph``."""
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
                graph.add((subject, prop, URIRef(expand(value))))
    if finding:
        _type_cargo(graph, item)
    else:
        _add_claim_organs(graph, subject, item)


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


def _type_cargo(graph: rdflib.Graph, item: Checked) -> None:
    """``<cargo entity> rdf:type <cargo class>``; a cargo class used as a value stays untyped."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    for entity, klass in zip(
        item.values.get("cargo", []), item.values.get("cargo_class", []), strict=False
    ):
        if not entity.startswith("EVONTO:"):
            graph.add((URIRef(expand(entity)), RDF.type, URIRef(expand(klass))))


def _add_claim_organs(graph: rdflib.Graph, subject: rdflib.URIRef, item: Checked) -> None:
    """A biomarker predicts metastasis to its organs; a strategy acts on them."""
    from rdflib import URIRef

    biomarker = any(k in BIOMARKER_CLASSES for k in item.values.get("claim_class", []))
    prop = URIRef(expand(ORGAN_OF_BIOMARKER if biomarker else ORGAN_OF_STRATEGY))
    for organ in item.values.get("organ", []):
        graph.add((subject, prop, URIRef(expand(organ))))
