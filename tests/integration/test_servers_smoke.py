"""The server fixtures start real servers that answer SPARQL."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.servers


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_server_answers_ask(name: str, request: pytest.FixtureRequest) -> None:
    from evonto.query import remote

    server = request.getfixturevalue(name)
    assert remote.run(server.query_url, "ASK { }").boolean is True
