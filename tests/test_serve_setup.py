"""``evonto serve`` set-up that needs no running server (the real server: tests/integration)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from evonto.errors import EvontoError
from evonto.query.serve import check_port, oxigraph_executable, server_command


def test_the_oxigraph_server_is_installed() -> None:
    assert Path(oxigraph_executable()).is_file()  # a runtime dependency of evonto


def test_command_is_read_only(tmp_path: Path) -> None:
    command = server_command(tmp_path, "127.0.0.1", 7878)
    assert command[1:] == [
        "serve-read-only",
        "--location",
        str(tmp_path),
        "--bind",
        "127.0.0.1:7878",
    ]
    assert server_command(tmp_path, "::1", 80)[-1] == "[::1]:80"


def test_taken_port_is_reported() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(EvontoError, match=f"cannot listen on 127.0.0.1:{port}"):
            check_port("127.0.0.1", port)


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "turtle"),
        ("*/*", "turtle"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        ("application/rdf+xml;q=0.5, application/ld+json", "jsonld"),
        ("text/*", "turtle"),
        ("application/n-triples, text/turtle;q=0.1", "ntriples"),
        ("application/x-turtle", "turtle"),
        ("text/turtle;q=0, */*;q=0.1", "html"),
        ("application/pdf", None),
        ("text/turtle;q=0", None),
    ],
)
def test_content_negotiation(accept: str | None, chosen: str | None) -> None:
    from evonto.query.linked import negotiate

    found = negotiate(accept)
    assert (found.name if found else None) == chosen


def test_the_ontology_iri_prefers_rdf_xml() -> None:
    from evonto.query.linked import ONTOLOGY_ORDER, negotiate

    assert negotiate("*/*", ONTOLOGY_ORDER).name == "rdfxml"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("localhost:7878", "localhost"),
        ("[::1]:80", "::1"),
        ("Evonto.Test", "evonto.test"),
        ("::1", "::1"),
    ],
)
def test_host_names(header: str, name: str) -> None:
    from evonto.query.front import allowed_hosts, host_name

    assert host_name(header) == name
    assert "localhost" in allowed_hosts("0.0.0.0")
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0")
    assert "evonto.test" in allowed_hosts("127.0.0.1", ("Evonto.Test",))
