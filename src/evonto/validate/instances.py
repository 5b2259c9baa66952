"""Instance graphs for findings given as association records only (users' files).

The build compiles each curated finding to its association record and the instance graph the
reasoner classifies (:mod:`evonto.assertions.instances`). Users write association records; this
module derives the missing instance graphs the same way, so one contract (shapes, reasoning,
QC) holds for both. Findings that already carry one (``IAO:0000136 is about``) are left as
they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto import vocab
from evonto.prefixes import expand

if TYPE_CHECKING:
    import pyoxigraph

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def with_instance_graphs(quads: list[pyoxigraph.Quad]) -> list[pyoxigraph.Quad]:
    """``quads`` plus the derived instance graph of every finding that lacks one."""
    import pyoxigraph

    finding_class = expand(vocab.ORGANOTROPISM_FINDING)
    is_about, has_cargo = expand(vocab.IS_ABOUT), expand(vocab.HAS_CARGO)
    findings, described = set(), set()
    for q in quads:
        if not isinstance(q.subject, pyoxigraph.NamedNode):
            continue
        if q.predicate.value == RDF_TYPE and q.object.value == finding_class:
            findings.add(q.subject.value)
        elif q.predicate.value == is_about:
            described.add(q.subject.value)
    todo = findings - described
    if not todo:
        return quads
    cargo = {
        q.object.value for q in quads if q.subject.value in todo and q.predicate.value == has_cargo
    }
    wanted = todo | cargo
    subset = [q for q in quads if q.subject.value in wanted]
    return quads + derived_quads(subset, sorted(todo))


def derived_quads(subset: list[pyoxigraph.Quad], findings: list[str]) -> list[pyoxigraph.Quad]:
    """The instance-graph triples of ``findings``, read from their association triples."""
    import pyoxigraph
    import rdflib

    from evonto.assertions.instances import add_instance_graph
    from evonto.rdfio import to_rdflib

    graph = to_rdflib(subset)
    before = set(graph)
    for finding in findings:
        add_instance_graph(graph, rdflib.URIRef(finding))
    added = rdflib.Graph()
    for triple in set(graph) - before:
        added.add(triple)
    data = added.serialize(format="nt", encoding="utf-8")
    return list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES))
