"""Session fixtures: one Oxigraph and one Virtuoso server for all integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from _sparql_servers import Server, oxigraph_server, virtuoso_server


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
