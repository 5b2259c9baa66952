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


def nullable_path(graph: rdflib.Graph, node: rdflib.term.Node) -> str | None:
    """For a path that can have length zero, the SPARQL path of its non-empty part, else None.

    ``[sh:zeroOrMorePath p]`` gives ``(p)+`` and ``[sh:zeroOrOnePath p]`` gives ``(p)``: the
    value nodes are the focus node itself plus those. Oxigraph matches a zero-length path only
    at nodes that occur in the data, while SHACL counts the focus node even when it does not
    (``sh:targetNode``), so callers add the focus node themselves. Other paths that can be empty
    as a whole (a sequence of optional steps, an alternative with an optional member) raise
    :class:`PathError`.
    """
    import rdflib

    if not isinstance(node, rdflib.BNode):
        return None
    more = graph.value(node, rdflib.URIRef(SH + "zeroOrMorePath"))
    if more is not None:
        return f"({sparql_path(graph, more)})+"
    one = graph.value(node, rdflib.URIRef(SH + "zeroOrOnePath"))
    if one is not None:
        return f"({sparql_path(graph, one)})"
    if _can_be_empty(graph, node):
        raise PathError("a sequence or alternative path that can be empty")
    return None


def _can_be_empty(graph: rdflib.Graph, node: rdflib.term.Node) -> bool:
    import rdflib

    if not isinstance(node, rdflib.BNode):
        return False
    if graph.value(node, rdflib.URIRef(SH + "zeroOrMorePath")) is not None:
        return True
    if graph.value(node, rdflib.URIRef(SH + "zeroOrOnePath")) is not None:
        return True
    if (node, rdflib.URIRef(RDF_FIRST), None) in graph:
        return all(_can_be_empty(graph, i) for i in graph.items(node))
    alternatives = graph.value(node, rdflib.URIRef(SH + "alternativePath"))
    if alternatives is not None:
        return any(_can_be_empty(graph, i) for i in graph.items(alternatives))
    inner = graph.value(node, rdflib.URIRef(SH + "inversePath"))
    return inner is not None and _can_be_empty(graph, inner)
