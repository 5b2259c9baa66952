"""``evonto publish`` pieces that need no server: what is sent, where it is counted, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from _query_support import MINI_RELEASE
from click.testing import CliRunner

from evonto.cli import cli
from evonto.publish import PublishError, payload, query_endpoint_for


@pytest.mark.parametrize(
    ("store", "query"),
    [
        ("http://127.0.0.1:7878/store", "http://127.0.0.1:7878/query"),
        ("http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql"),
        ("http://h:8890/sparql-graph-crud", "http://h:8890/sparql"),
        ("https://h/fuseki/ds/data", "https://h/fuseki/ds/sparql"),
        ("https://h/other", "https://h/other"),
    ],
)
def test_query_endpoint_for_known_servers(store: str, query: str) -> None:
    assert query_endpoint_for(store) == query


def test_payload_counts_distinct_triples(tmp_path: Path) -> None:
    twice = tmp_path / "twice.nt"
    twice.write_text('<a:s> <a:p> <a:o> .\n<a:s> <a:p> <a:o> .\n<a:s> <a:p> "x" .\n')
    body = payload([MINI_RELEASE, twice])
    assert body.triples == payload([MINI_RELEASE]).triples + 2
    assert body.data.count(b"\n") == body.triples


def test_missing_release_says_build_first(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="run `evonto build` first"):
        payload([tmp_path / "dist" / "evonto.ttl"])


def test_broken_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n")
    result = CliRunner().invoke(
        cli,
        [
            "publish",
            "--endpoint",
            "http://127.0.0.1:9/store",
            "--graph",
            "https://g/",
            "--file",
            str(bad),
        ],
    )
    assert result.exit_code == 2
    assert "bad.ttl:2" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--endpoint", "file:///tmp/x", "--graph", "https://g/"], "not an http(s) URL"),
        (["--endpoint", "http://127.0.0.1:9/store", "--graph", "g g"], "not"),
        (["--endpoint", "http://127.0.0.1:9/store"], "Missing option '--graph'"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["publish", *args, "--file", str(MINI_RELEASE)])
    assert result.exit_code == 2
    assert message in result.output
