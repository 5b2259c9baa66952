"""``evonto serve`` through its front: guard, Host check, time and size limits, 20 clients, and an
Oxigraph child that dies with its parent. Every test talks HTTP to a real server it starts."""

from __future__ import annotations

import json
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from _serve_support import Served, gone, project_with_release, refuses_connections, serving

from tests._listener import Listener, hostile_cases, hostile_query

pytestmark = pytest.mark.servers

CASES = hostile_cases()
COUNT = "SELECT (COUNT(?f) AS ?n) WHERE { ?f a <https://w3id.org/evonto/EVONTO_0000091> }"
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"


@pytest.fixture(scope="module")
def project(built_release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_with_release(built_release.files, tmp_path_factory.mktemp("serve-front"))


@pytest.fixture(scope="module")
def served(project: Path) -> Iterator[Served]:
    with serving(
        project, "--timeout", "3", "--max-reply-mb", "1", "--allow-host", "evonto.test"
    ) as server:
        yield server


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def _findings(answer: bytes) -> str:
    return json.loads(answer)["results"]["bindings"][0]["n"]["value"]


def test_queries_are_answered(served: Served) -> None:
    status, headers, body = served.query(COUNT)
    assert status == 200, body
    assert headers["content-type"].startswith("application/sparql-results+json")
    assert _findings(body) == "65"
    form = urlencode({"query": COUNT}).encode()
    status, _, body = served.request(
        "POST", "/query", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200 and _findings(body) == "65"
    status, _, body = served.request(
        "POST", "/query", COUNT.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 200 and _findings(body) == "65"
    status, _, body = served.query(COUNT, accept="text/csv")
    assert status == 200 and body.decode().split() == ["n", "65"]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_hostile_queries_get_400_and_no_connection(
    served: Served, listener: Listener, case: dict[str, str]
) -> None:
    text = hostile_query(case["case"], listener.port)
    key = "update" if case["case"].startswith("update_") and "LOAD" in text else "query"
    requests = [
        ("GET", "/query?" + urlencode({"query": text}), None, {}),
        (
            "POST",
            "/query",
            urlencode({key: text}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        ),
        ("POST", "/query", text.encode(), {"Content-Type": "application/sparql-query"}),
    ]
    for method, path, body, headers in requests:
        status, _, answer = served.request(method, path, body, headers)
        assert status == 400, (method, answer)
        assert b"refused" in answer or b"not a valid SPARQL query" in answer
    assert listener.count == 0


def test_updates_are_refused(served: Served) -> None:
    for content_type, body in [
        ("application/sparql-update", b"CLEAR ALL"),
        ("application/x-www-form-urlencoded", b"update=CLEAR+ALL"),
    ]:
        status, _, answer = served.request("POST", "/query", body, {"Content-Type": content_type})
        assert status == 400 and b"updates are refused" in answer
    status, _, _ = served.request(
        "POST",
        "/update",
        b"update=CLEAR+ALL",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403
    assert _findings(served.query(COUNT)[2]) == "65"  # nothing was cleared


def test_host_header_is_checked(served: Served) -> None:
    path = "/query?" + urlencode({"query": COUNT})
    for host in ("evil.example", "evil.example:80", "127.0.0.1.evil.example"):
        status, _, answer = served.request("GET", path, None, {"Host": host})
        assert status == 421, host
        assert b"--allow-host" in answer
    for host in (f"localhost:{served.port}", "127.0.0.1", "evonto.test:8080", "[::1]:1"):
        assert served.request("GET", path, None, {"Host": host})[0] == 200, host
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.endheaders()
    assert connection.getresponse().status == 400
    connection.close()


def test_an_endless_aggregate_is_stopped_and_the_server_recovers(served: Served) -> None:
    started = time.monotonic()
    status, _, answer = served.query(CARTESIAN_COUNT)
    assert status == 503, answer
    assert b"longer than 3 s" in answer
    assert time.monotonic() - started < 15
    assert _findings(served.query(COUNT)[2]) == "65"  # a fresh child answers


def test_a_query_over_the_memory_limit_gets_503_and_the_server_recovers(project: Path) -> None:
    """The Oxigraph child aborts at its address-space cap: the query gets a 503 naming the
    limit, a new child takes over and serve goes on (not 'the Oxigraph server stopped')."""
    hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g ?c ?f ?i"
    with serving(project, "--timeout", "120", "--max-memory", "1024") as server:
        first = server.oxigraph_child()
        started = time.monotonic()
        status, _, answer = server.query(hungry)
        assert status == 503, answer[-300:]
        assert b"more than 1024 MiB of memory" in answer
        assert time.monotonic() - started < 60
        assert _findings(server.query(COUNT)[2]) == "65"  # a fresh child answers
        assert server.process.poll() is None
        assert first is not None and gone(first) and server.oxigraph_child() not in (None, first)


def test_a_cut_off_stream_is_an_error_not_a_200(project: Path) -> None:
    """Oxigraph's --timeout-s answers 200 with a cut-off body: the front turns it into 503."""
    with serving(project, "--timeout", "2", "--max-reply-mb", "2000") as server:
        for accept in ("application/sparql-results+json", "text/csv"):
            status, _, answer = server.query(CARTESIAN_ROWS, accept=accept)
            assert status == 503, answer[-200:]
            assert b"out of time" in answer or b"longer than 2 s" in answer


def test_reply_size_is_capped(served: Served) -> None:
    status, _, answer = served.query("CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert status == 507
    assert b"larger than 1 MiB" in answer


def test_twenty_concurrent_clients_without_errors(served: Served) -> None:
    errors: list[str] = []
    answers: list[str] = []

    def client() -> None:
        for _ in range(10):
            try:
                status, _, body = served.query(COUNT)
                if status != 200:
                    errors.append(f"HTTP {status}: {body[:100]!r}")
                else:
                    answers.append(_findings(body))
            except Exception as exc:
                errors.append(repr(exc))

    threads = [threading.Thread(target=client) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert answers == ["65"] * 200


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_the_oxigraph_child_dies_with_serve(project: Path, signum: int) -> None:
    with serving(project) as server:
        assert server.query(COUNT)[0] == 200
        child = server.oxigraph_child()
        assert child is not None
        server.process.send_signal(signum)
        server.process.wait(timeout=20)
        assert gone(child), f"Oxigraph {child} survived {signal.Signals(signum).name}"
        assert refuses_connections(server.port)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_signal_during_busy_accepting_stops_serve(project: Path, signum: int) -> None:
    """A signal that lands while the front accepts a connection still stops it (exit 0)."""
    for _ in range(3):
        with serving(project) as server:
            busy = threading.Event()
            done = threading.Event()

            def client(
                server: Served = server,
                busy: threading.Event = busy,
                done: threading.Event = done,
            ) -> None:
                while not done.is_set():
                    try:
                        server.request("GET", "/nothing-here", None, {})
                        busy.set()
                    except Exception:  # the server went away: this client is done
                        return

            threads = [threading.Thread(target=client, daemon=True) for _ in range(4)]
            for thread in threads:
                thread.start()
            assert busy.wait(timeout=30)
            server.process.send_signal(signum)
            try:
                server.process.wait(timeout=15)
            finally:
                done.set()
            assert server.process.returncode == 0
            assert refuses_connections(server.port)
