"""The reasoning stage: HermiT finds data that contradicts the ontology; without Java the
command says so (exit 2) unless --no-reasoner is given; the pre-commit hook runs as declared."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from tests._validate_support import GOOD, ROOT, run_cli

BOTH_ROLES = """\
@prefix EVONTO: <https://w3id.org/evonto/EVONTO_> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/evonto/finding/EVBC-A950> a EVONTO:0000081 , EVONTO:0000082 ;
    rdfs:label "typed with both disjoint roles" .
"""


@pytest.mark.reasoner
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_hermit_finds_an_inconsistency(tmp_path: Path) -> None:
    data = tmp_path / "both_roles.ttl"
    data.write_text(BOTH_ROLES, encoding="utf-8")
    done = run_cli(["validate", str(data)], timeout=900)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "the ontology and data are inconsistent (HermiT) [reasoning/consistency]" in done.stdout
    assert "EVONTO_0000081 disjointWith EVONTO_0000082" in done.stdout
    # without the reasoner the same file passes: only HermiT sees the contradiction
    assert run_cli(["validate", "--no-reasoner", str(data)]).returncode == 0


def test_missing_java_is_reported(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    env = {"PATH": str(bin_dir)}
    done = run_cli(["validate", str(GOOD)], env=env)
    assert done.returncode == 2
    assert "needs Java" in done.stderr and "--no-reasoner" in done.stderr
    assert "Traceback" not in done.stderr


def test_pre_commit_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["evonto-validate"]
    files = re.compile(hook["files"])
    assert files.search("data/finding.ttl") and files.search("ontology/assertions/findings.tsv")
    assert not files.search("ontology/mappings/evonto.sssom.tsv")
    entry = hook["entry"].split()
    assert entry[:2] == ["evonto", "validate"]
    assert run_cli([*entry[1:], "tests/bad_inputs/good_finding.ttl"]).returncode == 0
    assert run_cli([*entry[1:], "tests/bad_inputs/two_roles.ttl"]).returncode == 1
    assert hooks["evonto-validate-project"]["pass_filenames"] is False
