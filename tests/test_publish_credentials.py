"""``publish`` sends credentials only in the scheme the server asks for, never Basic over plain
http unless asked to, and never prints a password (issue 11, item 2).

Each test starts a real HTTP server (a thread on a random loopback port) that speaks the Graph
Store Protocol PUT and SPARQL COUNT, checks HTTP Digest (RFC 7616, MD5) or Basic for real, and
records every Authorization header it receives.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

USER, PASSWORD, REALM = "curator", "s3cret-Pa55", "evonto-test"
GRAPH = "https://w3id.org/evonto/"


@dataclass
class Server:
    scheme: str  #: "digest", "basic", "both" (Digest and Basic offered) or "none"
    port: int = 0
    seen: list[tuple[str, str]] = field(default_factory=list)  #: (method, Authorization)
    triples: int = 0

    @property
    def store_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def _handler(server: Server, nonce: str):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _authorised(self) -> bool:
            header = self.headers.get("Authorization", "")
            server.seen.append((self.command, header))
            if server.scheme == "none":
                return True
            if header.startswith("Basic ") and server.scheme in {"basic"}:
                return base64.b64decode(header[6:]).decode() == f"{USER}:{PASSWORD}"
            if header.startswith("Digest ") and server.scheme in {"digest", "both"}:
                fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[7:]))
                ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
                ha2 = _md5(f"{self.command}:{fields.get('uri', '')}")
                expected = _md5(
                    f"{ha1}:{nonce}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}"
                )
                return fields.get("username") == USER and fields.get("response") == expected
            return False

        def _challenge(self) -> None:
            self.send_response(401)
            if server.scheme in {"digest", "both"}:
                self.send_header(
                    "WWW-Authenticate",
                    f'Digest realm="{REALM}", nonce="{nonce}", qop="auth", algorithm=MD5',
                )
            if server.scheme in {"basic", "both"}:
                self.send_header("WWW-Authenticate", f'Basic realm="{REALM}"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_HEAD(self) -> None:
            if not self._authorised():
                return self._challenge()
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if not self._authorised():
                return self._challenge()
            server.triples = len([line for line in body.decode().splitlines() if line.strip()])
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            answer = {
                "head": {"vars": ["n"]},
                "results": {
                    "bindings": [
                        {
                            "n": {
                                "type": "literal",
                                "value": str(server.triples),
                                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                            }
                        }
                    ]
                },
            }
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


@pytest.fixture
def serve(request) -> Iterator:
    started = []

    def start(scheme: str) -> Server:
        server = Server(scheme)
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), _handler(server, secrets.token_hex(8))
        )
        server.port = httpd.server_address[1]
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return server

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


def _data(tmp_path: Path) -> Path:
    path = tmp_path / "data.nt"
    path.write_text(
        "".join(f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n' for i in range(5))
    )
    return path


def _publish(url: str, data: Path, *extra: str, user: str | None = USER, password=PASSWORD):
    env = {k: v for k, v in os.environ.items() if k != "EVONTO_ENDPOINT_PASSWORD"}
    if password is not None:
        env["EVONTO_ENDPOINT_PASSWORD"] = password
    args = ["--endpoint", url, "--graph", GRAPH, "--file", str(data)]
    if user:
        args += ["--user", user]
    return subprocess.run(
        [sys.executable, "-m", "evonto", "publish", *args, *extra],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def _schemes(server: Server) -> list[str]:
    return [header.split(" ", 1)[0] for _, header in server.seen if header]


@pytest.mark.parametrize("scheme", ["digest", "both"])
def test_a_digest_server_gets_digest_only(serve, tmp_path, scheme):
    server = serve(scheme)
    done = _publish(server.store_url, _data(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "published 5 triples" in done.stdout
    assert _schemes(server) and set(_schemes(server)) == {"Digest"}
    assert PASSWORD not in done.stdout + done.stderr


def test_basic_over_plain_http_is_refused_without_the_flag(serve, tmp_path):
    server = serve("basic")
    done = _publish(server.store_url, _data(tmp_path))
    assert done.returncode == 2, done.stderr
    assert "--allow-insecure-basic" in done.stderr and "clear text" in done.stderr
    assert _schemes(server) == []  # nothing was sent
    assert server.triples == 0


def test_basic_over_plain_http_with_the_flag(serve, tmp_path):
    server = serve("basic")
    done = _publish(server.store_url, _data(tmp_path), "--allow-insecure-basic")
    assert done.returncode == 0, done.stderr
    assert set(_schemes(server)) == {"Basic"}
    # only after the challenge: the first request carried no credentials
    assert server.seen[0][1] == ""


def test_no_credentials_to_a_server_that_does_not_ask(serve, tmp_path):
    server = serve("none")
    done = _publish(server.store_url, _data(tmp_path))
    assert done.returncode == 0, done.stderr
    assert _schemes(server) == []


def test_credentials_in_the_url_are_used_by_challenge_and_never_printed(serve, tmp_path):
    server = serve("digest")
    url = f"http://{USER}:{PASSWORD}@127.0.0.1:{server.port}/store"
    done = _publish(url, _data(tmp_path), user=None, password=None)
    assert done.returncode == 0, done.stderr
    assert set(_schemes(server)) == {"Digest"}
    assert PASSWORD not in done.stdout + done.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("where", ["refused", "wrong-password", "basic-refused"])
def test_a_password_in_the_url_is_never_in_an_error(serve, tmp_path, where):
    if where == "refused":
        port = _free_port()
    else:
        port = serve("digest" if where == "wrong-password" else "basic").port
    secret = "wrong-Pa55" if where == "wrong-password" else PASSWORD
    url = f"http://{USER}:{secret}@127.0.0.1:{port}/store"
    done = _publish(url, _data(tmp_path), user=None, password=None)
    assert done.returncode in {1, 2}, done.stderr
    assert "Traceback" not in done.stderr
    assert secret not in done.stdout + done.stderr
    assert f"127.0.0.1:{port}/store" in done.stderr
