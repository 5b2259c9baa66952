"""Instance graphs for findings given as association records only (users' files).

The build compiles each curated finding to its association record and the instance graph the
reasoner classifies (:mod:`evonto.assertions.instances`). Users write association records; this
module derives the missing instance graphs with the same function, from the records in the
store the files were loaded into, so one contract (shapes, reasoning, QC) holds for both.
Findings that already carry one (``IAO:0000136 is about``) are left as they are.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from evonto import vocab
from evonto.assertions.instances import CARGO_KIND, SLOTS, as_quads, instance_triples
from evonto.prefixes import expand

if TYPE_CHECKING:
    import pyoxigraph

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def derived_instance_graphs(store: pyoxigraph.Store) -> list[pyoxigraph.Quad]:
    """The instance graph of every finding in the store's default graph that carries none, as
    quads. Only the statements an instance graph is made of are read (by predicate), not the
    whole store; a cargo given two kinds gets the first in IRI order."""
    import pyoxigraph

    named, default = pyoxigraph.NamedNode, pyoxigraph.DefaultGraph()

    def pairs(predicate: str, obj: pyoxigraph.NamedNode | None = None) -> list[tuple[str, str]]:
        """(subject, object) of the statements with ``predicate``, both named."""
        return [
            (q.subject.value, q.object.value)
            for q in store.quads_for_pattern(None, named(predicate), obj, default)
            if type(q.subject) is named and type(q.object) is named
        ]

    findings = {s for s, _ in pairs(RDF_TYPE, named(expand(vocab.ORGANOTROPISM_FINDING)))}
    findings -= {s for s, _ in pairs(expand(vocab.IS_ABOUT))}
    if not findings:
        return []
    kinds: dict[str, str] = {}
    for cargo, kind in sorted(pairs(CARGO_KIND)):
        kinds.setdefault(cargo, kind)
    slots: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, predicate in SLOTS.items():
        for finding, value in pairs(predicate):
            if finding in findings:
                slots[finding][name].append(value)
    derived = []
    for finding in sorted(findings):
        derived += instance_triples(finding, slots.get(finding, {}), kinds.get)
    return as_quads(derived)
