"""Reading the files to validate (stage 1, syntax): RDF in any of the usual syntaxes, or TSV.

Every failure is a :class:`~evonto.errors.SourceError` naming file:line:column; the caller
records it and goes on with the other files, so all syntax problems show in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import Location, SourceError, display_path
from evonto.xmlguard import screen_xml_entities

if TYPE_CHECKING:
    import rdflib

DEFAULT_MAX_MB = 512
TSV_SUFFIXES = (".tsv",)


@dataclass
class RdfInput:
    """A parsed RDF file: its graph and its text (for locating problems by line)."""

    path: Path
    display: str
    graph: rdflib.Graph
    text: str


def check_size(path: Path, max_mb: float) -> None:
    """Refuse a file larger than ``max_mb`` megabytes before reading it."""
    where = Location(display_path(path))
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SourceError("no such file", where) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", where) from None
    if path.is_file() and size > max_mb * 1024 * 1024:
        raise SourceError(
            f"file is {size / (1024 * 1024):.3g} MB, larger than the {max_mb:g} MB limit "
            "(raise it with --max-size)",
            where,
        )


def is_tsv(path: Path) -> bool:
    return path.suffix.lower() in TSV_SUFFIXES


def read_rdf(path: Path, max_mb: float = DEFAULT_MAX_MB) -> RdfInput:
    """Parse one RDF file (format from its suffix) with located errors; never fetches anything."""
    from evonto.rdfio import parse_quads, rdf_format, read_bytes, sniff_format, to_rdflib

    display = display_path(path)
    check_size(path, max_mb)
    ox_format, _ = rdf_format(path)
    data = read_bytes(path)
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
    text = data.decode("utf-8", errors="replace")
    return RdfInput(path, display, to_rdflib(quads), text)
