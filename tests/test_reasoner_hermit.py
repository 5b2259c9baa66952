"""HermiT through owlready2: the real release is consistent; failures are named and exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from evonto.build.reasoner import reason
from evonto.cli import cli
from evonto.rdfio import load_graph

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java"),
]

EDIT = Path("ontology") / "evonto-edit.ttl"
# two disjoint roles, a class under both (unsatisfiable), and an individual of it (inconsistent)
UNSATISFIABLE = """
<https://w3id.org/evonto/EVONTO_9999001> a <http://www.w3.org/2002/07/owl#Class> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "both pro- and anti-metastatic"@en ;
    <http://www.w3.org/2000/01/rdf-schema#subClassOf>
        <https://w3id.org/evonto/EVONTO_9999002>, <https://w3id.org/evonto/EVONTO_9999003> .
<https://w3id.org/evonto/EVONTO_9999002> a <http://www.w3.org/2002/07/owl#Class> ;
    <http://www.w3.org/2002/07/owl#disjointWith> <https://w3id.org/evonto/EVONTO_9999003> .
<https://w3id.org/evonto/EVONTO_9999003> a <http://www.w3.org/2002/07/owl#Class> .
"""
INDIVIDUAL = """
<https://w3id.org/evonto/finding/TEST-1> a <https://w3id.org/evonto/EVONTO_9999001> .
"""


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_real_release_is_consistent_with_no_unsatisfiable_class(built_release):
    """The shipped evonto.owl (TBox, imports and findings, punned class IRIs) under HermiT."""
    owl = built_release.files["evonto.owl"]
    report = reason(owl, load_graph(owl))
    assert report.consistent, report.message()
    assert report.unsatisfiable == [], report.message()
    assert report.seconds > 0
    # the findings were reasoned over too: each is a named individual HermiT saw
    findings = built_release.manifest["terms"]["finding"]["individuals"]
    assert findings > 0
    assert report.individuals >= findings
    assert report.classes >= built_release.manifest["terms"]["EVONTO"]["classes"]


def test_unsatisfiable_class_is_named_with_label_and_curie(project_copy):
    with (project_copy / EDIT).open("a") as handle:
        handle.write(UNSATISFIABLE)
    result = CliRunner().invoke(cli, ["--project", str(project_copy), "build"])
    assert result.exit_code == 1, result.output
    assert "unsatisfiable" in result.output
    assert "EVONTO:9999001 'both pro- and anti-metastatic'" in result.output
    assert "Traceback" not in result.output
    assert not (project_copy / "dist").exists()


def test_inconsistency_is_reported_with_an_explanation(project_copy):
    with (project_copy / EDIT).open("a") as handle:
        handle.write(UNSATISFIABLE + INDIVIDUAL)
    result = CliRunner().invoke(cli, ["--project", str(project_copy), "build"])
    assert result.exit_code == 1, result.output
    assert "inconsistent" in result.output
    assert "TEST-1" in result.output  # Pellet's explanation names the individual
    assert "EVONTO_9999002" in result.output and "disjointWith" in result.output


def test_reasoner_failure_leaves_previous_release(project_copy):
    runner = CliRunner()
    first = runner.invoke(cli, ["--project", str(project_copy), "-q", "build", "--no-reasoner"])
    assert first.exit_code == 0, first.output
    before = _files(project_copy / "dist")
    with (project_copy / EDIT).open("a") as handle:
        handle.write(UNSATISFIABLE)
    assert runner.invoke(cli, ["--project", str(project_copy), "build"]).exit_code == 1
    after = _files(project_copy / "dist")
    assert after == before


def test_owl_api_reads_the_rdf_xml_release_directly(built_release):
    """Protégé's parser (the OWL API, inside HermiT.jar) opens evonto.owl as users get it."""
    import subprocess

    from owlready2 import reasoning

    owl = built_release.files["evonto.owl"]
    done = subprocess.run(
        [
            shutil.which("java"),
            "-cp",
            reasoning._HERMIT_CLASSPATH,
            "org.semanticweb.HermiT.cli.CommandLine",
            "-k",
            "-ds<http://purl.obolibrary.org/obo/MONDO_0007254>",
            owl.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "owl#Thing is satisfiable" in done.stdout
    assert "MONDO_0004989" in done.stdout  # breast carcinoma under breast cancer
