"""Linked data for ``evonto serve``: every IRI of evonto's namespace answers at its path.

``https://w3id.org/evonto/EVONTO_0000001`` is served at ``/EVONTO_0000001``, a finding at
``/finding/EVBC-A001`` (its individuals below it), the ontology at ``/evonto.owl`` (and
``/releases/<version>/evonto.owl`` for the release this server holds). Each answers in Turtle,
RDF/XML, JSON-LD, N-Triples or HTML by the ``Accept`` header (or a ``.ttl``/``.rdf``/
``.jsonld``/``.nt``/``.html`` suffix), with ``Vary: Accept`` and ``Link`` headers; ``406`` when
none of those is acceptable, ``404`` with a helpful page for an unknown ID.

A term's RDF is its concise bounded description (its triples, blank nodes followed, and the
``owl:Axiom`` annotations on them) plus the labels of what it points to; a finding's adds its
individuals and the description of its sources. HTML is the ``evonto docs`` page of the term or
finding (a ``303`` to ``/docs/...``) when a site was built, else a small generated page.
"""

from __future__ import annotations

import html
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.prefixes import EVONTO, FINDING, ONTOLOGY_IRI, PREFIX_MAP

if TYPE_CHECKING:
    import pyoxigraph

    from evonto.project import Project

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL = "http://www.w3.org/2002/07/owl#"
PROV = "http://www.w3.org/ns/prov#"
#: predicates whose objects are a finding's sources (their descriptions are included)
SOURCE_PREDICATES = (
    PROV + "wasDerivedFrom",
    EVONTO + "EVONTO_0000211",  # has evidence (ECO)
    EVONTO + "EVONTO_0000212",  # has primary source (PMID)
)


@dataclass(frozen=True)
class Format:
    name: str
    media: str
    suffix: str


#: server preference order (ties in the Accept header, and ``*/*``, go to the first)
FORMATS = (
    Format("turtle", "text/turtle", ".ttl"),
    Format("html", "text/html", ".html"),
    Format("rdfxml", "application/rdf+xml", ".rdf"),
    Format("jsonld", "application/ld+json", ".jsonld"),
    Format("ntriples", "application/n-triples", ".nt"),
)
BY_SUFFIX = {f.suffix: f for f in FORMATS}
#: for the ontology IRI, ``*/*`` means its RDF/XML file (what OWL tools expect)
ONTOLOGY_ORDER = (FORMATS[2], FORMATS[0], FORMATS[1], FORMATS[3], FORMATS[4])
_ALIASES = {"application/xhtml+xml": "text/html", "application/x-turtle": "text/turtle"}


@dataclass
class Reply:
    """What the front sends back."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def negotiate(accept: str | None, order: tuple[Format, ...] = FORMATS) -> Format | None:
    """The format the ``Accept`` header prefers (q-values, then ``order``); ``None``: 406."""
    if not accept or not accept.strip():
        return order[0]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = _ALIASES.get(media.lower(), media.lower())
        if media:
            ranges.append((media, q))

    def quality(fmt: Format) -> float:
        best, specificity = 0.0, -1
        kind = fmt.media.split("/")[0]
        for media, q in ranges:
            level = 2 if media == fmt.media else 1 if media == f"{kind}/*" else 0
            if media not in {fmt.media, f"{kind}/*", "*/*"}:
                continue
            if level > specificity:
                best, specificity = q, level
        return best

    scored = [(quality(fmt), -index, fmt) for index, fmt in enumerate(order)]
    q, _, fmt = max(scored, key=lambda item: (item[0], item[1]))
    return fmt if q > 0 else None


class LinkedData:
    """The release's triples (the query store, read-only), answering paths below evonto's
    namespace."""

    def __init__(self, location: Path, dist: Path, docs: Path | None) -> None:
        import pyoxigraph

        self.store = pyoxigraph.Store.read_only(str(location))  # the store Oxigraph serves
        self.dist = dist
        self.docs = docs if docs is not None and (docs / "index.html").is_file() else None
        self.version = self._version()
        self._parts = self._index_parts()

    @classmethod
    def for_project(cls, project: Project, location: Path, docs: Path | None = None) -> LinkedData:
        """Over the query store at ``location`` (release and examples, or merged sources)."""
        site = docs if docs is not None else project.root / "site"
        return cls(location, project.dist_dir, site)

    # -- routing ---------------------------------------------------------------------------
    def respond(self, path: str, accept: str | None) -> Reply:
        """The reply for a GET of ``path`` (already split from its query string)."""
        if path.startswith("/docs/") or path == "/docs":
            return self._static(path)
        if path == "/":
            return self._page(200, "evonto", self._index_html())
        explicit, stem = None, path
        for suffix, fmt in BY_SUFFIX.items():
            if path.endswith(suffix) and len(path) > len(suffix) + 1:
                explicit, stem = fmt, path[: -len(suffix)]
                break
        ontology = self._ontology_path(path)
        if ontology is not None:
            return ontology if isinstance(ontology, Reply) else self._ontology(accept)
        iri = EVONTO + stem.lstrip("/")
        if not self._known(iri):
            return self._not_found(path)
        fmt = explicit or negotiate(accept)
        if fmt is None:
            return self._not_acceptable(stem)
        headers = self._headers(stem, iri, fmt, vary=explicit is None)
        if fmt.name == "html":
            return self._html(iri, headers)
        body = self._serialize(self.describe(iri), fmt)
        return Reply(200, [("Content-Type", _content_type(fmt)), *headers], body)

    def _ontology_path(self, path: str) -> Reply | bool | None:
        """``True`` for the ontology IRI (and this release's version IRI), a reply for its files."""
        if path == "/evonto.owl":
            return True
        files = {"/evonto.ttl": "evonto.ttl", "/evonto.jsonld": "evonto.jsonld"}
        if path in files:
            return self._file(self.dist / files[path], _media_of(files[path]))
        match = re.fullmatch(r"/releases/([^/]+)/(evonto\.(?:owl|ttl|jsonld))", path)
        if not match:
            return None
        if match[1] != self.version:
            return self._page(
                404,
                "release not served",
                f"<p>This server holds release <code>{html.escape(self.version or '?')}</code>"
                f", not <code>{html.escape(match[1])}</code>: see "
                f'<a href="/releases/{html.escape(self.version)}/evonto.owl">its version IRI</a>'
                " or the release archive.</p>",
            )
        return True if match[2] == "evonto.owl" else self._ontology_path("/" + match[2])

    # -- content ---------------------------------------------------------------------------
    def describe(self, iri: str) -> list[pyoxigraph.Triple]:
        """The concise bounded description of ``iri``, labels of its objects, and (for a
        finding) its individuals and sources."""
        import pyoxigraph

        node = pyoxigraph.NamedNode(iri)
        triples: set[pyoxigraph.Triple] = set()
        self._cbd(node, triples)
        if iri.startswith(FINDING):
            finding = FINDING + iri[len(FINDING) :].split("/")[0]
            for q in self.store.quads_for_pattern(None, None, node):
                if isinstance(q.subject, pyoxigraph.NamedNode) and q.subject.value == finding:
                    triples.add(pyoxigraph.Triple(q.subject, q.predicate, q.object))
            if finding == iri:
                for part in self._individuals(finding):
                    self._cbd(part, triples)
            for predicate in SOURCE_PREDICATES:
                for q in self.store.quads_for_pattern(
                    pyoxigraph.NamedNode(finding), pyoxigraph.NamedNode(predicate), None
                ):
                    triples.add(pyoxigraph.Triple(q.subject, q.predicate, q.object))
                    if isinstance(q.object, pyoxigraph.NamedNode):
                        self._cbd(q.object, triples)
        label = pyoxigraph.NamedNode(RDFS_LABEL)
        for triple in list(triples):
            for term in (triple.predicate, triple.object):
                if isinstance(term, pyoxigraph.NamedNode):
                    for q in self.store.quads_for_pattern(term, label, None):
                        triples.add(pyoxigraph.Triple(q.subject, q.predicate, q.object))
        return sorted(triples, key=str)

    def _cbd(self, node, triples: set, depth: int = 0) -> None:
        import pyoxigraph

        if depth > 50:
            return
        for q in self.store.quads_for_pattern(node, None, None):
            triple = pyoxigraph.Triple(q.subject, q.predicate, q.object)
            if triple in triples:
                continue
            triples.add(triple)
            if isinstance(q.object, pyoxigraph.BlankNode):
                self._cbd(q.object, triples, depth + 1)
        if depth == 0:  # OWL axiom annotations about this node's statements
            source = pyoxigraph.NamedNode(OWL + "annotatedSource")
            for q in self.store.quads_for_pattern(None, source, node):
                if isinstance(q.subject, pyoxigraph.BlankNode):
                    self._cbd(q.subject, triples, depth + 1)

    def _individuals(self, finding: str) -> list[pyoxigraph.NamedNode]:
        return self._parts.get(finding, [])

    def _index_parts(self) -> dict[str, list[pyoxigraph.NamedNode]]:
        """Finding IRI → the IRIs minted below it (its EV, cargo, role… individuals)."""
        import pyoxigraph

        parts: dict[str, set] = {}
        for q in self.store:
            s = q.subject
            if isinstance(s, pyoxigraph.NamedNode) and s.value.startswith(FINDING):
                finding, _, rest = s.value[len(FINDING) :].partition("/")
                if rest:
                    parts.setdefault(FINDING + finding, set()).add(s)
        return {k: sorted(v, key=str) for k, v in parts.items()}

    def _known(self, iri: str) -> bool:
        import pyoxigraph

        try:
            node = pyoxigraph.NamedNode(iri)
        except ValueError:  # not an IRI at all (a quote, a brace, bad %-encoding)
            return False
        return next(iter(self.store.quads_for_pattern(node, None, None)), None) is not None

    def _serialize(self, triples, fmt: Format) -> bytes:
        import pyoxigraph

        target = {
            "turtle": pyoxigraph.RdfFormat.TURTLE,
            "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
            "jsonld": pyoxigraph.RdfFormat.JSON_LD,
            "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        }[fmt.name]
        prefixes = None if fmt.name == "ntriples" else _prefixes(triples)
        return pyoxigraph.serialize(triples, format=target, prefixes=prefixes)

    def _ontology(self, accept: str | None) -> Reply:
        fmt = negotiate(accept, ONTOLOGY_ORDER)
        if fmt is None:
            return self._not_acceptable("/evonto.owl")
        headers = self._headers("/evonto.owl", ONTOLOGY_IRI, fmt, vary=True, ontology=True)
        files = {"rdfxml": "evonto.owl", "turtle": "evonto.ttl", "jsonld": "evonto.jsonld"}
        if fmt.name in files and (self.dist / files[fmt.name]).is_file():
            reply = self._file(self.dist / files[fmt.name], _content_type(fmt))
            reply.headers += headers
            return reply
        if fmt.name == "html":
            return self._html(ONTOLOGY_IRI, headers)
        import pyoxigraph

        triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in self.store]
        body = self._serialize(sorted(triples, key=str), fmt)
        return Reply(200, [("Content-Type", _content_type(fmt)), *headers], body)

    def _html(self, iri: str, headers: list[tuple[str, str]]) -> Reply:
        page = self._docs_page(iri)
        if page is not None:
            return Reply(303, [("Location", page), ("Content-Length", "0"), *headers], b"")
        body = self._term_html(iri).encode("utf-8")
        return Reply(200, [("Content-Type", "text/html; charset=utf-8"), *headers], body)

    def _docs_page(self, iri: str) -> str | None:
        """The ``evonto docs`` page (and anchor) that shows ``iri``, if a site was built."""
        if self.docs is None:
            return None
        local = iri[len(EVONTO) :]
        if iri == ONTOLOGY_IRI:
            return "/docs/ontology.html"
        if local.startswith("finding/"):
            anchor = local.split("/")[1]
            page = "findings.html"
        else:
            anchor, page = local, "ontology.html"
        target = self.docs / page
        if target.is_file() and f'id="{anchor}"' in target.read_text(encoding="utf-8"):
            return f"/docs/{page}#{anchor}"
        return None

    def _term_html(self, iri: str) -> str:
        import pyoxigraph

        triples = self.describe(iri)
        labels = {
            t.subject.value: t.object.value
            for t in triples
            if t.predicate.value == RDFS_LABEL and isinstance(t.subject, pyoxigraph.NamedNode)
        }
        title = labels.get(iri, iri)
        rows = []
        for t in triples:
            if not (isinstance(t.subject, pyoxigraph.NamedNode) and t.subject.value == iri):
                continue
            rows.append(
                f"<tr><td>{_link(t.predicate.value, labels)}</td>"
                f"<td>{_term_cell(t.object, labels)}</td></tr>"
            )
        path = "/" + iri[len(EVONTO) :]
        alternates = " · ".join(
            f'<a href="{html.escape(path + f.suffix)}">{f.name}</a>'
            for f in FORMATS
            if f.name != "html"
        )
        body = (
            f"<p><code>{html.escape(iri)}</code></p><p>As RDF: {alternates}</p>"
            f"<table><tr><th>property</th><th>value</th></tr>{''.join(rows)}</table>"
            '<p><a href="/">evonto</a> · <a href="/query">SPARQL endpoint</a></p>'
        )
        return _html_page(title, body)

    # -- replies ---------------------------------------------------------------------------
    def _headers(
        self, path: str, iri: str, fmt: Format, *, vary: bool, ontology: bool = False
    ) -> list[tuple[str, str]]:
        """``Link`` (canonical, an alternate per format, describedby) and ``Vary``."""
        links = [f'<{iri}>; rel="canonical"']
        if ontology:
            targets = {"turtle": "/evonto.ttl", "rdfxml": "/evonto.owl", "jsonld": "/evonto.jsonld"}
        else:
            targets = {f.name: path + f.suffix for f in FORMATS}
        for alt in FORMATS:
            if alt.name in targets:
                links.append(f'<{targets[alt.name]}>; rel="alternate"; type="{alt.media}"')
        links.append(f'<{ONTOLOGY_IRI}>; rel="describedby"; type="application/rdf+xml"')
        headers = [("Link", ", ".join(links))]
        if vary:
            headers.append(("Vary", "Accept"))
        return headers

    def _not_acceptable(self, path: str) -> Reply:
        offered = ", ".join(f.media for f in FORMATS)
        text = f"406 Not Acceptable: {path} is available as {offered}\n"
        return Reply(
            406, [("Content-Type", "text/plain; charset=utf-8"), ("Vary", "Accept")], text.encode()
        )

    def _not_found(self, path: str) -> Reply:
        shown = html.escape(EVONTO + path.lstrip("/"))
        hint = ""
        if re.fullmatch(r"/EVONTO_\d+", path):
            hint = "<p>evonto term IDs have seven digits and exist only once minted.</p>"
        elif path.startswith("/finding/"):
            hint = "<p>Findings are named <code>finding/EVBC-A001</code> and so on.</p>"
        body = (
            f"<p>No evonto IRI <code>{shown}</code> in this release "
            f"(<code>{html.escape(self.version or '?')}</code>).</p>{hint}"
            '<p>Search with SPARQL at <a href="/query">/query</a>, for example '
            "<code>SELECT ?s ?label WHERE { ?s rdfs:label ?label }</code>, or start at "
            '<a href="/evonto.owl">the ontology</a>.</p>'
        )
        return self._page(404, "not found", body)

    def _page(self, status: int, title: str, body: str) -> Reply:
        page = _html_page(title, body).encode("utf-8")
        return Reply(status, [("Content-Type", "text/html; charset=utf-8")], page)

    def _file(self, path: Path, media: str) -> Reply:
        if not path.is_file():
            return self._page(404, "not found", f"<p>{html.escape(path.name)} is not built.</p>")
        return Reply(200, [("Content-Type", media)], path.read_bytes())

    def _static(self, path: str) -> Reply:
        """A file of the ``evonto docs`` site, never outside it."""
        if self.docs is None:
            return self._page(404, "no site", "<p>Run <code>evonto docs</code> first.</p>")
        relative = path[len("/docs") :].lstrip("/") or "index.html"
        target = (self.docs / relative).resolve()
        root = self.docs.resolve()
        if root not in target.parents or not target.is_file():
            return self._page(404, "not found", f"<p>No page {html.escape(relative)}.</p>")
        media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if media.startswith("text/") or media.endswith(("+xml", "javascript")):
            media += "; charset=utf-8"
        return Reply(200, [("Content-Type", media)], target.read_bytes())

    def _index_html(self) -> str:
        docs = '<li><a href="/docs/">documentation</a></li>' if self.docs else ""
        return (
            f"<p>Release <code>{html.escape(self.version or '?')}</code>.</p><ul>"
            '<li><a href="/evonto.owl">the ontology</a> (RDF/XML, Turtle, JSON-LD)</li>'
            f"{docs}<li>SPARQL endpoint: <code>/query</code> (GET or POST)</li></ul>"
        )

    def _version(self) -> str:
        import pyoxigraph

        version = pyoxigraph.NamedNode(OWL + "versionIRI")
        for q in self.store.quads_for_pattern(pyoxigraph.NamedNode(ONTOLOGY_IRI), version, None):
            match = re.search(r"/releases/([^/]+)/", q.object.value)
            if match:
                return match[1]
        return ""


def _prefixes(triples) -> dict[str, str]:
    """The prefixes the triples use, one per namespace (the first name wins)."""
    iris = {
        term.value
        for t in triples
        for term in (t.subject, t.predicate, t.object)
        if hasattr(term, "value") and type(term).__name__ == "NamedNode"
    }
    iris |= {t.object.datatype.value for t in triples if hasattr(t.object, "datatype")}
    seen: dict[str, str] = {}
    for name, namespace in PREFIX_MAP.items():
        if namespace in seen.values() or not re.fullmatch(r"[A-Za-z][\w.-]*", name):
            continue
        if any(iri.startswith(namespace) for iri in iris):
            seen[name] = namespace
    return seen


def _content_type(fmt: Format) -> str:
    return f"{fmt.media}; charset=utf-8" if fmt.media.startswith("text/") else fmt.media


def _media_of(name: str) -> str:
    return {".ttl": "text/turtle; charset=utf-8", ".jsonld": "application/ld+json"}.get(
        Path(name).suffix, "application/octet-stream"
    )


def _link(iri: str, labels: dict[str, str]) -> str:
    shown = html.escape(labels.get(iri, iri))
    target = "/" + iri[len(EVONTO) :] if iri.startswith(EVONTO) else iri
    return f'<a href="{html.escape(target)}" title="{html.escape(iri)}">{shown}</a>'


def _term_cell(term, labels: dict[str, str]) -> str:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return _link(term.value, labels)
    if isinstance(term, pyoxigraph.BlankNode):
        return "<em>(an anonymous class or axiom)</em>"
    return html.escape(term.value)


def _html_page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} · evonto</title></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>\n"
    )
