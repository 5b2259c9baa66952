"""The organotropism atlas: organ x cargo-type and organ x mechanism counts from the findings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import rdflib

from evonto import vocab
from evonto.docs.model import Finding, SiteModel
from evonto.prefixes import expand

SYSTEMIC = "systemic"


@dataclass(frozen=True)
class Matrix:
    """Counts of distinct findings per (row, column), split by metastatic role."""

    title: str
    rows: list[str]  # organ IRIs or SYSTEMIC
    columns: list[str]  # class IRIs
    pro: dict[tuple[str, str], int]
    anti: dict[tuple[str, str], int]

    def total(self, row: str, column: str) -> int:
        return self.pro.get((row, column), 0) + self.anti.get((row, column), 0)

    @property
    def maximum(self) -> int:
        return max((self.total(r, c) for r in self.rows for c in self.columns), default=0)


def organ_of(finding: Finding) -> str:
    """The finding's target organ IRI, or ``systemic`` when it names none."""
    organs = finding.slots.get("target_organ", [])
    return organs[0] if organs else SYSTEMIC


def cargo_kinds(graph: rdflib.Graph, finding: Finding) -> set[str]:
    """The cargo kinds of the finding's cargo (``EVONTO:0000403`` of each cargo)."""
    kind_of = rdflib.URIRef(expand(vocab.HAS_CARGO_KIND))
    return {
        str(kind)
        for cargo in finding.slots.get("cargo", [])
        for kind in graph.objects(rdflib.URIRef(cargo), kind_of)
    }


def _matrix(model: SiteModel, title: str, columns_of) -> Matrix:
    pro: Counter[tuple[str, str]] = Counter()
    anti: Counter[tuple[str, str]] = Counter()
    rows: set[str] = set()
    cols: set[str] = set()
    for finding in model.findings:
        if finding.is_claim:
            continue
        organ = organ_of(finding)
        rows.add(organ)
        for column in columns_of(finding):
            cols.add(column)
            (anti if finding.role == "anti-metastatic" else pro)[(organ, column)] += 1
    ordered_rows = sorted(rows - {SYSTEMIC}, key=model.label) + (
        [SYSTEMIC] if SYSTEMIC in rows else []
    )
    return Matrix(title, ordered_rows, sorted(cols, key=model.label), dict(pro), dict(anti))


def organ_by_cargo(model: SiteModel) -> Matrix:
    """Findings per target organ and cargo type."""
    return _matrix(model, "Findings by organ and cargo type", lambda f: cargo_kinds(model.graph, f))


def organ_by_mechanism(model: SiteModel) -> Matrix:
    """Findings per target organ and mechanism."""
    return _matrix(
        model, "Findings by organ and mechanism", lambda f: set(f.slots.get("mechanism", []))
    )
