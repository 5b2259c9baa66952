"""A local TCP listener that counts connections: proof that a query made no outbound request."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

HOSTILE = Path(__file__).resolve().parent / "bad_inputs" / "queries"


class Listener:
    """Accept (and at once close) every connection on 127.0.0.1:<port>, counting them."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port: int = self.sock.getsockname()[1]
        self.count = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.count += 1
            conn.close()

    def close(self) -> None:
        self.sock.close()


def hostile_cases() -> list[dict[str, str]]:
    """The rows of ``tests/bad_inputs/queries/cases.tsv``."""
    lines = [
        line
        for line in (HOSTILE / "cases.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def hostile_query(case: str, port: int) -> str:
    """The query text of one case, aimed at the listener's port."""
    return (HOSTILE / f"{case}.rq").read_text(encoding="utf-8").replace("{PORT}", str(port))
