"""The ROBOT-named QC checks flag what ROBOT's own queries flag, probe by probe.

The probes and the expectations (obtained by running ROBOT's report queries with Jena ARQ) are
in tests/fixtures/validate/qc/robot_probes/ (see its README). The evonto-named checks that are
stricter than ROBOT's are held to the probes where they add something.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache

import pytest

from evonto.prefixes import EVONTO, EVONTO_TERM
from evonto.validate.inputs import Triples
from evonto.validate.pipeline import Subject
from evonto.validate.qc import QcCheck, load_checks, qc_store, run_check
from tests._validate_support import FIXTURES, ROOT

PROBES = FIXTURES / "qc" / "robot_probes"
NS = "urn:evonto-probe:"
CHECKS = {c.name: c for c in load_checks(ROOT / "queries" / "qc")}
ROBOT = {n: c for n, c in CHECKS.items() if c.source.startswith("ROBOT report check ")}

#: What the stricter evonto-named checks add on probes where ROBOT's check is silent or
#: reports another subject: probe -> {check: flagged entities}.
EVONTO_ADDS = {
    "label-untagged": {"evonto_label_without_language": {"0009001"}},
    "label-duplicate-case": {"evonto_duplicate_label_ci": {"0009001", "0009002"}},
    "label-duplicate-tagged-untagged": {
        "evonto_duplicate_label_ci": {"0009001", "0009002"},
        "evonto_label_without_language": {"0009002"},
    },
    "label-double-space": {"evonto_label_inner_whitespace": {"0009001"}},
    "label-carriage-return": {"evonto_label_inner_whitespace": {"0009001"}},
    "definition-duplicate-case": {"evonto_duplicate_definition_ci": {"0009001", "0009002"}},
    "exact-synonym-duplicate-case": {"evonto_duplicate_exact_synonym_ci": {"0009001", "0009002"}},
    "related-synonym-is-own-label": {"evonto_label_repeated_as_synonym": {"0009001"}},
    "subclass-of-deprecated": {"evonto_uses_deprecated_term": {"0009002"}},
    "disjoint-with-deprecated": {"evonto_uses_deprecated_term": {"0009002"}},
    "restriction-on-deprecated-class": {"evonto_uses_deprecated_term": {"0009002"}},
    "restriction-on-deprecated-property": {"evonto_uses_deprecated_term": {"0009002"}},
    "subproperty-of-deprecated": {"evonto_uses_deprecated_term": {"0009002"}},
    "built-in-thing-redefined": {
        "evonto_redefines_built_in": {"http://www.w3.org/2002/07/owl#Thing"}
    },
}


@cache
def _catalogue():
    """Probe name -> its rdflib graph (probe + shared + header unless it has its own)."""
    import pyoxigraph

    from evonto.rdfio import to_rdflib

    graphs: dict[str, list[pyoxigraph.Quad]] = defaultdict(list)
    for quad in pyoxigraph.parse(path=PROBES / "probes.trig", format=pyoxigraph.RdfFormat.TRIG):
        graphs[quad.graph_name.value.removeprefix(NS)].append(quad)
    shared, header = graphs.pop("shared"), graphs.pop("header")
    ontology = pyoxigraph.NamedNode("http://www.w3.org/2002/07/owl#Ontology")
    return {
        name: to_rdflib(
            quads + shared + ([] if any(q.object == ontology for q in quads) else header)
        )
        for name, quads in graphs.items()
    }


@cache
def _expected() -> dict[str, dict[str, set[str]]]:
    rows = csv.DictReader((PROBES / "expected.tsv").open(encoding="utf-8"), delimiter="\t")
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        found[row["probe"]]  # a probe listed with "-" flags nothing
        if row["check"] != "-":
            found[row["probe"]][row["check"]].add(row["entity"])
    return found


def _robot_would_report(check: QcCheck, subjects: set[str]) -> set[str]:
    """ROBOT's rows after the check's scope: --base-iri for base/ontology, IRIs for all."""
    iris = {s for s in subjects if s.startswith(("http://", "https://"))}
    if check.scope == "all":
        return iris
    return {s for s in iris if s.startswith(EVONTO)}


def _flagged(graph, checks) -> dict[str, set[str]]:
    store = qc_store(graph, Triples())
    subject = Subject(True)
    return {
        check.name: {
            hit.focus for hit in run_check(store, check) if subject.keep(hit.focus, check.scope)
        }
        for check in checks
    }


def test_catalogue_covers_every_robot_check() -> None:
    assert len(ROBOT) == 32
    assert set(_expected()) == set(_catalogue()), "expected.tsv and probes.trig list one set"
    fired = {check for probe in _expected().values() for check in probe}
    assert fired == set(ROBOT), f"no probe makes these fire: {set(ROBOT) - fired}"
    scoped_all = {n for n, c in ROBOT.items() if c.scope == "all"}
    assert scoped_all == {"illegal_use_of_built_in_vocabulary", "invalid_entity_uri"}


@pytest.mark.parametrize("probe", sorted(_catalogue()))
def test_robot_named_checks_flag_what_robot_flags(probe: str) -> None:
    flagged = _flagged(_catalogue()[probe], ROBOT.values())
    expected = {
        name: _robot_would_report(check, _expected()[probe].get(name, set()))
        for name, check in ROBOT.items()
    }
    wrong = {
        name: (flagged[name], expected[name]) for name in ROBOT if flagged[name] != expected[name]
    }
    assert not wrong, f"{probe}: check -> (evonto flags, ROBOT flags): {wrong}"


@pytest.mark.parametrize("probe", sorted(EVONTO_ADDS))
def test_evonto_checks_add_to_robot(probe: str) -> None:
    adds = EVONTO_ADDS[probe]
    flagged = _flagged(_catalogue()[probe], [CHECKS[name] for name in adds])
    for name, entities in adds.items():
        want = {e if e.startswith("http") else EVONTO_TERM + e for e in entities}
        assert flagged[name] == want, (probe, name)


def test_evonto_checks_are_silent_on_the_clean_probe() -> None:
    flagged = _flagged(_catalogue()["clean"], CHECKS.values())
    assert {name: hits for name, hits in flagged.items() if hits} == {}
