"""Every QC query of queries/qc/ fires on its fixture (tests/fixtures/validate/qc/<name>.ttl,
whose header names the entity expected) and stays silent on the good fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evonto.project import Project
from evonto.validate import Options, validate_paths, validate_project
from evonto.validate.qc import load_checks
from tests._validate_support import FIXTURES, GOOD, ROOT, fixture_project

CHECKS = {c.name: c for c in load_checks(ROOT / "queries" / "qc")}
QC_FIXTURES = FIXTURES / "qc"

#: ROBOT report's default profile: check name -> level (the 32 queries ROBOT runs)
ROBOT_DEFAULT = {
    "annotation_whitespace": "warn",
    "deprecated_boolean_datatype": "error",
    "deprecated_class_reference": "error",
    "deprecated_property_reference": "error",
    "duplicate_definition": "error",
    "duplicate_exact_synonym": "warn",
    "duplicate_label_synonym": "warn",
    "duplicate_label": "error",
    "duplicate_scoped_synonym": "warn",
    "equivalent_class_axiom_no_genus": "warn",
    "equivalent_pair": "warn",
    "illegal_use_of_built_in_vocabulary": "error",
    "invalid_entity_uri": "warn",
    "invalid_xref": "warn",
    "label_formatting": "error",
    "label_whitespace": "error",
    "lowercase_definition": "info",
    "missing_definition": "warn",
    "missing_label": "error",
    "missing_obsolete_label": "warn",
    "missing_ontology_description": "error",
    "missing_ontology_license": "error",
    "missing_ontology_title": "error",
    "missing_subset_declaration": "warn",
    "missing_superclass": "info",
    "missing_synonymtype_declaration": "warn",
    "misused_obsolete_label": "error",
    "misused_replaced_by": "error",
    "multiple_definitions": "error",
    "multiple_equivalent_class_definitions": "error",
    "multiple_equivalent_classes": "warn",
    "multiple_labels": "error",
}


def test_robot_default_checks_with_their_levels() -> None:
    assert len(ROBOT_DEFAULT) == 32
    for name, level in ROBOT_DEFAULT.items():
        assert name in CHECKS, f"ROBOT check {name} missing"
        assert CHECKS[name].level == level, name
        assert CHECKS[name].source == f"ROBOT report check {name}"


def test_every_check_has_a_readable_header_and_a_fixture() -> None:
    assert len(CHECKS) >= 40
    for name, check in CHECKS.items():
        assert check.title and len(check.description) > 30, name
        assert "SELECT" in check.sparql and "?entity ?property ?value" in check.sparql, name
        assert (QC_FIXTURES / f"{name}.ttl").is_file(), f"no fixture for {name}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("qc"))


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_fires_on_its_fixture(name: str, project: Path) -> None:
    fixture = QC_FIXTURES / f"{name}.ttl"
    expect = re.search(r"^# expect: (\S+)$", fixture.read_text(), re.M).group(1)
    report = validate_paths([fixture], lambda: Project(project), Options(reasoner=False))
    hits = [i for i in report.issues if i.check == name]
    assert hits, f"{name} did not fire; got {sorted({i.check for i in report.issues})}"
    assert expect in {i.focus for i in hits}
    assert {i.level for i in hits} == {CHECKS[name].level}
    assert {i.stage for i in hits} == {CHECKS[name].stage}
    located = [i for i in hits if i.focus == expect]
    assert all(i.file and i.file.endswith(f"{name}.ttl") and i.line for i in located), (
        "QC problems point at the fixture's file and line"
    )


def test_good_fixture_passes_every_check(project: Path) -> None:
    report = validate_paths([GOOD], lambda: Project(project), Options(reasoner=False))
    assert [i for i in report.issues if i.stage in ("references", "qc")] == []
    assert set(report.stage("qc").checks) | set(report.stage("references").checks) == set(CHECKS)


def test_fixture_project_passes_every_check(project: Path) -> None:
    report = validate_project(Project(project), Options(reasoner=False))
    assert report.issues == []


def test_scope_hides_upstream_terms(project: Path, tmp_path: Path) -> None:
    """An imported (non-evonto) term without a definition is not reported for the project."""
    edit = project / "ontology" / "evonto-edit.ttl"
    text = edit.read_text() + (
        '\n<http://purl.obolibrary.org/obo/GO_0000001> a owl:Class ; rdfs:label "upstream" .\n'
        '<https://w3id.org/evonto/EVONTO_0000700> a owl:Class ; rdfs:label "own" ;\n'
        "    rdfs:subClassOf <https://w3id.org/evonto/EVONTO_0000040> .\n"
    )
    copy = fixture_project(tmp_path)
    (copy / "ontology" / "evonto-edit.ttl").write_text(text)
    report = validate_project(Project(copy), Options(reasoner=False))
    missing = {i.focus for i in report.issues if i.check == "missing_definition"}
    assert missing == {"https://w3id.org/evonto/EVONTO_0000700"}


def test_missing_label_exempts_headers_deprecated_terms_and_subsets() -> None:
    """Each exemption of the check (OPTIONALs left unbound) holds on its own subject."""
    import rdflib

    from evonto.validate.inputs import Triples
    from evonto.validate.qc import qc_store, run_check

    graph = rdflib.Graph().parse(
        data="""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix oboInOwl: <http://www.geneontology.org/formats/oboInOwl#> .
        @prefix EVONTO: <https://w3id.org/evonto/EVONTO_> .
        <https://w3id.org/evonto/probe.owl> a owl:Ontology ; owl:versionInfo "1" .
        EVONTO:0009001 a owl:Class ; owl:deprecated true .
        EVONTO:0009002 a owl:AnnotationProperty ; rdfs:subPropertyOf oboInOwl:SubsetProperty .
        EVONTO:0009003 a owl:Class ; rdfs:subClassOf EVONTO:0009004 .
        EVONTO:0009004 a owl:Class ; rdfs:label "labelled"@en .
        EVONTO:0009005 a owl:Class ; owl:deprecated false .
        """,
        format="turtle",
    )
    flagged = {i.focus for i in run_check(qc_store(graph, Triples()), CHECKS["missing_label"])}
    assert flagged == {
        "https://w3id.org/evonto/EVONTO_0009003",
        "https://w3id.org/evonto/EVONTO_0009005",  # deprecated false is no exemption
    }
