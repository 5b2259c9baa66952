"""Replace one named graph on a remote store (SPARQL 1.1 Graph Store Protocol), then verify it.

The release (``dist/evonto.ttl`` plus the examples graph) is sent as N-Triples with an HTTP
``PUT`` to the store's graph-store URL (Oxigraph ``/store``, Virtuoso
``/sparql-graph-crud-auth``, Fuseki ``/<dataset>/data``), authenticated with HTTP digest or
basic auth as the server asks. The triples are then counted back with SPARQL: a mismatch fails.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from evonto.errors import EvontoError, display_path

PASSWORD_VARIABLE = "EVONTO_ENDPOINT_PASSWORD"
CHUNK = 1 << 16


class PublishError(EvontoError):
    """The graph could not be replaced, or the store holds something else afterwards."""


@dataclass(frozen=True)
class Payload:
    """What is uploaded: N-Triples bytes and the number of distinct triples they hold."""

    data: bytes
    triples: int
    files: tuple[Path, ...]


def payload(files: list[Path]) -> Payload:
    """The files' triples (default graph), de-duplicated, as N-Triples."""
    import pyoxigraph

    from evonto.query.local import load_files

    missing = [f for f in files if not f.is_file()]
    if missing:
        raise PublishError(
            f"{display_path(missing[0])} not found: run `evonto build` first, or pass --file"
        )
    store = pyoxigraph.Store()
    load_files(store, files)
    data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    return Payload(data, len(store), tuple(files))


def query_endpoint_for(store_url: str) -> str:
    """The SPARQL query URL that goes with a graph-store URL, for the well-known servers."""
    parts = urlsplit(store_url)
    path = parts.path.rstrip("/")
    for suffix, replacement in (
        ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
        ("/sparql-graph-crud", "/sparql"),
        ("/store", "/query"),  # Oxigraph
        ("/data", "/sparql"),  # Fuseki
    ):
        if path.endswith(suffix):
            path = path[: -len(suffix)] + replacement
            break
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


class _ProgressBody(io.RawIOBase):
    """A re-readable request body that reports how many bytes were sent."""

    def __init__(self, data: bytes, progress: Callable[[int], None] | None) -> None:
        self._data = memoryview(data)
        self._pos = 0
        self._progress = progress

    def __len__(self) -> int:
        return len(self._data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: len(self._data)}[whence]
        self._pos = max(0, min(len(self._data), base + offset))
        return self._pos

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size is None or size < 0 else self._pos + size
        chunk = bytes(self._data[self._pos : end])
        self._pos += len(chunk)
        if self._progress and chunk:
            self._progress(len(chunk))
        return chunk


def _auth(session, url: str, params: dict, user: str | None, password: str | None, timeout: float):
    """The auth the server asks for (digest or basic), primed with a HEAD request."""
    if not user:
        return None
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    probe = session.head(url, params=params, timeout=timeout)
    challenge = probe.headers.get("WWW-Authenticate", "")
    if probe.status_code == 401 and challenge.lower().startswith("digest"):
        auth = HTTPDigestAuth(user, password or "")
        session.head(url, params=params, auth=auth, timeout=timeout)  # learn the nonce
        return auth
    return HTTPBasicAuth(user, password or "")


def put_graph(
    store_url: str,
    graph: str,
    body: Payload,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 300.0,
    progress: Callable[[int], None] | None = None,
) -> int:
    """``PUT`` the payload as the content of ``graph``; return the HTTP status."""
    import requests

    params = {"graph": graph}
    try:
        with requests.Session() as session:
            auth = _auth(session, store_url, params, user, password, timeout)
            response = session.put(
                store_url,
                params=params,
                data=_ProgressBody(body.data, progress),
                headers={"Content-Type": "application/n-triples"},
                auth=auth,
                timeout=timeout,
            )
    except requests.exceptions.ConnectionError as exc:
        reason = "connection refused (is the server running?)" if "refused" in str(exc) else exc
        raise PublishError(f"{store_url}: {reason}") from None
    except requests.exceptions.Timeout:
        raise PublishError(f"{store_url}: no answer within {timeout:g} s") from None
    except requests.exceptions.RequestException as exc:
        raise PublishError(f"{store_url}: upload failed: {exc}") from None
    if response.status_code == 401:
        raise PublishError(
            f"{store_url}: HTTP 401: the store refused the credentials"
            + ("" if user else " (give --user and set " + PASSWORD_VARIABLE + ")")
        )
    if response.status_code not in {200, 201, 204}:
        detail = " ".join(response.text.split())[:300] or response.reason
        raise PublishError(f"{store_url}: HTTP {response.status_code}: {detail}")
    return response.status_code


def count_graph(query_url: str, graph: str, timeout: float = 60.0) -> int:
    """How many triples the store holds in ``graph``."""
    from evonto.query import remote
    from evonto.query.params import iri_term

    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri_term(graph)} {{ ?s ?p ?o }} }}"
    results = remote.run(query_url, text, timeout=timeout, check_cap=False)
    try:
        return int(results.rows[0][0].value)  # type: ignore[union-attr]
    except (IndexError, AttributeError, ValueError):
        raise PublishError(f"{query_url}: the triple count came back empty") from None


@dataclass(frozen=True)
class Published:
    store_url: str
    query_url: str
    graph: str
    sent: int
    found: int
    status: int


def publish(
    files: list[Path],
    store_url: str,
    graph: str,
    *,
    user: str | None = None,
    query_url: str | None = None,
    timeout: float = 300.0,
    progress_factory=None,
) -> Published:
    """Replace ``graph`` with the files' triples and verify the count; raise on a mismatch."""
    from evonto.query.params import iri_term
    from evonto.query.remote import check_endpoint_url

    check_endpoint_url(store_url)
    iri_term(graph)  # a valid absolute IRI, or a ParamError
    password = os.environ.get(PASSWORD_VARIABLE)
    if user and password is None:
        raise PublishError(f"--user {user} needs the password in ${PASSWORD_VARIABLE}")
    body = payload(files)
    query_url = query_url or query_endpoint_for(store_url)
    if progress_factory is not None:
        with progress_factory(len(body.data)) as bar:
            status = put_graph(
                store_url,
                graph,
                body,
                user=user,
                password=password,
                timeout=timeout,
                progress=bar.update,
            )
    else:
        status = put_graph(store_url, graph, body, user=user, password=password, timeout=timeout)
    found = count_graph(query_url, graph, timeout=min(timeout, 120.0))
    result = Published(store_url, query_url, graph, body.triples, found, status)
    if found != body.triples:
        raise PublishError(
            f"{graph}: sent {body.triples} triples but {query_url} counts {found} in the graph"
        )
    return result
