"""``evonto fair`` against the real ``evonto serve`` it starts: after ``evonto build``, the
content-negotiation checks (CN1, DOC1, HTTP1, URI1, URI2, VER2, DWBP-BP19) all pass, over real
HTTP on 127.0.0.1, and the server is gone when the run ends."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ONLINE = ("CN1", "DOC1", "HTTP1", "URI1", "URI2", "VER2", "DWBP-BP19")


@pytest.fixture(scope="module")
def built_project(tmp_path_factory, built_release, copy_sources) -> Path:
    root = copy_sources(tmp_path_factory.mktemp("fair") / "project")
    shutil.copytree(built_release.dir, root / "dist")
    return root


def _fair(built_project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "evonto",
            "--project",
            str(built_project),
            "-q",
            "fair",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="module")
def served_run(built_project: Path) -> dict:
    done = _fair(built_project)
    assert done.returncode in (0, 1), done.stderr
    return {"code": done.returncode, "doc": json.loads(done.stdout), "text": done.stdout}


def test_the_built_project_passes_every_check_it_can_run(served_run) -> None:
    checks = {c["id"]: c for c in served_run["doc"]["checks"]}
    failed = {i: c["reason"] for i, c in checks.items() if c["status"] == "fail"}
    assert failed == {}
    assert served_run["code"] == 0
    not_run = {i for i, c in checks.items() if c["status"] == "not run"}
    assert not_run == {"FIND2", "FIND3", "OM4.2"}  # the registry and web look-ups only


@pytest.mark.parametrize("check", ONLINE)
def test_content_negotiation_checks_pass_against_serve(served_run, check: str) -> None:
    result = next(c for c in served_run["doc"]["checks"] if c["id"] == check)
    assert result["status"] == "pass", result
    assert result["score"] == 1, result


def test_the_server_is_stopped_when_the_run_ends(served_run, built_project: Path) -> None:
    assert served_run["doc"]["server"] == "evonto serve on 127.0.0.1, started for this run"
    left = subprocess.run(
        ["pgrep", "-f", "--", str(built_project)], capture_output=True, check=False
    )
    assert left.stdout == b"", left.stdout  # neither serve nor its Oxigraph child is left


def test_the_served_report_is_byte_identical_run_to_run(served_run, built_project: Path) -> None:
    again = _fair(built_project)
    assert again.returncode == served_run["code"]
    assert again.stdout == served_run["text"]
