"""The remote engine: any SPARQL 1.1 endpoint, through SPARQLWrapper (POST, JSON results).

Errors a user can act on become :class:`EvontoError` (exit 2): a refused connection, a timeout,
an HTTP error with the server's first line of explanation, or a reply that is not SPARQL
results. A result cut at a server's row cap (Virtuoso's ``ResultSetMaxRows``) gets a warning.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
from urllib.parse import urlsplit

from evonto.errors import EvontoError
from evonto.query.results import Results, from_sparql_json

#: the largest reply read from an endpoint (``--max-reply-mb``)
MAX_REPLY = 256 * 1024 * 1024
#: row counts that are typical server caps (Virtuoso's defaults are 10000 and 100000)
_ROUND = 1000


#: SPARQLWrapper's exception for each HTTP status it handles itself
_HTTP_CODES = {
    "QueryBadFormed": 400,
    "Unauthorized": 401,
    "EndPointNotFound": 404,
    "URITooLong": 414,
    "EndPointInternalError": 500,
}


class EndpointError(EvontoError):
    """The endpoint could not answer the query."""


def check_endpoint_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise EndpointError(f"--endpoint {url!r} is not an http(s) URL")
    return url


def run(
    endpoint: str,
    text: str,
    *,
    timeout: float = 60.0,
    graphs: tuple[str, ...] = (),
    check_cap: bool = True,
    max_bytes: int = MAX_REPLY,
) -> Results:
    """POST a SELECT or ASK to ``endpoint`` and return its rows.

    ``timeout`` bounds the whole exchange (connect, headers, body); ``max_bytes`` the reply.
    """
    results, info = _post(endpoint, text, timeout=timeout, graphs=graphs, max_bytes=max_bytes)
    if check_cap and results.boolean is None:
        _warn_if_capped(endpoint, text, results, info, timeout, graphs)
    return results


def _post(
    endpoint: str,
    text: str,
    *,
    timeout: float,
    graphs: tuple[str, ...],
    max_bytes: int = MAX_REPLY,
) -> tuple[Results, dict[str, str]]:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    check_endpoint_url(endpoint)
    client = SPARQLWrapper(endpoint, agent="evonto (SPARQLWrapper)")
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(int(timeout) if timeout >= 1 else 1)
    client.setQuery(text)
    # SPARQLWrapper guesses the form from the first keyword anywhere in the text, comments
    # included ("addresses" reads as ADD, an update); the parsed form is authoritative
    from evonto.query.local import check_query

    form = check_query(text, federated=True)  # the named endpoint's own policy decides SERVICE
    client.queryType = {"ask": "ASK", "construct": "CONSTRUCT", "describe": "DESCRIBE"}.get(
        form, "SELECT"
    )
    for graph in graphs:
        client.addDefaultGraph(graph)
    if _is_virtuoso_path(endpoint):
        # Virtuoso's own execution limit, in milliseconds; other servers do not take it
        client.addParameter("timeout", str(int(timeout * 1000)))
    where = f"{endpoint}"
    try:
        raw, info = _within(timeout, lambda: _fetch(client, max_bytes, where))
    except SPARQLWrapperException as exc:
        message = str(exc)
        detail = _first_line(message.split("Response:", 1)[-1].strip().lstrip("b").strip("'\""))
        code = _HTTP_CODES.get(type(exc).__name__)
        status = f"HTTP {code}" if code else "the endpoint refused the query"
        hint = "; is this URL a SPARQL endpoint?" if code == 404 else ""
        raise EndpointError(f"{where}: {status}: {detail}{hint}") from None
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace") if exc.fp else ""
        hint = "; is this URL a SPARQL endpoint?" if exc.code in {404, 405, 406} else ""
        raise EndpointError(
            f"{where}: HTTP {exc.code} {exc.reason}: {_first_line(body) or 'no details'}{hint}"
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise EndpointError(f"{where}: connection refused (is the server running?)") from None
        if isinstance(reason, socket.timeout | TimeoutError):
            raise EndpointError(
                f"{where}: no complete answer within {timeout:g} s (--timeout)"
            ) from None
        raise EndpointError(f"{where}: cannot connect: {reason}") from None
    except TimeoutError:
        raise EndpointError(
            f"{where}: no complete answer within {timeout:g} s (--timeout)"
        ) from None
    except (ConnectionError, OSError) as exc:
        raise EndpointError(f"{where}: connection failed: {exc}") from None
    content_type = info.get("content-type", "")
    try:
        document = json.loads(raw.decode("utf-8"))
        if not isinstance(document, dict) or not ("boolean" in document or "head" in document):
            raise ValueError("no 'head' or 'boolean' member")
    except (UnicodeDecodeError, ValueError) as exc:
        raise EndpointError(
            f"{where}: the reply is not SPARQL JSON results (Content-Type "
            f"{content_type or 'missing'}; {exc}); is this URL a SPARQL endpoint?"
        ) from None
    _check_bindings(document, where)
    return from_sparql_json(document), info


def _fetch(client, max_bytes: int, where: str) -> tuple[bytes, dict[str, str]]:
    """Send the query and read the reply, refusing more than ``max_bytes``."""
    response = client.query()
    stream = response.response
    chunks, size = [], 0
    while chunk := stream.read(65536):
        size += len(chunk)
        if size > max_bytes:
            stream.close()
            raise EndpointError(
                f"{where}: the reply is larger than {max_bytes // (1024 * 1024)} MiB "
                "(--max-reply-mb); add a LIMIT"
            )
        chunks.append(chunk)
    return b"".join(chunks), {k.lower(): v for k, v in response.info().items()}


def _within(timeout: float, call):
    """``call()`` with a total deadline (not per socket read): a trickling server is cut off.

    The exchange runs in a daemon thread; past the deadline it is abandoned (its socket has
    its own per-read timeout, so the thread ends soon after) and ``TimeoutError`` is raised.
    """
    import threading

    outcome: list = []

    def target() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append((False, exc))

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise TimeoutError
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


_TERM_TYPES = {"uri", "bnode", "literal", "typed-literal"}


def _check_bindings(document: dict, where: str) -> None:
    """Refuse a reply whose bindings are not SPARQL JSON terms, naming the row and variable."""
    if "boolean" in document:
        return
    results = document.get("results", {})
    bindings = results.get("bindings", []) if isinstance(results, dict) else None
    if not isinstance(bindings, list) or not isinstance(
        document.get("head", {}).get("vars", []), list
    ):
        raise EndpointError(f"{where}: the reply is not SPARQL JSON results (no bindings list)")
    for number, binding in enumerate(bindings, 1):
        if not isinstance(binding, dict):
            raise EndpointError(f"{where}: result row {number} is not a JSON object")
        for name, cell in binding.items():
            problem = _binding_problem(cell)
            if problem:
                raise EndpointError(
                    f"{where}: result row {number}, ?{name}: {problem} "
                    "(evonto reads uri, bnode and literal terms)"
                )


def _binding_problem(cell: object) -> str:
    """What is wrong with one SPARQL JSON binding ('' if nothing)."""
    if not isinstance(cell, dict):
        return f"a binding that is not a JSON object ({type(cell).__name__})"
    kind = cell.get("type")
    if kind is None:
        return "a binding without a 'type'"
    if kind not in _TERM_TYPES:
        return f"a binding of unknown type {kind!r}"
    if not isinstance(cell.get("value"), str):
        return f"a {kind} binding without a string 'value'"
    return ""


def _is_virtuoso_path(endpoint: str) -> bool:
    return urlsplit(endpoint).path.rstrip("/").endswith("/sparql")


def _first_line(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


def _warn_if_capped(
    endpoint: str,
    text: str,
    results: Results,
    info: dict[str, str],
    timeout: float,
    graphs: tuple[str, ...],
) -> None:
    """Warn when the server cut the rows: its header says so, or a COUNT finds more."""
    n = len(results.rows)
    header = info.get("x-sparql-maxrows")  # Virtuoso sends it when it cut the result
    suspicious = n > 0 and n % _ROUND == 0 and not re.search(r"\bLIMIT\b", text, re.I)
    if not header and not suspicious:
        return
    total = count_rows(endpoint, text, timeout=timeout, graphs=graphs)
    if total is not None and total > n:
        results.warnings.append(
            f"the endpoint returned {n} of {total} rows: it caps result sets "
            "(Virtuoso: ResultSetMaxRows); add LIMIT/OFFSET or raise the cap"
        )
    elif header and total is None:
        results.warnings.append(
            f"the endpoint caps results at {header} rows; this answer may be incomplete"
        )


def count_rows(endpoint: str, text: str, *, timeout: float, graphs: tuple[str, ...]) -> int | None:
    """How many rows the query has, by wrapping it in ``SELECT (COUNT(*) ...)``."""
    prologue, body = split_prologue(text)
    wrapped = f"{prologue}\nSELECT (COUNT(*) AS ?evonto_rows) WHERE {{\n{body}\n}}\n"
    try:
        counted, _ = _post(endpoint, wrapped, timeout=timeout, graphs=graphs)
        return int(counted.rows[0][0].value)  # type: ignore[union-attr]
    except (EvontoError, IndexError, ValueError, AttributeError):
        return None


def split_prologue(text: str) -> tuple[str, str]:
    """(PREFIX/BASE declarations, the rest) of a query, comments dropped."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    prologue, rest = [], []
    for i, line in enumerate(lines):
        if re.match(r"^\s*(PREFIX|BASE)\b", line, re.IGNORECASE):
            prologue.append(line)
        elif line.strip():
            rest = lines[i:]
            break
    return "\n".join(prologue), "\n".join(rest)
