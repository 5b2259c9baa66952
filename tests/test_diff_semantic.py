"""``evonto diff OLD NEW``: every kind of change is reported, as Markdown, from files, release
folders and project checkouts; identical inputs report no difference; bad input exits 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib

from evonto.diff import load_side, semantic_diff
from evonto.prefixes import bind_all, sparql_prologue
from tests._validate_support import FIXTURES, GOOD, ROOT, run_cli

CHANGES = """
DELETE { EVONTO:0000028 rdfs:label ?l }
  INSERT { EVONTO:0000028 rdfs:label "integrin cargo protein" }
  WHERE { EVONTO:0000028 rdfs:label ?l } ;
DELETE { EVONTO:0000027 obo:IAO_0000115 ?d }
  INSERT { EVONTO:0000027 obo:IAO_0000115 "Cargo that is a protein or a peptide." }
  WHERE { EVONTO:0000027 obo:IAO_0000115 ?d } ;
INSERT DATA { EVONTO:0000040 rdfs:subClassOf obo:GO_0006954 } ;
INSERT DATA { EVONTO:0000097 owl:deprecated true ; obo:IAO_0100001 EVONTO:0000096 } ;
DELETE WHERE { EVONTO:0000093 ?p ?o } ;
INSERT DATA { EVONTO:0000600 a owl:Class ; rdfs:label "newly added class" } ;
DELETE WHERE { finding:EVBC-A004 ?p ?o } ;
INSERT DATA { finding:EVBC-A005 a EVONTO:0000091 ; rdfs:label "a new finding" } ;
DELETE DATA { finding:EVBC-A001 EVONTO:0000208 EVONTO:0000081 } ;
INSERT DATA { finding:EVBC-A001 EVONTO:0000208 EVONTO:0000082 }
"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("diff")
    graph = bind_all(rdflib.Graph())
    graph.parse(FIXTURES / "ontology.ttl")
    graph.parse(GOOD)
    old = folder / "old.ttl"
    graph.serialize(old, format="turtle")
    graph.update(sparql_prologue() + CHANGES)
    new = folder / "new.ttl"
    graph.serialize(new, format="turtle")
    return old, new


def test_every_kind_of_change(versions: tuple[Path, Path]) -> None:
    diff = semantic_diff(load_side(versions[0]), load_side(versions[1]))
    curie = "https://w3id.org/evonto/EVONTO_"
    assert [c.iri for c in diff.added] == [curie + "0000600"]
    assert [c.iri for c in diff.removed] == [curie + "0000093"]
    assert [(c.old, c.new) for c in diff.relabelled] == [
        ("integrin cargo", "integrin cargo protein")
    ]
    assert [c.iri for c in diff.redefined] == [curie + "0000027"]
    assert [(c.iri, c.new) for c in diff.reparented] == [
        (curie + "0000040", "`GO:0006954` inflammatory response, `GO:0008150` biological_process")
    ]
    assert [(c.iri, c.new) for c in diff.deprecated] == [
        (curie + "0000097", "`EVONTO:0000096` therapeutic strategy claim")
    ]
    assert [c.iri.rsplit("/", 1)[1] for c in diff.findings_added] == ["EVBC-A005"]
    assert [c.iri.rsplit("/", 1)[1] for c in diff.findings_removed] == ["EVBC-A004"]
    (changed,) = diff.findings_changed
    assert changed.slots == {
        curie + "0000208": ([curie + "0000081"], [curie + "0000082"]),
    }


def test_markdown_from_the_command(versions: tuple[Path, Path]) -> None:
    done = run_cli(["diff", str(versions[0]), str(versions[1])])
    assert done.returncode == 0, done.stderr
    text = done.stdout
    for heading in (
        "## Terms added (1)",
        "## Terms removed (1)",
        "## Terms relabelled (1)",
        "## Terms redefined (1)",
        "## Terms reparented (1)",
        "## Terms deprecated (1)",
        "## Findings added (1)",
        "## Findings removed (1)",
        "## Findings changed (1)",
    ):
        assert heading in text
    assert (
        "| `EVONTO:0000028` | integrin cargo protein | integrin cargo | integrin cargo protein |"
        in text
    )
    assert (  # every ID with its label
        "- `EVONTO:0000208` has metastatic role: removed `EVONTO:0000081` pro-metastatic role; "
        "added `EVONTO:0000082` anti-metastatic role" in text
    )


def test_identical_versions(versions: tuple[Path, Path]) -> None:
    done = run_cli(["diff", str(versions[0]), str(versions[0])])
    assert done.returncode == 0
    assert "No semantic differences" in done.stdout


def test_output_file(versions: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "diff.md"
    done = run_cli(["diff", "--output", str(out), str(versions[0]), str(versions[1])])
    assert done.returncode == 0 and done.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# evonto diff:")
    assert [p.name for p in tmp_path.iterdir()] == ["diff.md"]


def test_bad_input_is_located(tmp_path: Path, versions: tuple[Path, Path]) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    done = run_cli(["diff", str(versions[0]), str(broken)])
    assert done.returncode == 2
    assert "broken.ttl:1:" in done.stderr
    assert "Traceback" not in done.stderr
    done = run_cli(["diff", str(versions[0]), str(tmp_path)])
    assert done.returncode == 2 and "not a release folder" in done.stderr


def test_project_checkout_against_itself(tmp_path: Path) -> None:
    """A checkout is compared through the loader (findings from the TSV tables included)."""
    copy = tmp_path / "copy"
    for name in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / name, copy / name)
    table = copy / "ontology" / "assertions" / "findings.tsv"
    lines = table.read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    cells = lines[2].split("\t")
    old_label = cells[header.index("label")]
    cells[header.index("label")] = "a relabelled first finding"
    lines[2] = "\t".join(cells)
    table.write_text("\n".join(lines), encoding="utf-8")
    done = run_cli(["diff", str(ROOT), str(copy)], timeout=600)
    assert done.returncode == 0, done.stderr
    assert "## Findings changed (1)" in done.stdout
    assert "a relabelled first finding" in done.stdout and old_label in done.stdout
    assert "## Terms" not in done.stdout
