"""Materialising what the reasoner infers about the findings' individuals into the release.

As ``robot reason`` followed by ``robot materialize`` would, the build asks HermiT for the
named classes each individual of the findings' instance graphs belongs to, keeps the inferred
*direct* ones (those not asserted and not implied by another type of the same individual in
the asserted hierarchy) and adds them as ``rdf:type`` triples, so SPARQL users can ask for
inferred classes (``?ev a EVONTO:0000009``) on any store. The same triples are written alone
to ``inferred.ttl``, so what was inferred can always be told apart from what was asserted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto.prefixes import FINDING

if TYPE_CHECKING:
    import rdflib

    from evonto.build.release import Release

OWL_THING = "http://www.w3.org/2002/07/owl#Thing"


def asserted_types(graph: rdflib.Graph, iri: str) -> set[str]:
    """Named classes ``iri`` is asserted to be an instance of."""
    import rdflib

    return {
        str(o)
        for o in graph.objects(rdflib.URIRef(iri), rdflib.RDF.type)
        if isinstance(o, rdflib.URIRef)
    }


def named_ancestors(graph: rdflib.Graph) -> dict[str, set[str]]:
    """Every named class -> its named ancestors through asserted ``rdfs:subClassOf``."""
    import rdflib

    parents: dict[str, set[str]] = {}
    for s, o in graph.subject_objects(rdflib.RDFS.subClassOf):
        if isinstance(s, rdflib.URIRef) and isinstance(o, rdflib.URIRef):
            parents.setdefault(str(s), set()).add(str(o))
    memo: dict[str, set[str]] = {}

    def up(iri: str, path: frozenset[str]) -> set[str]:
        if iri not in memo:
            found: set[str] = set()
            for parent in parents.get(iri, ()):
                if parent not in path:
                    found |= {parent, *up(parent, path | {parent})}
            memo[iri] = found
        return memo[iri]

    for iri in list(parents):
        up(iri, frozenset({iri}))
    return memo


def inferred_types(world: object, graph: rdflib.Graph) -> dict[str, tuple[str, ...]]:
    """Inferred direct named types of the findings' individuals, read off a reasoned world."""
    import owlready2

    ancestors = named_ancestors(graph)
    found: dict[str, tuple[str, ...]] = {}
    for individual in world.individuals():  # type: ignore[attr-defined]
        iri = individual.iri
        if not iri.startswith(FINDING):
            continue
        asserted = asserted_types(graph, iri)
        types = {
            c.iri
            for c in individual.is_a
            if isinstance(c, owlready2.ThingClass) and c.iri != OWL_THING
        }
        implied = set().union(*(ancestors.get(t, set()) for t in types | asserted))
        new = sorted(types - asserted - implied)
        if new:
            found[iri] = tuple(new)
    return found


def inferred_graph(inferred: dict[str, tuple[str, ...]]) -> rdflib.Graph:
    """The materialised types as a graph of their own."""
    import rdflib

    from evonto.prefixes import bind_all

    graph = bind_all(rdflib.Graph())
    for iri, classes in inferred.items():
        for cls in classes:
            graph.add((rdflib.URIRef(iri), rdflib.RDF.type, rdflib.URIRef(cls)))
    return graph


def materialize(release: Release, inferred: dict[str, tuple[str, ...]]) -> None:
    """Add the inferred types to the release's full and base graphs."""
    release.add_inferred(inferred_graph(inferred))
