"""SPARQL users' own files with ``evonto query``: plain files, ``--param`` kinds and labels,
and the W3C SPARQL 1.1 CSV/TSV results formats (parsed back with rdflib)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import rdflib
from _query_support import MINI_RELEASE, ROOT
from click.testing import CliRunner
from rdflib.query import Result

from evonto.cli import cli

PLAIN = """PREFIX EVONTO: <https://w3id.org/evonto/EVONTO_>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?finding ?label WHERE {
  ?finding EVONTO:0000204 ?organ ; rdfs:label ?label .
}
ORDER BY ?finding
"""
A001 = "https://w3id.org/evonto/finding/EVBC-A001"


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini release with the real edit file, import modules (labels) and packs."""
    project = tmp_path_factory.mktemp("plain") / "project"
    (project / "ontology").mkdir(parents=True)
    shutil.copy(ROOT / "ontology" / "evonto-edit.ttl", project / "ontology")
    shutil.copytree(ROOT / "ontology" / "imports", project / "ontology" / "imports")
    shutil.copytree(ROOT / "queries", project / "queries")
    (project / "dist").mkdir()
    shutil.copy(MINI_RELEASE, project / "dist" / "evonto.ttl")
    (project / "my.rq").write_text(PLAIN, encoding="utf-8")
    return project


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), "query", *args])


def test_a_plain_file_runs_as_it_is(mini: Path) -> None:
    result = run(mini, str(mini / "my.rq"))
    assert result.exit_code == 0, result.output
    assert "finding:EVBC-A001" in result.output and "finding:EVBC-A008" in result.output


def test_a_pack_file_still_needs_its_header(mini: Path) -> None:
    pack_file = mini / "queries" / "organotropism" / "headless.rq"
    pack_file.write_text(PLAIN, encoding="utf-8")
    try:
        result = run(mini, str(pack_file))
    finally:
        pack_file.unlink()
    assert result.exit_code == 2
    assert "metadata header has no '# title:' line" in result.output


def test_param_binds_a_variable_of_a_plain_file(mini: Path) -> None:
    lung = run(mini, str(mini / "my.rq"), "--param", "organ=UBERON:0002048", "-f", "json")
    brain = run(
        mini, str(mini / "my.rq"), "-p", "organ=<http://purl.obolibrary.org/obo/UBERON_0000955>"
    )
    assert lung.exit_code == 0 and brain.exit_code == 0, lung.output + brain.output
    assert A001 in lung.output and "EVBC-A008" not in lung.output
    assert "finding:EVBC-A008" in brain.output and "EVBC-A001" not in brain.output
    shown = run(mini, str(mini / "my.rq"), "-p", "organ=UBERON:0002048", "--show")
    assert shown.output.rstrip().endswith(
        "VALUES (?organ) { (<http://purl.obolibrary.org/obo/UBERON_0002048>) }"
    )


def test_a_value_that_is_no_iri_is_a_literal_unless_forced(mini: Path) -> None:
    shown = run(mini, str(mini / "my.rq"), "-p", "label=lung", "--show")
    assert 'VALUES (?label) { ("lung") }' in shown.output
    forced = run(mini, str(mini / "my.rq"), "-p", "organ:iri=lung", "--show")
    assert "(<http://purl.obolibrary.org/obo/UBERON_0002048>)" in forced.output
    literal = run(mini, str(mini / "my.rq"), "-p", "organ:literal=UBERON:0002048", "--show")
    assert '("UBERON:0002048")' in literal.output
    text = "Exosomal integrin a6b4 directs EVs to the lung"
    lang = run(mini, str(mini / "my.rq"), "-p", f"label={text}")
    assert "(0 rows)" in lang.output  # the label is @en: a plain string does not match
    bad = run(mini, str(mini / "my.rq"), "-p", "organ:colour=x")
    assert bad.exit_code == 2 and "unknown kind 'colour'" in bad.output


def test_a_misspelt_variable_gets_did_you_mean(mini: Path) -> None:
    result = run(mini, str(mini / "my.rq"), "-p", "orgen=lung")
    assert result.exit_code == 2
    assert "has no variable ?orgen (did you mean 'organ'?)" in result.output


def test_an_iri_parameter_takes_a_label(mini: Path) -> None:
    by_label = run(mini, "cargo-by-organ", "--param", "organ=Brain", "-f", "curie-tsv")
    by_curie = run(mini, "cargo-by-organ", "--param", "organ=UBERON:0000955", "-f", "curie-tsv")
    assert by_label.exit_code == 0, by_label.output
    assert by_label.output == by_curie.output
    assert "finding:EVBC-A008" in by_label.output


def test_an_unknown_label_gets_did_you_mean(mini: Path) -> None:
    result = run(mini, "cargo-by-organ", "--param", "organ=lunge")
    assert result.exit_code == 2
    assert "did you mean 'lung' (UBERON:0002048)?" in result.output
    assert "Traceback" not in result.output


def test_an_ambiguous_label_lists_the_candidates(mini: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(mini, copy)
    (copy / "ontology" / "imports" / "extra_import.ttl").write_text(
        '<https://example.org/lung> <http://www.w3.org/2000/01/rdf-schema#label> "Lung" .\n',
        encoding="utf-8",
    )
    result = run(copy, "cargo-by-organ", "--param", "organ=lung")
    assert result.exit_code == 2
    assert "label 'lung' names 2 terms: UBERON:0002048 'lung', https://example.org/lung 'Lung'" in (
        result.output
    )


def test_a_misspelt_query_name_gets_did_you_mean(mini: Path) -> None:
    result = run(mini, "cargo-by-organs")
    assert result.exit_code == 2
    assert "no query named 'cargo-by-organs' (did you mean 'organotropism/cargo-by-organ'" in (
        result.output
    )
    param = run(mini, "cargo-by-organ", "-p", "orgn=x")
    assert "has no parameter 'orgn' (did you mean 'organ'?)" in param.output


def test_w3c_csv_parses_back_with_rdflib(mini: Path) -> None:
    result = run(mini, "organotropism/cargo-by-organ", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("finding,cargo,")
    assert b"\r\n" in result.stdout_bytes  # the W3C CSV format's line ends
    parsed = Result.parse(io.StringIO(result.output), format="csv")
    first = next(iter(parsed))
    assert first["finding"] == rdflib.URIRef(A001)  # full IRIs, read back as IRIs
    assert str(first["cargoLabel"]) == "ITGB4"


def test_w3c_tsv_parses_back_with_rdflib(mini: Path) -> None:
    result = run(mini, "provenance/species-counts", "-f", "tsv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "?species\t?speciesLabel\t?findings"
    parsed = Result.parse(io.BytesIO(result.output.encode("utf-8")), format="tsv")
    rows = list(parsed)
    assert [str(v) for v in parsed.vars] == ["species", "speciesLabel", "findings"]
    human = next(r for r in rows if r["species"].endswith("NCBITaxon_9606"))
    assert isinstance(human["species"], rdflib.URIRef)
    assert human["findings"].datatype == rdflib.XSD.integer
    json_rows = run(mini, "provenance/species-counts", "-f", "json")
    assert json_rows.output.count('"type": "uri"') == len(rows)


def test_curie_formats_keep_the_short_forms(mini: Path) -> None:
    result = run(mini, "curation/flagged-findings", "-f", "curie-tsv")
    assert result.output.splitlines()[:2] == ["item\tflag", "finding:EVBC-T019\tcontested"]
    csv_result = run(mini, "curation/flagged-findings", "-f", "curie-csv")
    assert csv_result.output.splitlines()[1] == "finding:EVBC-T019,contested"
