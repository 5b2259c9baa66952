"""Deterministic RDF/XML and JSON-LD: same graph, same bytes, in every process.

rdflib's RDF/XML and JSON-LD writers emit subjects in store order, which changes with Python's
hash seed. Here the graph first gets canonical blank-node labels (:func:`rdfio.canonical_graph`),
then copied into a fresh store in sorted order (RDF/XML), or the JSON-LD document is sorted after
writing (JSON-LD). Turtle and N-Triples are already sorted by :func:`rdfio.serialize`.
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


def sorted_triples(graph: rdflib.Graph) -> list[tuple]:
    """The triples of ``graph`` with canonical blank nodes, in sorted order."""
    canonical = canonical_graph(graph)
    return sorted(canonical, key=lambda t: tuple(_term_key(x) for x in t))


def rdf_xml(graph: rdflib.Graph) -> bytes:
    """RDF/XML with subjects and their statements in sorted order (what Protégé opens).

    A plain ``rdf:Description`` per subject, blank nodes as ``rdf:nodeID``: the layout the
    OWL API, owlready2 and every RDF parser read alike.
    """
    from xml.sax.saxutils import escape, quoteattr

    import rdflib

    triples = sorted_triples(graph)
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
            if obj.datatype:
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


def _sort_jsonld(value: Any, *, in_list: bool = False) -> Any:
    """Sort JSON-LD arrays (sets of values), except ``@list`` arrays whose order is meaningful."""
    if isinstance(value, dict):
        return {k: _sort_jsonld(v, in_list=(k == "@list")) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_jsonld(v) for v in value]
        if in_list:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def json_ld(graph: rdflib.Graph) -> bytes:
    """JSON-LD compacted with the evonto prefixes as ``@context``, sorted, 1 node per subject."""
    context = dict(PREFIX_MAP)
    raw = canonical_graph(graph).serialize(format="json-ld", context=context, encoding="utf-8")
    doc = json.loads(raw)
    doc = _sort_jsonld(doc)
    if isinstance(doc, dict) and "@graph" in doc:
        doc["@graph"] = sorted(doc["@graph"], key=lambda node: str(node.get("@id", "")))
        doc = {"@context": doc["@context"], "@graph": doc["@graph"]}
    text = json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False)
    return (text + "\n").encode("utf-8")
