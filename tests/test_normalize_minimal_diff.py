"""A Protégé-style save plus ``normalize`` of a one-term edit is a one-term diff (issue 12.6).

Protégé cannot run here; the OWL API (Debian ``libowlapi-java``, the library Protégé saves with)
re-saves the edit file as Turtle through tests/owlapi/ResaveTurtle.java, resolving imports
through the catalog's local files. The committed edit file is a fixed point of that round trip,
and adding one class changes only that class's block.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from evonto.cli import cli

HERE = Path(__file__).resolve().parent / "owlapi"
OWLAPI = Path("/usr/share/java/owlapi-distribution.jar")
EDIT = Path("ontology") / "evonto-edit.ttl"
NEW = ("https://w3id.org/evonto/EVONTO_0000085", "test child of a breast-cancer EV")
PARENT = "https://w3id.org/evonto/EVONTO_0000004"  # an early block: it moved by 450 lines


@pytest.fixture(scope="module")
def resave(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if not (shutil.which("javac") and OWLAPI.is_file()):
        if os.environ.get("CI"):
            pytest.fail("the OWL API round trip needs javac and libowlapi-java (apt-get install)")
        pytest.skip("javac or Debian libowlapi-java is not installed")
    out = tmp_path_factory.mktemp("owlapi-resave")
    classpath = "/usr/share/java/*"
    subprocess.run(
        ["javac", "-nowarn", "-cp", classpath, "-d", str(out), str(HERE / "ResaveTurtle.java")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return ["java", "-cp", f"{classpath}:{out}", "ResaveTurtle"]


def _protege_save(resave: list[str], project: Path, *added: str) -> None:
    """Save the edit file through the OWL API in place (plus one class when ``added``)."""
    ontology = project / "ontology"
    catalog = (ontology / "catalog-v001.xml").read_text(encoding="utf-8")
    pairs = re.findall(r'name="([^"]+)" uri="([^"]+)"', catalog)
    mapping = project / "catalog-map.tsv"
    mapping.write_text("".join(f"{iri}\t{(ontology / path).resolve()}\n" for iri, path in pairs))
    saved = project / "saved.ttl"
    done = subprocess.run(
        [*resave, str(project / EDIT), str(saved), str(mapping), *added],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "@base" in saved.read_text(encoding="utf-8")  # the OWL API's own layout, not ours
    shutil.move(saved, project / EDIT)


def _normalize(project: Path) -> None:
    result = CliRunner().invoke(cli, ["--project", str(project), "normalize"])
    assert result.exit_code == 0, result.output


def test_a_protege_save_of_the_committed_file_normalizes_back_to_it(resave, project_copy):
    committed = (project_copy / EDIT).read_bytes()
    _protege_save(resave, project_copy)
    assert (project_copy / EDIT).read_bytes() != committed
    _normalize(project_copy)
    assert (project_copy / EDIT).read_bytes() == committed


def test_adding_one_class_is_a_one_term_diff(resave, project_copy):
    committed = (project_copy / EDIT).read_text(encoding="utf-8").splitlines()
    _protege_save(resave, project_copy, NEW[0], NEW[1], PARENT)
    _normalize(project_copy)
    after = (project_copy / EDIT).read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(committed, after, lineterm="", n=0))
    hunks = [line for line in diff if line.startswith("@@")]
    removed = [line for line in diff[2:] if line.startswith("-")]
    added = [line[1:] for line in diff[2:] if line.startswith("+")]
    assert len(hunks) == 1 and removed == [], "\n".join(diff[:60])
    block = [line for line in added if line.strip()]
    assert block == [
        "EVONTO:0000085 a owl:Class ;",
        f'    rdfs:label "{NEW[1]}"@en ;',
        "    rdfs:subClassOf EVONTO:0000004 .",
    ], added
