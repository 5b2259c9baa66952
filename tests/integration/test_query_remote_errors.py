"""``evonto query --endpoint``: clear messages (exit 2) for what goes wrong with a real server."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from _sparql_servers import VIRTUOSO_ROW_CAP, oxigraph_server
from click.testing import CliRunner

from evonto.cli import cli

pytestmark = pytest.mark.servers

GRAPH = "https://w3id.org/evonto/release/errors"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_stopped_server_is_a_clear_error(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path) as server:
        url = server.query_url
        assert run("query", "provenance/studies-ranked", "--endpoint", url).exit_code == 0
    result = run("query", "provenance/studies-ranked", "--endpoint", url)
    assert result.exit_code == 2
    assert "connection refused (is the server running?)" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "value",
    [
        "UBERON:0002048> } } DROP ALL #",
        "<http://x/a> } ; CLEAR DEFAULT ; SELECT * { ?s ?p ?o",
        "http://purl.obolibrary.org/obo/UBERON_0002048>}",
        'UBERON:0002048" . ?x ?y "',
    ],
)
def test_injection_through_param_fails_before_the_server(oxigraph, value: str) -> None:
    result = run(
        "query",
        "organotropism/cargo-by-organ",
        "--param",
        f"organ={value}",
        "--endpoint",
        oxigraph.query_url,
    )
    assert result.exit_code == 2
    assert "not a valid IRI" in result.output or "not an IRI or a CURIE" in result.output


def test_http_error_names_status_and_hints(oxigraph) -> None:
    base = oxigraph.query_url.rsplit("/", 1)[0]
    result = run("query", "provenance/studies-ranked", "--endpoint", base + "/no-such-path")
    assert result.exit_code == 2
    assert "HTTP 404" in result.output
    assert "is this URL a SPARQL endpoint?" in result.output


class _HtmlHandler(http.server.BaseHTTPRequestHandler):
    def _reply(self) -> None:
        body = b"<html><body>Welcome</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _reply

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def html_server() -> Iterator[str]:
    """A real web server on 127.0.0.1 that answers everything with an HTML page."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HtmlHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_non_sparql_reply_is_a_clear_error(html_server: str) -> None:
    result = run("query", "provenance/studies-ranked", "--endpoint", html_server)
    assert result.exit_code == 2
    assert "not SPARQL JSON results" in result.output
    assert "text/html" in result.output


def test_row_cap_is_warned(virtuoso, tmp_path: Path) -> None:
    """Virtuoso cuts at ResultSetMaxRows without saying so: evonto counts and warns."""
    import os

    data = tmp_path / "many.nt"
    data.write_text(
        "".join(
            f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n'
            for i in range(VIRTUOSO_ROW_CAP + 500)
        )
    )
    os.environ["EVONTO_ENDPOINT_PASSWORD"] = virtuoso.password
    try:
        published = run(
            "publish",
            "--endpoint",
            virtuoso.store_url,
            "--graph",
            GRAPH,
            "--user",
            virtuoso.user,
            "--file",
            str(data),
        )
    finally:
        del os.environ["EVONTO_ENDPOINT_PASSWORD"]
    assert published.exit_code == 0, published.output
    query = tmp_path / "all.rq"
    query.write_text("# title: all\n# question: all\nSELECT ?s ?o WHERE { ?s ?p ?o }\n")
    result = CliRunner().invoke(
        cli,
        ["query", str(query), "--endpoint", virtuoso.query_url, "--graph", GRAPH, "-f", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert f"returned {VIRTUOSO_ROW_CAP} of {VIRTUOSO_ROW_CAP + 500} rows" in result.output
    assert "ResultSetMaxRows" in result.output
