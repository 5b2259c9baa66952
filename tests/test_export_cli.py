"""``evonto export``: each kind on demand, the same bytes as ``evonto build``, clean failures."""

from __future__ import annotations

import json

import pytest
from _export_support import no_network  # noqa: F401
from click.testing import CliRunner

from evonto.cli import cli

pytestmark = pytest.mark.usefixtures("no_network")


def run(*args: str):
    return CliRunner().invoke(cli, ["--quiet", *args], catch_exceptions=False)


@pytest.mark.parametrize(
    ("kind", "names"),
    [
        ("nanopub", ["nanopubs.trig"]),
        ("kgx", ["kgx/evonto_nodes.tsv", "kgx/evonto_edges.tsv"]),
        ("void", ["void.ttl"]),
    ],
)
def test_export_writes_what_the_build_wrote(kind, names, tmp_path, repo_root, built_release):
    args = ["--project", str(repo_root), "export", kind, "--out", str(tmp_path)]
    result = run(*args, *(["--check"] if kind in {"nanopub", "kgx"} else []))
    assert result.exit_code == 0, result.output
    for name in names:
        assert (tmp_path / name).read_bytes() == built_release.files[name].read_bytes(), name


def test_build_manifest_lists_the_exports(built_release):
    files = built_release.manifest["files"]
    for name in ("nanopubs.trig", "kgx/evonto_edges.tsv", "context.jsonld", "void.ttl"):
        assert name in files
    assert files["nanopubs.trig"]["triples"] > 4 * (65 + 49)


def test_jsonld_output_file_and_context(tmp_path, repo_root):
    target = tmp_path / "out" / "f.jsonld"
    url = "https://w3id.org/evonto/context.jsonld"
    result = run(
        "--project",
        str(repo_root),
        "export",
        "jsonld",
        "--output",
        str(target),
        "--context-url",
        url,
    )
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_bytes())["@context"] == url
    assert "@context" in json.loads((target.parent / "context.jsonld").read_bytes())


def test_sssom_export_formats(tmp_path, repo_root):
    for fmt, name in (("json", "evonto.sssom.json"), ("rdf", "evonto.sssom.ttl")):
        result = run(
            "--project", str(repo_root), "export", "sssom", "--format", fmt, "--out", str(tmp_path)
        )
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 1000


def test_export_all(tmp_path, repo_root):
    result = run("--project", str(repo_root), "export", "all", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == [
        "context.jsonld",
        "evonto.sssom.json",
        "findings.jsonld",
        "kgx/evonto_edges.tsv",
        "kgx/evonto_nodes.tsv",
        "nanopubs.trig",
        "void.ttl",
    ]


def test_out_and_output_together_is_a_usage_error(tmp_path, repo_root):
    result = run(
        "--project",
        str(repo_root),
        "export",
        "void",
        "--out",
        str(tmp_path),
        "--output",
        str(tmp_path / "v.ttl"),
    )
    assert result.exit_code == 2
    assert "not both" in result.output


def test_broken_finding_row_is_located_and_nothing_is_written(project_copy, tmp_path):
    table = project_copy / "ontology" / "assertions" / "findings.tsv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("UBERON:0002048", "UBERON:00020488", 1), encoding="utf-8")
    out = tmp_path / "exports"
    result = run("--project", str(project_copy), "export", "nanopub", "--out", str(out))
    assert result.exit_code == 1
    assert "findings.tsv:3:" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_broken_mapping_set_fails_the_sssom_export(project_copy, tmp_path):
    mappings = project_copy / "ontology" / "mappings" / "evonto.sssom.tsv"
    mappings.write_text(mappings.read_text().replace("semapv:ManualMappingCuration", "by hand", 1))
    result = run("--project", str(project_copy), "export", "sssom", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "mapping_justification" in result.output
    assert not (tmp_path / "evonto.sssom.json").exists()


def test_nanopubs_split_one_file_each(tmp_path, repo_root):
    from evonto.export.nanopub import check_nanopubs

    result = run(
        "--project", str(repo_root), "export", "nanopub", "--out", str(tmp_path), "--split"
    )
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "nanopubs").glob("*.trig"))
    assert len(files) == 65 + 49
    assert files[0].name == "EVBC-A001.trig"
    assert check_nanopubs(files[0].read_bytes()) == {}
