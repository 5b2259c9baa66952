"""Query results as plain rows of terms, the same whichever engine answered, and their formats.

Engines differ in how they write the same term (Virtuoso says ``"1"^^xsd:boolean`` for
``true``, some servers send ``xsd:string`` datatypes explicitly): :func:`literal` normalises
these, so rows from the embedded store, Oxigraph server and Virtuoso compare equal.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from dataclasses import dataclass, field

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: ``--format`` names: a table and CURIE spreadsheets for people; W3C SPARQL 1.1 results
#: formats (full IRIs) for other SPARQL tools
FORMATS = ("table", "curie-csv", "curie-tsv", "csv", "tsv", "json")


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term in a result row: ``kind`` is ``uri``, ``bnode`` or ``literal``."""

    kind: str
    value: str
    datatype: str = ""
    lang: str = ""

    def display(self) -> str:
        """A short form for tables: CURIEs for known IRIs, literal values as they are."""
        if self.kind == "uri":
            from evonto.prefixes import compress

            return compress(self.value)
        if self.kind == "bnode":
            return f"_:{self.value}"
        return self.value

    def n_triples(self) -> str:
        """The term in N-Triples / SPARQL syntax, as the W3C TSV results format writes it."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        escaped = escape_string(self.value)
        if self.lang:
            return f'"{escaped}"@{self.lang}'
        if self.datatype:
            return f'"{escaped}"^^<{self.datatype}>'
        return f'"{escaped}"'

    def sparql_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.datatype:
            out["datatype"] = self.datatype
        if self.lang:
            out["xml:lang"] = self.lang
        return out


def escape_string(value: str) -> str:
    """``value`` escaped for a double-quoted SPARQL / N-Triples string."""
    return (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def literal(value: str, datatype: str = "", lang: str = "") -> Term:
    """A literal term in canonical form (plain strings, lower-case tags, canonical booleans)."""
    if lang:
        return Term("literal", value, "", lang.lower())
    if datatype in (XSD_STRING, RDF_LANG_STRING):
        datatype = ""
    if datatype == XSD + "boolean":
        value = {"1": "true", "0": "false"}.get(value.strip(), value.strip().lower())
    elif datatype == XSD + "integer":
        with contextlib.suppress(ValueError):
            value = str(int(value))
    return Term("literal", value, datatype)


@dataclass
class Results:
    """The answer to a SELECT (``variables`` and ``rows``) or an ASK (``boolean``)."""

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    warnings: list[str] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, str]]:
        """Rows as ``{variable: display value}`` (unbound variables left out)."""
        return [
            {v: t.display() for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def column(self, name: str) -> list[str]:
        index = self.variables.index(name)
        return [row[index].display() if row[index] else "" for row in self.rows]


def from_sparql_json(document: dict) -> Results:
    """Results from a SPARQL 1.1 Query Results JSON document."""
    if "boolean" in document:
        return Results(boolean=bool(document["boolean"]))
    variables = list(document.get("head", {}).get("vars", []))
    rows = []
    for binding in document.get("results", {}).get("bindings", []):
        row: list[Term | None] = []
        for var in variables:
            cell = binding.get(var)
            if cell is None:
                row.append(None)
            elif cell["type"] == "uri":
                row.append(Term("uri", cell["value"]))
            elif cell["type"] == "bnode":
                row.append(Term("bnode", cell["value"]))
            else:
                row.append(
                    literal(cell["value"], cell.get("datatype", ""), cell.get("xml:lang", ""))
                )
        rows.append(tuple(row))
    return Results(variables, rows)


def render(results: Results, fmt: str) -> str:
    """Results written in one of :data:`FORMATS`.

    ``csv`` and ``tsv`` are the W3C SPARQL 1.1 Query Results CSV and TSV formats: CSV has the
    variable names and plain values (IRIs in full, literals without datatype or language),
    lines ending CRLF; TSV has ``?var`` headers and terms in N-Triples syntax. ``curie-csv``
    and ``curie-tsv`` write the table's short forms (CURIEs) for spreadsheets.
    """
    if fmt == "csv" and results.boolean is None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(results.variables)
        writer.writerows([[_csv_value(t) for t in row] for row in results.rows])
        return buffer.getvalue()
    if fmt == "tsv" and results.boolean is None:
        lines = ["\t".join(f"?{v}" for v in results.variables)]
        lines += ["\t".join(t.n_triples() if t else "" for t in row) for row in results.rows]
        return "\n".join(lines) + "\n"
    if fmt == "json":
        if results.boolean is not None:
            return json.dumps({"head": {}, "boolean": results.boolean}, indent=2) + "\n"
        document = {
            "head": {"vars": results.variables},
            "results": {
                "bindings": [
                    {v: t.sparql_json() for v, t in zip(results.variables, row, strict=True) if t}
                    for row in results.rows
                ]
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if results.boolean is not None:
        return ("true" if results.boolean else "false") + "\n"
    cells = [[t.display() if t else "" for t in row] for row in results.rows]
    if fmt in {"curie-csv", "curie-tsv"}:
        buffer = io.StringIO()
        if fmt == "curie-csv":
            writer = csv.writer(buffer, lineterminator="\n")
        else:
            writer = csv.writer(
                buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL
            )
        writer.writerow(results.variables)
        writer.writerows(cells)
        return buffer.getvalue()
    return _table(results.variables, cells)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if term.kind == "bnode" else term.value


def _table(headers: list[str], cells: list[list[str]], width: int = 60) -> str:
    def clip(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    clipped = [[clip(c) for c in row] for row in cells]
    widths = [len(h) for h in headers]
    for row in clipped:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in clipped]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(o.rstrip() for o in out) + "\n"
