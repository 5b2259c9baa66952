"""External terms as the refresh sees them, whatever snapshot or curated table they come from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

CLASS = "class"
OBJECT_PROPERTY = "object_property"
ANNOTATION_PROPERTY = "annotation_property"
KINDS = (CLASS, OBJECT_PROPERTY, ANNOTATION_PROPERTY)


@dataclass(frozen=True)
class Term:
    """One external term: label, definition, parents and obsolescence."""

    curie: str
    label: str
    kind: str = CLASS
    definition: str = ""
    parents: tuple[str, ...] = ()  # is-a (classes) or sub-property-of (properties)
    part_of: tuple[str, ...] = ()  # part-of parents (written as BFO:0000050 some P)
    some: tuple[tuple[str, str], ...] = ()  # other (property, filler) pairs: P some F
    #: entities of other modules the term's axioms use: (CURIE, kind, label), declared with it
    uses: tuple[tuple[str, str, str], ...] = ()
    synonyms: tuple[str, ...] = ()  # exact synonyms
    related: tuple[str, ...] = ()  # related synonyms (scope unknown or broader)
    xrefs: tuple[str, ...] = ()
    inverse: str = ""  # inverse property (properties only)
    deprecated: bool = False
    replaced_by: str = ""
    consider: tuple[str, ...] = ()
    comment: str = ""
    namespace: str = ""  # OBO namespace (GO: biological_process, ...)


@dataclass
class Upstream:
    """All the terms one upstream source offers, and where they were read from."""

    terms: Mapping[str, Term]
    version: str
    source_iri: str
    provenance: str  # one sentence naming the wheel, its member and checksum (or the TSV)
    imported_from: str = ""  # IRI of the package the data came from
    notes: list[str] = field(default_factory=list)

    def get(self, curie: str) -> Term | None:
        return self.terms.get(curie)


def deprecate(term: Term, replaced_by: str = "", consider: Iterable[str] = ()) -> Term:
    """The term marked obsolete; obsolete terms keep no parents (OBO practice)."""
    return replace(
        term,
        deprecated=True,
        parents=(),
        part_of=(),
        some=(),
        replaced_by=replaced_by or term.replaced_by,
        consider=tuple(sorted({*term.consider, *consider})),
    )


def closure(seeds: Iterable[str], upstream: Upstream) -> tuple[dict[str, Term], list[str]]:
    """MIREOT: the seeds, their is-a / part-of parents and all ancestors up to a root.

    Returns the selected terms and the seeds the upstream does not know.
    """
    selected: dict[str, Term] = {}
    missing: list[str] = []
    stack = sorted(set(seeds), reverse=True)
    seed_set = set(stack)
    while stack:
        curie = stack.pop()
        if curie in selected:
            continue
        term = upstream.get(curie)
        if term is None:
            if curie in seed_set:
                missing.append(curie)
            continue
        selected[curie] = term
        linked = (
            *term.parents,
            *term.part_of,
            *([term.replaced_by] if term.replaced_by else []),
        )
        stack.extend(p for p in linked if p not in selected)
    # drop edges to parents the upstream does not know, so no dangling parents remain
    for curie, term in list(selected.items()):
        parents = tuple(p for p in term.parents if p in selected)
        part_of = tuple(p for p in term.part_of if p in selected)
        if (parents, part_of) != (term.parents, term.part_of):
            selected[curie] = replace(term, parents=parents, part_of=part_of)
    return selected, sorted(missing)
