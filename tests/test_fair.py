"""``evonto fair``: the project passes every check it can run; a bare ontology fails the right
ones, check by check; the reports (text, JSON, JUnit) and the accepted-gaps file behave.

The checks that need a server run here against nothing listening (they must fail, with the
reason); against a real ``evonto serve`` in ``test_fair_serve.py``.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from evonto.cli import cli

BARE = Path(__file__).resolve().parent / "fixtures" / "fair" / "bare.ttl"
ONLINE = {"CN1", "DOC1", "HTTP1", "URI1", "URI2", "VER2", "DWBP-BP19"}
NETWORK = {"FIND2", "FIND3", "OM4.2"}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-q", "fair", *args], catch_exceptions=False)
    return result.exit_code, result.output


def _checks(*args: str) -> tuple[int, dict[str, dict]]:
    code, out = _run("--format", "json", *args)
    return code, {c["id"]: c for c in json.loads(out)["checks"]}


@pytest.fixture(scope="module")
def project_offline(repo_root: Path) -> tuple[int, dict[str, dict]]:
    return _checks("--no-serve")


@pytest.fixture(scope="module")
def bare() -> tuple[int, dict[str, dict]]:
    return _checks(str(BARE))


def test_the_project_passes_every_check_it_can_run_offline(project_offline) -> None:
    code, checks = project_offline
    assert code == 0
    failed = {i: c["reason"] for i, c in checks.items() if c["status"] == "fail"}
    assert failed == {}
    ran = {i for i, c in checks.items() if c["status"] != "not run"}
    assert ran == set(checks) - ONLINE - NETWORK
    for check in ONLINE:
        assert checks[check]["status"] == "not run"
        assert "needs a server" in checks[check]["reason"]
    for check in NETWORK:
        assert checks[check]["status"] == "not run"
        assert checks[check]["reason"].startswith("not run: needs network")


def test_the_projects_known_gaps_are_accepted_with_their_reason(project_offline) -> None:
    _, checks = project_offline
    accepted = {i for i, c in checks.items() if c["status"] == "accepted"}
    assert accepted == {"OM3", "OM5.2"}
    om3 = checks["OM3"]
    assert (
        set(om3["missing"])
        == {g["part"] for g in om3["accepted"]}
        == {
            "doi",
            "publisher",
            "logo",
            "status",
        }
    )
    assert om3["score"] < 1  # an accepted gap is still missing
    assert all(g["reason"] for g in om3["accepted"])


def test_the_project_states_what_foops_asks_for(project_offline) -> None:
    _, checks = project_offline
    for metric in ("FIND1", "OM1", "OM2", "OM4.1", "OM5.1", "PURL1", "VER1", "VOC3", "VOC4"):
        assert checks[metric]["status"] == "pass", checks[metric]
        assert checks[metric]["score"] == 1
        assert checks[metric]["source"] == f"https://w3id.org/foops/metric/{metric}"
    assert "IAO:0000115" in checks["VOC4"]["notes"][0]  # the deviation from FOOPS! is stated
    for bp in ("DWBP-BP2", "DWBP-BP3", "DWBP-BP4", "DWBP-BP5", "DWBP-BP7", "DWBP-BP10"):
        assert checks[bp]["status"] == "pass", checks[bp]
        assert checks[bp]["source"].startswith("https://www.w3.org/TR/dwbp/#")
    assert checks["DWBP-BP5"]["total"] > 100  # every finding was looked at


EXPECTED_BARE = {
    "FIND1": "fail",
    "OM1": "fail",
    "OM2": "fail",
    "OM3": "fail",
    "OM4.1": "fail",
    "OM5.1": "fail",
    "OM5.2": "fail",
    "PURL1": "fail",
    "RDF1": "pass",
    "VER1": "fail",
    "VOC1": "pass",
    "VOC2": "fail",
    "VOC3": "fail",
    "VOC4": "fail",
    "DWBP-BP2": "fail",
    "DWBP-BP3": "fail",
    "DWBP-BP4": "fail",
    "DWBP-BP5": "not run",
    "DWBP-BP7": "fail",
    "DWBP-BP10": "not run",
    "DWBP-BP11": "fail",
    **dict.fromkeys(ONLINE | NETWORK, "not run"),
}


@pytest.mark.parametrize("check", sorted(EXPECTED_BARE))
def test_a_bare_ontology_fails_the_right_checks(bare, check: str) -> None:
    code, checks = bare
    assert code == 1
    assert checks[check]["status"] == EXPECTED_BARE[check], checks[check]


def test_a_bare_ontology_is_told_what_is_missing(bare) -> None:
    _, checks = bare
    assert set(checks["OM1"]["missing"]) == {
        "description",
        "license",
        "version iri",
        "author",
        "creation date",
        "namespace URI",
    }
    assert checks["OM1"]["passed"] == 1 and checks["OM1"]["total"] == 7  # the title is there
    assert checks["VOC3"]["missing"] == ["http://example.org/bare#Unlabelled"]
    assert (checks["VOC3"]["passed"], checks["VOC3"]["total"]) == (1, 2)
    assert "example.org" in checks["PURL1"]["reason"]
    assert "--base-url" in checks["CN1"]["reason"]  # a file has no server: say how to name one


def test_server_checks_fail_with_the_reason_when_nothing_answers() -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, checks = _checks("--base-url", f"http://127.0.0.1:{port}/", "--timeout", "5")
    assert code == 1
    for check in ONLINE:
        assert checks[check]["status"] == "fail", checks[check]
    assert "Connection" in checks["URI1"]["reason"]


def test_text_and_junit_reports(bare) -> None:
    code, text = _run(str(BARE))
    assert code == 1
    assert "FAIL      OM1" in text
    assert "see https://w3id.org/foops/metric/OM1" in text
    assert "not run: needs network" in text
    assert text.rstrip().endswith("evonto fair: FAILED")
    code, xml = _run("--format", "junit", str(BARE))
    root = ET.fromstring(xml)
    _, checks = bare
    statuses = [c["status"] for c in checks.values()]
    assert int(root.get("tests")) == len(checks)
    assert int(root.get("failures")) == statuses.count("fail")
    assert int(root.get("skipped")) == statuses.count("not run")
    names = {case.get("name").split()[0] for case in root.iter("testcase")}
    assert names == set(checks)


def test_the_report_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert _run("--format", "json", "-o", str(first), str(BARE))[0] == 1
    assert _run("--format", "json", "-o", str(second), str(BARE))[0] == 1
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("OM3\tdoi\tno DOI\n", "the header must be"),
        ("check\tpart\treason\nXYZ9\tdoi\tno DOI\n", "unknown check 'XYZ9'"),
        ("check\tpart\treason\nOM3\tdoi\n", "expected 3 tab-separated cells"),
    ],
)
def test_a_bad_gaps_file_is_a_usage_error(tmp_path: Path, content: str, message: str) -> None:
    gaps = tmp_path / "gaps.tsv"
    gaps.write_text(content, encoding="utf-8")
    code, out = _run("--no-serve", "--exceptions", str(gaps))
    assert code == 2
    assert message in out and "gaps.tsv" in out and "Traceback" not in out


def test_a_gap_that_matches_nothing_is_reported(tmp_path: Path) -> None:
    gaps = tmp_path / "gaps.tsv"
    gaps.write_text("check\tpart\treason\nOM1\tlicense\tnot needed\n", encoding="utf-8")
    code, out = _run("--format", "json", "--no-serve", "--exceptions", str(gaps))
    doc = json.loads(out)
    assert doc["unused_gaps"] == [
        {"check": "OM1", "part": "license", "reason": "not needed", "line": 2}
    ]
    assert code == 1  # this file does not accept the project's own OM3 and OM5.2 gaps


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <http://x/> .\n:a :b", encoding="utf-8")
    code, out = _run(str(broken))
    assert code == 2 and "broken.ttl" in out and "Traceback" not in out
    assert _run(str(tmp_path / "missing.ttl"))[0] == 2


def test_the_issue_date_is_the_date_of_the_dated_version(repo_root: Path) -> None:
    """OM3/OM5.2 read dcterms:issued: the edit file must move it with each release's version."""
    import rdflib

    from evonto.prefixes import ONTOLOGY_IRI

    edit = rdflib.Graph().parse(repo_root / "ontology" / "evonto-edit.ttl")
    header = rdflib.URIRef(ONTOLOGY_IRI)
    version = str(edit.value(header, rdflib.OWL.versionIRI)).split("/releases/")[1].split("/")[0]
    issued = edit.value(header, rdflib.DCTERMS.issued)
    assert issued is not None and issued.datatype == rdflib.XSD.date
    assert str(issued) == version == str(edit.value(header, rdflib.OWL.versionInfo))


def test_a_base_url_that_is_not_http_is_a_usage_error() -> None:
    code, out = _run("--base-url", "ftp://example.org/", str(BARE))
    assert code == 2 and "--base-url" in out and "Traceback" not in out
