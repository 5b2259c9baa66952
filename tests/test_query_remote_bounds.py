"""``evonto query --endpoint`` against hostile local servers: a total deadline, a size cap, odd
bindings and huge parameters give exit 2 with a clear message, never a traceback."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from evonto.cli import cli

HEAD = b'{"head":{"vars":["s"]},"results":{"bindings":['


class Hostile(http.server.BaseHTTPRequestHandler):
    """Answers every POST the way ``server.mode`` says; records the query it was sent."""

    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.server.received.append(self.rfile.read(length))  # type: ignore[attr-defined]
        mode = self.server.mode  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        try:
            if mode == "trickle":  # valid JSON, one byte every 0.3 s (would take minutes)
                body = HEAD + b"]}}" + b" " * 400
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.3)
            elif mode == "endless":  # bindings without end
                self.end_headers()
                self.wfile.write(HEAD)
                row = b'{"s":{"type":"uri","value":"https://example.org/' + b"x" * 4000 + b'"}},'
                while True:
                    self.wfile.write(row * 64)
            else:
                body = json.dumps(self.server.reply).encode()  # type: ignore[attr-defined]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def hostile() -> Iterator[http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    server.received = []  # type: ignore[attr-defined]
    server.mode = "reply"  # type: ignore[attr-defined]
    server.reply = {}  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/sparql-like"


def run(*args: str):
    return CliRunner().invoke(cli, ["query", *args])


def _query_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "q.rq"
    path.write_text(f"# title: t\n# question: q?\n{body}\n")
    return str(path)


def test_a_trickling_server_is_cut_at_the_total_deadline(hostile, tmp_path: Path) -> None:
    hostile.mode = "trickle"
    started = time.monotonic()
    result = run(
        _query_file(tmp_path, "SELECT ?s WHERE { ?s ?p ?o }"),
        "--endpoint",
        _url(hostile),
        "--timeout",
        "2",
    )
    elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert "no complete answer within 2 s (--timeout)" in result.output
    assert elapsed < 8  # each byte came within the per-read timeout: only a total deadline stops it


def test_an_endless_reply_is_capped(hostile, tmp_path: Path) -> None:
    hostile.mode = "endless"
    result = run(
        _query_file(tmp_path, "SELECT ?s WHERE { ?s ?p ?o }"),
        "--endpoint",
        _url(hostile),
        "--max-reply-mb",
        "2",
        "--timeout",
        "60",
    )
    assert result.exit_code == 2, result.output
    assert "the reply is larger than 2 MiB (--max-reply-mb)" in result.output


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (
            {"type": "triple", "value": {"subject": {"type": "uri", "value": "a:b"}}},
            "a binding of unknown type 'triple'",
        ),
        ({"value": "no type"}, "a binding without a 'type'"),
        ({"type": "uri"}, "a uri binding without a string 'value'"),
        ("just a string", "a binding that is not a JSON object (str)"),
    ],
)
def test_a_binding_of_unknown_type_is_a_clear_error(hostile, tmp_path: Path, cell, shown) -> None:
    hostile.reply = {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": cell}]}}
    result = run(_query_file(tmp_path, "SELECT ?s WHERE { ?s ?p ?o }"), "--endpoint", _url(hostile))
    assert result.exit_code == 2, result.output
    assert f"result row 1, ?s: {shown}" in result.output
    assert "Traceback" not in result.output and "KeyError" not in result.output


def test_service_goes_to_a_named_endpoint_as_written(hostile, tmp_path: Path) -> None:
    hostile.reply = {"head": {"vars": ["s"]}, "results": {"bindings": []}}
    text = "SELECT ?s WHERE { SERVICE <http://example.org/other> { ?s ?p ?o } }"
    result = run(_query_file(tmp_path, text), "--endpoint", _url(hostile))
    assert result.exit_code == 0, result.output
    assert b"SERVICE" in b"".join(hostile.received).replace(b"%20", b" ").upper()


@pytest.mark.parametrize("digits", [5000, 20000])
def test_a_huge_integer_parameter_is_handled(tmp_path: Path, digits: int) -> None:
    path = tmp_path / "n.rq"
    path.write_text(
        "# title: t\n# question: q?\n# param: n integer = 1 -- a number\n"
        "SELECT ?n WHERE { VALUES ?n { 1 } }\n"
    )
    result = run(str(path), "--param", "n=" + "9" * digits, "--show")
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    assert "9" * digits in result.output
