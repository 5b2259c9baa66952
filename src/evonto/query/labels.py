"""Terms by label, for ``--param organ=lung``: the labels of the edit file and import modules.

A label matches whatever its case; a label several terms share is refused with the candidates
listed, an unknown one with the closest labels (``did you mean``).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from evonto.query.params import ParamError

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def label_index(files: list[Path]) -> dict[str, dict[str, str]]:
    """Lower-cased label -> {IRI: label as written}, from the named-term labels of ``files``."""
    import pyoxigraph

    from evonto.rdfio import parse_quads

    index: dict[str, dict[str, str]] = defaultdict(dict)
    for path in files:
        for quad in parse_quads(path):
            if quad.predicate.value == RDFS_LABEL and isinstance(
                quad.subject, pyoxigraph.NamedNode
            ):
                label = quad.object.value
                index[" ".join(label.lower().split())][quad.subject.value] = label
    return dict(index)


def resolver(files: list[Path]) -> Callable[[str], str]:
    """A function from a label to the IRI of its one term (the index is read on first use)."""
    index: dict[str, dict[str, str]] = {}

    def resolve(text: str) -> str:
        if not index:
            index.update(label_index(files))
        return lookup(index, text)

    return resolve


def lookup(index: dict[str, dict[str, str]], text: str) -> str:
    """The IRI whose label is ``text``; a :class:`ParamError` lists candidates otherwise."""
    from evonto.prefixes import compress

    key = " ".join(text.lower().split())
    found = index.get(key, {})
    if len(found) == 1:
        return next(iter(found))
    if found:
        listed = ", ".join(f"{compress(iri)} {label!r}" for iri, label in sorted(found.items()))
        raise ParamError(f"label {text!r} names {len(found)} terms: {listed}; pass one of them")
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.75)
    hint = ""
    if close:
        shown = [
            f"{label!r} ({compress(iri)})" for c in close for iri, label in sorted(index[c].items())
        ]
        hint = f"; did you mean {' or '.join(shown[:3])}?"
    raise ParamError(f"{text!r} is not an IRI or a CURIE with a known prefix, nor a label{hint}")
