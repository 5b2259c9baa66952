"""The QC query pack (``queries/qc/*.rq``): ROBOT report checks plus evonto's own, on Oxigraph.

Each file is one SELECT returning ``?entity ?property ?value`` (ROBOT's convention) and starts
with a comment block of ``# key: value`` lines: ``title``, ``level`` (ERROR, WARN or INFO, as in
ROBOT's default profile), ``scope``, ``description``, ``source`` and optionally ``stage``
(``references`` for the checks of stage 2; default ``qc``) and ``cost`` (``high`` for a check
that reads every statement or every label: those start first, two at a time, so that the short
ones fill both cores at the end instead of a long one running alone; default ``low``).

``scope`` says which results count, so that upstream terms from import modules do not drown the
report: ``base`` keeps entities that the validated data is about (evonto's own namespace for
the project, the subjects of the given files otherwise), ``data`` keeps the subjects of the
given files in any namespace (records in upstream namespaces, such as a cargo's HGNC IRI, are
the files' own statements too), ``ontology`` keeps the ontology header being validated, ``all``
keeps everything.

The store holds the data in its default graph and, in named graphs, queried with it as
their union: the ontology (TBox and import modules), the declarations of the project ontology
(the ``rdf:type`` statements of its named terms, which the references checks read), a context
graph declaring the known namespaces of :data:`evonto.prefixes.PREFIX_MAP` as SHACL prefix
declarations, the OBO and evonto term IRIs the data uses (each once, for the references checks
to look up only those) and, for the project, the rows of its SSSOM mapping set as SSSOM/RDF records
(:mod:`evonto.validate.mapping_records`).

A query may write ``KNOWN_NAMESPACES`` where a string literal goes: the runner puts in a regex
that matches an IRI in any namespace the context graph declares (a constant pattern, which
Oxigraph compiles once; a pattern read from the graph is compiled again for every row).

Fast checks: Oxigraph evaluates a leading ``VALUES ?property { rdfs:label }`` first and joins
every statement with it, so the checks write the property in their patterns and bind
``?property`` last (a quarter faster on a label scan; a check that starts from the few
deprecated terms would otherwise read every label).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import EvontoError, Location, display_path
from evonto.problems import Issue
from evonto.validate.shacl import SH

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from evonto.validate.inputs import Triples

GRAPH_BASE = "https://w3id.org/evonto/validate/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
DATA_GRAPH = None  #: the data to validate: the store's default graph (loaded as parsed)
CONTEXT_GRAPH = GRAPH_BASE + "context"
DECLARATIONS_GRAPH = GRAPH_BASE + "declarations"
MAPPINGS_GRAPH = GRAPH_BASE + "mappings"
USED_GRAPH = GRAPH_BASE + "used-terms"  #: ``[] validate:usedTerm <iri>``: Triples.used_terms
USED_TERM = GRAPH_BASE + "usedTerm"
VIEW_GRAPH = GRAPH_BASE + "ontology-view"  #: only while the SHACL stage runs

#: where a query wants the regex of the known namespaces (see the module's description)
_KNOWN_NAMESPACES = re.compile(r"\bKNOWN_NAMESPACES\b")
#: what Rust's regex syntax (Oxigraph's) needs escaped to match as itself
_REGEX_META = frozenset("\\.+*?()|[]{}^$#&-~")

LEVELS = {"ERROR": "error", "WARN": "warn", "INFO": "info"}
SCOPES = ("base", "data", "ontology", "all")
COSTS = ("low", "high")


@dataclass(frozen=True)
class QcCheck:
    """One QC query and its header."""

    name: str
    title: str
    level: str  #: error | warn | info
    scope: str
    stage: str
    description: str
    source: str
    sparql: str
    file: Path
    cost: str = "low"  #: ``high``: reads every statement or label (started first)


def parse_check(path: Path) -> QcCheck:
    """Read one ``.rq`` file and its header; a bad header is an :class:`EvontoError`."""
    from evonto.query.packs import read_header
    from evonto.rdfio import decode_utf8, read_bytes

    text = decode_utf8(read_bytes(path), display_path(path))
    fields = {key: values[0] for key, values in read_header(text).fields.items()}
    where = Location(display_path(path))
    for key in ("title", "level", "scope", "description"):
        if key not in fields:
            raise EvontoError(f"QC query header lacks '# {key}:'", where)
    if fields["level"] not in LEVELS:
        raise EvontoError(f"QC level {fields['level']!r} is not ERROR, WARN or INFO", where)
    if fields["scope"] not in SCOPES:
        raise EvontoError(f"QC scope {fields['scope']!r} is not one of {SCOPES}", where)
    if fields.get("cost", "low") not in COSTS:
        raise EvontoError(f"QC cost {fields['cost']!r} is not one of {COSTS}", where)
    return QcCheck(
        name=path.stem,
        title=fields["title"],
        level=LEVELS[fields["level"]],
        scope=fields["scope"],
        stage=fields.get("stage", "qc"),
        description=fields["description"],
        source=fields.get("source", ""),
        sparql=text,
        file=path,
        cost=fields.get("cost", "low"),
    )


def load_checks(folder: Path) -> list[QcCheck]:
    """Every check in ``folder``, sorted by name."""
    return [parse_check(p) for p in sorted(folder.glob("*.rq"))]


def context_graph(extra: tuple[str, ...] = ()) -> rdflib.Graph:
    """The known namespaces as ``[] sh:declare [ sh:prefix ...; sh:namespace ... ]``.

    ``extra`` are the user's own namespaces (``--namespace``), declared with prefixes
    ``user1``, ``user2``, ...
    """
    import rdflib

    from evonto.prefixes import PREFIX_MAP

    sh = rdflib.Namespace(SH)
    graph = rdflib.Graph()
    node = rdflib.BNode("context")  # not an IRI of evonto's: no check reports it
    user = {f"user{n}": ns for n, ns in enumerate(extra, start=1)}
    for prefix, ns in [*sorted(PREFIX_MAP.items()), *user.items()]:
        decl = rdflib.BNode(f"ns_{prefix.replace('.', '_')}")
        graph.add((node, sh.declare, decl))
        graph.add((decl, sh.prefix, rdflib.Literal(prefix)))
        graph.add((decl, sh.namespace, rdflib.Literal(ns, datatype=rdflib.XSD.anyURI)))
    return graph


def declarations(ontology: rdflib.Graph) -> rdflib.Graph:
    """The ``rdf:type`` statements of the ontology's named terms: what it declares."""
    import rdflib

    out = rdflib.Graph()
    for s, o in ontology.subject_objects(rdflib.RDF.type):
        if isinstance(s, rdflib.URIRef):
            out.add((s, rdflib.RDF.type, o))
    return out


def qc_store(
    ontology: rdflib.Graph,
    data: Triples,
    declared: rdflib.Graph | None = None,
    records: rdflib.Graph | None = None,
    namespaces: tuple[str, ...] = (),
) -> pyoxigraph.Store:
    """An in-memory Oxigraph store with the ontology, data, declarations and context graphs
    (the store the data was streamed into, when it was).

    ``declared`` is the full project ontology whose declarations the references checks use
    (default: ``ontology``), for when ``ontology`` is a background the data partly overrides;
    ``records`` are the SSSOM mapping records, kept out of the data that SHACL and HermiT see;
    ``namespaces`` the user's own, declared in the context graph with evonto's.
    """
    import pyoxigraph
    import rdflib

    from evonto.store import store_from_graph

    store = data.store if data.store is not None else pyoxigraph.Store()
    for name, graph in (
        (ONTOLOGY_GRAPH, ontology),
        (DECLARATIONS_GRAPH, declarations(declared if declared is not None else ontology)),
        (CONTEXT_GRAPH, context_graph(namespaces)),
        (MAPPINGS_GRAPH, records if records is not None else rdflib.Graph()),
    ):
        if len(graph):
            store_from_graph(graph, store, name)
    if data.store is None and data:  # streamed data is in the store already
        store_from_graph(data.graph, store)
    used = pyoxigraph.BlankNode("used")  # not an IRI of evonto's: no check reports it
    uses, graph_name = pyoxigraph.NamedNode(USED_TERM), pyoxigraph.NamedNode(USED_GRAPH)
    store.bulk_extend(
        pyoxigraph.Quad(used, uses, pyoxigraph.NamedNode(iri), graph_name)
        for iri in data.used_terms()
    )
    return store


def run_check(store: pyoxigraph.Store, check: QcCheck) -> list[Issue]:
    """Run one check on the union of the store's graphs: one issue per result row about a
    named entity (focus, property and value as the row gives them; not yet located)."""
    import pyoxigraph

    from evonto.prefixes import compress

    try:
        sparql = fill_placeholders(check.sparql, lambda: declared_namespaces(store))
        rows = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        where = Location(display_path(check.file))
        raise EvontoError(f"QC query does not parse: {exc}", where) from None
    issues = []
    for row in rows:
        entity = row["entity"]
        if entity is None or isinstance(entity, pyoxigraph.BlankNode):
            continue
        prop, value = row["property"], row["value"]
        path = prop.value if isinstance(prop, pyoxigraph.NamedNode) else None
        named = value is not None and not isinstance(value, pyoxigraph.BlankNode)
        text = value.value if named else None
        shown = None
        if text is not None:
            shown = compress(text) if isinstance(value, pyoxigraph.NamedNode) else repr(text)
        detail = f" ({compress(path)} {shown})" if path and shown and text != entity.value else ""
        issues.append(
            Issue(
                "references" if check.stage == "references" else "qc",
                check.name,
                check.level,
                f"{check.title}: {compress(entity.value)}{detail}",
                focus=entity.value,
                path=path,
                value=text,
            )
        )
    return issues


def fill_placeholders(sparql: str, namespaces: Callable[[], Iterable[str]]) -> str:
    """A check's query as the runner sends it: ``KNOWN_NAMESPACES`` (outside comments) replaced
    by a regex literal matching the IRIs that start with one of ``namespaces()`` (called only
    when the query has the placeholder; none: a regex no IRI matches)."""
    lines = sparql.split("\n")
    if not any(_KNOWN_NAMESPACES.search(line) for line in lines if not _comment(line)):
        return sparql
    literal = _namespaces_literal(namespaces())
    return "\n".join(
        line if _comment(line) else _KNOWN_NAMESPACES.sub(lambda _: literal, line) for line in lines
    )


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def declared_namespaces(store: pyoxigraph.Store) -> list[str]:
    """The namespaces the store's context graph declares (``sh:namespace``)."""
    declared = f"GRAPH <{CONTEXT_GRAPH}> {{ ?declaration <{SH}namespace> ?ns }}"
    return [row["ns"].value for row in store.query(f"SELECT DISTINCT ?ns WHERE {{ {declared} }}")]


def _namespaces_literal(namespaces: Iterable[str]) -> str:
    spaces = sorted(set(namespaces))
    alternatives = ("".join("\\" + c if c in _REGEX_META else c for c in ns) for ns in spaces)
    pattern = "^(" + "|".join(alternatives) + ")" if spaces else "^$"
    escaped = pattern.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r") + '"'


def run_checks(
    store: pyoxigraph.Store, checks: list[QcCheck]
) -> Iterator[tuple[QcCheck, list[Issue]]]:
    """:func:`run_check` for each check, in order (two at a time: :mod:`evonto.parallel`)."""
    from evonto.parallel import ordered_map

    found = ordered_map(
        lambda c: run_check(store, c), checks, "evonto-qc", first=lambda c: c.cost == "high"
    )
    yield from zip(checks, found, strict=True)
