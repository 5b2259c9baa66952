"""``evonto query`` on the embedded store, with a tiny release in the shape of DESIGN §5."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from _query_support import MINI_RELEASE, ROOT
from click.testing import CliRunner

from evonto.cli import cli


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A project folder whose dist/ holds the mini release (no examples.ttl: made on demand)."""
    project = tmp_path / "project"
    (project / "ontology").mkdir(parents=True)
    shutil.copy(ROOT / "ontology" / "evonto-edit.ttl", project / "ontology")
    shutil.copytree(ROOT / "queries", project / "queries")
    (project / "dist").mkdir()
    shutil.copy(MINI_RELEASE, project / "dist" / "evonto.ttl")
    return project


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), "query", *args])


def test_table_with_default_parameter(mini: Path) -> None:
    result = run(mini, "organotropism/cargo-by-organ")
    assert result.exit_code == 0, result.output
    assert "finding:EVBC-A001" in result.output and "ITGB4" in result.output
    assert "finding:EVBC-A008" not in result.output  # brain, not lung
    assert result.output.rstrip().endswith("(3 rows)")


def test_parameter_changes_the_answer(mini: Path) -> None:
    result = run(mini, "cargo-by-organ", "--param", "organ=UBERON:0000955", "-f", "curie-csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["finding"], r["cargo"]) for r in table] == [
        ("finding:EVBC-A008", "mirbase.mature:MIMAT0000421")
    ]


def test_json_is_sparql_results(mini: Path) -> None:
    result = run(mini, "provenance/species-counts", "--format", "json")
    document = json.loads(result.output)
    assert document["head"]["vars"] == ["species", "speciesLabel", "findings"]
    first = document["results"]["bindings"][0]
    assert first["species"] == {
        "type": "uri",
        "value": "http://purl.obolibrary.org/obo/NCBITaxon_9606",
    }
    assert first["findings"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_tsv(mini: Path) -> None:
    result = run(mini, "curation/flagged-findings", "-f", "curie-tsv")
    assert result.output.splitlines() == [
        "item\tflag",
        "finding:EVBC-T019\tcontested",
        "finding:EVBC-A008\tcross-cancer",
        "finding:EVBC-A008\tmedium confidence",
        "finding:EVBC-T019\tmedium confidence",
    ]


def _stores(root: Path) -> list[Path]:
    """The store folders under ``root`` (their lock files left out)."""
    return [p for p in root.iterdir() if not p.name.startswith(".")]


def test_store_is_reused_until_the_release_changes(mini: Path) -> None:
    store_root = mini / "dist" / ".cache" / "query-store"
    assert run(mini, "provenance/studies-ranked").exit_code == 0
    (first,) = _stores(store_root)
    marker = first / "READY"
    stamp = marker.stat().st_mtime_ns
    assert run(mini, "provenance/studies-ranked").exit_code == 0
    assert _stores(store_root) == [first] and marker.stat().st_mtime_ns == stamp
    release = mini / "dist" / "evonto.ttl"
    release.write_text(
        release.read_text() + "\n<https://w3id.org/evonto/finding/EVBC-A099> a EVONTO:0000091 ;\n"
        "  EVONTO:0000212 PMID:1 .\n"
    )
    result = run(mini, "provenance/studies-ranked", "-f", "curie-csv")
    assert "PMID:1," in result.output
    (second,) = _stores(store_root)
    assert second != first


def test_examples_graph_is_in_the_store(mini: Path, tmp_path: Path) -> None:
    query = tmp_path / "examples.rq"
    query.write_text(
        "# title: examples\n# question: which examples?\n"
        "PREFIX sh: <http://www.w3.org/ns/shacl#>\n"
        "SELECT (COUNT(?q) AS ?n) WHERE { ?q a sh:SPARQLSelectExecutable } ORDER BY ?n\n"
    )
    result = run(mini, str(query), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == str(len(list((ROOT / "queries").glob("[!q]*/*.rq"))))


def test_list_and_show(mini: Path) -> None:
    listed = run(mini, "--list")
    assert "organotropism/cargo-by-organ" in listed.output
    assert "--param organ=<iri> (default UBERON:0002048)" in listed.output
    assert "qc/" not in listed.output
    shown = run(mini, "cargo-by-organ", "-p", "organ=UBERON:0000955", "--show")
    assert "VALUES ?organ { <http://purl.obolibrary.org/obo/UBERON_0000955> }" in shown.output


ERRORS = [
    (["cargo-by-organ", "-p", "organ=UBERON:0002048> } } DROP ALL #"], "not a valid IRI"),
    (["cargo-by-organ", "-p", "organ=lunge"], "not an IRI or a CURIE with a known prefix"),
    (["cargo-by-organ", "-p", "colour=red"], "has no parameter 'colour'"),
    (["cargo-by-organ", "-p", "organ"], "NAME=VALUE"),
    (["no-such-question"], "no query named 'no-such-question'"),
    ([], "name a query"),
    (["cargo-by-organ", "--graph", "https://example.org/g"], "--graph only applies"),
    (["cargo-by-organ", "--endpoint", "ftp://example.org/"], "is not an http(s) URL"),
]


@pytest.mark.parametrize(("args", "message"), ERRORS, ids=lambda v: str(v)[:40])
def test_usage_errors_exit_2(mini: Path, args: list[str], message: str) -> None:
    result = run(mini, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


BAD_QUERIES = {
    "update.rq": ("DELETE WHERE { ?s ?p ?o }", "updates are refused"),
    "insert.rq": ("INSERT DATA { <a:b> <a:c> <a:d> }", "updates are refused"),
    "syntax.rq": ("SELECT * WHERE { ?s ?p }", "not a valid SPARQL query"),
    "service.rq": (
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "federated queries (SERVICE) are refused",
    ),
    "construct.rq": ("CONSTRUCT WHERE { ?s ?p ?o }", "only SELECT and ASK"),
}


@pytest.mark.parametrize("name", sorted(BAD_QUERIES))
def test_updates_and_malformed_queries_exit_2(mini: Path, tmp_path: Path, name: str) -> None:
    body, message = BAD_QUERIES[name]
    path = tmp_path / name
    path.write_text(f"# title: t\n# question: q?\n{body}\n")
    result = run(mini, str(path))
    assert result.exit_code == 2
    assert message in result.output
    assert name in result.output  # the message names the file


def test_syntax_error_has_line_and_column(mini: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("# title: t\n# question: q?\nSELECT * WHERE {\n  ?s ?p ?o FILTER (\n}\n")
    result = run(mini, str(path))
    assert result.exit_code == 2
    assert re.search(r"bad\.rq:\d+:\d+: not a valid SPARQL query: expected", result.output)


def test_ask_query(mini: Path, tmp_path: Path) -> None:
    path = tmp_path / "ask.rq"
    path.write_text(
        "# title: t\n# question: any finding?\n"
        "ASK { ?f a <https://w3id.org/evonto/EVONTO_0000091> }\n"
    )
    assert run(mini, str(path)).output == "true\n"


def test_without_a_release_the_sources_are_used(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("ontology", "queries"):
        shutil.copytree(ROOT / name, project / name)
    result = run(project, "provenance/findings-by-study", "-f", "curie-csv")
    assert result.exit_code == 0, result.output
    assert "not found: using the sources merged" in result.output
    assert "finding:EVBC-A001" in result.output
