"""Stage 4: the SHACL shapes of ``shapes/`` over the data, with the ontology for subclass reasoning.

:func:`run_shacl` is the one place a SHACL engine is called, so the engine can be swapped (the
SPARQL-compiled fast path of :mod:`evonto.shacl_sparql` gives the same records as pyshacl).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import SourceError

if TYPE_CHECKING:
    import pyoxigraph
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
    store: pyoxigraph.Store,
    graphs: list[str | None],
    shapes: rdflib.Graph,
    reference: Callable[[], tuple[rdflib.Graph, rdflib.Graph | None]],
    engine: str = "fast",
    view_of: rdflib.Graph | None = None,
    literals: Iterable[pyoxigraph.Literal] = (),
    view_key: str | None = None,
) -> tuple[list[ShaclResult], str]:
    """Validate the union of ``graphs`` of ``store``; the results and the engine that ran.

    ``fast`` (default) runs the shapes compiled to SPARQL on the store (all of SHACL Core;
    pyshacl only for shapes beyond Core, such as SHACL-SPARQL, and the engine named says why),
    given ``literals``, the data's literals as parsed, so that ``sh:datatype`` judges them as
    written (the store rewrites some: :mod:`evonto.shacl_sparql.literals`). ``pyshacl`` runs
    pyshacl (SHACL Core, no inference) on the ``(data, ont_graph)`` rdflib graphs that
    ``reference()`` gives. With ``view_of`` (an ontology used as background), the part of it
    pyshacl would mix in from an ``ont_graph`` is added to the store as :data:`VIEW_GRAPH` for
    the run, so results agree; with ``view_key`` too, the view is kept between runs
    (:mod:`evonto.validate.view_cache`).
    Both engines give the same records (tested), so callers never see which one ran.
    """
    from evonto.shacl_sparql import UnsupportedShapes, validate

    if engine == "pyshacl":
        return _pyshacl(shapes, reference), "pyshacl"
    import pyoxigraph

    from evonto.validate.qc import VIEW_GRAPH
    from evonto.validate.view_cache import load_view

    if view_of is not None:
        load_view(store, view_of, VIEW_GRAPH, view_key)
        graphs = [*graphs, VIEW_GRAPH]
    try:
        return validate(store, shapes, graphs=graphs, literals=literals), "fast"
    except UnsupportedShapes as exc:
        return _pyshacl(shapes, reference), f"pyshacl ({'; '.join(exc.reasons)})"
    finally:
        if view_of is not None:
            store.remove_graph(pyoxigraph.NamedNode(VIEW_GRAPH))


def _pyshacl(
    shapes: rdflib.Graph, reference: Callable[[], tuple[rdflib.Graph, rdflib.Graph | None]]
) -> list[ShaclResult]:
    from evonto.shacl_sparql import pyshacl_results

    data, ontology = reference()
    return pyshacl_results(data, shapes, ontology)


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
