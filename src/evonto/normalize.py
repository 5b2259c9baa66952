"""Canonical, sorted Turtle for the edit file, so that git diffs show only real changes.

Protégé saves Turtle with its own ordering and comments (or RDF/XML, if the curator chose it);
:func:`normalize_file` parses whatever is there and rewrites it with
:func:`evonto.rdfio.serialize`: the evonto prefixes, canonical blank nodes, sorted subjects.
No triple is lost: the rewrite is checked to be isomorphic to what was read before it replaces
the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evonto.errors import EvontoError, Location, display_path


@dataclass(frozen=True)
class NormalizeResult:
    """Whether the file was (or, with ``check``, would be) rewritten."""

    path: Path
    changed: bool
    triples: int


def canonical_turtle(path: Path) -> tuple[bytes, int]:
    """The canonical Turtle for an RDF file, and its triple count."""
    from evonto.rdfio import isomorphic, load_graph, parse_quads, serialize, to_rdflib

    graph = load_graph(path)
    data = serialize(graph, "turtle")
    # read back with Oxigraph, which keeps every lexical form: the same triples, exactly
    again = to_rdflib(parse_quads(path.with_suffix(".ttl"), data))
    if not isomorphic(graph, again):  # a serialiser bug must never cost a curator's triples
        raise EvontoError(
            "canonical Turtle would not keep every triple; file left unchanged",
            Location(display_path(path)),
        )
    return data, len(graph)


def normalize_file(path: Path, *, check: bool = False) -> NormalizeResult:
    """Rewrite ``path`` in canonical Turtle (atomically); with ``check``, only compare."""
    from evonto.rdfio import read_bytes, write_atomic

    current = read_bytes(path)
    data, triples = canonical_turtle(path)
    changed = data != current
    if changed and not check:
        write_atomic(path, data)
    return NormalizeResult(path, changed, triples)
