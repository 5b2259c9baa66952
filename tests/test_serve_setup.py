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
