"""The HTTP front of ``evonto serve``: every request passes here before the Oxigraph child.

It answers the SPARQL 1.1 Protocol on ``/query`` (GET, POST form, POST ``sparql-query``), parses
every query with :mod:`evonto.query.guard` (``SERVICE``, updates and unparseable text: 400),
accepts only the Host names it serves (421 otherwise: no DNS rebinding), bounds each query's time
(503) and reply size (507), and serves evonto's IRIs as linked data (:mod:`evonto.query.linked`).
A threaded server: each client gets its own thread, and each query its own connection to the
child.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import sys
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from evonto.errors import EvontoError
from evonto.query.serve import DEFAULT_MAX_MEMORY, memory_exceeded

#: what Oxigraph appends to a stream it cut at its ``--timeout-s``
CANCELLED = b"The SPARQL operation has been cancelled"
#: seconds past the limit before the front stops a query Oxigraph did not stop
GRACE = 1.0
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
#: request headers passed on to Oxigraph
_FORWARDED = ("Accept",)
#: reply headers passed back to the client
_RETURNED = ("Content-Type", "Content-Disposition")


@dataclass(frozen=True)
class Settings:
    """The front's limits and the Host names it answers to."""

    timeout: float = 30.0
    max_memory: int | None = DEFAULT_MAX_MEMORY  #: MiB of the Oxigraph child
    max_reply: int = 64 * 1024 * 1024
    max_request: int = 1024 * 1024
    hosts: frozenset[str] = field(default_factory=frozenset)


def allowed_hosts(host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host names to accept: the bound address, the loopback names and ``extra``."""
    names = {"localhost", "127.0.0.1", "::1", *(name.lower() for name in extra)}
    if host not in {"0.0.0.0", "::", ""}:
        names.add(host.lower())
    return frozenset(names)


def host_name(header: str) -> str:
    """The name part of a Host header (``[::1]:7878`` → ``::1``, ``a.org:80`` → ``a.org``)."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class QueryFailed(Exception):
    """A query the front answers with an error status instead of the engine's reply."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Handler(BaseHTTPRequestHandler):
    """One request: check the Host, route, guard, forward, bound."""

    protocol_version = "HTTP/1.1"
    server_version = "evonto-serve"
    timeout = 30  # seconds a client may take to send its request

    # -- routing ---------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        try:
            if not self._host_ok():
                return
            path = urlsplit(self.path).path
            if path == "/query":
                self._sparql(method)
            elif path in {"/update", "/store"}:
                self._drain()
                self._send_text(403, "evonto serve is read-only: queries go to /query\n")
            elif self.server.linked is not None and method in {"GET", "HEAD"}:  # type: ignore[attr-defined]
                self._drain()
                reply = self.server.linked.respond(path, self.headers.get("Accept"))  # type: ignore[attr-defined]
                self._send(reply.status, reply.headers, reply.body)
            else:
                self._drain()
                self._send_text(404, "not found: SPARQL queries go to /query\n")
        except QueryFailed as exc:
            self._send_text(exc.status, exc.message.rstrip("\n") + "\n")
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as exc:  # a bug must not kill the thread silently or print a traceback
            sys.stderr.write(f"evonto serve: {self.command} {self.path[:200]}: {exc!r}\n")
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._send_text(500, "internal error in evonto serve (logged on its console)\n")

    def _host_ok(self) -> bool:
        header = self.headers.get("Host")
        settings: Settings = self.server.settings  # type: ignore[attr-defined]
        if not header:
            self._drain()
            self._send_text(400, "a Host header is required\n")
            return False
        if host_name(header) not in settings.hosts:
            self._drain()
            names = ", ".join(sorted(settings.hosts))
            self._send_text(
                421,
                f"this server does not answer for host {header!r} (it answers for: {names}; "
                "add names with `evonto serve --allow-host`)\n",
            )
            return False
        return True

    # -- SPARQL ----------------------------------------------------------------------------
    def _sparql(self, method: str) -> None:
        from evonto.query.local import check_query

        query, graphs = self._read_query(method)
        try:
            check_query(query, "query")  # SERVICE, updates, syntax: refused here, with reasons
        except EvontoError as exc:
            raise QueryFailed(400, exc.message) from None
        self._send(*self._forward(query, graphs))

    def _send(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers:
            if name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _read_query(self, method: str) -> tuple[str, list[tuple[str, str]]]:
        """The query text and the dataset parameters, from the URL or the body."""
        url = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        fields = dict(url)
        if method == "POST":
            kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            body = self._body()
            if kind == FORM:
                for key, values in parse_qs(body.decode("utf-8", "replace")).items():
                    fields.setdefault(key, []).extend(values)
            elif kind == SPARQL_QUERY:
                fields.setdefault("query", []).append(body.decode("utf-8", "replace"))
            elif kind == SPARQL_UPDATE:
                raise QueryFailed(400, "SPARQL updates are refused: evonto only reads")
            else:
                raise QueryFailed(
                    415, f"POST a query as {FORM} or {SPARQL_QUERY}, not {kind or 'no type'}"
                )
        if "update" in fields:
            raise QueryFailed(400, "SPARQL updates are refused: evonto only reads")
        queries = fields.get("query", [])
        if len(queries) != 1:
            raise QueryFailed(400, "give exactly one 'query' parameter")
        graphs = [
            (key, value)
            for key in ("default-graph-uri", "named-graph-uri")
            for value in fields.get(key, [])
        ]
        return queries[0], graphs

    def _body(self) -> bytes:
        settings: Settings = self.server.settings  # type: ignore[attr-defined]
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            raise QueryFailed(400, "the Content-Length header is not a number") from None
        if length < 0:
            raise QueryFailed(400, "the Content-Length header is negative")
        if length > settings.max_request:
            self.close_connection = True
            raise QueryFailed(413, f"the request is larger than {settings.max_request} bytes")
        return self.rfile.read(length)

    def _drain(self) -> None:
        """Read (and drop) a small request body so the connection can be reused."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if 0 < length <= 1024 * 1024:
            self.rfile.read(length)
        elif length:
            self.close_connection = True

    def _forward(
        self, query: str, graphs: list[tuple[str, str]]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """Run the query on the child within the time and size limits."""
        engine = self.server.engine  # type: ignore[attr-defined]
        settings: Settings = self.server.settings  # type: ignore[attr-defined]
        # Oxigraph cuts a stream at the limit itself; the front's deadline, a little later,
        # catches what Oxigraph does not stop (aggregates, sorts)
        deadline = time.monotonic() + settings.timeout + GRACE
        headers = {name: self.headers[name] for name in _FORWARDED if self.headers.get(name)}
        headers["Content-Type"] = SPARQL_QUERY
        for attempt in (1, 2):
            generation, port = engine.current()
            try:
                return _exchange(port, query, graphs, headers, deadline, settings.max_reply)
            except TimeoutError:
                engine.restart(generation)  # the only way to stop an aggregate in Oxigraph
                raise QueryFailed(
                    503,
                    f"the query ran longer than {settings.timeout:g} s and was stopped "
                    "(evonto serve --timeout)",
                ) from None
            except (ConnectionError, http.client.HTTPException, OSError):
                if engine.ran_out_of_memory(generation):
                    if engine.blame_memory(generation):
                        raise QueryFailed(
                            503, memory_exceeded(settings.max_memory, "evonto serve --max-memory")
                        ) from None
                    engine.wait_for_new(generation)  # another query overran it: run on the next
                if attempt == 1 and engine.current()[0] != generation:
                    continue  # the child was restarted under this query: run it again
                raise QueryFailed(502, "the Oxigraph server did not answer") from None
        raise AssertionError("unreachable")

    # -- replies ---------------------------------------------------------------------------
    def _send_text(self, status: int, text: str, extra: dict[str, str] | None = None) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no access log on standard error."""


def _exchange(
    port: int,
    query: str,
    graphs: list[tuple[str, str]],
    headers: dict[str, str],
    deadline: float,
    cap: int,
) -> tuple[int, list[tuple[str, str]], bytes]:
    """POST the query to the child; read the whole reply by ``deadline``, at most ``cap`` bytes."""
    target = "/query" + (f"?{urlencode(graphs)}" if graphs else "")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=_left(deadline))
    try:
        connection.request("POST", target, body=query.encode("utf-8"), headers=headers)
        response = connection.getresponse()
        chunks, size = [], 0
        while True:
            connection.sock.settimeout(_left(deadline))  # type: ignore[union-attr]
            chunk = response.read1(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > cap:
                raise QueryFailed(
                    507,
                    f"the reply is larger than {cap // (1024 * 1024)} MiB "
                    "(evonto serve --max-reply-mb); add a LIMIT",
                )
            chunks.append(chunk)
    finally:
        connection.close()
    body = b"".join(chunks)
    kept = [(name, response.headers[name]) for name in _RETURNED if response.headers.get(name)]
    _check_complete(response.status, response.headers.get("Content-Type", ""), body)
    return response.status, kept, body


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _check_complete(status: int, content_type: str, body: bytes) -> None:
    """A 200 whose body Oxigraph cut (its timeout, an error mid-stream) becomes an error."""
    if status != 200:
        return
    if body.rstrip().endswith(CANCELLED):
        raise QueryFailed(503, "the query ran out of time and Oxigraph cut its reply short")
    if "json" in content_type:
        try:
            json.loads(body)
        except ValueError:
            tail = body[-200:].decode("utf-8", "replace").rsplit("}", 1)[-1].strip()
            raise QueryFailed(
                500, f"the engine's reply was cut off: {tail or 'invalid JSON'}"
            ) from None


class Front(ThreadingHTTPServer):
    """The threaded server, holding the engine, the limits and the linked-data responder."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address, engine, settings: Settings, linked) -> None:
        self.engine = engine
        self.settings = settings
        self.linked = linked
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)


def make_server(host: str, port: int, engine, settings: Settings, linked=None) -> Front:
    return Front((host, port), engine, settings, linked)
