"""Render OWL class expressions (rdflib, blank-node structures) in readable Manchester-like text."""

from __future__ import annotations

from collections.abc import Callable

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

Labeler = Callable[[rdflib.term.Node], str]


def render(graph: rdflib.Graph, node: rdflib.term.Node, label: Labeler) -> str:
    """Text for a named class or an anonymous class expression."""
    if isinstance(node, rdflib.URIRef):
        return label(node)
    if (node, RDF.type, OWL.Restriction) in graph:
        prop = graph.value(node, OWL.onProperty)
        prop_text = render(graph, prop, label) if prop is not None else "?"
        for pred, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only")):
            filler = graph.value(node, pred)
            if filler is not None:
                return f"{prop_text} {word} {_wrap(graph, filler, label)}"
        value = graph.value(node, OWL.hasValue)
        if value is not None:
            return f"{prop_text} value {render(graph, value, label)}"
        for pred, word in (
            (OWL.qualifiedCardinality, "exactly"),
            (OWL.minQualifiedCardinality, "min"),
            (OWL.maxQualifiedCardinality, "max"),
            (OWL.cardinality, "exactly"),
            (OWL.minCardinality, "min"),
            (OWL.maxCardinality, "max"),
        ):
            n = graph.value(node, pred)
            if n is not None:
                on_class = graph.value(node, OWL.onClass)
                tail = f" {_wrap(graph, on_class, label)}" if on_class is not None else ""
                return f"{prop_text} {word} {n}{tail}"
        return f"{prop_text} (restriction)"
    for pred, word in ((OWL.intersectionOf, "and"), (OWL.unionOf, "or")):
        members = graph.value(node, pred)
        if members is not None:
            items = [_wrap(graph, m, label) for m in rdflib.collection.Collection(graph, members)]
            return f" {word} ".join(items)
    complement = graph.value(node, OWL.complementOf)
    if complement is not None:
        return f"not {_wrap(graph, complement, label)}"
    one_of = graph.value(node, OWL.oneOf)
    if one_of is not None:
        items = [render(graph, m, label) for m in rdflib.collection.Collection(graph, one_of)]
        return "{" + ", ".join(items) + "}"
    return "(anonymous class)"


def _wrap(graph: rdflib.Graph, node: rdflib.term.Node, label: Labeler) -> str:
    text = render(graph, node, label)
    return text if isinstance(node, rdflib.URIRef) else f"({text})"


def class_axioms(graph: rdflib.Graph, cls: rdflib.URIRef, label: Labeler) -> list[str]:
    """Readable logical axioms of a class: anonymous superclasses, equivalents, disjoints."""
    lines: list[str] = []
    for sup in graph.objects(cls, RDFS.subClassOf):
        if not isinstance(sup, rdflib.URIRef):
            lines.append(f"SubClassOf: {render(graph, sup, label)}")
    for eq in graph.objects(cls, OWL.equivalentClass):
        lines.append(f"EquivalentTo: {render(graph, eq, label)}")
    for other in graph.objects(cls, OWL.disjointWith):
        lines.append(f"DisjointWith: {render(graph, other, label)}")
    for other in graph.subjects(OWL.disjointWith, cls):
        lines.append(f"DisjointWith: {render(graph, other, label)}")
    for prop, word in ((RDFS.domain, "Domain"), (RDFS.range, "Range")):
        for value in graph.objects(cls, prop):
            lines.append(f"{word}: {render(graph, value, label)}")
    return sorted(set(lines))
