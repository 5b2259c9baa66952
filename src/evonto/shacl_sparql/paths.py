"""SHACL property paths as SPARQL 1.1 property path text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto.shacl_sparql.results import SH

if TYPE_CHECKING:
    import rdflib

RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"

_UNARY = {
    SH + "inversePath": ("^", ""),
    SH + "zeroOrMorePath": ("", "*"),
    SH + "oneOrMorePath": ("", "+"),
    SH + "zeroOrOnePath": ("", "?"),
}


class PathError(ValueError):
    """A path the compiler cannot read (malformed, or a blank node without a path operator)."""


def sparql_path(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """The SPARQL path for a SHACL path node, with full IRIs: ``<p>``, ``^<p>``, ``(<a>/<b>)``."""
    import rdflib

    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if not isinstance(node, rdflib.BNode):
        raise PathError(f"a path cannot be the literal {node!r}")
    if (node, rdflib.URIRef(RDF_FIRST), None) in graph:
        items = list(graph.items(node))
        if len(items) < 2:
            raise PathError("a sequence path needs at least two members")
        return "(" + "/".join(sparql_path(graph, i) for i in items) + ")"
    alternatives = graph.value(node, rdflib.URIRef(SH + "alternativePath"))
    if alternatives is not None:
        items = list(graph.items(alternatives))
        if len(items) < 2:
            raise PathError("an alternative path needs at least two members")
        return "(" + "|".join(sparql_path(graph, i) for i in items) + ")"
    for predicate, (before, after) in _UNARY.items():
        inner = graph.value(node, rdflib.URIRef(predicate))
        if inner is not None:
            return f"{before}({sparql_path(graph, inner)}){after}"
    raise PathError("a blank node path without sh:inversePath, sh:alternativePath or a list")
