"""The FOOPS! metrics that need an HTTP server (CN1, DOC1, HTTP1, URI1, URI2, VER2), and those
that need the open web (FIND2, FIND3, OM4.2: reported ``not run``).

The server is ``evonto serve`` (started by :func:`evonto.fair.run.run_fair` on a free port of
127.0.0.1) or a base URL the user names: an IRI ``https://w3id.org/evonto/<path>`` is asked for
at ``<base URL><path>``. Nothing else is contacted; redirects are not followed.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from evonto.fair.context import OWL, RDF_TYPE, Context
from evonto.fair.model import FOOPS, Check, Result
from evonto.prefixes import EVONTO

#: the RDF media types FOOPS! negotiates for (N3 stands for N-Triples here: evonto serves it)
RDF_MEDIA = ("application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json")
ANY_RDF = ", ".join(RDF_MEDIA)
MAX_BYTES = 512 * 1024 * 1024
NEEDS_NETWORK = "not run: needs network"


@dataclass(frozen=True)
class Response:
    status: int
    media: str  #: the Content-Type's media type, lower case, without parameters
    body: bytes
    error: str = ""  #: why there is no response (connection refused, timeout, ...)
    location: str = ""  #: the Location header of a redirect


class Client:
    """GET requests to one server, answers remembered per (path, Accept)."""

    def __init__(self, base_url: str, timeout: float = 60) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url}")
        self.base_url = base_url.rstrip("/") + "/"
        self.parts = urlsplit(self.base_url)
        self._origin = f"{self.parts.scheme}://{self.parts.netloc}"
        self.timeout = timeout
        self._seen: dict[tuple[str, str], Response] = {}

    def url(self, iri: str) -> str:
        """Where the server answers for ``iri``."""
        path = iri[len(EVONTO) :] if iri.startswith(EVONTO) else urlsplit(iri).path.lstrip("/")
        return self.base_url + path

    def get(self, iri: str, accept: str) -> Response:
        """The answer for ``iri``, following redirects on the same server (at most 5)."""
        key = (iri, accept)
        if key not in self._seen:
            path = urlsplit(self.url(iri)).path
            for _ in range(6):
                response = self._get(path, accept)
                if response.status not in (301, 302, 303, 307, 308) or not response.location:
                    break
                target = urlsplit(urljoin(self._origin + path, response.location))
                if (target.scheme, target.netloc) != (self.parts.scheme, self.parts.netloc):
                    response = Response(
                        response.status,
                        response.media,
                        b"",
                        f"HTTP {response.status} to {response.location} "
                        "(not followed: another server than the one named)",
                    )
                    break
                path = target.path + (f"?{target.query}" if target.query else "")
            self._seen[key] = response
        return self._seen[key]

    def _get(self, path: str, accept: str) -> Response:
        kind = (
            http.client.HTTPSConnection
            if self.parts.scheme == "https"
            else http.client.HTTPConnection
        )
        conn = kind(self.parts.hostname, self.parts.port, timeout=self.timeout)
        try:
            conn.request("GET", path, headers={"Accept": accept})
            response = conn.getresponse()
            body = response.read(MAX_BYTES + 1)
            media = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            location = response.getheader("Location") or ""
            return Response(response.status, media, body[:MAX_BYTES], location=location)
        except (OSError, http.client.HTTPException) as exc:
            return Response(0, "", b"", f"{type(exc).__name__}: {exc}")
        finally:
            conn.close()


def describe(response: Response) -> str:
    if response.error:
        return response.error
    return f"HTTP {response.status} {response.media or '(no Content-Type)'}"


def parse(response: Response) -> list[tuple[str, str, str]] | None:
    """The triples of an RDF response (subject, predicate, object as text); None if not RDF."""
    import pyoxigraph

    if response.status != 200 or response.media not in RDF_MEDIA:
        return None
    fmt = pyoxigraph.RdfFormat.from_media_type(response.media)
    try:
        return [
            (_text(q.subject), _text(q.predicate), _text(q.object))
            for q in pyoxigraph.parse(response.body, format=fmt, base_iri=EVONTO)
        ]
    except (SyntaxError, ValueError, OSError):
        return None


def _text(term) -> str:
    return getattr(term, "value", str(term))


def needs_server(ctx: Context) -> Result | None:
    if ctx.client is None:
        return Result.not_run(f"not run: needs a server ({ctx.client_note})")
    if ctx.ontology is None:
        return Result("fail", 0, 1, "no owl:Ontology is declared: there is no IRI to ask for")
    return None


def cn1(ctx: Context) -> Result:
    """CN1 content negotiation: the ontology IRI gives RDF (and HTML) when asked for it."""
    if (bad := needs_server(ctx)) is not None:
        return bad
    served, refused = [], []
    for media in RDF_MEDIA:
        response = ctx.client.get(ctx.ontology, media)
        ok = response.media == media and bool(parse(response))
        (served if ok else refused).append(media if ok else f"{media} ({describe(response)})")
    html = ctx.client.get(ctx.ontology, "text/html")
    html_ok = html.status == 200 and html.media == "text/html"
    notes = (f"not served: {'; '.join(refused)}",) if refused else ()
    passed = (1 if served else 0) + (1 if html_ok else 0)
    if not served:
        why = f"{ctx.ontology} gives no RDF serialisation: {'; '.join(refused)}"
        return Result("fail", passed, 2, why, ("RDF",), notes)
    found = f"RDF ({', '.join(served)})" + (", HTML" if html_ok else "")
    if not html_ok:
        notes = (*notes, f"no HTML: {describe(html)}")
    return Result("pass", passed, 2, f"ontology available in {found}", (), notes)


def doc1(ctx: Context) -> Result:
    """DOC1 HTML documentation: the ontology IRI gives an HTML page to a browser."""
    if (bad := needs_server(ctx)) is not None:
        return bad
    response = ctx.client.get(ctx.ontology, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
    if (
        response.status == 200
        and response.media == "text/html"
        and b"<html" in response.body.lower()
    ):
        return Result("pass", 1, 1, f"HTML documentation for {ctx.ontology}")
    return Result("fail", 0, 1, f"no HTML documentation: {describe(response)}", ("HTML",))


def http1(ctx: Context) -> Result:
    """HTTP1 open protocol: the ontology IRI is http(s) and answers over HTTP."""
    if (bad := needs_server(ctx)) is not None:
        return bad
    scheme = urlsplit(ctx.ontology).scheme in ("http", "https")
    response = ctx.client.get(ctx.ontology, ANY_RDF)
    parts = {
        "http(s) IRI": scheme,
        f"answered over HTTP ({describe(response)})": 200 <= response.status < 400,
    }
    return Result.of(parts, "the ontology uses an open protocol (HTTP)", "not met")


def uri1(ctx: Context) -> Result:
    """URI1 resolvable ontology IRI: it resolves to RDF/XML, Turtle, N-Triples or JSON-LD."""
    if (bad := needs_server(ctx)) is not None:
        return bad
    response = ctx.client.get(ctx.ontology, ANY_RDF)
    if parse(response):
        return Result("pass", 1, 1, f"the ontology IRI resolves ({response.media})")
    return Result(
        "fail", 0, 1, f"the ontology IRI does not resolve to RDF: {describe(response)}", ("RDF",)
    )


def _declares(triples: list[tuple[str, str, str]], predicate: str, value: str) -> bool:
    """Whether some triple has ``predicate`` and ``value`` (trailing ``/`` or ``#`` aside)."""
    return any(p == predicate and o.rstrip("/#") == value.rstrip("/#") for _, p, o in triples)


def uri2(ctx: Context) -> Result:
    """URI2 consistent ontology IDs: the document the IRI resolves to declares that IRI."""
    if (bad := needs_server(ctx)) is not None:
        return bad
    triples = parse(ctx.client.get(ctx.ontology, ANY_RDF))
    if triples is None:
        return Result("fail", 0, 1, "the ontology IRI does not resolve to RDF", ("ontology IRI",))
    heads = sorted({s for s, p, o in triples if p == RDF_TYPE and o == OWL + "Ontology"})
    if any(h.rstrip("/#") == ctx.ontology.rstrip("/#") for h in heads):
        return Result("pass", 1, 1, "the resolved document declares the same ontology IRI")
    return Result(
        "fail",
        0,
        1,
        f"the resolved document declares {', '.join(heads) or 'no ontology'}",
        ("ontology IRI",),
    )


def ver2(ctx: Context) -> Result:
    """VER2 version IRI resolves: to RDF that declares that version IRI."""
    if (bad := needs_server(ctx)) is not None:
        return bad
    versions = sorted(str(v) for v in ctx.values(OWL + "versionIRI"))
    if not versions:
        return Result("fail", 0, 1, "no version IRI to resolve", ("version iri",))
    response = ctx.client.get(versions[0], ANY_RDF)
    triples = parse(response)
    if triples and _declares(triples, OWL + "versionIRI", versions[0]):
        return Result("pass", 1, 1, f"{versions[0]} resolves ({response.media})")
    why = describe(response) if triples is None else "its RDF does not declare that version IRI"
    return Result("fail", 0, 1, f"{versions[0]} does not resolve: {why}", ("version iri",))


def _network(what: str):
    def test(ctx: Context) -> Result:
        return Result.not_run(f"{NEEDS_NETWORK} ({what})")

    return test


def _foops(metric: str, title: str, principle: str, test, group: str = "online") -> Check:
    return Check(metric, title, FOOPS + metric, principle, group, test)


CHECKS: list[Check] = [
    _foops("CN1", "Content negotiation for RDF", "A1", cn1),
    _foops("DOC1", "HTML availability", "R1", doc1),
    _foops("HTTP1", "Open protocol", "A1.1", http1),
    _foops("URI1", "Ontology URI is resolvable", "F1", uri1),
    _foops("URI2", "Consistent ontology IDs", "F1", uri2),
    _foops("VER2", "Version IRI resolves", "F1", ver2),
    _foops(
        "FIND2",
        "Prefix is in registry",
        "F4",
        _network("looks the prefix up in prefix.cc and LOV"),
        "network",
    ),
    _foops(
        "FIND3",
        "Ontology in metadata registry",
        "F4",
        _network("looks the ontology up in LOV"),
        "network",
    ),
    _foops(
        "OM4.2",
        "License is resolvable",
        "R1.1",
        _network("resolves the license IRI on the web"),
        "network",
    ),
]
