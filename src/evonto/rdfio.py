"""Reading RDF sources with located errors, and writing canonical, atomic outputs."""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from evonto.errors import Location, SourceError, display_path

XSD = "http://www.w3.org/2001/XMLSchema#"
#: errors of a write that the user can fix (space, permissions, a read-only file system)
WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.EFBIG}
)

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


def read_bytes(path: Path, max_mb: float | None = None) -> bytes:
    """The bytes of a source file, or a :class:`SourceError` saying why it cannot be read.

    Only regular files are read (a device, a FIFO or a symlink to one is refused before it is
    opened for reading), and with ``max_mb`` never more than that many megabytes.
    """
    where = Location(display_path(path))
    check_regular(path)
    limit = None if max_mb is None else int(max_mb * 1024 * 1024)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise SourceError("no such file", where) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", where) from None
    too_large = f"file is larger than the {max_mb or 0:g} MB limit (raise it with --max-size)"
    with os.fdopen(fd, "rb", buffering=0) as fh:
        status = os.fstat(fh.fileno())  # the file opened, not the name checked
        kind = _kind(status.st_mode)
        if kind != "regular file":
            raise SourceError(_not_regular(path, kind), where)
        if limit is not None and status.st_size > limit:
            raise SourceError(too_large, where)
        try:  # its size read in one go; one byte more shows a file that grew meanwhile
            data = fh.readall() if limit is None else _read_upto(fh, status.st_size, limit)
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}", where) from None
    if limit is not None and len(data) > limit:
        raise SourceError(too_large, where)
    if not data or data.isspace():  # (not strip(): that copies the whole file)
        raise SourceError("file is empty", where)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("UTF-16 text; save the file as UTF-8", where)
    if b"\x00" in data[:8192]:
        raise SourceError("binary file, not RDF text", where)
    return data


def _read_upto(fh: io.RawIOBase, size: int, limit: int) -> bytes:
    """The file's bytes, at most ``limit + 1`` of them: what is left of its size in one read,
    and at least a MiB at a time (a file may say it is empty and still have bytes, as in /proc)."""
    chunks, total = [], 0
    while total <= limit:
        chunk = fh.read(min(max(size - total, 1 << 20), limit - total + 1))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def check_regular(path: Path) -> os.stat_result:
    """The status of ``path`` (symlinks followed); a :class:`SourceError` unless it is a
    regular file: directories, devices, FIFOs and sockets are never read."""
    where = Location(display_path(path))
    try:
        status = path.stat()
    except FileNotFoundError:
        raise SourceError("no such file", where) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", where) from None
    kind = _kind(status.st_mode)
    if kind == "directory":
        raise SourceError("is a directory, not a file", where)
    if kind != "regular file":
        raise SourceError(_not_regular(path, kind), where)
    return status


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISREG, "regular file"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "FIFO (named pipe)"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


def _not_regular(path: Path, kind: str) -> str:
    target = f" (a symlink to {os.path.realpath(path)})" if path.is_symlink() else ""
    return f"is a {kind}{target}, not a regular file; evonto reads only regular files"


def strip_bom(data: bytes) -> bytes:
    """``data`` without a leading UTF-8 byte-order mark (editors on Windows write one)."""
    return data.removeprefix(b"\xef\xbb\xbf")


def decode_utf8(data: bytes, display: str) -> str:
    """UTF-8 text (without a byte-order mark); a byte that is not UTF-8 is a located error."""
    data = strip_bom(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        before = data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start]
        column = len(before.decode("utf-8", errors="replace")) + 1  # in characters
        raise SourceError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            Location(display, line, column),
        ) from None


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
        status = path.stat()
    except OSError:
        return None
    return (reader, str(path.resolve()), status.st_size, status.st_mtime_ns)


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
    data = read_bytes(path) if data is None else data
    with _located_errors(path, data):
        return list(_parser(path, data))


def parse_batches(
    path: Path, data: bytes | str, size: int = 100_000
) -> Iterator[list[pyoxigraph.Quad]]:
    """Parse an RDF file as :func:`parse_quads` does, yielding its quads ``size`` at a time, so
    that a caller streaming them into a store never holds them all (not cached: for a caller
    that reads each file once). ``data`` may be the file's text, decoded already (the caller
    then need not keep its bytes too). A syntax error is raised where the parser meets it."""
    from itertools import islice

    with _located_errors(path, data):
        quads = _parser(path, data)
        while batch := list(islice(quads, size)):
            yield batch


def _parser(path: Path, data: bytes | str) -> Iterator[pyoxigraph.Quad]:
    """Oxigraph's lazy parser of ``data`` (format from the suffix, sniffed), XML screened."""
    import pyoxigraph

    ox_format, _ = rdf_format(path)
    ox_format = sniff_format(path, _bytes(data[:8192]), ox_format)
    if ox_format == "RDF_XML":
        from evonto.xmlguard import screen_xml_entities

        screen_xml_entities(_bytes(data), display_path(path))
    # no base IRI: a relative IRI would become a file:// path of this machine, so it is
    # refused (located) unless the file declares its own @base / xml:base
    source = strip_bom(data) if isinstance(data, bytes) else data
    return pyoxigraph.parse(source, format=getattr(pyoxigraph.RdfFormat, ox_format))


def _bytes(data: bytes | str) -> bytes:
    return data if isinstance(data, bytes) else data.encode("utf-8")


@contextmanager
def _located_errors(path: Path, data: bytes | str) -> Iterator[None]:
    """Oxigraph's parse errors, while parsing ``path``, as located :class:`SourceError`."""
    try:
        yield
    except MemoryError as exc:
        raise _too_large(path, strip_bom(_bytes(data)), exc) from None
    except SyntaxError as exc:
        message = _clean_syntax_message(exc.msg)
        if NO_SCHEME in message:
            message = RELATIVE_IRI + (f" ({message})" if "'" in message else "")
        raise SourceError(message, Location(display_path(path), exc.lineno, exc.offset)) from None
    except (ValueError, OSError) as exc:
        raise SourceError(f"cannot parse: {exc}", Location(display_path(path))) from None


NO_SCHEME = "No scheme found in an absolute IRI"
RELATIVE_IRI = (
    "relative IRI and no @base (or xml:base): write the full IRI (or declare a base); "
    "a relative IRI would otherwise become a path on this machine"
)


#: The largest single token (literal, IRI, comment) Oxigraph's parsers buffer: 16 MiB.
OXIGRAPH_TOKEN_LIMIT = 16 * 1024 * 1024


def _too_large(path: Path, data: bytes, exc: MemoryError) -> SourceError:
    """A located error for Oxigraph's buffer limit (or for running out of memory)."""
    if "buffer maximal size" not in str(exc):
        return SourceError(
            "out of memory while parsing; the file is too large for this machine",
            Location(display_path(path)),
        )
    line = oversized_token_line(data, OXIGRAPH_TOKEN_LIMIT)
    return SourceError(
        "a single literal, IRI or comment is longer than the 16 MB the RDF parser accepts; "
        "keep long texts out of the ontology (link to them instead)",
        Location(display_path(path), line),
    )


def oversized_token_line(data: bytes, limit: int) -> int | None:
    """The line where a token longer than ``limit`` bytes starts: the first line that long, or
    the opening of a long (triple-quoted) string that spans lines; ``None`` if none is found."""
    start = 0
    number = 1
    while start <= len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > limit:
            return number
        start = end + 1
        number += 1
    for quote in (b'"""', b"'''"):
        at = data.find(quote)
        while at >= 0:
            close = data.find(quote, at + 3)
            if close < 0 or close - at > limit:
                return data.count(b"\n", 0, at) + 1
            at = data.find(quote, close + 3)
    return None


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
                out = exact_literal(lit.value, lit.datatype.value)
        cache[term] = out
        return out

    return convert


#: datatypes whose lexical form rdflib rewrites (whitespace) even with ``normalize=False``
_WHITESPACE_REWRITTEN = {XSD + "token", XSD + "normalizedString"}


def exact_literal(lexical: str, datatype: str) -> rdflib.Literal:
    """An rdflib literal that keeps ``lexical`` as written (``"01"^^xsd:integer`` stays ``01``).

    ``normalize=False`` stops rdflib's value round trip; for ``xsd:token`` and
    ``xsd:normalizedString``, which rdflib trims regardless, the datatype is set after
    construction (the value is then the lexical form itself).
    """
    import rdflib

    if datatype not in _WHITESPACE_REWRITTEN:
        return rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype), normalize=False)
    out = rdflib.Literal(lexical)
    out._datatype = rdflib.URIRef(datatype)
    return out


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
    """A copy whose blank nodes have content-derived labels, so serialisations are stable.

    The labels are those of the W3C's RDF Dataset Canonicalization (RDFC-1.0), found by
    Oxigraph: 0.04 s on the release where rdflib's ``to_canonical_graph`` took 2 s, and
    milliseconds where it grows without bound, on blank nodes alike in every statement (100
    copies of one restriction: 242 s).
    """
    import rdflib

    from evonto.prefixes import bind_all

    out = rdflib.Graph()
    if any(isinstance(term, rdflib.BNode) for triple in graph for term in triple):
        to_rdflib(_canonical_dataset(graph), out)
    else:
        for triple in graph:
            out.add(triple)
    return bind_all(out)


def isomorphic(first: rdflib.Graph, second: rdflib.Graph) -> bool:
    """Whether two graphs are the same but for blank-node labels (their RDFC-1.0 forms are
    equal; rdflib's ``isomorphic`` is as slow as its canonical labels)."""
    return len(first) == len(second) and _canonical_dataset(first) == _canonical_dataset(second)


def _canonical_dataset(graph: rdflib.Graph) -> pyoxigraph.Dataset:
    """The triples of ``graph`` as an Oxigraph dataset with RDFC-1.0 blank-node labels."""
    import pyoxigraph

    dataset = pyoxigraph.Dataset(from_rdflib(graph))
    dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def serialize(graph: rdflib.Graph, fmt: str) -> bytes:
    """Serialise deterministically: canonical blank nodes, sorted output, evonto prefixes.

    Turtle goes through :mod:`evonto.turtle` (a total order; literals as written).
    """
    data = canonical_serialize(canonical_graph(graph), fmt)
    if fmt in {"nt", "ntriples", "nt11"}:
        lines = sorted(set(data.decode("utf-8").splitlines()))
        return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    return data


def canonical_serialize(graph: rdflib.Graph, fmt: str) -> bytes:
    """``graph`` (already canonical) in ``fmt``; ``turtle`` means :mod:`evonto.turtle`."""
    if fmt in {"turtle", "ttl"}:
        from evonto.turtle import FORMAT

        fmt = FORMAT
    return graph.serialize(format=fmt, encoding="utf-8")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; it replaces ``target`` only on success.

    A full disk or an unwritable folder is a :class:`SourceError` (exit 2) naming ``target``,
    which is then left as it was. A target that is a device, FIFO or socket (``-o /dev/null``,
    a pipe) is written to directly: replacing it would put a regular file in its place.
    """
    if _is_stream(target):
        yield target
        return
    tmp_path: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(fd)
        tmp_path = Path(tmp)
        yield tmp_path
        if tmp_path.exists():  # mkstemp makes it private (0600): keep the usual mode instead
            tmp_path.chmod(_file_mode(target))
        os.replace(tmp_path, target)
    except OSError as exc:
        if exc.errno not in WRITE_ERRNOS:
            raise
        kept = "left unchanged" if target.exists() else "not written"
        raise SourceError(
            f"cannot write: {exc.strerror or exc}; {kept}", Location(display_path(target))
        ) from None
    finally:
        if tmp_path is not None and tmp_path.exists():
            tmp_path.unlink()


def _is_stream(target: Path) -> bool:
    """Whether ``target`` exists and is a character device, FIFO or socket (symlinks followed)."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


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
