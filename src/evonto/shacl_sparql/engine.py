"""Run compiled SHACL queries on an Oxigraph store and read back pyshacl-identical results."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from evonto.parallel import ordered_map
from evonto.shacl_sparql.compile import CompiledQuery, CompileError, Compiler
from evonto.shacl_sparql.literals import (
    ORIGINALS_GRAPH,
    Originals,
    literal_originals,
    load_originals,
    unload_originals,
)
from evonto.shacl_sparql.paths import PathError, sparql_path
from evonto.shacl_sparql.results import (
    SH,
    ShaclResult,
    oxigraph_term_text,
    rdflib_term_text,
    sorted_results,
)
from evonto.shacl_sparql.shapes import PAIR_PARAMETERS as PAIRS
from evonto.shacl_sparql.shapes import load_shapes

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib


class UnsupportedShapes(Exception):
    """The shapes use SHACL features the SPARQL compiler does not translate."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = sorted(set(reasons))
        super().__init__("; ".join(self.reasons))


def compile_shapes(shapes: rdflib.Graph, originals: bool = False) -> list[CompiledQuery]:
    """All queries for ``shapes``, or :class:`UnsupportedShapes` saying what stands in the way.

    With ``originals``, ``sh:datatype`` consults :data:`ORIGINALS_GRAPH` of the store.
    """
    model = load_shapes(shapes)
    if model.unsupported:
        raise UnsupportedShapes(model.unsupported)
    try:
        return Compiler(model, originals).queries()
    except (CompileError, PathError) as exc:
        raise UnsupportedShapes([str(exc)]) from None


def validate(
    data: pyoxigraph.Store,
    shapes: rdflib.Graph,
    *,
    union: bool = False,
    graphs: list[str | None] | None = None,
    literals: Iterable[pyoxigraph.Literal] = (),
) -> list[ShaclResult]:
    """Validate the default graph of ``data`` (data plus ontology) against SHACL Core ``shapes``.

    The store must hold the ontology too, as pyshacl's ``ont_graph`` would be mixed in: targets
    and ``sh:class`` follow ``rdfs:subClassOf`` through it. With ``union``, the union of all
    graphs of the store is validated instead of the default graph; with ``graphs``, the union
    of those graphs (``None`` is the default graph; for example data plus
    :func:`ontology_view`). Raises
    :class:`UnsupportedShapes` when a shape needs a feature the compiler lacks.

    ``literals`` are the data's literals as parsed (``pyoxigraph.parse`` keeps what the store
    rewrites: ``"5"^^xsd:int`` is stored as ``xsd:integer``): ``sh:datatype`` then judges them
    as written, checking every XSD lexical form, and results name them as written.
    """
    originals = literal_originals([*literals, *_shape_literals(shapes)])
    queries = compile_shapes(shapes, bool(originals))
    _check_regexes(data, queries)
    dataset = _dataset_options(data, union, graphs)
    results: list[ShaclResult] = []
    has_focus: dict[str, bool] = {}
    if originals:
        load_originals(data, originals)
    try:
        for q in queries:
            if q.focus not in has_focus:  # no focus node: no result, no need to scan the data
                has_focus[q.focus] = bool(data.query(f"ASK {{ {q.focus} }}", **dataset))
        jobs = [(q, _described(shapes, q)) for q in queries if has_focus[q.focus]]
        work = lambda job: _run(data, *job, dataset, originals)  # noqa: E731
        for found in ordered_map(work, jobs, "evonto-shacl"):
            results.extend(found)
    finally:
        if originals:
            unload_originals(data)
    return sorted_results(results)


def _shape_literals(shapes: rdflib.Graph) -> list[pyoxigraph.Literal]:
    """Typed literals of the shapes that can become focus or value nodes (sh:targetNode ...)."""
    import pyoxigraph
    import rdflib

    sh = rdflib.Namespace(SH)
    found = set(shapes.objects(None, sh.targetNode)) | set(shapes.objects(None, sh.hasValue))
    for lst in shapes.objects(None, sh["in"]):
        found |= set(shapes.items(lst))
    return [
        pyoxigraph.Literal(str(t), datatype=pyoxigraph.NamedNode(str(t.datatype)))
        for t in found
        if isinstance(t, rdflib.Literal) and t.datatype is not None
    ]


def _dataset_options(store: pyoxigraph.Store, union: bool, graphs: list[str | None] | None) -> dict:
    import pyoxigraph

    if graphs is not None:
        return {
            "default_graph": [
                pyoxigraph.NamedNode(g) if g is not None else pyoxigraph.DefaultGraph()
                for g in graphs
            ]
        }
    if union:  # every graph but the one this module writes for its own use
        named = [g for g in store.named_graphs() if g.value != ORIGINALS_GRAPH]
        return {"default_graph": [pyoxigraph.DefaultGraph(), *named]}
    return {}


def _described(shapes: rdflib.Graph, q: CompiledQuery) -> list[tuple]:
    """(shape, constraint, path text, shape text) of each member of ``q``, read from the shapes
    graph before the queries run (rdflib graphs are not read from several threads)."""
    return [
        (
            shape,
            c,
            sparql_path(shapes, shape.path) if shape.is_property else None,
            rdflib_term_text(shape.node, shapes_bnode=True),  # type: ignore[arg-type]
        )
        for shape, c in q.members
    ]


def _run(
    store: pyoxigraph.Store,
    q: CompiledQuery,
    described: list[tuple],
    dataset: dict,
    originals: Originals,
) -> list[ShaclResult]:
    weights = {}
    if q.weights is not None:
        weights = {
            originals.spell(oxigraph_term_text(r["this"])): int(r["w"].value)
            for r in store.query(q.weights, **dataset)
        }
    out = []
    for row in store.query(q.sparql, **dataset):
        shape, c, path, shape_text = described[int(row["k"].value) if len(described) > 1 else 0]
        if q.row_path:
            path = oxigraph_term_text(row["path"])
        focus = originals.spell(oxigraph_term_text(row["this"]))
        value: str | None = None
        if q.has_value:
            found = (
                row["value"] if shape.is_property or q.row_path or c.parameter in PAIRS else None
            )
            value = focus if found is None else originals.spell(oxigraph_term_text(found))
        result = ShaclResult(
            focus, path, value, c.component, shape_text, shape.severity, shape.message
        )
        out.extend([result] * weights.get(focus, 1))
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
