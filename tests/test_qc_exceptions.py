"""Reviewed exceptions: accepted problems leave --fail-on but stay listed; stale lines are
reported at their line; a bad exceptions file is a located input error."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from evonto.errors import EvontoError
from evonto.project import Project
from evonto.validate import Options, validate_paths, validate_project
from evonto.validate.exceptions import read_exceptions
from evonto.validate.formatters import render_json, render_junit, render_text
from tests._validate_support import ROOT, fixture_project, run_cli

TERM = "https://w3id.org/evonto/EVONTO_0000500"
DATA = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix EVONTO: <https://w3id.org/evonto/EVONTO_> .

@prefix obo: <http://purl.obolibrary.org/obo/> .

EVONTO:0000500 a owl:Class ; rdfs:label "spaced term"@en ; rdfs:subClassOf EVONTO:0000040 ;
    obo:IAO_0000115 "A term whose definition ends with a space. "@en .
"""
HEADER = "check\tentity\tlevel\treason\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("exceptions"))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "term.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def _validate(project: Path, data: Path, exceptions: str | None, tmp_path: Path):
    path = None
    if exceptions is not None:
        path = tmp_path / "exceptions.tsv"
        path.write_text(exceptions, encoding="utf-8")
    options = Options(reasoner=False, exceptions=path)
    return validate_paths([data], lambda: Project(project), options)


def test_without_exceptions_the_warning_counts(project, data, tmp_path) -> None:
    report = _validate(project, data, None, tmp_path)
    assert [(i.check, i.focus) for i in report.issues] == [("annotation_whitespace", TERM)]
    assert report.exit_code("warn") == 1


def test_an_accepted_problem_is_listed_but_not_counted(project, data, tmp_path) -> None:
    lines = "# reviewed\n" + HEADER + "qc/annotation_whitespace\tEVONTO:0000500\t\tA stub.\n"
    report = _validate(project, data, lines, tmp_path)
    assert report.issues == []
    assert report.exit_code("warn") == 0
    (accepted,) = report.accepted
    assert (accepted.issue.focus, accepted.reason, accepted.line) == (TERM, "A stub.", 3)
    text = render_text(report, "warn")
    assert "passed" in text and "1 accepted" in text
    assert "Annotation whitespace" in text and "exceptions.tsv:3" in text
    doc = json.loads(render_json(report, "warn"))
    schema = json.loads((ROOT / "src/evonto/validate/report.schema.json").read_text())
    jsonschema.validate(doc, schema)
    assert doc["summary"]["accepted"] == 1 and doc["summary"]["warn"] == 0
    assert doc["accepted"][0]["focus"] == TERM and doc["accepted"][0]["reason"] == "A stub."
    assert doc["accepted"][0]["exception"]["line"] == 3
    junit = ET.fromstring(render_junit(report, "warn"))
    case = junit.find(".//testcase[@name='annotation_whitespace']")
    assert case is not None and case.find("failure") is None
    assert "accepted:" in case.find("system-out").text


def test_a_level_line_relevels_every_entity(project, data, tmp_path) -> None:
    lines = HEADER + "qc/annotation_whitespace\t*\tinfo\tStubs are fine while drafting.\n"
    report = _validate(project, data, lines, tmp_path)
    assert [(i.check, i.level) for i in report.issues] == [("annotation_whitespace", "info")]
    assert report.accepted == [] and report.exit_code("warn") == 0


def test_an_exception_matching_nothing_is_reported_at_its_line(project, data, tmp_path) -> None:
    lines = (
        HEADER
        + "qc/annotation_whitespace\tEVONTO:0000500\t\tA stub.\n"
        + "qc/missing_label\tEVONTO:0000501\t\tGone since.\n"
        + "reasoning/unsatisfiable_classes\tEVONTO:0000500\t\tNot run: not stale.\n"
    )
    report = _validate(project, data, lines, tmp_path)
    (stale,) = report.issues
    assert (stale.check, stale.level, stale.line) == ("stale_exception", "warn", 3)
    assert stale.file.endswith("exceptions.tsv") and "EVONTO:0000501" in stale.message
    assert report.exit_code("warn") == 1


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("qc/annotation_whitespace\tEVONTO:0000500\t\t\n", "reason cell is empty"),
        ("missing_definition\tEVONTO:0000500\t\tx\n", "is not stage/check"),
        ("qc/annotation_whitespace\tNOPE:1\t\tx\n", "is not a known CURIE"),
        ("qc/annotation_whitespace\tEVONTO:0000500\tsevere\tx\n", "level 'severe'"),
    ],
)
def test_a_bad_line_is_a_located_error(tmp_path: Path, line: str, says: str) -> None:
    path = tmp_path / "exceptions.tsv"
    path.write_text(HEADER + line, encoding="utf-8")
    with pytest.raises(EvontoError) as caught:
        read_exceptions(path)
    assert says in str(caught.value)
    assert caught.value.location.line == 2


def test_a_repeated_line_and_a_bad_header_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "exceptions.tsv"
    row = "qc/annotation_whitespace\tEVONTO:0000500\t\tx\n"
    path.write_text(HEADER + row + row, encoding="utf-8")
    with pytest.raises(EvontoError, match="already excepted at line 2"):
        read_exceptions(path)
    path.write_text("check\tthing\treason\n", encoding="utf-8")
    with pytest.raises(EvontoError, match="unknown: thing; missing: entity"):
        read_exceptions(path)


def test_cli_option_and_bad_file_exit_2(project, data, tmp_path) -> None:
    good = tmp_path / "ok.tsv"
    good.write_text(HEADER + "qc/annotation_whitespace\tEVONTO:0000500\t\tA stub.\n")
    done = run_cli(
        ["--project", str(project), "validate", "--no-reasoner", "--fail-on", "warn",
         "--exceptions", str(good), str(data)]
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 accepted" in done.stdout
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + "qc/annotation_whitespace\tEVONTO:0000500\n")
    done = run_cli(
        ["--project", str(project), "validate", "--no-reasoner", "--exceptions", str(bad),
         str(data)]
    )  # fmt: skip
    assert done.returncode == 2
    assert "bad.tsv:2" in done.stderr and "reason cell is empty" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_project_reads_its_own_exceptions_file(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    (project / "ontology" / "qc-exceptions.tsv").write_text(
        HEADER + "qc/annotation_whitespace\tEVONTO:0000040\t\tNo longer true.\n"
    )
    report = validate_project(Project(project), Options(reasoner=False))
    (stale,) = report.issues
    assert stale.check == "stale_exception"
    assert stale.file.endswith("ontology/qc-exceptions.tsv") and stale.line == 2


def test_the_checkout_passes_with_its_reviewed_exceptions() -> None:
    """Every line of the project's exceptions file matches a problem, and nothing else warns."""
    report = validate_project(Project(ROOT), Options(reasoner=False))
    assert report.issues == [], render_text(report)
    lines = read_exceptions(ROOT / "ontology" / "qc-exceptions.tsv")
    assert len(report.accepted) >= len(lines)
