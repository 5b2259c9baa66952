"""The findings browser's data: one record per finding and the filters, from the site model.

Each filter option names the competency query (``queries/<pack>/<name>.rq``) whose rows are
the findings the option selects, so a test can hold the browser's count against the query's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from evonto.docs.atlas import (
    NO_ROLE,
    SYSTEMIC,
    SYSTEMIC_LABEL,
    cargo_kinds,
    findings_only,
    mechanisms,
    organ_of,
)
from evonto.docs.model import ROLE_ANTI, ROLE_PRO, Finding, SiteModel
from evonto.prefixes import compress

NONE = "none"  #: the role value of a finding that asserts no metastatic role


@dataclass(frozen=True)
class Option:
    """One choice of a filter and the query (with its parameter, if any) that selects it."""

    value: str
    label: str
    query: str
    param: str = ""


@dataclass(frozen=True)
class Filter:
    """A drop-down of the browser over one record field."""

    field: str
    label: str
    query: str
    options: list[Option]


#: field, label, query and its parameter; options with their own query are special values
FILTERS = (
    ("organ", "Target organ", "organotropism/findings-at-organ", "organ"),
    ("cargoKind", "Cargo kind", "organotropism/findings-with-cargo-kind", "kind"),
    ("role", "Metastatic role", "organotropism/findings-with-role", "role"),
    ("species", "Species", "provenance/findings-in-species", "species"),
    ("evidence", "Evidence", "provenance/findings-by-evidence", "evidence"),
    ("confidence", "Confidence", "curation/findings-by-confidence", "confidence"),
)
SPECIAL = {
    ("organ", SYSTEMIC): (SYSTEMIC_LABEL, "organotropism/systemic-findings"),
    ("role", NONE): (NO_ROLE, "curation/findings-without-role"),
}


def curies(values: list[str]) -> list[str]:
    return sorted(compress(v) for v in values)


def record(model: SiteModel, finding: Finding, source_url) -> dict:
    """The browser's record of ``finding``: filter fields as CURIEs, display fields as labels."""
    slots = finding.slots
    organ = organ_of(finding)
    roles = curies(slots.get("role", []))
    return {
        "id": finding.ident,
        "label": finding.label,
        "summary": finding.summary,
        "organ": SYSTEMIC if organ == SYSTEMIC else compress(organ),
        "cargoKind": curies(sorted(cargo_kinds(model.graph, finding))),
        "role": roles[0] if roles else NONE,
        "species": curies(slots.get("species", [])),
        "evidence": curies(slots.get("evidence", [])),
        "confidence": sorted(slots.get("confidence", [])),
        "cargo": sorted(model.label(c) for c in slots.get("cargo", [])),
        "mechanism": sorted(model.label(m) for m in mechanisms(model.graph, finding)),
        "targetCell": sorted(model.label(c) for c in slots.get("target_cell", [])),
        "sources": [{"text": compress(s), "href": source_url(s)} for s in slots.get("source", [])],
    }


def filters(model: SiteModel, records: list[dict]) -> list[Filter]:
    """The filters, each offering the values the findings have (by label; special ones last)."""
    iri_of = {compress(i): i for i in model.labels}
    out = []
    for field, label, query, param in FILTERS:
        values: set[str] = set()
        for rec in records:
            value = rec[field]
            values.update(value if isinstance(value, list) else [value])
        options = []
        special = []
        for value in values:
            if (field, value) in SPECIAL:
                name, own_query = SPECIAL[(field, value)]
                special.append(Option(value, name, own_query))
            else:
                name = model.label(iri_of[value]) if value in iri_of else value
                options.append(Option(value, name, query, param))
        options.sort(key=lambda o: (o.label.lower(), o.value))
        out.append(Filter(field, label, query, options + sorted(special, key=lambda o: o.value)))
    return out


def browser_data(model: SiteModel, source_url) -> tuple[list[Filter], str]:
    """The filters and the records as JSON, safe to embed in a ``<script>`` element."""
    records = [record(model, f, source_url) for f in findings_only(model)]
    used = {v for r in records for field, *_ in FILTERS for v in _values(r[field])}
    labels = {compress(iri): model.label(iri) for iri in model.labels if compress(iri) in used}
    labels.update({SYSTEMIC: SYSTEMIC_LABEL, NONE: NO_ROLE})
    role_classes = {compress(str(ROLE_PRO)): "pro", compress(str(ROLE_ANTI)): "anti", NONE: "none"}
    text = json.dumps(
        {"findings": records, "labels": labels, "roleClasses": role_classes},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return filters(model, records), text.replace("<", "\\u003c")


def _values(value) -> list[str]:
    return value if isinstance(value, list) else [value]
