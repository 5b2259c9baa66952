"""``evonto serve`` as a real subprocess answers a real HTTP client, and stops on Ctrl-C."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from _sparql_servers import free_port, require_binary

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project_with_release(built_release, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("ontology", "queries", "shapes"):
        shutil.copytree(ROOT / name, project / name)
    (project / "dist").mkdir()
    for name in ("evonto.ttl", "examples.ttl"):
        shutil.copy(built_release.files[name], project / "dist" / name)
    return project


def _sparql_get(url: str, query: str) -> dict:
    request = urllib.request.Request(
        f"{url}?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_serve_answers_http_and_stops_on_ctrl_c(project_with_release: Path) -> None:
    require_binary("oxigraph", "pip install oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "evonto",
            "--project",
            str(project_with_release),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("SPARQL endpoint: "), line + process.stderr.read()
        url = line.split()[2]
        assert url == f"http://127.0.0.1:{port}/query"
        answer = _sparql_get(
            url,
            "SELECT (COUNT(?f) AS ?n) WHERE { ?f a <https://w3id.org/evonto/EVONTO_0000091> }",
        )
        assert answer["results"]["bindings"][0]["n"]["value"] == "65"
        examples = _sparql_get(
            url,
            "SELECT ?q WHERE { ?q a <http://www.w3.org/ns/shacl#SPARQLExecutable> }",
        )
        iris = {b["q"]["value"] for b in examples["results"]["bindings"]}
        assert "https://w3id.org/evonto/query/organotropism/cargo-by-organ" in iris
        update = urllib.request.Request(
            url.replace("/query", "/update"),
            data=b"update=CLEAR+ALL",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with pytest.raises(urllib.error.HTTPError):  # read-only
            urllib.request.urlopen(update, timeout=30)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, process.stderr.read()
    time.sleep(0.2)
    with pytest.raises(ConnectionRefusedError):  # the Oxigraph child is gone too
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_serve_reports_a_taken_port(project_with_release: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "evonto",
                "--project",
                str(project_with_release),
                "serve",
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
