"""``evonto validate`` as users run it: formats (JSON against its schema, JUnit parsed as XML),
--output, --fail-on, located problems in Turtle and TSV, progress only on a terminal."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from evonto.validate.qc import load_checks
from tests._terminal import stderr_on_terminal
from tests._validate_support import GOOD, ROOT, fixture_project, run_cli

SCHEMA = json.loads(
    (ROOT / "src" / "evonto" / "validate" / "report.schema.json").read_text(encoding="utf-8")
)
BAD = ROOT / "tests" / "bad_inputs"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("cli"))


def _validate(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(["--project", str(project), "validate", "--no-reasoner", *args])


def _validate_real(*args: str) -> subprocess.CompletedProcess[str]:
    """Against the real project's ontology (the catalogue files use its terms)."""
    return run_cli(["validate", "--no-reasoner", *args])


def test_json_report_matches_its_schema(project: Path) -> None:
    bad = BAD / "two_roles.ttl"
    done = _validate(project, "--format", "json", str(bad), str(GOOD))
    assert done.returncode == 1, done.stderr
    doc = json.loads(done.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["summary"]["exit_code"] == 1
    assert [s["name"] for s in doc["stages"]] == [
        "syntax",
        "references",
        "reasoning",
        "shacl",
        "qc",
    ]
    problem = next(p for p in doc["problems"] if p["check"] == "evonto-sh:Finding-role")
    assert problem["level"] == "error"
    assert problem["focus"] == "https://w3id.org/evonto/finding/EVBC-A901"
    assert problem["location"]["file"].endswith("two_roles.ttl")
    assert problem["location"]["line"] == 12  # the line where the finding's subject starts


def test_json_of_unreadable_input_matches_schema(project: Path) -> None:
    done = _validate(project, "--format", "json", str(BAD / "turtle_malformed.ttl"))
    assert done.returncode == 2
    doc = json.loads(done.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["summary"]["unreadable"] == ["tests/bad_inputs/turtle_malformed.ttl"]
    assert doc["problems"][0]["location"] == {
        "file": "tests/bad_inputs/turtle_malformed.ttl",
        "line": 15,
        "column": 1,
    }


def test_schema_rejects_a_broken_report() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": "evonto-validate-report", "format_version": 1}, SCHEMA)


def test_junit_parses_with_one_testcase_per_check(project: Path) -> None:
    done = _validate(project, "--format", "junit", str(BAD / "cross_cancer_not_flagged.ttl"))
    assert done.returncode == 1
    root = ET.fromstring(done.stdout)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["syntax", "references", "reasoning", "shacl", "qc"]
    qc_cases = {c.get("name"): c for c in suites["qc"].findall("testcase")}
    qc_names = {c.name for c in load_checks(ROOT / "queries" / "qc") if c.stage == "qc"}
    assert set(qc_cases) == qc_names
    failed = qc_cases["cross_cancer_finding_not_flagged"].find("failure")
    assert failed is not None and "EVBC-A901" in failed.get("message")
    assert suites["reasoning"].find("testcase/skipped") is not None
    total = sum(int(s.get("tests")) for s in suites.values())
    assert int(root.get("tests")) == total
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites.values()) >= 1


def test_output_file_is_written_whole(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "validate.xml"
    out.parent.mkdir()
    out.write_text("old report")
    done = _validate(project, "--format", "junit", "--output", str(out), str(GOOD))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    ET.fromstring(out.read_text(encoding="utf-8"))
    assert "report written to" in done.stderr
    assert [p.name for p in out.parent.iterdir()] == ["validate.xml"]  # no temporary left


def test_output_to_a_pipe_streams_into_it_and_leaves_it_a_pipe(
    project: Path, tmp_path: Path
) -> None:
    """``--output /dev/null`` or a FIFO: written into, never replaced by a regular file (as
    root, a rename over /dev/null would have replaced the device for the whole machine)."""
    import os
    import stat
    import threading

    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = _validate(project, "--format", "json", "--output", str(fifo), str(GOOD))
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["summary"]["exit_code"] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["report.pipe"]  # no temporary beside it


def test_fail_on_levels() -> None:
    warn_only = str(BAD / "warning_only.ttl")
    assert _validate_real(warn_only).returncode == 0
    assert _validate_real("--fail-on", "warn", warn_only).returncode == 1
    assert _validate_real("--fail-on", "none", str(BAD / "two_roles.ttl")).returncode == 0
    # unreadable input is exit 2 whatever --fail-on says
    assert _validate_real("--fail-on", "none", str(BAD / "empty.ttl")).returncode == 2


def test_text_groups_by_file_and_points_at_lines() -> None:
    done = _validate_real(str(BAD / "two_roles.ttl"), str(BAD / "wrong_id_pattern.ttl"))
    lines = done.stdout.splitlines()
    assert "tests/bad_inputs/two_roles.ttl" in lines
    assert "tests/bad_inputs/wrong_id_pattern.ttl" in lines
    assert lines.index("tests/bad_inputs/two_roles.ttl") < lines.index(
        "tests/bad_inputs/wrong_id_pattern.ttl"
    )
    first_file = lines[: lines.index("tests/bad_inputs/wrong_id_pattern.ttl")]
    assert all("two_roles.ttl" in line for line in first_file if line.strip())
    assert any(line.startswith("  tests/bad_inputs/two_roles.ttl:12: error:") for line in lines)
    assert "FAILED" in done.stdout


def test_tsv_problems_point_at_row_and_column(tmp_path: Path) -> None:
    """A compiled finding's SHACL/QC problem points back to its TSV row and column."""
    lines = (BAD / "tsv_good" / "findings.tsv").read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    cells = lines[2].split("\t")
    cells[header.index("disease")] = "MONDO:0004992"  # cancer: not breast, yet not flagged
    folder = tmp_path / "t"
    folder.mkdir()
    table = folder / "findings.tsv"
    table.write_text("\n".join([lines[0], lines[1], "\t".join(cells), ""]), encoding="utf-8")
    done = run_cli(["validate", "--no-reasoner", "--format", "json", str(table)])
    assert done.returncode == 1, done.stdout + done.stderr
    doc = json.loads(done.stdout)
    hit = next(p for p in doc["problems"] if p["check"] == "cross_cancer_finding_not_flagged")
    assert hit["location"]["line"] == 3
    assert hit["location"]["column"] == "disease"


def test_same_input_same_report() -> None:
    args = ["--format", "json", str(BAD / "two_roles.ttl"), str(BAD / "wrong_id_pattern.ttl")]
    assert _validate_real(*args).stdout == _validate_real(*args).stdout


def test_no_progress_when_not_a_terminal(project: Path) -> None:
    done = _validate(project, str(GOOD))
    assert done.stderr == ""


def test_progress_on_a_terminal_unless_quiet(project: Path) -> None:
    def stderr_of(*extra: str) -> str:
        args = [*extra, "--project", str(project), "validate", "--no-reasoner", str(GOOD)]
        return stderr_on_terminal(args, cwd=ROOT, timeout=300)[1]

    assert "validating" in stderr_of()
    assert "validating" not in stderr_of("--quiet")
