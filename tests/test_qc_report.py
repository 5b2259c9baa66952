"""The project's committed QC report (ontology/reports/qc-report.tsv) is what validate writes
today, byte for byte; after a change to the sources, regenerate it with the command below."""

from __future__ import annotations

from evonto.project import Project
from evonto.validate import Options, validate_project
from evonto.validate.qc_report import COLUMNS, PROJECT_REPORT, REGENERATE, render_tsv
from tests._validate_support import ROOT, run_cli


def test_committed_report_is_up_to_date() -> None:
    report = validate_project(Project(ROOT), Options(reasoner=False))
    committed = (ROOT / PROJECT_REPORT).read_text(encoding="utf-8")
    assert render_tsv(report) == committed, f"the QC report is out of date: run {REGENERATE}"


def test_report_rows_are_stable_and_mark_accepted_problems(tmp_path) -> None:
    out = tmp_path / "report.tsv"
    args = [*REGENERATE.split()[1:-1], str(out)]
    for _ in range(2):
        done = run_cli(args)
        assert done.returncode == 0, done.stderr
        text = out.read_bytes()
        assert text == (ROOT / PROJECT_REPORT).read_bytes()
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.split("\t") == list(COLUMNS)
    cells = [row.split("\t") for row in rows]
    assert all(len(c) == len(COLUMNS) for c in cells)
    assert any(c[6] for c in cells), "accepted problems carry their reason"
    assert all(":" not in c[5] or not c[5].split(":")[-1].isdigit() for c in cells)
