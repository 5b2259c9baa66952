"""``evonto validate`` on the real project: it passes, and pyshacl run directly with the same
shapes and data finds exactly what validate's SHACL stage reports."""

from __future__ import annotations

import shutil

import pyshacl
import pytest
import rdflib

from evonto.project import Project
from evonto.sources import load_sources
from evonto.validate import Options, validate_project
from evonto.validate.shacl import load_shapes, named_shapes, short_shape
from tests._validate_support import ROOT, run_cli

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
LEVEL = {SH.Violation: "error", SH.Warning: "warn", SH.Info: "info"}


@pytest.fixture(scope="module")
def report():
    return validate_project(Project(ROOT), Options(reasoner=False))


def test_project_validates_clean() -> None:
    done = run_cli(["validate", "--no-reasoner"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "passed" in done.stdout


def test_every_stage_ran(report) -> None:
    stages = {run.name: run for run in report.stages}
    assert list(stages) == ["syntax", "references", "reasoning", "shacl", "qc"]
    assert stages["reasoning"].status == "skipped"
    assert all(stages[s].status == "run" for s in ("syntax", "references", "shacl", "qc"))
    assert any(c.endswith("findings.tsv") for c in stages["syntax"].checks)
    assert len(stages["qc"].checks) >= 40


def test_pyshacl_directly_agrees(report) -> None:
    """Same shapes, same data (the merged graph), plain pyshacl: same focus nodes and shapes."""
    project = Project(ROOT)
    data = load_sources(project).merged()
    shapes = load_shapes(project.shapes_dir)
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False
    )
    owners = named_shapes(shapes)
    direct = set()
    for r in results.objects(None, SH.result):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        source = results.value(r, SH.sourceShape)
        text = f"<{source}>" if isinstance(source, rdflib.URIRef) else f"_:{source}"
        owner = owners.get(text, text)
        check = short_shape(owner[1:-1]) if owner.startswith("<") else owner
        direct.add(
            (
                str(focus) if isinstance(focus, rdflib.URIRef) else None,
                str(path) if isinstance(path, rdflib.URIRef) else None,
                check,
                LEVEL[results.value(r, SH.resultSeverity)],
            )
        )
    reported = [*report.issues, *(a.issue for a in report.accepted)]
    ours = {(i.focus, i.path, i.check, i.level) for i in reported if i.stage == "shacl"}
    assert ours == direct


def test_project_problems_are_located(report) -> None:
    for issue in report.issues:
        if issue.stage in ("shacl", "qc", "references") and issue.focus:
            assert issue.file and issue.line, issue


def test_release_file_validates_like_the_project(built_release, report) -> None:
    """The built release, validated as a file, has the same SHACL and QC findings."""
    from evonto.validate import validate_paths

    exceptions = ROOT / "ontology" / "qc-exceptions.tsv"
    release = validate_paths(
        [built_release.files["evonto.ttl"]],
        lambda: Project(ROOT),
        Options(reasoner=False, exceptions=exceptions),
    )
    assert release.exit_code() == 0

    def keys(r):
        reported = [*r.issues, *(a.issue for a in r.accepted)]
        return {
            (i.stage, i.check, i.focus, i.level) for i in reported if i.stage in ("shacl", "qc")
        }

    assert keys(release) == keys(report)


@pytest.mark.reasoner
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_project_validates_with_hermit() -> None:
    done = run_cli(["validate", "--format", "json"], timeout=900)
    assert '"name": "reasoning"' in done.stdout
    assert "HermiT: consistent, 0 unsatisfiable classes" in done.stdout
    assert done.returncode == 0, done.stdout[-3000:]


def test_project_reports_render(report) -> None:
    """The project's own report as JSON (schema-valid) and JUnit (parsed), every check listed."""
    import json
    from xml.etree import ElementTree as ET

    import jsonschema

    from evonto.validate.formatters import render_json, render_junit

    schema = json.loads((ROOT / "src/evonto/validate/report.schema.json").read_text())
    doc = json.loads(render_json(report))
    jsonschema.validate(doc, schema)
    assert doc["summary"]["error"] == 0
    suites = {s.get("name"): s for s in ET.fromstring(render_junit(report)).findall("testsuite")}
    assert int(suites["qc"].get("tests")) >= 30
    assert int(suites["shacl"].get("tests")) >= 40
    assert all(int(s.get("failures")) == 0 for s in suites.values())
