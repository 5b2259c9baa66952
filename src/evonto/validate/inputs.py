"""Reading the files to validate (stage 1, syntax): RDF in any of the usual syntaxes, or TSV.

Every failure is a :class:`~evonto.errors.SourceError` naming file:line:column; the caller
records it and goes on with the other files, so all syntax problems show in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from operator import attrgetter, methodcaller
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import Location, SourceError, display_path
from evonto.prefixes import EVONTO_TERM, OBO

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

DEFAULT_MAX_MB = 512
TSV_SUFFIXES = (".tsv",)
#: what a folder argument contributes: RDF files by suffix (``.xml`` and ``.json`` only when
#: named, as most such files are not RDF) and the findings tables by name
FOLDER_SUFFIXES = (".jsonld", ".nq", ".nt", ".owl", ".rdf", ".trig", ".ttl")
FOLDER_TABLES = ("findings.tsv", "translational.tsv")


@dataclass
class RdfInput:
    """A parsed RDF file: its triples as Oxigraph parsed them and its text (to locate lines)."""

    path: Path
    display: str
    quads: list[pyoxigraph.Quad]
    text: str

    @cached_property
    def graph(self) -> rdflib.Graph:
        """The triples as an rdflib graph, converted on first use (only some stages need it)."""
        from evonto.rdfio import to_rdflib

        return to_rdflib(self.quads)


def check_size(path: Path, max_mb: float) -> None:
    """Refuse a file larger than ``max_mb`` megabytes, or one that is not a regular file (a
    device, a FIFO, a symlink to one), before reading it."""
    from evonto.rdfio import check_regular

    size = check_regular(path).st_size
    if size > max_mb * 1024 * 1024:
        raise SourceError(
            f"file is {size / (1024 * 1024):.3g} MB, larger than the {max_mb:g} MB limit "
            "(raise it with --max-size)",
            Location(display_path(path)),
        )


def expand_folders(paths: list[Path], exclude: tuple[Path, ...] = ()) -> list[Path]:
    """``paths`` with each folder replaced by the files it holds, recursively and sorted.

    A folder contributes its RDF files (:data:`FOLDER_SUFFIXES`) and findings tables
    (:data:`FOLDER_TABLES`), skipping hidden files and folders (``.git``) and the files in
    ``exclude`` (the terms files, which are background, not data). A folder with none of these
    is a :class:`SourceError`.
    """
    skip = {p.resolve() for p in exclude}
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = [
            f
            for f in sorted(path.rglob("*"))
            if f.is_file()
            and not any(part.startswith(".") for part in f.relative_to(path).parts)
            and (f.suffix.lower() in FOLDER_SUFFIXES or f.name in FOLDER_TABLES)
            and f.resolve() not in skip
        ]
        if not found:
            raise SourceError(
                "folder holds no RDF file ("
                + ", ".join(FOLDER_SUFFIXES)
                + ") and no findings table ("
                + ", ".join(FOLDER_TABLES)
                + ")",
                Location(display_path(path)),
            )
        out += found
    return list(dict.fromkeys(out))


def is_tsv(path: Path) -> bool:
    return path.suffix.lower() in TSV_SUFFIXES


def read_rdf(path: Path, max_mb: float = DEFAULT_MAX_MB) -> RdfInput:
    """Parse one RDF file (format from its suffix) with located errors; never fetches anything."""
    from evonto.rdfio import parse_quads

    data = _source_bytes(path, max_mb)
    with _remote_context_refused():
        quads = parse_quads(path, data)
    return RdfInput(path, display_path(path), quads, _text_of(data))


def stream_rdf(path: Path, into: Triples, max_mb: float = DEFAULT_MAX_MB) -> str:
    """Parse one RDF file as :func:`read_rdf` does, its quads going into ``into`` batch by
    batch (never all held at once); returns the file's text, to locate lines in."""
    from evonto.rdfio import parse_batches, strip_bom

    data = _source_bytes(path, max_mb)
    try:  # parsed from its text, so the bytes need not be kept beside it
        source: bytes | str = strip_bom(data).decode("utf-8")
        text = source
    except UnicodeDecodeError:  # from the bytes: the parser names the first bad byte
        source, text = data, _text_of(data)
    del data
    with _remote_context_refused():
        for batch in parse_batches(path, source):
            into.add(batch)
    return text


def _source_bytes(path: Path, max_mb: float) -> bytes:
    """The bytes of an RDF file within the size limit (the parser sniffs the format and screens
    RDF/XML for entities: :func:`evonto.rdfio.parse_batches`)."""
    from evonto.rdfio import read_bytes

    check_size(path, max_mb)
    return read_bytes(path, max_mb)


def _text_of(data: bytes) -> str:
    from evonto.rdfio import strip_bom

    return strip_bom(data).decode("utf-8", errors="replace")


@contextmanager
def _remote_context_refused() -> Iterator[None]:
    """pyoxigraph's words for a remote JSON-LD ``@context`` as evonto's refusal."""
    try:
        yield
    except SourceError as exc:
        if "LoadDocumentCallback" in exc.message:
            raise SourceError(
                "remote JSON-LD @context refused: evonto never fetches documents from the web; "
                "put the context inline",
                exc.location,
            ) from None
        raise


class Triples:
    """The data to validate: the files' triples streamed into a store as parsed, or an rdflib
    graph (the project's sources).

    Streamed (:meth:`streamed`), each batch goes into the default graph of an in-memory Oxigraph
    store, which the SHACL and QC stages then query; the one Python pass over each batch notes
    each distinct typed literal as rdflib spells it (the store keeps only canonical forms) and
    the OBO and evonto terms the data uses (:meth:`used_terms`). What else the Python stages
    need is read from the store by index when the last batch is in (:meth:`finish`): the
    instance graphs the findings lack, and the (subject, property) pairs the data states about
    the ontology's subjects. The data's subjects are looked up in the store (:attr:`subjects`).
    The rdflib graph, which only the reasoner and pyshacl need, is built on first use (from the
    store).
    """

    def __init__(
        self,
        graph: rdflib.Graph | None = None,
        *,
        store: pyoxigraph.Store | None = None,
        described: frozenset[str] = frozenset(),
    ) -> None:
        self._graph = graph
        self.store = store
        self.stated: set[tuple[str, str]] = set()
        self._described = described
        self._spelled: dict[pyoxigraph.Literal, pyoxigraph.Literal] = {}
        self._used: set[str] = set()
        self._count = 0

    @classmethod
    def streamed(cls, described: frozenset[str] = frozenset()) -> Triples:
        """Empty, to be filled by :meth:`add`; ``described``: the ontology's named subjects."""
        import pyoxigraph

        return cls(store=pyoxigraph.Store(), described=described)

    def add(self, quads: list[pyoxigraph.Quad]) -> None:
        """Take in a batch of parsed quads (default graph): literals noted and respelled, then
        stored."""
        import pyoxigraph

        assert self.store is not None, "add() is for streamed triples"
        # map/filter run in C: a third less time than a set comprehension per quad
        objects = set(map(_object, quads))
        found = set(filter(pyoxigraph.Literal.__instancecheck__, objects))
        named = filter(pyoxigraph.NamedNode.__instancecheck__, objects)
        self._note_used(map(_value, chain(named, set(map(_predicate, quads)))))
        spelled, changed = self._spelled, {}
        for obj in found:
            if obj.language or obj.datatype.value == XSD_STRING:
                continue  # plain and language-tagged strings are stored and read as written
            same = spelled.get(obj)
            if same is None:
                same = spelled[obj] = _as_rdflib_reads_literal(obj)
            if same != obj:
                changed[obj] = same
        default = pyoxigraph.DefaultGraph
        if not changed and all(type(q.graph_name) is default for q in quads):
            self.store.bulk_extend(quads)
        else:
            self.store.bulk_extend(_respelled(quads, changed))
        self._count += len(quads)

    def finish(self) -> None:
        """After the last batch: add the instance graphs of the findings that carry none, and
        note what the data states about the ontology's subjects."""
        import pyoxigraph

        from evonto.validate.instances import derived_instance_graphs

        assert self.store is not None, "finish() is for streamed triples"
        derived = derived_instance_graphs(self.store)
        if derived:
            self.add(derived)
        named, default = pyoxigraph.NamedNode, pyoxigraph.DefaultGraph()
        for iri in self._described:
            for q in self.store.quads_for_pattern(named(iri), None, None, default):
                self.stated.add((iri, q.predicate.value))

    def _note_used(self, iris: Iterable[str]) -> None:
        self._used.update(filter(_TERM_IRI.match, filter(_in_term_namespace, iris)))

    def used_terms(self) -> list[str]:
        """The OBO and evonto term IRIs (``obo:UBERON_0002048``, ``EVONTO:0000028``) the data
        uses as a property or a value, each once, sorted."""
        if self.store is None:
            import rdflib

            graph = self.graph
            self._note_used(str(t) for t in graph.predicates(unique=True))
            self._note_used(
                str(o) for o in graph.objects(unique=True) if isinstance(o, rdflib.URIRef)
            )
        return sorted(self._used)

    @property
    def subjects(self) -> StoredSubjects:
        """The named nodes the data says something about (looked up in the store)."""
        assert self.store is not None, "subjects are known for streamed triples"
        return StoredSubjects(self.store)

    @property
    def graph(self) -> rdflib.Graph:
        if self._graph is None:
            import pyoxigraph

            from evonto.rdfio import to_rdflib

            default = pyoxigraph.DefaultGraph()
            stored = self.store
            self._graph = to_rdflib(
                stored.quads_for_pattern(None, None, None, default) if stored is not None else []
            )
        return self._graph

    def __bool__(self) -> bool:
        return self._count > 0 if self.store is not None else len(self.graph) > 0

    def literals(self) -> list[pyoxigraph.Literal]:
        """The distinct typed literals (other than ``xsd:string``) of the streamed triples, as
        the store holds them: the ones whose lexical form a store or rdflib may rewrite."""
        return list(dict.fromkeys(self._spelled.values()))


_object = attrgetter("object")
_predicate = attrgetter("predicate")
_value = attrgetter("value")
_in_term_namespace = methodcaller("startswith", (OBO, EVONTO_TERM))
#: an OBO term (PREFIX_digits, not an ontology's own IRI such as obo/uberon.owl) or evonto's
_TERM_IRI = re.compile(
    r"http://purl\.obolibrary\.org/obo/[A-Za-z]\w*_\w+$|" + re.escape(EVONTO_TERM)
)


class StoredSubjects:
    """``iri in subjects``: whether the store's default graph has a statement about ``iri``."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self._store = store

    def __contains__(self, iri: object) -> bool:
        import pyoxigraph

        if not isinstance(iri, str):
            return False
        try:
            node = pyoxigraph.NamedNode(iri)
        except ValueError:
            return False
        found = self._store.quads_for_pattern(node, None, None, pyoxigraph.DefaultGraph())
        return next(iter(found), None) is not None

    def __len__(self) -> int:
        query = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER (isIRI(?s)) }"
        return int(next(iter(self._store.query(query)))["n"].value)


def _respelled(
    quads: list[pyoxigraph.Quad], changed: dict[pyoxigraph.Literal, pyoxigraph.Literal]
) -> Iterator[pyoxigraph.Quad]:
    """The quads in the default graph with the ``changed`` literals replaced; a quad already
    there with nothing to replace goes in as parsed."""
    import pyoxigraph

    quad = pyoxigraph.Quad
    target = pyoxigraph.DefaultGraph()
    default = pyoxigraph.DefaultGraph
    for q in quads:
        obj = q.object
        same = changed.get(obj, obj)
        if same is obj and type(q.graph_name) is default:
            yield q
        else:
            yield quad(q.subject, q.predicate, same, target)


def _as_rdflib_reads_literal(obj: pyoxigraph.Literal) -> pyoxigraph.Literal:
    """One typed literal (not a string) as rdflib spells it, when well-formed.

    The rdflib graph, and so the reasoner and pyshacl, see these forms (``"01"^^xsd:int`` as
    ``"1"``); the stores get the same, so that every stage and both SHACL engines check the same
    values. An ill-formed literal keeps its form (rdflib reads ``"maybe"^^xsd:boolean`` as
    ``"false"``; SHACL must see it).
    """
    import pyoxigraph
    import rdflib

    from evonto.shacl_sparql.xsd import well_formed

    datatype = obj.datatype
    if well_formed(obj.value, datatype.value):
        lexical = str(rdflib.Literal(obj.value, datatype=rdflib.URIRef(datatype.value)))
        if lexical != obj.value:
            return pyoxigraph.Literal(lexical, datatype=datatype)
    return obj
