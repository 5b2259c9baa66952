"""The ontology view of ``validate FILE``, kept between runs.

A file is checked with the project's ontology as background: SHACL sees it as pyshacl's
``ont_graph`` would mix it in (:func:`evonto.shacl_sparql.ontology_view`). Computing that view
costs pyshacl's import and a walk over the ontology in Python, about 0.4 s, which is most of
the time a small file takes. The view is a function of the background, so it is kept under a
SHA-256 key over what the background is made of: the project's ontology files, the terms
files, the (subject, property) pairs the data states about the ontology's subjects (the
background leaves the ontology's own values of those out), evonto's code and the libraries'
versions. An entry that is unreadable or holds another key is recomputed and rewritten.
``EVONTO_VALIDATE_CACHE=off`` bypasses it and a path moves it, as for the report cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

FORMAT = 1  #: bump when the view, or how it is stored, changes
ENV = "EVONTO_VALIDATE_CACHE"
LIBRARIES = ("rdflib", "pyoxigraph", "pyshacl")


def view_key(files: Iterable[Path], stated: Iterable[tuple[str, str]]) -> str | None:
    """The key of the view of the ontology read from ``files`` less the ``stated`` pairs
    (``None`` when the cache is off)."""
    from evonto.cache import add_files, cache_dir, code_files, new_digest

    if cache_dir(ENV, "validate") is None:
        return None
    digest = new_digest(f"evonto-ontology-view/{FORMAT}", LIBRARIES)
    add_files(digest, code_files())
    add_files(digest, files, names=True)
    for subject, prop in sorted(stated):
        digest.update(f"{subject}\0{prop}\0".encode())
    return digest.hexdigest()


def load_view(
    store: pyoxigraph.Store, ontology: rdflib.Graph, graph: str, key: str | None = None
) -> None:
    """Put the view of ``ontology`` into ``graph`` of ``store``: from the entry under ``key``
    when there is a sound one, else computed (and then kept under ``key``)."""
    import pyoxigraph

    from evonto.cache import cache_dir, read_entry, write_entry

    folder = cache_dir(ENV, "validate") if key is not None else None
    path = folder / f"view-{key}.json" if folder is not None else None
    name = pyoxigraph.NamedNode(graph)
    if path is not None and _loaded(store, read_entry(path, key or ""), name):
        return
    from evonto.shacl_sparql import ontology_view
    from evonto.store import store_from_graph

    store_from_graph(ontology_view(ontology), store, graph)
    if path is not None:
        triples = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=name)
        write_entry(path, key or "", {"ntriples": triples.decode("utf-8")})


def _loaded(store: pyoxigraph.Store, body: dict | None, name: pyoxigraph.NamedNode) -> bool:
    """Load a cached view into graph ``name``; ``False`` (nothing loaded) for a bad entry."""
    import pyoxigraph

    text = body.get("ntriples") if body is not None else None
    if not isinstance(text, str):
        return False
    try:
        triples = list(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_TRIPLES))
    except (SyntaxError, ValueError):
        return False
    fresh: dict[str, pyoxigraph.BlankNode] = {}  # new blank nodes each run, as when computed

    def renamed(term):
        if isinstance(term, pyoxigraph.BlankNode):
            return fresh.setdefault(term.value, pyoxigraph.BlankNode())
        return term

    quad = pyoxigraph.Quad
    store.bulk_extend(
        [quad(renamed(t.subject), t.predicate, renamed(t.object), name) for t in triples]
    )
    return True
