"""Run compiled SHACL queries on an Oxigraph store and read back pyshacl-identical results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto.shacl_sparql.compile import CompiledQuery, CompileError, Compiler
from evonto.shacl_sparql.paths import PathError, sparql_path
from evonto.shacl_sparql.results import (
    ShaclResult,
    oxigraph_term_text,
    rdflib_term_text,
    sorted_results,
)
from evonto.shacl_sparql.shapes import load_shapes

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib


class UnsupportedShapes(Exception):
    """The shapes use SHACL features the SPARQL compiler does not translate."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = sorted(set(reasons))
        super().__init__("; ".join(self.reasons))


def compile_shapes(shapes: rdflib.Graph) -> list[CompiledQuery]:
    """All queries for ``shapes``, or :class:`UnsupportedShapes` saying what stands in the way."""
    model = load_shapes(shapes)
    if model.unsupported:
        raise UnsupportedShapes(model.unsupported)
    try:
        return Compiler(model).queries()
    except (CompileError, PathError) as exc:
        raise UnsupportedShapes([str(exc)]) from None


def validate(
    data: pyoxigraph.Store,
    shapes: rdflib.Graph,
    *,
    union: bool = False,
    graphs: list[str] | None = None,
) -> list[ShaclResult]:
    """Validate the default graph of ``data`` (data plus ontology) against SHACL Core ``shapes``.

    The store must hold the ontology too, as pyshacl's ``ont_graph`` would be mixed in: targets
    and ``sh:class`` follow ``rdfs:subClassOf`` through it. With ``union``, the union of all
    graphs of the store is validated instead of the default graph; with ``graphs``, the union
    of those named graphs (for example data plus :func:`ontology_view`). Raises
    :class:`UnsupportedShapes` when a shape needs a feature the compiler lacks (use
    :func:`validate_or_fallback` then).
    """
    queries = compile_shapes(shapes)
    _check_regexes(data, queries)
    dataset = _dataset_options(union, graphs)
    results: list[ShaclResult] = []
    has_focus: dict[str, bool] = {}
    for q in queries:
        if q.focus not in has_focus:  # no focus node: no result, and no need to scan the data
            has_focus[q.focus] = bool(data.query(f"ASK {{ {q.focus} }}", **dataset))
        if has_focus[q.focus]:
            results.extend(_run(data, shapes, q, dataset))
    return sorted_results(results)


def _dataset_options(union: bool, graphs: list[str] | None) -> dict:
    if graphs is not None:
        import pyoxigraph

        return {"default_graph": [pyoxigraph.NamedNode(g) for g in graphs]}
    return {"use_default_graph_as_union": union}


def _run(
    store: pyoxigraph.Store, shapes: rdflib.Graph, q: CompiledQuery, dataset: dict | None = None
) -> list[ShaclResult]:
    described = [
        (
            shape,
            c,
            sparql_path(shapes, shape.path) if shape.is_property else None,
            rdflib_term_text(shape.node, shapes_bnode=True),  # type: ignore[arg-type]
        )
        for shape, c in q.members
    ]
    out = []
    for row in store.query(q.sparql, **(dataset or {})):
        shape, c, path, shape_text = described[int(row["k"].value) if len(described) > 1 else 0]
        focus = oxigraph_term_text(row["this"])
        value: str | None = None
        if q.has_value:
            value = focus if not shape.is_property else oxigraph_term_text(row["value"])
        out.append(
            ShaclResult(focus, path, value, c.component, shape_text, shape.severity, shape.message)
        )
    return out


def _check_regexes(store: pyoxigraph.Store, queries: list[CompiledQuery]) -> None:
    """Refuse patterns Oxigraph's regex engine reads differently from Python's (no guessing)."""
    from evonto.shacl_sparql.compile import term

    seen = set()
    for c in (c for q in queries for _, c in q.members):
        if c.parameter != "pattern" or str(c.value) in seen:
            continue
        seen.add(str(c.value))
        try:
            store.query(f'ASK {{ FILTER(regex("", {term(c.value)})) }}')
        except (SyntaxError, ValueError, OSError) as exc:
            raise UnsupportedShapes([f"sh:pattern {str(c.value)!r}: {exc}"]) from None
        import re

        try:
            re.compile(str(c.value))
        except re.error as exc:
            raise UnsupportedShapes([f"sh:pattern {str(c.value)!r}: {exc}"]) from None


def ontology_view(ontology: rdflib.Graph) -> rdflib.Graph:
    """The part of an ontology pyshacl mixes into the data when given it as ``ont_graph``.

    pyshacl does not add the whole ontology: it copies RDFS/OWL declarations and axioms (types,
    ``rdfs:subClassOf``, labels, restrictions...) and named individuals, not other annotations
    (definitions, for example). Loading this view next to the data gives the same results.
    """
    import rdflib
    from pyshacl.rdfutil.inoculate import inoculate

    return inoculate(rdflib.Graph(), ontology)
