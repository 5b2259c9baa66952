"""Shared helpers for the export tests: the real release, the fixture graph, a network guard."""

from __future__ import annotations

import socket
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "export" / "fixture.ttl"


@cache
def real_release():  # type: ignore[no-untyped-def]
    """The release graph of this checkout, as ``evonto build`` makes it (loaded and reasoned
    once; the reasoner's types are materialised)."""
    import tempfile

    from evonto.build import prepare_release
    from evonto.build.release import reason_release
    from evonto.project import Project
    from evonto.sources import load_sources

    release = prepare_release(load_sources(Project(ROOT)))
    with tempfile.TemporaryDirectory(prefix="evonto-test-release-") as scratch:
        reason_release(release, Path(scratch))
    return release


def fixture_graph():  # type: ignore[no-untyped-def]
    from evonto.rdfio import load_graph

    return load_graph(FIXTURE)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection that is not to the loopback interface."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        remote = isinstance(host, str) and host not in {"127.0.0.1", "::1", "localhost"}
        if remote and self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError(f"test tried to reach the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


def rdf11(graph):  # type: ignore[no-untyped-def]
    """A copy where ``"x"^^xsd:string`` is written ``"x"`` (one term in RDF 1.1; rdflib differs)."""
    import rdflib

    xsd_string = rdflib.XSD.string
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype == xsd_string:
            o = rdflib.Literal(str(o))
        out.add((s, p, o))
    return out
