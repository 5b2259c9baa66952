"""Reading RDF sources with located errors, and writing canonical, atomic outputs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from evonto.errors import Location, SourceError, display_path

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

T = TypeVar("T")

#: file suffix -> (pyoxigraph format name, rdflib format name)
SUFFIX_FORMATS: dict[str, tuple[str, str]] = {
    ".ttl": ("TURTLE", "turtle"),
    ".owl": ("RDF_XML", "xml"),
    ".rdf": ("RDF_XML", "xml"),
    ".xml": ("RDF_XML", "xml"),
    ".nt": ("N_TRIPLES", "nt"),
    ".nq": ("N_QUADS", "nquads"),
    ".trig": ("TRIG", "trig"),
    ".jsonld": ("JSON_LD", "json-ld"),
    ".json": ("JSON_LD", "json-ld"),
}


def rdf_format(path: Path) -> tuple[str, str]:
    """The (pyoxigraph, rdflib) format names for a file, from its suffix."""
    try:
        return SUFFIX_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise SourceError(
            f"unknown RDF file type {path.suffix or '(no suffix)'!r}; expected one of {known}",
            Location(display_path(path)),
        ) from None


def read_bytes(path: Path) -> bytes:
    """The bytes of a source file, or a :class:`SourceError` saying why it cannot be read."""
    where = Location(display_path(path))
    if path.is_dir():
        raise SourceError("is a directory, not a file", where)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file", where) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", where) from None
    if not data.strip():
        raise SourceError("file is empty", where)
    if b"\x00" in data[:8192]:
        raise SourceError("binary file, not RDF text", where)
    return data


#: within :func:`parse_session`: (reader, file, size, mtime) -> what the reader made of it
_PARSED: ContextVar[dict[tuple[str, str, int, int], object] | None] = ContextVar(
    "evonto_parsed", default=None
)


@contextmanager
def parse_session() -> Iterator[None]:
    """Within the block (one command), each source file is parsed once: a second read of the
    same unchanged file gets the triples of the first. Every command runs in one."""
    token = _PARSED.set({} if _PARSED.get() is None else _PARSED.get())
    try:
        yield
    finally:
        _PARSED.reset(token)


def _session_key(path: Path, reader: str = "rdf") -> tuple[str, str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (reader, str(path.resolve()), stat.st_size, stat.st_mtime_ns)


def read_once(path: Path, reader: str, read: Callable[[], T], copy: Callable[[T], T]) -> T:
    """``read()`` of ``path``, done once per :func:`parse_session` (``copy`` of it after)."""
    parsed = _PARSED.get()
    key = _session_key(path, reader) if parsed is not None else None
    if key is None:
        return read()
    if key not in parsed:
        parsed[key] = read()
    return copy(parsed[key])  # type: ignore[arg-type]


def parse_quads(path: Path, data: bytes | None = None) -> list[pyoxigraph.Quad]:
    """Parse an RDF file with Oxigraph (no network access, no external entities).

    Raises :class:`SourceError` located at the file, line and column of a syntax error. Within
    a :func:`parse_session`, a file already parsed is not parsed again.
    """
    return read_once(path, "rdf", lambda: _parse_quads(path, data), list)


def _parse_quads(path: Path, data: bytes | None) -> list[pyoxigraph.Quad]:
    import pyoxigraph

    ox_format, _ = rdf_format(path)
    data = read_bytes(path) if data is None else data
    ox_format = sniff_format(path, data, ox_format)
    if ox_format == "RDF_XML":
        from evonto.xmlguard import screen_xml_entities

        screen_xml_entities(data, display_path(path))
    try:
        return list(
            pyoxigraph.parse(
                data,
                format=getattr(pyoxigraph.RdfFormat, ox_format),
                base_iri=path.resolve().as_uri(),
            )
        )
    except SyntaxError as exc:
        raise SourceError(
            _clean_syntax_message(exc.msg), Location(display_path(path), exc.lineno, exc.offset)
        ) from None
    except (ValueError, OSError) as exc:
        raise SourceError(f"cannot parse: {exc}", Location(display_path(path))) from None


def sniff_format(path: Path, data: bytes, ox_format: str) -> str:
    """The format actually in a ``.ttl`` file: Protégé may save RDF/XML under that name.

    RDF/XML is accepted; OWL/XML, Manchester and functional syntax get a message saying how to
    save the file instead.
    """
    if ox_format != "TURTLE":
        return ox_format
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if head.startswith(b"<?xml") or head.startswith(b"<rdf:RDF") or head.startswith(b"<!DOCTYPE"):
        if b"<Ontology" in head and b"<rdf:RDF" not in head:
            raise SourceError(
                "saved as OWL/XML; in Protégé use File > Save as > Turtle (or RDF/XML)",
                Location(display_path(path), 1, 1),
            )
        return "RDF_XML"
    if head.startswith((b"Prefix(", b"Ontology(", b"Prefix:", b"Ontology:")):
        raise SourceError(
            "saved in OWL functional or Manchester syntax; in Protégé use File > Save as > "
            "Turtle (or RDF/XML)",
            Location(display_path(path), 1, 1),
        )
    return ox_format


def _clean_syntax_message(msg: str) -> str:
    """Oxigraph's message without its own repeated location suffix."""
    msg = msg.split(" (", 1)[0] if msg.rstrip().endswith(")") and ", line " in msg else msg
    if msg.startswith("Parser error at line"):
        msg = msg.split(": ", 1)[-1]
    return msg


def to_rdflib(quads: list[pyoxigraph.Quad], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Copy Oxigraph triples into an rdflib graph (default graph only)."""
    import rdflib

    graph = rdflib.Graph() if graph is None else graph
    convert = _term_converter()
    add = graph.add
    for q in quads:
        add((convert(q.subject), convert(q.predicate), convert(q.object)))
    return graph


def _term_converter():
    import pyoxigraph
    import rdflib

    cache: dict[object, object] = {}

    def convert(term: object) -> rdflib.term.Node:
        hit = cache.get(term)
        if hit is not None:
            return hit  # type: ignore[return-value]
        if isinstance(term, pyoxigraph.NamedNode):
            out: rdflib.term.Node = rdflib.URIRef(term.value)
        elif isinstance(term, pyoxigraph.BlankNode):
            out = rdflib.BNode(term.value)
        else:
            lit: pyoxigraph.Literal = term  # type: ignore[assignment]
            if lit.language:
                out = rdflib.Literal(lit.value, lang=lit.language)
            elif lit.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
                out = rdflib.Literal(lit.value)
            else:
                out = rdflib.Literal(lit.value, datatype=rdflib.URIRef(lit.datatype.value))
        cache[term] = out
        return out

    return convert


def from_rdflib(graph: rdflib.Graph, to_graph: str | None = None) -> Iterator[pyoxigraph.Quad]:
    """The triples of an rdflib graph as Oxigraph quads in ``to_graph`` (default graph when
    ``None``), converted term by term: no serialisation and no second parse."""
    import pyoxigraph
    import rdflib

    cache: dict[object, object] = {}
    target = pyoxigraph.NamedNode(to_graph) if to_graph else pyoxigraph.DefaultGraph()

    def convert(term: rdflib.term.Node):
        hit = cache.get(term)
        if hit is not None:
            return hit
        if isinstance(term, rdflib.URIRef):
            out = pyoxigraph.NamedNode(str(term))
        elif isinstance(term, rdflib.BNode):
            out = pyoxigraph.BlankNode(_bnode_id(str(term)))
        elif term.language:
            out = pyoxigraph.Literal(str(term), language=term.language)
        elif term.datatype is not None:
            out = pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        else:
            out = pyoxigraph.Literal(str(term))
        cache[term] = out
        return out

    quad = pyoxigraph.Quad
    for s, p, o in graph:
        yield quad(convert(s), convert(p), convert(o), target)


def _bnode_id(label: str) -> str:
    """A blank node label Oxigraph accepts (rdflib allows a few more characters)."""
    return label if label.replace("_", "").replace("-", "").isalnum() else label.encode().hex()


def load_graph(path: Path, graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Parse one RDF file into an rdflib graph, with located syntax errors."""
    return to_rdflib(parse_quads(path), graph)


def canonical_graph(graph: rdflib.Graph) -> rdflib.Graph:
    """A copy whose blank nodes have content-derived labels, so serialisations are stable."""
    import rdflib
    from rdflib.compare import to_canonical_graph

    from evonto.prefixes import bind_all

    has_bnodes = any(isinstance(term, rdflib.BNode) for triple in graph for term in triple)
    # to_canonical_graph returns a read-only aggregate: copy it into a plain graph
    source = to_canonical_graph(graph) if has_bnodes else graph
    out = rdflib.Graph()
    for triple in source:
        out.add(triple)
    return bind_all(out)


def serialize(graph: rdflib.Graph, fmt: str) -> bytes:
    """Serialise deterministically: canonical blank nodes, sorted output, evonto prefixes."""
    data = canonical_graph(graph).serialize(format=fmt, encoding="utf-8")
    if fmt in {"nt", "ntriples", "nt11"}:
        lines = sorted(set(data.decode("utf-8").splitlines()))
        return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    return data


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; it replaces ``target`` only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if tmp_path.exists():  # mkstemp makes it private (0600): keep the usual mode instead
            tmp_path.chmod(_file_mode(target))
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _file_mode(target: Path) -> int:
    """The mode ``target`` has, or the umask's default mode for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(target: Path, data: bytes) -> None:
    """Write bytes so that readers see the old file or the whole new one, never half."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
