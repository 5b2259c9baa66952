"""A CI user's own findings: ``evonto init``, their namespaces and terms (options and
``[tool.evonto]``), folders as arguments, and what a wrong kind of term is called."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._validate_support import ROOT, run_cli

NAMESPACE = "https://example.org/myproject/"


def _validate(here: Path, *args: str):
    return run_cli(["--project", str(ROOT), "validate", "--no-reasoner", *args], cwd=here)


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """The files of ``evonto init``, in a folder of their own."""
    done = run_cli(["init", str(tmp_path / "mine")], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "mine"


def test_init_writes_a_clean_starting_point(starter: Path) -> None:
    assert sorted(p.name for p in starter.iterdir()) == [
        "findings.ttl",
        "pyproject.toml",
        "terms.tsv",
    ]
    assert f"@prefix ex: <{NAMESPACE}>" in (starter / "findings.ttl").read_text()
    done = _validate(starter, "--fail-on", "warn", "findings.ttl")
    assert done.returncode == 0, done.stdout
    assert "passed: 0 error(s), 0 warning(s), 0 info" in done.stdout


def test_init_never_overwrites(starter: Path) -> None:
    (starter / "findings.ttl").write_text("mine", encoding="utf-8")
    (starter / "terms.tsv").unlink()  # one file taken is enough to write none
    before = {p.name: p.read_bytes() for p in starter.iterdir()}
    done = run_cli(["init", str(starter)], cwd=starter.parent)
    assert done.returncode == 2
    assert "mine/findings.ttl: already there; nothing written" in done.stderr
    assert {p.name: p.read_bytes() for p in starter.iterdir()} == before


def test_init_keeps_an_existing_pyproject_and_prints_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    done = run_cli(["init", "--namespace", "https://example.com/lab#"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pyproject.toml").read_text() == '[project]\nname = "x"\n'
    assert 'namespaces = ["https://example.com/lab#"]' in done.stderr
    assert "@prefix ex: <https://example.com/lab#>" in (tmp_path / "findings.ttl").read_text()


def test_init_refuses_a_namespace_that_is_no_iri(tmp_path: Path) -> None:
    done = run_cli(["init", "--namespace", "myproject"], cwd=tmp_path)
    assert done.returncode == 2
    assert "namespace 'myproject' is not an absolute IRI" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_without_the_declarations_the_same_file_is_reported(starter: Path) -> None:
    (starter / "pyproject.toml").write_text("", encoding="utf-8")  # no [tool.evonto]
    done = _validate(starter, "findings.ttl")
    assert done.returncode == 1
    assert "Finding uses an undeclared term" in done.stdout
    assert "integrin-lung-niche-priming" in done.stdout
    assert "IRI outside the known namespaces" in done.stdout
    # the bracket no longer repeats the subject itself
    assert f"namespaces: {NAMESPACE}F0001 (rdf:type" not in done.stdout
    options = ("--namespace", NAMESPACE, "--terms", "terms.tsv", "--fail-on", "warn")
    done = _validate(starter, *options, "findings.ttl")
    assert done.returncode == 0, done.stdout


def test_terms_as_a_turtle_module(starter: Path) -> None:
    (starter / "pyproject.toml").write_text(
        f'[tool.evonto]\nnamespaces = ["{NAMESPACE}"]\nterms = ["terms.ttl"]\n', encoding="utf-8"
    )
    (starter / "terms.ttl").write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<{NAMESPACE}integrin-lung-niche-priming> a owl:Class ;\n"
        '    rdfs:label "integrin-directed lung niche priming"@en ;\n'
        "    rdfs:subClassOf <https://w3id.org/evonto/EVONTO_0000040> .\n",
        encoding="utf-8",
    )
    done = _validate(starter, "--format", "json", "--fail-on", "warn", ".")
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["inputs"] == ["findings.ttl"]  # terms: not data


def test_a_bad_terms_list_is_located(starter: Path) -> None:
    (starter / "terms.tsv").write_text("id\tlabel\tparent\nfoo:bar\tx\t\n", encoding="utf-8")
    done = _validate(starter, "findings.ttl")
    assert done.returncode == 2
    assert "terms.tsv:2:id: error: terms list: 'foo:bar' is not an IRI or a CURIE" in done.stdout


def test_a_misspelt_config_key_is_named(starter: Path) -> None:
    (starter / "pyproject.toml").write_text('[tool.evonto]\nnamespace = ["x"]\n', encoding="utf-8")
    done = _validate(starter, "findings.ttl")
    assert done.returncode == 2
    assert "unknown key 'namespace'; did you mean 'namespaces'?" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_uberon_term_in_the_disease_slot_is_the_wrong_kind(starter: Path) -> None:
    text = (starter / "findings.ttl").read_text()
    (starter / "findings.ttl").write_text(
        text.replace("EVONTO:0000209 obo:MONDO_0004989", "EVONTO:0000209 obo:UBERON_0002048")
    )
    done = _validate(starter, "findings.ttl")
    assert done.returncode == 1
    assert (
        "takes one MONDO disease class (MONDO:0000001 or below) (value: UBERON:0002048 'lung')"
        in done.stdout
    )
    assert "Cross-cancer" not in done.stdout


def test_a_folder_is_every_rdf_file_below_it(starter: Path) -> None:
    nested = starter / "more" / "deeper"
    nested.mkdir(parents=True)
    text = (starter / "findings.ttl").read_text()
    text = text.replace("ex:F0001", "ex:F0002").replace("readies the lung", "primes the lung")
    (nested / "second.ttl").write_text(text, encoding="utf-8")
    (starter / ".git").mkdir()
    (starter / ".git" / "junk.ttl").write_text("not turtle", encoding="utf-8")
    (starter / "notes.txt").write_text("not RDF", encoding="utf-8")
    (starter / "package.json").write_text("{}", encoding="utf-8")
    done = _validate(starter, "--format", "json", "--fail-on", "warn", ".")
    assert done.returncode == 0, done.stdout
    inputs = json.loads(done.stdout)["inputs"]
    assert inputs == ["findings.ttl", "more/deeper/second.ttl"]  # sorted; no terms, .git, json
    (nested / "second.ttl").write_text(
        text.replace("EVONTO:0000208 EVONTO:0000081", "EVONTO:0000208 EVONTO:0000040"),
        encoding="utf-8",
    )
    done = _validate(starter, ".")
    assert done.returncode == 1
    assert "more/deeper/second.ttl:14: error:" in done.stdout
    assert "has metastatic role (EVONTO:0000208)" in done.stdout


def test_the_pyproject_next_to_the_files_counts(starter: Path) -> None:
    """From the repository root, ``evonto validate mine/`` reads ``mine/pyproject.toml``."""
    done = _validate(starter.parent, "--fail-on", "warn", "mine/findings.ttl")
    assert done.returncode == 0, done.stdout


def test_a_folder_without_rdf_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("hello", encoding="utf-8")
    done = _validate(tmp_path, ".")
    assert done.returncode == 2
    assert "folder holds no RDF file" in done.stderr
