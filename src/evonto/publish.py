"""Replace one named graph on a remote store (SPARQL 1.1 Graph Store Protocol), then verify it.

The release (``dist/evonto.ttl`` plus the examples graph) is sent as N-Triples with an HTTP
``PUT`` to the store's graph-store URL (Oxigraph ``/store``, Virtuoso
``/sparql-graph-crud-auth``, Fuseki ``/<dataset>/data``), authenticated only in the scheme the
server's challenge asks for (Digest stays Digest; Basic only over https unless the user opts
in), never preemptively; a password given in the URL is never printed. The triples are then
counted back with SPARQL: a mismatch fails.
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


@dataclass(frozen=True)
class Target:
    """A store URL without credentials (safe to print), and the credentials it carried."""

    url: str
    user: str | None
    password: str | None


def split_credentials(url: str) -> Target:
    """``http://user:pw@host/store`` -> the URL without ``user:pw@`` and the two parts.

    Only the cleaned URL is ever printed or sent as a URL (requests would otherwise turn the
    user info into a preemptive Basic header).
    """
    from urllib.parse import unquote

    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return Target(url, None, None)
    info, host = parts.netloc.rsplit("@", 1)
    user, _, password = info.partition(":")
    clean = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return Target(clean, unquote(user) or None, unquote(password) if password else None)


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every secret, and any ``user:password@`` in a URL, replaced by ``***``."""
    import re

    text = re.sub(r"(//[^/@\s:]*):[^/@\s]*@", r"\1:***@", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def _challenges(response) -> set[str]:
    """The auth schemes a 401 answer offers (lower case), from its WWW-Authenticate headers."""
    import re

    raw = response.raw.headers.get_all("WWW-Authenticate") if response.raw is not None else None
    values = raw or [response.headers.get("WWW-Authenticate", "")]
    schemes = set()
    for value in values:
        # a scheme is a token at the start or after a comma, followed by space or the end
        schemes.update(m.lower() for m in re.findall(r"(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|$)", value))
    return schemes


def _no_auth(request):
    """Send nothing: stops requests from adding ~/.netrc credentials as preemptive Basic."""
    return request


def _auth_for(response, url: str, user: str, password: str, allow_insecure_basic: bool):
    """The auth the server asked for in a 401: Digest when offered, Basic only over https
    (or when the user opted in); never a scheme the server did not ask for."""
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    offered = _challenges(response)
    if "digest" in offered:
        return HTTPDigestAuth(user, password)
    if "basic" in offered:
        if urlsplit(url).scheme != "https" and not allow_insecure_basic:
            raise PublishError(
                f"{url}: the server asks for HTTP Basic authentication over plain http, which "
                "would send the password in clear text; use an https URL, or pass "
                "--allow-insecure-basic if the network is trusted"
            )
        return HTTPBasicAuth(user, password)
    shown = ", ".join(sorted(offered)) or "none"
    raise PublishError(f"{url}: HTTP 401 asks for an unsupported auth scheme ({shown})")


def put_graph(
    store_url: str,
    graph: str,
    body: Payload,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 300.0,
    progress: Callable[[int], None] | None = None,
    allow_insecure_basic: bool = False,
) -> int:
    """``PUT`` the payload as the content of ``graph``; return the HTTP status.

    Credentials go only in the scheme a 401 challenge asks for (first probed with ``HEAD``,
    else on the ``PUT`` itself, which is then sent once more); nothing is sent preemptively.
    """
    import requests
    from requests.auth import HTTPDigestAuth

    params = {"graph": graph}

    def send(session, auth):
        return session.put(
            store_url,
            params=params,
            data=_ProgressBody(body.data, progress),
            headers={"Content-Type": "application/n-triples"},
            auth=auth,
            timeout=timeout,
        )

    try:
        with requests.Session() as session:
            auth = _no_auth
            if user:
                probe = session.head(store_url, params=params, auth=_no_auth, timeout=timeout)
                if probe.status_code == 401:
                    auth = _auth_for(probe, store_url, user, password or "", allow_insecure_basic)
                    if isinstance(auth, HTTPDigestAuth):  # learn the nonce: one PUT, not two
                        session.head(store_url, params=params, auth=auth, timeout=timeout)
            response = send(session, auth)
            if response.status_code == 401 and user and auth is _no_auth:
                auth = _auth_for(response, store_url, user, password or "", allow_insecure_basic)
                response = send(session, auth)
    except requests.exceptions.ConnectionError as exc:
        reason = "connection refused (is the server running?)" if "refused" in str(exc) else exc
        raise PublishError(redact(f"{store_url}: {reason}", password)) from None
    except requests.exceptions.Timeout:
        raise PublishError(f"{store_url}: no answer within {timeout:g} s") from None
    except requests.exceptions.RequestException as exc:
        raise PublishError(redact(f"{store_url}: upload failed: {exc}", password)) from None
    if response.status_code == 401:
        raise PublishError(
            f"{store_url}: HTTP 401: the store refused the credentials"
            + ("" if user else " (give --user and set " + PASSWORD_VARIABLE + ")")
        )
    if response.status_code not in {200, 201, 204}:
        detail = " ".join(response.text.split())[:300] or response.reason
        raise PublishError(redact(f"{store_url}: HTTP {response.status_code}: {detail}", password))
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
    allow_insecure_basic: bool = False,
) -> Published:
    """Replace ``graph`` with the files' triples and verify the count; raise on a mismatch."""
    from evonto.query.params import iri_term
    from evonto.query.remote import check_endpoint_url

    target = split_credentials(store_url)
    store_url = target.url
    check_endpoint_url(store_url)
    iri_term(graph)  # a valid absolute IRI, or a ParamError
    user = user or target.user
    password = os.environ.get(PASSWORD_VARIABLE, target.password)
    if user and password is None:
        raise PublishError(f"--user {user} needs the password in ${PASSWORD_VARIABLE}")
    body = payload(files)
    query_url = split_credentials(query_url).url if query_url else query_endpoint_for(store_url)
    send = {
        "user": user,
        "password": password,
        "timeout": timeout,
        "allow_insecure_basic": allow_insecure_basic,
    }
    try:
        if progress_factory is not None:
            with progress_factory(len(body.data)) as bar:
                status = put_graph(store_url, graph, body, progress=bar.update, **send)
        else:
            status = put_graph(store_url, graph, body, **send)
        found = count_graph(query_url, graph, timeout=min(timeout, 120.0))
    except EvontoError as exc:
        exc.message = redact(exc.message, password)
        exc.args = (exc.message,)
        raise
    result = Published(store_url, query_url, graph, body.triples, found, status)
    if found != body.triples:
        raise PublishError(
            f"{graph}: sent {body.triples} triples but {query_url} counts {found} in the graph"
        )
    return result
