"""Findings tables (TSV) as validation input: their problems, their RDF, and row positions.

The checks and the compiler are :mod:`evonto.assertions`'; this module adds what validation
needs on top: which TSV row each compiled finding comes from, and which column fills each
property, so SHACL and QC problems point back to file:row:column.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import display_path
from evonto.problems import Issue
from evonto.validate.inputs import check_size

if TYPE_CHECKING:
    import rdflib


def row_index(path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Finding IRI -> TSV line, and property IRI -> column name, for one assertion table
    (read by the tables' own reader, :func:`evonto.assertions.tsvread.read_table`)."""
    from evonto.assertions.columns import TABLES
    from evonto.assertions.compile import table_kind
    from evonto.assertions.tsvread import read_table
    from evonto.prefixes import FINDING, expand

    kind = table_kind(path)
    columns = {}
    for column in TABLES.get(kind or "", ()):
        if column.slot and column.slot != "rdf:type":
            columns.setdefault(expand(column.slot), column.name)
    rows: dict[str, int] = {}
    if kind is None:
        return rows, columns
    for row in read_table(path, display_path(path), TABLES[kind]).rows:
        ident = row.cells.get("id", "")
        if ident and ident != "ID":
            rows.setdefault(FINDING + ident, row.line)
    return rows, columns


def read_tsv(
    path: Path, ontology: rdflib.Graph, max_mb: float
) -> tuple[rdflib.Graph, list[Issue], dict[str, int], dict[str, str]]:
    """Check and compile one table: (RDF, problems, row index, column index).

    The graph is empty when the table has errors (it cannot be compiled then).
    """
    import rdflib

    from evonto.assertions import check_tsv, compile_tables
    from evonto.rdfio import read_bytes

    check_size(path, max_mb)
    read_bytes(path, max_mb)  # directory, missing, empty and binary files fail here, located
    problems = check_tsv(path, ontology)
    graph = rdflib.Graph()
    if not any(p.level == "error" for p in problems):
        graph = compile_tables([path], ontology)
    rows, columns = row_index(path)
    return graph, problems, rows, columns
