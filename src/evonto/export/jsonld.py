"""JSON-LD: the published ``@context`` and the findings written with it.

The context (``context.jsonld``, published at https://w3id.org/evonto/context.jsonld) declares
every prefix of :data:`evonto.prefixes.PREFIX_MAP` (as JSON-LD 1.1 prefixes, so OBO-style
``MONDO_`` namespaces work as ``MONDO:0004989``) and a short term for each finding slot.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from evonto.export.slots import SLOT_BY_IRI, SLOTS
from evonto.prefixes import EVONTO, PREFIX_MAP, compress

if TYPE_CHECKING:
    import rdflib

CONTEXT_URL = EVONTO + "context.jsonld"
XSD_STRING = PREFIX_MAP["xsd"] + "string"
XSD_BOOLEAN = PREFIX_MAP["xsd"] + "boolean"
RDF_TYPE = PREFIX_MAP["rdf"] + "type"


def context() -> dict[str, Any]:
    """The ``@context`` object: prefixes plus slot terms."""
    from evonto.build.serializers import json_ld_context

    # the prefixes exactly as the release's evonto.jsonld declares them, plus slot terms
    terms: dict[str, Any] = {**json_ld_context(), "id": "@id", "type": "@type"}
    for slot in SLOTS:
        terms[slot.term] = (
            {"@id": compress(slot.iri), "@type": "@id"} if slot.iri_valued else compress(slot.iri)
        )
    return {"@context": terms}


def context_bytes() -> bytes:
    return _dump(context())


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def graph_document(graph: rdflib.Graph, context_ref: Any = CONTEXT_URL) -> dict[str, Any]:
    """A JSON-LD document for ``graph``: one node object per subject, sorted, using the context.

    ``context_ref`` is the context URL (default: the published one) or an inline context object.
    Blank nodes get canonical labels first, so the same graph always gives the same document.
    """
    from evonto.rdfio import canonical_graph

    graph = canonical_graph(graph)
    nodes: dict[str, dict[str, list[Any]]] = {}
    for s, p, o in graph:
        node = nodes.setdefault(_node_id(s), {})
        key = "type" if str(p) == RDF_TYPE else _key(str(p))
        node.setdefault(key, []).append(_value(str(p), o))
    out = []
    for node_id in sorted(nodes):
        obj: dict[str, Any] = {"id": node_id}
        for key in sorted(nodes[node_id], key=lambda k: (k != "type", k)):
            values = sorted(nodes[node_id][key], key=lambda v: json.dumps(v, sort_keys=True))
            obj[key] = values[0] if len(values) == 1 else values
        out.append(obj)
    return {"@context": context_ref, "@graph": out}


def graph_bytes(graph: rdflib.Graph, context_ref: Any = CONTEXT_URL) -> bytes:
    return _dump(graph_document(graph, context_ref))


def _node_id(term: rdflib.term.Node) -> str:
    import rdflib

    return f"_:{term}" if isinstance(term, rdflib.BNode) else _curie(str(term))


def _curie(iri: str) -> str:
    """A compact IRI when a prefix fits and the result cannot be misread, else the IRI."""
    curie = compress(iri)
    if curie == iri or curie.split(":", 1)[1].startswith("//"):
        return iri
    return curie


def _key(predicate: str) -> str:
    slot = SLOT_BY_IRI.get(predicate)
    return slot.term if slot else _curie(predicate)


def _value(predicate: str, term: rdflib.term.Node) -> Any:
    import rdflib

    slot = SLOT_BY_IRI.get(predicate)
    if predicate == RDF_TYPE:
        return _node_id(term)
    if isinstance(term, (rdflib.URIRef, rdflib.BNode)):
        node_id = _node_id(term)
        return node_id if slot and slot.iri_valued else {"@id": node_id}
    literal: rdflib.Literal = term  # type: ignore[assignment]
    if slot and slot.iri_valued:
        raise ValueError(f"{compress(predicate)} needs an IRI value, not the literal {term.n3()}")
    if literal.language:
        return {"@value": str(literal), "@language": literal.language}
    datatype = str(literal.datatype) if literal.datatype else XSD_STRING
    if datatype == XSD_STRING:
        return str(literal)
    if datatype == XSD_BOOLEAN and str(literal) in {"true", "false"}:
        return str(literal) == "true"
    return {"@value": str(literal), "@type": _curie(datatype)}
