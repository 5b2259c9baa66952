"""Stage 4: the SHACL shapes of ``shapes/`` over the data, with the ontology for subclass reasoning.

:func:`run_shacl` is the one place a SHACL engine is called, so the engine can be swapped (the
SPARQL-compiled fast path of :mod:`evonto.shacl_sparql` gives the same records as pyshacl).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import SourceError

if TYPE_CHECKING:
    import rdflib

    from evonto.shacl_sparql import ShaclResult

SH = "http://www.w3.org/ns/shacl#"


def load_shapes(folder: Path) -> rdflib.Graph:
    """Every ``*.ttl`` file of ``folder`` as one shapes graph (located errors when one is bad)."""
    import rdflib

    from evonto.rdfio import load_graph

    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise SourceError(f"no SHACL shapes (*.ttl) in {folder}")
    graph = rdflib.Graph()
    for path in files:
        load_graph(path, graph)
    return graph


def run_shacl(
    data: rdflib.Graph,
    shapes: rdflib.Graph,
    ontology: rdflib.Graph | None,
    engine: str = "fast",
) -> tuple[list[ShaclResult], str]:
    """Validate ``data`` with ``ontology`` for ``rdfs:subClassOf``; the results and the engine.

    ``fast`` (default) runs the shapes compiled to SPARQL on an Oxigraph store holding data and
    ontology, falling back to pyshacl when the shapes need a feature the compiler lacks;
    ``pyshacl`` runs pyshacl (SHACL Core, no inference) with the ontology as ``ont_graph``.
    Both give the same records (tested), so callers never see which one ran.
    """
    from evonto.shacl_sparql import ontology_view, pyshacl_results, validate_or_fallback

    if engine == "pyshacl":
        return pyshacl_results(data, shapes, ontology), "pyshacl"
    import rdflib

    from evonto.store import store_from_graph

    merged = rdflib.Graph()
    merged += data
    if ontology is not None:  # what pyshacl mixes in from an ont_graph, so results agree
        merged += ontology_view(ontology)
    outcome = validate_or_fallback(store_from_graph(merged), shapes, data, ontology)
    note = (
        outcome.engine
        if not outcome.reasons
        else f"{outcome.engine} ({'; '.join(outcome.reasons)})"
    )
    return outcome.results, note


def named_shapes(shapes: rdflib.Graph) -> dict[str, str]:
    """Map every shape (spelled ``<iri>`` or ``_:label``) to the named shape it belongs to.

    A property shape written inline (``sh:property [ ... ]``) belongs to the named node shape
    that contains it; a named shape belongs to itself. JUnit testcases are named shapes.
    """
    import rdflib

    from evonto.shacl_sparql.results import rdflib_term_text

    owner: dict[str, str] = {}
    roots = {
        s
        for kind in ("NodeShape", "PropertyShape")
        for s in shapes.subjects(rdflib.RDF.type, rdflib.URIRef(SH + kind))
        if isinstance(s, rdflib.URIRef)
    }
    for root in sorted(roots):
        name = rdflib_term_text(root)
        owner[name] = name
        stack = [root]
        seen = set()
        while stack:
            node = stack.pop()
            for obj in shapes.objects(node, None):
                if isinstance(obj, rdflib.BNode) and obj not in seen:
                    seen.add(obj)
                    owner.setdefault(rdflib_term_text(obj, shapes_bnode=True), name)
                    stack.append(obj)
    return owner


def shape_names(shapes: rdflib.Graph) -> list[str]:
    """The named shapes that target nodes (the checks of the SHACL stage), as CURIE-like text."""
    import rdflib

    targets = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
    names = {
        s
        for t in targets
        for s in shapes.subjects(rdflib.URIRef(SH + t), None)
        if isinstance(s, rdflib.URIRef)
    }
    return sorted(short_shape(str(n)) for n in names) if names else []


def short_shape(iri: str) -> str:
    """``evonto-sh:FindingShape`` for a shape IRI of evonto's shapes namespace."""
    from evonto.prefixes import compress

    base = "https://w3id.org/evonto/shapes#"
    return "evonto-sh:" + iri[len(base) :] if iri.startswith(base) else compress(iri)
