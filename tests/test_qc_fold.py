"""One problem, reported once: a copied block that kept its ID, and a table cell that the table
checks and SHACL both flag."""

from __future__ import annotations

from pathlib import Path

from evonto.project import Project
from evonto.validate import Options, validate_paths, validate_project
from tests._validate_support import fixture_project

TERM = "https://w3id.org/evonto/EVONTO_0000027"
COPY = """
EVONTO:0000027 a owl:Class ; rdfs:label "lipid cargo"@en ; rdfs:subClassOf EVONTO:0000020 ;
    obo:IAO_0000115 "Cargo that is a lipid." .
"""


def test_a_copied_block_is_one_problem_at_both_lines(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    edit = project / "ontology" / "evonto-edit.ttl"
    text = edit.read_text(encoding="utf-8")
    first = next(
        n for n, line in enumerate(text.splitlines(), 1) if line.startswith("EVONTO:0000027")
    )
    edit.write_text(text + COPY, encoding="utf-8")
    second = len(text.splitlines()) + 2
    report = validate_project(Project(project), Options(reasoner=False))
    about = [i for i in report.issues if i.focus == TERM]
    assert len(about) == 1, about
    (issue,) = about
    assert (issue.stage, issue.check, issue.level) == ("syntax", "duplicated_id", "error")
    assert issue.file.endswith("evonto-edit.ttl") and issue.line == first
    assert f"at lines {first} and {second}" in issue.message
    assert "IAO:0000115" in issue.message and "rdfs:label" in issue.message
    assert "qc/multiple_labels" in issue.message and "qc/multiple_definitions" in issue.message


def test_a_subject_split_over_blocks_without_clashes_is_not_a_problem(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    edit = project / "ontology" / "evonto-edit.ttl"
    extra = '\nEVONTO:0000027 rdfs:comment "Written in a second block on purpose."@en .\n'
    edit.write_text(edit.read_text(encoding="utf-8") + extra, encoding="utf-8")
    report = validate_project(Project(project), Options(reasoner=False))
    assert [i for i in report.issues if i.focus == TERM] == []


def test_a_table_cell_flagged_twice_is_reported_once(tmp_path: Path) -> None:
    """A claim cited by text only: the table check and SHACL see the same cell."""
    project = fixture_project(tmp_path)
    table = tmp_path / "translational.tsv"
    table.write_text(_text_only_claim(), encoding="utf-8")
    report = validate_paths([table], lambda: Project(project), Options(reasoner=False))
    cell = [i for i in report.issues if i.column == "primary_source"]
    assert [(i.stage, i.check) for i in cell] == [("shacl", "evonto-sh:Claim-source-present")]


def _text_only_claim() -> str:
    from evonto.assertions.columns import TABLES

    columns = [c.name for c in TABLES["translational.tsv"]]
    row = dict.fromkeys(columns, "")
    row.update(
        id="EVBC-T901",
        label="A claim cited by text only",
        summary="A claim whose primary study is cited by text.",
        claim_class="EVONTO:0000097",
        agent_text="an intervention",
        target_text="exosome release",
        citation="Someone A et al., 2020, Some Journal",
        disease="MONDO:0004989",
        evidence="ECO:0000033",
        confidence="high",
        cross_cancer="false",
        contested="false",
    )
    return "\t".join(columns) + "\n" + "\t".join(row[c] for c in columns) + "\n"
