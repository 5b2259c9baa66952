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
        self._spelled: dict[pyoxigraph.Literal, pyoxigraph.Literal] | None = None

    @property
    def graph(self) -> rdflib.Graph:
        if self._graph is None:
            from evonto.rdfio import to_rdflib

            self._graph = to_rdflib(self.quads or [])
        return self._graph

    def __bool__(self) -> bool:
        return bool(self.quads) if self.quads is not None else len(self.graph) > 0

    def _spellings(self) -> dict[pyoxigraph.Literal, pyoxigraph.Literal]:
        """Each distinct literal of the parsed triples, and its form as rdflib reads it."""
        import pyoxigraph

        if self._spelled is None:
            literal = pyoxigraph.Literal
            found = {q.object for q in self.quads or ()}
            spelled: dict[pyoxigraph.Literal, pyoxigraph.Literal] = {}
            for obj in found:
                if type(obj) is literal:
                    spelled[obj] = _as_rdflib_reads_literal(obj, spelled)
            self._spelled = spelled
        return self._spelled

    def literals(self) -> list[pyoxigraph.Literal]:
        """The distinct literals of the triples as loaded, before the store rewrites any."""
        return list(dict.fromkeys(self._spellings().values()))

    def load(self, store: pyoxigraph.Store, to_graph: str | None = None) -> None:
        """Add the triples to the graph ``to_graph`` of ``store`` (``None``: the default graph).

        Triples with nothing to respell go into the default graph as parsed, in one call.
        """
        import pyoxigraph

        from evonto.store import store_from_graph

        if self.quads is None:
            store_from_graph(self.graph, store, to_graph)
            return
        changed = {old: new for old, new in self._spellings().items() if new is not old}
        default = pyoxigraph.DefaultGraph
        if (
            not changed
            and to_graph is None
            and all(type(q.graph_name) is default for q in self.quads)
        ):
            store.bulk_extend(self.quads)
        else:
            store.bulk_extend(_in_graph(self.quads, changed, to_graph))


def _in_graph(
    quads: list[pyoxigraph.Quad],
    changed: dict[pyoxigraph.Literal, pyoxigraph.Literal],
    to_graph: str | None,
) -> Iterator[pyoxigraph.Quad]:
    """The quads in ``to_graph`` (``None``: the default graph), with the ``changed`` literals
    replaced; a quad already in place with nothing to replace goes in as parsed."""
    import pyoxigraph

    quad = pyoxigraph.Quad
    target = pyoxigraph.NamedNode(to_graph) if to_graph else pyoxigraph.DefaultGraph()
    default = pyoxigraph.DefaultGraph
    for q in quads:
        obj = q.object
        same = changed.get(obj, obj) if changed else obj
        if same is obj and to_graph is None and type(q.graph_name) is default:
            yield q
        else:
            yield quad(q.subject, q.predicate, same, target)


def _as_rdflib_reads_literal(
    obj: pyoxigraph.Literal, spelled: dict[pyoxigraph.Literal, pyoxigraph.Literal]
) -> pyoxigraph.Literal:
    """One literal as rdflib spells it, when well-formed (``spelled`` caches the answers).

    The rdflib graph, and so the reasoner and pyshacl, see these forms (``"01"^^xsd:int`` as
    ``"1"``); the stores get the same, so that every stage and both SHACL engines check the same
    values. An ill-formed literal keeps its form (rdflib reads ``"maybe"^^xsd:boolean`` as
    ``"false"``; SHACL must see it).
    """
    import pyoxigraph
    import rdflib

    from evonto.shacl_sparql.xsd import well_formed

    datatype = obj.datatype
    if obj.language or datatype.value == XSD_STRING:
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
