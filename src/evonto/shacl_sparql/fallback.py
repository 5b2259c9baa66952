"""Choose the engine: the SPARQL compiler when it can translate the shapes, else pyshacl."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from evonto.shacl_sparql.engine import UnsupportedShapes, validate
from evonto.shacl_sparql.reference import pyshacl_results

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from evonto.shacl_sparql.results import ShaclResult


@dataclass
class Outcome:
    """Results, the engine that produced them, and why pyshacl was used when it was."""

    results: list[ShaclResult]
    engine: str  # "fast" or "pyshacl"
    reasons: list[str] = field(default_factory=list)


def validate_or_fallback(
    store: pyoxigraph.Store,
    shapes: rdflib.Graph,
    data_graph: rdflib.Graph,
    ont_graph: rdflib.Graph | None = None,
) -> Outcome:
    """Fast path on ``store`` (data + ontology); pyshacl on the graphs when shapes need it."""
    try:
        return Outcome(validate(store, shapes), "fast")
    except UnsupportedShapes as exc:
        return Outcome(pyshacl_results(data_graph, shapes, ont_graph), "pyshacl", exc.reasons)
