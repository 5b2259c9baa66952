"""The embedded Oxigraph store: bulk loading of graphs and files for fast SPARQL."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.rdfio import rdf_format

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib


def store_from_graph(
    graph: rdflib.Graph, store: pyoxigraph.Store | None = None, to_graph: str | None = None
) -> pyoxigraph.Store:
    """Load an rdflib graph into an (in-memory by default) Oxigraph store, in bulk.

    ``to_graph`` names the graph to load into (default: the default graph). The terms are
    converted one by one (:func:`evonto.rdfio.from_rdflib`), not serialised and parsed again.
    """
    import pyoxigraph

    from evonto.rdfio import from_rdflib

    store = pyoxigraph.Store() if store is None else store
    store.bulk_extend(from_rdflib(graph, to_graph))
    return store


def store_from_files(
    paths: Iterable[Path], store: pyoxigraph.Store | None = None
) -> pyoxigraph.Store:
    """Bulk-load RDF files (format from the suffix) into the default graph of a store."""
    import pyoxigraph

    store = pyoxigraph.Store() if store is None else store
    for path in paths:
        ox_format, _ = rdf_format(path)
        store.bulk_load(path=str(path), format=getattr(pyoxigraph.RdfFormat, ox_format))
    return store
