"""Reading the files to validate (stage 1, syntax): RDF in any of the usual syntaxes, or TSV.

Every failure is a :class:`~evonto.errors.SourceError` naming file:line:column; the caller
records it and goes on with the other files, so all syntax problems show in one run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import Location, SourceError, display_path
from evonto.xmlguard import screen_xml_entities

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

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
    from evonto.rdfio import parse_quads, rdf_format, read_bytes, sniff_format, strip_bom

    display = display_path(path)
    check_size(path, max_mb)
    ox_format, _ = rdf_format(path)
    data = read_bytes(path, max_mb)
    if sniff_format(path, data, ox_format) == "RDF_XML":
        screen_xml_entities(data, display)
    try:
        quads = parse_quads(path, data)
    except SourceError as exc:
        if "LoadDocumentCallback" in exc.message:  # pyoxigraph's words for a remote @context
            raise SourceError(
                "remote JSON-LD @context refused: evonto never fetches documents from the web; "
                "put the context inline",
                exc.location,
            ) from None
        raise
    text = strip_bom(data).decode("utf-8", errors="replace")
    return RdfInput(path, display, quads, text)


class Triples:
    """The data to validate: triples as Oxigraph parsed them (files), or an rdflib graph.

    The stores of the SHACL and QC stages take the parsed triples directly; the rdflib graph,
    which only the reasoner and pyshacl need, is built on first use.
    """

    def __init__(
        self, quads: list[pyoxigraph.Quad] | None = None, graph: rdflib.Graph | None = None
    ) -> None:
        self.quads = quads
        self._graph = graph

    @property
    def graph(self) -> rdflib.Graph:
        if self._graph is None:
            from evonto.rdfio import to_rdflib

            self._graph = to_rdflib(self.quads or [])
        return self._graph

    def __bool__(self) -> bool:
        return bool(self.quads) if self.quads is not None else len(self.graph) > 0

    def literals(self) -> list[pyoxigraph.Literal]:
        """The distinct literals of the triples as loaded, before the store rewrites any."""
        import pyoxigraph

        if self.quads is None:
            return []
        found = {q.object for q in self.quads if isinstance(q.object, pyoxigraph.Literal)}
        return [_as_rdflib_reads_literal(lit, {}) for lit in found]

    def load(self, store: pyoxigraph.Store, to_graph: str | None = None) -> None:
        """Add the triples to the graph ``to_graph`` of ``store`` (``None``: the default graph)."""
        from evonto.store import store_from_graph

        if self.quads is not None:
            store.bulk_extend(_as_rdflib_reads(self.quads, to_graph))
        else:
            store_from_graph(self.graph, store, to_graph)


def _as_rdflib_reads(
    quads: list[pyoxigraph.Quad], to_graph: str | None = None
) -> Iterator[pyoxigraph.Quad]:
    """The quads in ``to_graph``, typed literals spelled as rdflib reads them (``"01"^^xsd:int``
    as ``"1"``).

    The rdflib graph, and so the reasoner and pyshacl, see these forms; the stores get the same,
    so that every stage and both SHACL engines check the same values. An ill-formed literal
    keeps its form (rdflib reads ``"maybe"^^xsd:boolean`` as ``"false"``; SHACL must see it).
    One pass: a quad already in its target graph with nothing to respell goes in as parsed.
    """
    import pyoxigraph

    literal, quad = pyoxigraph.Literal, pyoxigraph.Quad
    target = pyoxigraph.NamedNode(to_graph) if to_graph else pyoxigraph.DefaultGraph()
    in_default = to_graph is None
    spelled: dict[pyoxigraph.Literal, pyoxigraph.Literal] = {}
    for q in quads:
        obj = q.object
        same = _as_rdflib_reads_literal(obj, spelled) if isinstance(obj, literal) else obj
        if same is obj and in_default and isinstance(q.graph_name, pyoxigraph.DefaultGraph):
            yield q
        else:
            yield quad(q.subject, q.predicate, same, target)


def _as_rdflib_reads_literal(
    obj: pyoxigraph.Literal, spelled: dict[pyoxigraph.Literal, pyoxigraph.Literal]
) -> pyoxigraph.Literal:
    """One literal as rdflib spells it, when well-formed (``spelled`` caches the answers)."""
    import pyoxigraph
    import rdflib

    from evonto.shacl_sparql.xsd import well_formed

    datatype = obj.datatype
    if obj.language or datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return obj
    same = spelled.get(obj)
    if same is None:
        same = obj
        if well_formed(obj.value, datatype.value):
            lexical = str(rdflib.Literal(obj.value, datatype=rdflib.URIRef(datatype.value)))
            if lexical != obj.value:
                same = pyoxigraph.Literal(lexical, datatype=datatype)
        spelled[obj] = same
    return same
