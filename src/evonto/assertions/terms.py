"""Checks on single values: CURIE shape, prefix, declaration in the ontology, deprecation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from evonto.prefixes import PREFIX_MAP, compress, expand

if TYPE_CHECKING:
    import rdflib

#: local-ID shape per prefix usable in an assertion table
ID_SHAPES: dict[str, str] = {
    "EVONTO": r"\d{7}",
    "MONDO": r"\d{7}",
    "UBERON": r"\d{7}",
    "CL": r"\d{7}",
    "GO": r"\d{7}",
    "SO": r"\d{7}",
    "ECO": r"\d{7}",
    "CHEBI": r"[1-9]\d*",
    "NCBITaxon": r"[1-9]\d*",
    "HGNC": r"[1-9]\d*",
    "mirbase.mature": r"MIMAT\d{7}",
    "cellosaurus": r"CVCL_[A-Z0-9]{4}",
}
_CURIE = re.compile(r"(?P<prefix>[A-Za-z][A-Za-z0-9._-]*):(?P<local>\S+)")
_PMID = re.compile(r"PMID:[1-9]\d{0,8}")
_DOI = re.compile(r"DOI:10\.\d{4,9}/\S+")
OWL_DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"
REPLACED_BY = "http://purl.obolibrary.org/obo/IAO_0100001"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
OWL_EQUIVALENT = "http://www.w3.org/2002/07/owl#equivalentClass"


def curie_problem(value: str, prefixes: tuple[str, ...], what: str) -> str | None:
    """Why ``value`` is not a well-formed CURIE of one of ``prefixes`` (``None`` when it is)."""
    match = _CURIE.fullmatch(value)
    if match is None:
        return f"{value!r} is not a CURIE; expected {what}"
    prefix, local = match["prefix"], match["local"]
    if prefix not in PREFIX_MAP:
        fix = next((p for p in PREFIX_MAP if p.lower() == prefix.lower()), None)
        hint = f" (did you mean {fix}:{local}?)" if fix else ""
        return f"unknown CURIE prefix {prefix!r} in {value!r}{hint}; expected {what}"
    if prefix not in prefixes:
        return f"{value} is the wrong kind of term here; expected {what}"
    shape = ID_SHAPES.get(prefix)
    if shape and not re.fullmatch(shape, local):
        return f"malformed CURIE {value!r}: {prefix} IDs look like {_example(prefix)}"
    return None


def _example(prefix: str) -> str:
    return {
        "CHEBI": "CHEBI:15756",
        "NCBITaxon": "NCBITaxon:9606",
        "HGNC": "HGNC:6158",
        "mirbase.mature": "mirbase.mature:MIMAT0000421",
        "cellosaurus": "cellosaurus:CVCL_0062",
    }.get(prefix, f"{prefix}:0000000 (seven digits)")


def source_problem(value: str) -> str | None:
    """Why ``value`` is not a ``PMID:n`` or ``DOI:10.x/y`` reference (``None`` when it is)."""
    if _PMID.fullmatch(value) or _DOI.fullmatch(value):
        return None
    if value.upper().startswith("PMID"):
        return f"malformed PubMed ID {value!r}: expected PMID:<digits>, e.g. PMID:26524530"
    if value.upper().startswith("DOI"):
        return f"malformed DOI {value!r}: expected DOI:10.<registrant>/<suffix>"
    return f"{value!r} is not a primary source; expected PMID:<digits> or DOI:10.<...>/<...>"


def source_iri(value: str) -> str:
    """The IRI of a checked ``PMID:``/``DOI:`` reference."""
    return expand(value)


@dataclass
class TermIndex:
    """What the ontology (edit file plus import modules) declares, deprecates and labels."""

    declared: frozenset[str]
    deprecated: dict[str, str | None]  #: IRI -> replacement IRI (IAO:0100001) or None
    labels: dict[str, str]  #: lower-case label -> IRI (first seen, for suggestions)
    parents: dict[str, frozenset[str]] = field(default_factory=dict)  #: named superclasses
    defined: frozenset[str] = frozenset()  #: classes with an owl:equivalentClass axiom

    @classmethod
    def of(cls, graph: rdflib.Graph) -> TermIndex:
        import rdflib

        declared: set[str] = set()
        labels: dict[str, str] = {}
        parents: dict[str, set[str]] = {}
        defined: set[str] = set()
        for s, p, o in graph.triples((None, None, None)):
            if not isinstance(s, rdflib.URIRef):
                continue
            if str(p) == RDF_TYPE:
                declared.add(str(s))
            elif str(p) == RDFS_LABEL:
                declared.add(str(s))
                labels.setdefault(str(o).lower(), str(s))
            elif str(p) == RDFS_SUBCLASS and isinstance(o, rdflib.URIRef):
                parents.setdefault(str(s), set()).add(str(o))
            elif str(p) == OWL_EQUIVALENT:
                defined.add(str(s))
        deprecated: dict[str, str | None] = {}
        for s, _, o in graph.triples((None, rdflib.URIRef(OWL_DEPRECATED), None)):
            if isinstance(o, rdflib.Literal) and o.toPython() in (True, "true"):
                repl = graph.value(s, rdflib.URIRef(REPLACED_BY))
                deprecated[str(s)] = str(repl) if repl is not None else None
        return cls(
            frozenset(declared),
            deprecated,
            labels,
            {k: frozenset(v) for k, v in parents.items()},
            frozenset(defined),
        )

    @cached_property
    def _ancestors(self) -> dict[str, frozenset[str]]:
        memo: dict[str, frozenset[str]] = {}

        def up(iri: str, seen: frozenset[str]) -> frozenset[str]:
            if iri in memo:
                return memo[iri]
            found: set[str] = set()
            for parent in self.parents.get(iri, ()):
                if parent not in seen:
                    found |= {parent, *up(parent, seen | {parent})}
            memo[iri] = frozenset(found)
            return memo[iri]

        for iri in self.parents:
            up(iri, frozenset({iri}))
        return memo

    def is_under(self, curie: str, root: str) -> bool:
        """Whether ``curie`` is ``root`` or one of its (named, asserted) subclasses."""
        iri, top = _iri(curie), _iri(root)
        return iri == top or top in self._ancestors.get(iri, frozenset())

    def is_defined(self, curie: str) -> bool:
        """Whether the class has an equivalent-class definition (its members are inferred)."""
        return _iri(curie) in self.defined

    def problem(self, curie: str) -> str | None:
        """Why a well-formed CURIE cannot be used: undeclared or deprecated (``None``: fine)."""
        iri = expand(curie)
        if iri in self.deprecated:
            repl = self.deprecated[iri]
            fix = f"; use {compress(repl)} instead (IAO:0100001 term replaced by)" if repl else ""
            return f"{curie} is deprecated (owl:deprecated true){fix}"
        if iri not in self.declared:
            where = (
                "ontology/evonto-edit.ttl"
                if curie.startswith("EVONTO:")
                else "any import module (run `evonto imports refresh --snapshots DIR` to import "
                "it; README: import modules)"
            )
            return f"{curie} is not declared in {where}"
        return None

    def suggest(self, text: str, prefixes: tuple[str, ...]) -> str:
        """A ``did you mean`` hint when ``text`` is the label of a term of a wanted prefix."""
        iri = self.labels.get(text.strip().lower())
        if iri is None:
            return ""
        curie = compress(iri)
        if curie.split(":", 1)[0] in prefixes:
            return f" (did you mean {curie}?)"
        return ""


def _iri(term: str) -> str:
    """An IRI as is, a CURIE expanded."""
    return term if "://" in term else expand(term)
