"""Findings and translational claims read back from the merged graph, one record each."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from evonto.errors import BuildError
from evonto.export import slots
from evonto.prefixes import FINDING, ONTOLOGY_IRI, PREFIX_MAP, record_id

if TYPE_CHECKING:
    import rdflib


@dataclass
class Record:
    """One finding or claim: its IRI and every (predicate -> sorted values) it carries."""

    iri: str
    values: dict[str, list[rdflib.term.Node]] = field(default_factory=dict)

    @property
    def local_id(self) -> str:
        """The id after the finding namespace, e.g. ``EVBC-A001``."""
        return self.iri.removeprefix(FINDING)

    def iris(self, predicate: str) -> list[str]:
        """The IRI values of a slot, sorted."""
        import rdflib

        return [str(v) for v in self.values.get(predicate, []) if isinstance(v, rdflib.URIRef)]

    def first(self, predicate: str) -> str | None:
        """The first value of a slot as text (``None`` when absent)."""
        found = self.values.get(predicate)
        return str(found[0]) if found else None

    def flag(self, predicate: str) -> bool:
        """A boolean slot (absent means false)."""
        return any(str(v).lower() in {"true", "1"} for v in self.values.get(predicate, []))

    @property
    def types(self) -> list[str]:
        return self.iris(slots.RDF_TYPE)


def finding_records(graph: rdflib.Graph) -> list[Record]:
    """Every finding and claim (``https://w3id.org/evonto/finding/<id>``), sorted; the
    individuals of the findings' instance graphs are parts of their finding, not records."""
    import rdflib

    by_subject: dict[str, dict[str, list[rdflib.term.Node]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for s, p, o in graph:
        if isinstance(s, rdflib.URIRef) and record_id(str(s)):
            by_subject[str(s)][str(p)].append(o)
    return [
        Record(iri, {p: sorted(vs, key=_sort_key) for p, vs in sorted(preds.items())})
        for iri, preds in sorted(by_subject.items())
    ]


def _sort_key(term: rdflib.term.Node) -> tuple[str, str]:
    return (type(term).__name__, term.n3())


def label_of(graph: rdflib.Graph, iri: str) -> str | None:
    """The English (or untagged) ``rdfs:label`` of an IRI, lowest first when several."""
    import rdflib

    labels = sorted(
        str(o)
        for o in graph.objects(rdflib.URIRef(iri), rdflib.URIRef(slots.RDFS_LABEL))
        if isinstance(o, rdflib.Literal) and o.language in (None, "en")
    )
    return labels[0] if labels else None


def ancestors(graph: rdflib.Graph, iri: str) -> set[str]:
    """The IRI itself, its types and all their named superclasses (``rdfs:subClassOf*``)."""
    import rdflib

    sub, typ = rdflib.URIRef(slots.RDFS_SUBCLASS), rdflib.URIRef(slots.RDF_TYPE)
    start = rdflib.URIRef(iri)
    seen: set[str] = {iri}
    todo = [start, *graph.objects(start, typ)]
    while todo:
        node = todo.pop()
        for parent in (node, *graph.objects(node, sub)):
            if isinstance(parent, rdflib.URIRef) and str(parent) not in seen:
                seen.add(str(parent))
                todo.append(parent)
    return seen


@dataclass(frozen=True)
class Release:
    """What the ontology header says about this release."""

    version: str
    version_iri: str | None
    date: date
    license: str
    creators: tuple[str, ...]
    title: str


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"


def release_info(graph: rdflib.Graph) -> Release:
    """Version, date, license and creators from the ontology header.

    The date is taken from ``owl:versionInfo`` (else the version IRI, else ``dcterms:date``,
    ``dcterms:modified`` or ``dcterms:issued``), so exports never depend on the clock.
    """
    import rdflib

    onto = rdflib.URIRef(ONTOLOGY_IRI)

    def values(prefix: str, name: str) -> list[str]:
        return sorted(str(o) for o in graph.objects(onto, rdflib.URIRef(PREFIX_MAP[prefix] + name)))

    version_info = values("owl", "versionInfo")
    version_iri = values("owl", "versionIRI")
    candidates = [
        *version_info,
        *version_iri,
        *values("dcterms", "date"),
        *values("dcterms", "modified"),
        *values("dcterms", "issued"),
    ]
    found = next((m for m in map(_DATE.search, candidates) if m), None)
    if found is None:
        raise BuildError(
            f"the ontology header <{ONTOLOGY_IRI}> has no release date: give owl:versionInfo "
            "a YYYY-MM-DD date (exports take their dates from it, never from the clock)"
        )
    licenses = values("dcterms", "license")
    creators = tuple(values("dcterms", "creator")) or tuple(values("dce", "creator"))
    titles = values("dcterms", "title")
    return Release(
        version=version_info[0] if version_info else found.group(0),
        version_iri=version_iri[0] if version_iri else None,
        date=date(*map(int, found.groups())),
        license=licenses[0] if licenses else CC_BY_4,
        creators=creators,
        title=titles[0] if titles else "evonto",
    )
