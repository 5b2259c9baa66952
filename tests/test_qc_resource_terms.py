"""``resource_uses_undeclared_term``: what a file's resources other than findings use must be
declared, with mappings, the file's own declarations and findings (and their instance graphs,
which finding_uses_undeclared_term covers) left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from evonto.project import Project
from evonto.validate import Options, validate_paths
from tests._validate_support import FIXTURES, fixture_project

FIXTURE = FIXTURES / "qc" / "resource_uses_undeclared_term.ttl"
HGNC = "https://identifiers.org/hgnc:6158"
OBO = "http://purl.obolibrary.org/obo/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("resource-terms"))


def _issues(project: Path, tmp_path: Path, extra: str, check: str) -> set[tuple]:
    """(focus, property, value) of ``check`` for the fixture's finding with its cargo record
    typed correctly, plus the Turtle ``extra``."""
    text = FIXTURE.read_text().replace(", obo:CHEBI_99999999", "") + extra
    path = tmp_path / "data.ttl"
    path.write_text(text)
    report = validate_paths([path], lambda: Project(project), Options(reasoner=False))
    return {(i.focus, i.path, i.value) for i in report.issues if i.check == check}


def test_the_corrected_file_passes(project: Path, tmp_path: Path) -> None:
    assert _issues(project, tmp_path, "", "resource_uses_undeclared_term") == set()


def test_an_undeclared_property_and_value_of_a_record(project: Path, tmp_path: Path) -> None:
    extra = f"<{HGNC}> EVONTO:0009999 obo:UBERON_0002048 ; EVONTO:0000213 obo:UBERON_9999999 .\n"
    found = _issues(project, tmp_path, extra, "resource_uses_undeclared_term")
    evonto = "https://w3id.org/evonto/EVONTO_"
    assert found == {
        (HGNC, evonto + "0009999", evonto + "0009999"),
        (HGNC, evonto + "0000213", OBO + "UBERON_9999999"),
    }


def test_obo_properties_and_upstream_terms_are_left_out(project: Path, tmp_path: Path) -> None:
    """OBO metadata properties lie outside the import modules; an upstream term's statements
    are upstream's."""
    extra = (
        f'<{HGNC}> obo:IAO_0000600 "an elucidation" ; obo:IAO_0000412 obo:hgnc.owl .\n'
        "obo:UBERON_0002048 rdfs:subClassOf obo:UBERON_9999999 .\n"
    )
    assert _issues(project, tmp_path, extra, "resource_uses_undeclared_term") == set()


def test_mappings_own_declarations_and_ontology_iris_are_not_terms_to_declare(
    project: Path, tmp_path: Path
) -> None:
    extra = (
        f"<{HGNC}> <http://www.w3.org/2004/02/skos/core#exactMatch> obo:NCIT_C17643 ;\n"
        "    <http://www.geneontology.org/formats/oboInOwl#hasDbXref> obo:PR_000009129 ;\n"
        "    <http://www.w3.org/2000/01/rdf-schema#seeAlso> obo:uberon.owl ;\n"
        "    a obo:CHEBI_99999998 .\n"
        'obo:CHEBI_99999998 a owl:Class ; rdfs:label "a class the file declares" .\n'
    )
    assert _issues(project, tmp_path, extra, "resource_uses_undeclared_term") == set()


def test_a_findings_own_undeclared_term_is_reported_once(project: Path, tmp_path: Path) -> None:
    """On the finding by finding_uses_undeclared_term; not again on the individuals of its
    (derived) instance graph, which are typed by that term."""
    text = FIXTURE.read_text().replace(", obo:CHEBI_99999999", "")
    text = text.replace("obo:UBERON_0002048 ;", "obo:UBERON_9999999 ;")
    path = tmp_path / "finding.ttl"
    path.write_text(text)
    report = validate_paths([path], lambda: Project(project), Options(reasoner=False))
    checks = {(i.check, i.focus) for i in report.issues if i.value == OBO + "UBERON_9999999"}
    assert checks == {("finding_uses_undeclared_term", "https://w3id.org/evonto/finding/EVBC-A900")}
