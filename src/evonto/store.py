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
    graph: rdflib.Graph, store: pyoxigraph.Store | None = None
) -> pyoxigraph.Store:
    """Load an rdflib graph into an (in-memory by default) Oxigraph store, in bulk."""
    import pyoxigraph

    store = pyoxigraph.Store() if store is None else store
    data = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
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
