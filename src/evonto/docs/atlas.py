"""The organotropism atlas: cargo-kind x organ and mechanism x organ counts from the findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import rdflib
from rdflib.namespace import OWL

from evonto import vocab
from evonto.docs.model import Finding, SiteModel
from evonto.prefixes import expand

SYSTEMIC = "systemic"
SYSTEMIC_LABEL = "systemic / no organ"
REPLACED_BY = rdflib.URIRef("http://purl.obolibrary.org/obo/IAO_0100001")
PRO, ANTI, NO_ROLE = "pro-metastatic", "anti-metastatic", "no role asserted"
ROLES = (PRO, ANTI, NO_ROLE)
ROLE_KEYS = {PRO: "pro", ANTI: "anti", NO_ROLE: "none"}  #: short names (HTML data attributes)


@dataclass(frozen=True)
class Matrix:
    """Counts of distinct findings per (category, organ), split by metastatic role.

    Rows are the categories (cargo kinds or mechanisms, the long labels), columns the organs."""

    title: str
    rows: list[str]  # category IRIs
    columns: list[str]  # organ IRIs, SYSTEMIC last
    counts: dict[tuple[str, str, str], int]  # (row, column, role) -> findings

    def count(self, row: str, column: str, role: str) -> int:
        return self.counts.get((row, column, role), 0)

    def total(self, row: str, column: str) -> int:
        return sum(self.count(row, column, role) for role in ROLES)

    def row_total(self, row: str) -> int:
        return sum(self.total(row, c) for c in self.columns)

    @property
    def maximum(self) -> int:
        return max((self.total(r, c) for r in self.rows for c in self.columns), default=0)


def role_of(finding: Finding) -> str:
    """``pro-metastatic``, ``anti-metastatic`` or ``no role asserted``."""
    return finding.role or NO_ROLE


def organ_of(finding: Finding) -> str:
    """The finding's target organ IRI, or ``systemic`` when it names none."""
    organs = finding.slots.get("target_organ", [])
    return organs[0] if organs else SYSTEMIC


def organ_name(model: SiteModel, organ: str) -> str:
    """How the atlas names an organ column."""
    return SYSTEMIC_LABEL if organ == SYSTEMIC else model.label(organ)


def cargo_kinds(graph: rdflib.Graph, finding: Finding) -> set[str]:
    """The cargo kinds of the finding's cargo (``EVONTO:0000403`` of each cargo)."""
    kind_of = rdflib.URIRef(expand(vocab.HAS_CARGO_KIND))
    return {
        str(kind)
        for cargo in finding.slots.get("cargo", [])
        for kind in graph.objects(rdflib.URIRef(cargo), kind_of)
    }


def current_term(graph: rdflib.Graph, iri: str) -> str:
    """The term to show for ``iri``: a deprecated term's replacement (``IAO:0100001``, followed
    to its end), else ``iri`` itself. Two names of one process then count as one row."""
    seen = {iri}
    while (rdflib.URIRef(iri), OWL.deprecated, rdflib.Literal(True)) in graph:
        replacement = graph.value(rdflib.URIRef(iri), REPLACED_BY)
        if not isinstance(replacement, rdflib.URIRef) or str(replacement) in seen:
            break
        iri = str(replacement)
        seen.add(iri)
    return iri


def mechanisms(graph: rdflib.Graph, finding: Finding) -> set[str]:
    """The finding's mechanisms, each as its current (non-deprecated) process term."""
    return {current_term(graph, m) for m in finding.slots.get("mechanism", [])}


def findings_only(model: SiteModel) -> list[Finding]:
    """The findings, without the translational claims."""
    return [f for f in model.findings if not f.is_claim]


def organ_order(model: SiteModel, organs: Iterable[str]) -> list[str]:
    """Organs by label, ``systemic`` last."""
    organs = set(organs)
    named = sorted(organs - {SYSTEMIC}, key=model.label)
    return named + ([SYSTEMIC] if SYSTEMIC in organs else [])


def _matrix(
    model: SiteModel, title: str, rows_of: Callable[[Finding], set[str]], by_total: bool
) -> Matrix:
    counts: Counter[tuple[str, str, str]] = Counter()
    organs: set[str] = set()
    for finding in findings_only(model):
        organ = organ_of(finding)
        organs.add(organ)
        for row in rows_of(finding):
            counts[(row, organ, role_of(finding))] += 1
    rows = sorted({r for r, _, _ in counts}, key=model.label)
    matrix = Matrix(title, rows, organ_order(model, organs), dict(counts))
    if by_total:
        rows.sort(key=lambda r: -matrix.row_total(r))  # stable: ties stay by label
    return matrix


def organ_by_cargo(model: SiteModel) -> Matrix:
    """Findings per cargo kind and target organ (kinds by label)."""
    return _matrix(
        model,
        "Findings by cargo kind and organ",
        lambda f: cargo_kinds(model.graph, f),
        by_total=False,
    )


def organ_by_mechanism(model: SiteModel) -> Matrix:
    """Findings per mechanism and target organ (most reported mechanisms first)."""
    return _matrix(
        model,
        "Findings by mechanism and organ",
        lambda f: mechanisms(model.graph, f),
        by_total=True,
    )
