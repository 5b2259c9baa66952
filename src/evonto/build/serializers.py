"""Deterministic RDF/XML and JSON-LD: same graph, same bytes, in every process.

rdflib's RDF/XML and JSON-LD writers emit subjects in store order, which changes with Python's
hash seed. Here the graph first gets canonical blank-node labels (:func:`rdfio.canonical_graph`),
then both formats are written from its sorted triples. Turtle and N-Triples are already sorted by
:func:`evonto.rdfio.serialize`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from evonto.prefixes import PREFIX_MAP, bind_all
from evonto.rdfio import canonical_graph

if TYPE_CHECKING:
    import rdflib


def _term_key(term: rdflib.term.Node) -> tuple[int, str, str]:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return (0, str(term), "")
    if isinstance(term, rdflib.BNode):
        return (1, str(term), "")
    lit: rdflib.Literal = term  # type: ignore[assignment]
    return (2, str(lit), f"{lit.language or ''}|{lit.datatype or ''}")


def sorted_triples(graph: rdflib.Graph, *, find_labels: bool = True) -> list[tuple]:
    """The triples of ``graph`` in sorted order, blank nodes relabelled ``b0``, ``b1``, ...

    The labels follow the order of the canonical (content-derived) labels, so they are stable.
    ``find_labels=False`` keeps the graph's own labels instead: for a graph that already went
    through :func:`canonical_graph`, or for output that only a program reads once, such as a
    reasoner's input (the labels then differ from run to run).
    """
    import rdflib

    canonical = list(canonical_graph(graph) if find_labels else graph)
    bnodes = sorted({t for triple in canonical for t in triple if isinstance(t, rdflib.BNode)})
    short = {bnode: rdflib.BNode(f"b{i}") for i, bnode in enumerate(bnodes)}
    relabelled = [tuple(short.get(t, t) for t in triple) for triple in canonical]
    return sorted(relabelled, key=lambda t: tuple(_term_key(x) for x in t))


def rdf_xml(graph: rdflib.Graph, *, find_labels: bool = True) -> bytes:
    """RDF/XML with subjects and their statements in sorted order (what Protégé opens).

    A plain ``rdf:Description`` per subject, blank nodes as ``rdf:nodeID``: the layout the
    OWL API, owlready2 and every RDF parser read alike. ``find_labels`` as for
    :func:`sorted_triples` (finding canonical blank-node labels is most of the time taken).
    """
    from xml.sax.saxutils import escape, quoteattr

    import rdflib

    triples = sorted_triples(graph, find_labels=find_labels)
    names = bind_all(rdflib.Graph()).namespace_manager
    qnames: dict[str, str] = {}
    namespaces: dict[str, str] = {"rdf": str(rdflib.RDF)}
    for predicate in sorted({t[1] for t in triples}):
        prefix, namespace, local = names.compute_qname_strict(predicate)
        qnames[predicate] = f"{prefix}:{local}"
        namespaces[prefix] = str(namespace)
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    out += [f'   xmlns:{prefix}="{ns}"' for prefix, ns in sorted(namespaces.items())]
    out[-1] += ">"
    current = None
    for subject, predicate, obj in triples:
        if subject != current:
            if current is not None:
                out.append("  </rdf:Description>")
            current = subject
            if isinstance(subject, rdflib.BNode):
                out.append(f'  <rdf:Description rdf:nodeID="{subject}">')
            else:
                out.append(f"  <rdf:Description rdf:about={quoteattr(str(subject))}>")
        tag = qnames[predicate]
        if isinstance(obj, rdflib.Literal):
            attrs = f' xml:lang="{obj.language}"' if obj.language else ""
            if obj.datatype and str(obj.datatype) != str(rdflib.XSD.string):
                attrs += f" rdf:datatype={quoteattr(str(obj.datatype))}"
            out.append(f"    <{tag}{attrs}>{escape(str(obj))}</{tag}>")
        elif isinstance(obj, rdflib.BNode):
            out.append(f'    <{tag} rdf:nodeID="{obj}"/>')
        else:
            out.append(f"    <{tag} rdf:resource={quoteattr(str(obj))}/>")
    if current is not None:
        out.append("  </rdf:Description>")
    out.append("</rdf:RDF>")
    return ("\n".join(out) + "\n").encode("utf-8")


def json_ld_context() -> dict[str, Any]:
    """The ``@context``: every evonto prefix, usable as a CURIE prefix under JSON-LD 1.1."""
    context: dict[str, Any] = {"@version": 1.1}
    for prefix, namespace in PREFIX_MAP.items():
        context[prefix] = {"@id": namespace, "@prefix": True}
    return context


def json_ld(graph: rdflib.Graph, *, find_labels: bool = True) -> bytes:
    """JSON-LD: one node object per subject, sorted, IRIs as CURIEs of the evonto prefixes.

    Literals keep their exact lexical form (``@value`` with ``@type`` or ``@language``); lists
    stay as ``rdf:first``/``rdf:rest`` nodes, so the document is a lossless copy of the graph.
    """
    import rdflib

    from evonto.prefixes import compress

    def ref(term: rdflib.term.Node) -> str:
        return f"_:{term}" if isinstance(term, rdflib.BNode) else compress(str(term))

    def value(term: rdflib.term.Node) -> Any:
        if not isinstance(term, rdflib.Literal):
            return {"@id": ref(term)}
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype is None or str(term.datatype) == str(rdflib.XSD.string):
            return str(term)
        return {"@value": str(term), "@type": ref(term.datatype)}

    nodes: dict[str, dict[str, Any]] = {}
    for subject, predicate, obj in sorted_triples(graph, find_labels=find_labels):
        node = nodes.setdefault(ref(subject), {"@id": ref(subject)})
        if predicate == rdflib.RDF.type and not isinstance(obj, rdflib.Literal):
            node.setdefault("@type", []).append(ref(obj))
        else:
            node.setdefault(ref(predicate), []).append(value(obj))
    ordered = []
    for key in sorted(nodes, key=lambda k: (k.startswith("_:"), k)):
        node = nodes[key]
        out: dict[str, Any] = {"@id": node.pop("@id")}
        if "@type" in node:
            types = node.pop("@type")
            out["@type"] = types[0] if len(types) == 1 else types
        for prop in sorted(node):
            values = node[prop]
            out[prop] = values[0] if len(values) == 1 else values
        ordered.append(out)
    doc = {"@context": json_ld_context(), "@graph": ordered}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
