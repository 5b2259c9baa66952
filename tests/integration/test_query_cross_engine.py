"""The whole query pack gives the same rows on the embedded store, Oxigraph server and Virtuoso.

The release (with its examples graph) is loaded into both servers with ``evonto publish``, into
one named graph, which the remote queries use as their default graph.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from evonto.cli import cli
from evonto.project import Project
from evonto.query import local, remote
from evonto.query.packs import discover, find
from evonto.query.params import bind

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parents[2]
GRAPH = "https://w3id.org/evonto/release/test"
QUERY_IDS = [q.id for q in discover(ROOT / "queries")]
#: non-default parameter values, so binding is exercised on every engine too
BOUND = [
    ("organotropism/cargo-by-organ", {"organ": "UBERON:0000955"}),
    ("organotropism/cargo-by-organ", {"organ": "<http://purl.obolibrary.org/obo/UBERON_0002481>"}),
    ("translational/biomarkers-by-subtype", {"subtype": "MONDO:0006244"}),
    ("translational/biomarkers-by-subtype", {"subtype": "MONDO:0004989"}),
    ("provenance/species-only", {"species": "NCBITaxon:9606"}),
    ("provenance/findings-by-study", {"source": "PMID:25621950"}),
]


@pytest.fixture(scope="module")
def release(built_release, tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The built release copied into a project whose cache the tests may write."""
    dist = tmp_path_factory.mktemp("cross") / "dist"
    dist.mkdir()
    for name in ("evonto.ttl", "examples.ttl"):
        shutil.copy(built_release.files[name], dist / name)
    return Project(ROOT, dist=dist)


def publish_release(project: Project, server) -> str:
    """``evonto publish`` of the release files into GRAPH on ``server``; its output."""
    args = ["publish", "--endpoint", server.store_url, "--graph", GRAPH]
    for path in local.release_files(project):
        args += ["--file", str(path)]
    if server.user:
        args += ["--user", server.user]
    env = {"EVONTO_ENDPOINT_PASSWORD": server.password} if server.password else {}
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 0, result.output
    if server.password:
        assert server.password not in result.output
    return result.output


@pytest.fixture(scope="module")
def published(release: Project, oxigraph, virtuoso) -> dict[str, str]:
    return {server.name: publish_release(release, server) for server in (oxigraph, virtuoso)}


def _three_ways(release: Project, oxigraph, virtuoso, query_id: str, values: dict[str, str]):
    query = find(release.queries_dir, query_id)
    text = bind(query, values)
    embedded = local.run(local.release_store(release), text)
    on_oxigraph = remote.run(oxigraph.query_url, text, graphs=(GRAPH,))
    on_virtuoso = remote.run(virtuoso.query_url, text, graphs=(GRAPH,))
    return embedded, on_oxigraph, on_virtuoso


def test_publish_counts_back_on_both_servers(release: Project, published: dict[str, str]) -> None:
    import re

    expected = len(local.release_store(release))
    for output in published.values():
        sent, found = map(
            int, re.search(r"published (\d+) .*verified: (\d+)", output, re.S).groups()
        )
        assert sent == found == expected


@pytest.mark.parametrize("query_id", QUERY_IDS)
def test_same_rows_on_three_engines(release, oxigraph, virtuoso, published, query_id) -> None:
    embedded, on_oxigraph, on_virtuoso = _three_ways(release, oxigraph, virtuoso, query_id, {})
    assert embedded.rows, f"{query_id} has no answer on the release"
    assert embedded.variables == on_oxigraph.variables == on_virtuoso.variables
    assert embedded.rows == on_oxigraph.rows
    assert embedded.rows == on_virtuoso.rows
    assert not on_virtuoso.warnings


@pytest.mark.parametrize(("query_id", "values"), BOUND)
def test_same_rows_with_parameters(release, oxigraph, virtuoso, published, query_id, values):
    embedded, on_oxigraph, on_virtuoso = _three_ways(release, oxigraph, virtuoso, query_id, values)
    default = local.run(local.release_store(release), bind(find(release.queries_dir, query_id), {}))
    assert embedded.rows != default.rows
    assert embedded.rows == on_oxigraph.rows == on_virtuoso.rows


def test_examples_graph_served_by_both(release, oxigraph, virtuoso, published) -> None:
    text = (
        "PREFIX sh: <http://www.w3.org/ns/shacl#>\n"
        "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a sh:SPARQLExecutable ; sh:select ?s }"
    )
    counts = {
        remote.run(s.query_url, text, graphs=(GRAPH,)).rows[0][0].value
        for s in (oxigraph, virtuoso)
    }
    assert counts == {str(len(QUERY_IDS))}
