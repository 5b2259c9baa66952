"""Instance graphs for findings given as association records only (users' files).

The build compiles each curated finding to its association record and the instance graph the
reasoner classifies (:mod:`evonto.assertions.instances`). Users write association records; this
module derives the missing instance graphs with the same function, straight from the parsed
quads, so one contract (shapes, reasoning, QC) holds for both. Findings that already carry one
(``IAO:0000136 is about``) are left as they are.
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


def with_instance_graphs(quads: list[pyoxigraph.Quad]) -> list[pyoxigraph.Quad]:
    """``quads`` plus the derived instance graph of every finding that lacks one."""
    import pyoxigraph

    finding_class = expand(vocab.ORGANOTROPISM_FINDING)
    is_about = expand(vocab.IS_ABOUT)
    slot_names = {iri: name for name, iri in SLOTS.items()}
    findings, described = set(), set()
    slots: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    kinds: dict[str, str] = {}
    for q in quads:
        if not isinstance(q.subject, pyoxigraph.NamedNode):
            continue
        subject, predicate = q.subject.value, q.predicate.value
        if predicate == RDF_TYPE and q.object.value == finding_class:
            findings.add(subject)
        elif predicate == is_about:
            described.add(subject)
        elif predicate == CARGO_KIND and isinstance(q.object, pyoxigraph.NamedNode):
            kinds.setdefault(subject, q.object.value)
        elif predicate in slot_names and isinstance(q.object, pyoxigraph.NamedNode):
            slots[subject][slot_names[predicate]].append(q.object.value)
    todo = sorted(findings - described)
    if not todo:
        return quads
    derived = []
    for finding in todo:
        derived += instance_triples(finding, slots.get(finding, {}), kinds.get)
    return quads + as_quads(derived)
