"""Persistent identifiers: the w3id redirect rules for ``https://w3id.org/evonto/``.

One table (:data:`MEDIA`, :data:`KINDS`) says where each kind of evonto IRI goes for each media
type, below one publishing base (:data:`DEFAULT_BASE`): release files under
``{base}releases/{version}/``, the ``evonto docs`` site under ``{base}docs/``.
:func:`htaccess` writes that table as Apache mod_rewrite rules (the ``.htaccess`` the w3id
project takes in a pull request, committed as ``w3id/evonto/.htaccess``); :func:`target` reads
the same table directly, so a test can hold a real Apache against it, IRI by IRI.

Negotiation is what the w3id rules can do: the first media type of :data:`MEDIA` whose name
appears in the ``Accept`` header wins (q-values are not weighed); with none, the ontology and
version IRIs give RDF/XML and every other IRI Turtle, as ``evonto serve`` does (which weighs
q-values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evonto.prefixes import EVONTO

#: where release files and docs are published (GitHub Pages of the project; see w3id/README.md)
DEFAULT_BASE = "https://evonto.github.io/evonto/"
#: the rules file, relative to the project folder
HTACCESS = "w3id/evonto/.htaccess"

#: the media types the rules offer, in the order they test them
MEDIA = (
    "text/turtle",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-triples",
    "text/html",
)
#: media type -> the release file with that serialisation of the merged ontology and findings
RELEASE_FILES = {
    "text/turtle": "releases/{v}/evonto.ttl",
    "application/rdf+xml": "releases/{v}/evonto.owl",
    "application/ld+json": "releases/{v}/evonto.jsonld",
    "application/n-triples": "releases/{v}/evonto.nt",
}
_VERSION = r"\d{4}-\d{2}-\d{2}"


@dataclass(frozen=True)
class Kind:
    """One kind of evonto IRI: its path pattern (after the namespace) and where it goes.

    ``targets`` maps media types (a subset of :data:`MEDIA`) to paths below the base, with
    ``{1}`` for the pattern's first group and ``{v}`` for the release version (the current one,
    or group 1 when ``versioned``); ``default`` is the media type given when the Accept header
    names none of them.
    """

    name: str
    pattern: str
    targets: dict[str, str]
    default: str
    versioned: bool = False

    def offered(self) -> list[str]:
        """The media types of ``targets`` in :data:`MEDIA` order."""
        return [m for m in MEDIA if m in self.targets]


def _page(page: str) -> dict[str, str]:
    return {**RELEASE_FILES, "text/html": "docs/" + page}


KINDS: tuple[Kind, ...] = (
    Kind("ontology", r"evonto\.owl|EVONTO_", _page("index.html"), "application/rdf+xml"),
    Kind(
        "version",
        rf"releases/({_VERSION})/evonto\.owl",
        _page("release.html"),
        "application/rdf+xml",
        versioned=True,
    ),
    Kind("term", r"(EVONTO_\d{7})", _page("ontology.html#{1}"), "text/turtle"),
    Kind(
        "finding",
        r"finding/([A-Za-z0-9-]+)(?:/[A-Za-z0-9_.-]+)?",
        _page("findings.html#{1}"),
        "text/turtle",
    ),
    Kind(
        "dataset",
        r"dataset(?:/[A-Za-z0-9_./-]+)?",
        {"text/turtle": "releases/{v}/void.ttl", "text/html": "docs/release.html"},
        "text/turtle",
    ),
    Kind(
        "import module",
        r"imports/(?:[A-Za-z0-9_.-]+/)?([a-z]+_import\.ttl)",
        {"text/turtle": "imports/{1}", "text/html": "docs/imported.html"},
        "text/turtle",
    ),
    Kind(
        "release file",
        rf"releases/({_VERSION})/([A-Za-z0-9_./-]+)",
        {"text/turtle": "releases/{1}/{2}"},
        "text/turtle",
    ),
)


def normalise_base(base: str) -> str:
    """``base`` with one trailing slash; it must be an http(s) URL."""
    if not re.match(r"^https?://[^\s/]+(/\S*)?$", base):
        raise ValueError(f"the publishing base must be an http(s) URL, not {base!r}")
    return base.rstrip("/") + "/"


def target(path: str, accept: str, version: str, base: str = DEFAULT_BASE) -> str | None:
    """Where ``https://w3id.org/evonto/<path>`` redirects for ``accept`` (``None``: 404)."""
    base = normalise_base(base)
    for kind in KINDS:
        match = re.fullmatch(kind.pattern, path)
        if match is None:
            continue
        media = next((m for m in kind.offered() if m in accept), kind.default)
        groups = match.groups()
        where = kind.targets[media].replace("{v}", groups[0] if kind.versioned else version)
        for n, value in enumerate(groups, 1):
            where = where.replace(f"{{{n}}}", value or "")
        return base + where
    return None


def path_of(iri: str) -> str:
    """The path of an evonto IRI after the namespace (what the rules match)."""
    if not iri.startswith(EVONTO):
        raise ValueError(f"{iri} is not in the evonto namespace {EVONTO}")
    return iri[len(EVONTO) :]


def htaccess(version: str, base: str = DEFAULT_BASE) -> str:
    """The mod_rewrite rules of :data:`KINDS` for release ``version``."""
    base = normalise_base(base)
    out = [
        "# w3id.org/evonto: persistent IRIs of evonto, the ontology of extracellular vesicles in",
        "# breast cancer organotropic metastasis. Generated by `evonto w3id`: do not edit.",
        f"# Current release: {version}. Publishing base: {base}",
        "",
        "Options -MultiViews",
        "RewriteEngine on",
        "",
    ]
    for kind in KINDS:
        out.append(f"# {kind.name}")
        fallback = _rule(kind, base, version, kind.default)
        rules = [(media, _rule(kind, base, version, media)) for media in kind.offered()]
        while rules and rules[-1][1] == fallback:  # the fallback gives the same: no condition
            rules.pop()
        for media, rule in rules:
            out += [f"RewriteCond %{{HTTP_ACCEPT}} {re.escape(media)}", rule]
        out += [fallback, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _rule(kind: Kind, base: str, version: str, media: str) -> str:
    where = kind.targets[media].replace("{v}", "$1" if kind.versioned else version)
    where = re.sub(r"\{(\d)\}", r"$\1", where)
    flags = "[R=303,NE,L]" if "#" in where else "[R=303,L]"
    return f"RewriteRule ^(?:{kind.pattern})$ {base}{where} {flags}"
