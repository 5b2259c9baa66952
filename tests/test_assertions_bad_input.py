"""Bad curator input: one fixture per check, each problem located as <table>:<row>:<column>."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from evonto.assertions import AssertionProblems, check_tsv, compile_tables
from evonto.assertions.compile import table_kind
from evonto.errors import Location
from evonto.project import Project
from evonto.sources import load_sources

FIXTURES = Path(__file__).parent / "fixtures" / "assertions"
ROOT = Path(__file__).resolve().parents[1]


def _expected() -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with (FIXTURES / "expected-problems.txt").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            found[row["fixture"]].append((row["level"], row["problem"]))
    return found


EXPECTED = _expected()
BAD = sorted(EXPECTED)


@pytest.fixture(scope="module")
def ontology():
    return load_sources(Project.locate(ROOT), assertions=False).ontology()


def _lines(path: Path, ontology) -> list[tuple[str, str]]:
    kind = table_kind(path)
    return [
        (p.level, f"{Location(kind, p.location.line, p.location.column)}: {p.message}")
        for p in check_tsv(path, ontology)
    ]


def test_every_fixture_is_catalogued():
    on_disk = {p.name for p in FIXTURES.glob("*.tsv")}
    assert set(BAD) <= on_disk
    assert on_disk - set(BAD) == {"good.findings.tsv", "bom_crlf.findings.tsv"}


@pytest.mark.parametrize("name", BAD)
def test_fixture_reports_exactly_its_problems(name: str, ontology):
    assert _lines(FIXTURES / name, ontology) == EXPECTED[name]


def test_all_problems_are_reported_at_once(ontology):
    lines = _lines(FIXTURES / "several_problems.findings.tsv", ontology)
    columns = [text.split(": ", 1)[0] for _, text in lines]
    assert columns == [
        "findings.tsv:4:id",
        "findings.tsv:4:target_organ",
        "findings.tsv:4:site",
        "findings.tsv:4:primary_source",
    ]


def test_compile_raises_with_every_error_and_exit_code_1(ontology):
    with pytest.raises(AssertionProblems) as info:
        compile_tables([FIXTURES / "several_problems.findings.tsv"], ontology)
    assert info.value.exit_code == 1
    assert len(info.value.problems) == 4
    assert "several_problems.findings.tsv:4:primary_source" in str(info.value)


def test_bom_and_crlf_are_accepted_and_compile_like_plain_utf8(ontology):
    plain = compile_tables([FIXTURES / "good.findings.tsv"], ontology)
    windows = compile_tables([FIXTURES / "bom_crlf.findings.tsv"], ontology)
    raw = (FIXTURES / "bom_crlf.findings.tsv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert len(plain) > 0
    assert set(plain) == set(windows)


def test_claims_without_primary_source_are_warnings_not_errors(ontology):
    problems = check_tsv(FIXTURES / "wrong_claim_class.translational.tsv", ontology)
    assert [p.level for p in problems] == ["warn", "error"]


def _break_project(project: Path, column: str, value: str, row: str = "EVBC-A031") -> None:
    path = project / "ontology" / "assertions" / "findings.tsv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0] == row:
            cells[header.index(column)] = value
            lines[i] = "\t".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_cli_build_reports_broken_row_with_exit_1_and_writes_nothing(project_copy: Path):
    from evonto.cli import cli

    _break_project(project_copy, "target_organ", "UBRON:0002481")
    _break_project(project_copy, "primary_source", "")
    line = next(
        n
        for n, text in enumerate(
            (project_copy / "ontology/assertions/findings.tsv").read_text().split("\n"), 1
        )
        if text.startswith("EVBC-A031\t")
    )
    out = project_copy / "dist"
    result = CliRunner().invoke(
        cli, ["--project", str(project_copy), "build", "--no-reasoner", "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert f"findings.tsv:{line}:target_organ" in result.output
    assert f"findings.tsv:{line}:primary_source" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_stray_table_in_the_assertions_folder_is_reported(project_copy: Path, ontology):
    from evonto.assertions import check_project

    (project_copy / "ontology/assertions/notes.tsv").write_text("id\tnote\n", encoding="utf-8")
    problems = check_project(Project.locate(project_copy), ontology)
    errors = [p for p in problems if p.level == "error"]
    assert len(errors) == 1
    assert errors[0].location.file.endswith("notes.tsv")
    assert errors[0].message.startswith("unknown assertion table")
