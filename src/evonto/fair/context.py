"""What the checks look at: the graph, its ontology header, its dataset description, a client."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from evonto.prefixes import PREFIX_MAP

if TYPE_CHECKING:
    import rdflib

    from evonto.fair.online import Client

OWL = PREFIX_MAP["owl"]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class Context:
    """One input to check: ``graph`` (ontology and findings), ``dataset`` (its VoID/DCAT
    description, when the input has one), and ``client`` (an HTTP server, or ``None``)."""

    graph: rdflib.Graph
    dataset: rdflib.Graph | None = None
    client: Client | None = None
    client_note: str = ""  #: why there is no client

    @cached_property
    def ontology(self) -> str | None:
        """The IRI of the (first, in IRI order) ``owl:Ontology`` of the graph."""
        import rdflib

        heads = sorted(
            str(s)
            for s in self.graph.subjects(rdflib.RDF.type, rdflib.URIRef(OWL + "Ontology"))
            if isinstance(s, rdflib.URIRef)
        )
        return heads[0] if heads else None

    def header(self) -> list[tuple[str, rdflib.term.Node]]:
        """(property IRI, value) of the ontology header, sorted."""
        import rdflib

        if self.ontology is None:
            return []
        node = rdflib.URIRef(self.ontology)
        return sorted((str(p), o) for p, o in self.graph.predicate_objects(node))

    def values(self, *properties: str) -> list[rdflib.term.Node]:
        """The header's values for any of ``properties``."""
        wanted = set(properties)
        return [o for p, o in self.header() if p in wanted]
