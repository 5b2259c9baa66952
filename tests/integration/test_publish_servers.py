"""``evonto publish`` replaces one named graph and reads it back, on Oxigraph and Virtuoso."""

from __future__ import annotations

from pathlib import Path

import pytest
from _sparql_servers import oxigraph_server
from click.testing import CliRunner

from evonto.cli import cli
from evonto.publish import count_graph

pytestmark = pytest.mark.servers

GRAPH = "https://w3id.org/evonto/release/publish-test"


def _write(path: Path, n: int) -> Path:
    path.write_text(
        "".join(
            f'<https://example.org/s{i}> <https://example.org/p> "{i}"@en .\n' for i in range(n)
        )
        + "_:b <https://example.org/p> <https://example.org/o> .\n"
    )
    return path


def _publish(server, path: Path, *, password: str | None = None, graph: str = GRAPH):
    args = ["publish", "--endpoint", server.store_url, "--graph", graph, "--file", str(path)]
    if server.user:
        args += ["--user", server.user]
    secret = password if password is not None else server.password
    env = {"EVONTO_ENDPOINT_PASSWORD": secret} if secret is not None else {}
    return CliRunner().invoke(cli, args, env=env)


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_publish_replaces_the_graph(name: str, request, tmp_path: Path) -> None:
    server = request.getfixturevalue(name)
    first = _publish(server, _write(tmp_path / "a.nt", 30))
    assert first.exit_code == 0, first.output
    assert "published 31 triples" in first.output and "verified: 31 triples" in first.output
    second = _publish(server, _write(tmp_path / "b.nt", 4))
    assert second.exit_code == 0, second.output
    assert count_graph(server.query_url, GRAPH) == 5  # replaced, not added to


def test_wrong_password_is_refused_and_not_echoed(virtuoso, tmp_path: Path) -> None:
    result = _publish(virtuoso, _write(tmp_path / "a.nt", 3), password="notTheSecret42")
    assert result.exit_code == 2
    assert "HTTP 401" in result.output
    assert "notTheSecret42" not in result.output


def test_user_without_password_variable(virtuoso, tmp_path: Path) -> None:
    args = [
        "publish",
        "--endpoint",
        virtuoso.store_url,
        "--graph",
        GRAPH,
        "--user",
        "dba",
        "--file",
        str(_write(tmp_path / "a.nt", 3)),
    ]
    result = CliRunner().invoke(cli, args, env={"EVONTO_ENDPOINT_PASSWORD": None})
    assert result.exit_code == 2
    assert "EVONTO_ENDPOINT_PASSWORD" in result.output


def test_stopped_server(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "ox") as server:
        pass
    result = _publish(server, _write(tmp_path / "a.nt", 3))
    assert result.exit_code == 2
    assert "connection refused" in result.output


def test_bad_graph_iri(oxigraph, tmp_path: Path) -> None:
    result = _publish(oxigraph, _write(tmp_path / "a.nt", 3), graph="not an iri>")
    assert result.exit_code == 2
    assert "not" in result.output and "IRI" in result.output
