"""The SSSOM mapping set (``ontology/mappings/evonto.sssom.tsv``) as RDF triples.

MeSH is aligned, not imported: each row becomes one SKOS mapping triple, and the labels of
mapped terms that no import module carries (MeSH, NCIt) are added so queries can show them.
The file is parsed with the csv module; its YAML header is read for the keys evonto needs.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import Location, SourceError, display_path

if TYPE_CHECKING:
    import rdflib

SKOS = "http://www.w3.org/2004/02/skos/core#"
#: SSSOM predicate CURIE -> IRI of the triple written for it.
PREDICATES: dict[str, str] = {
    "skos:exactMatch": SKOS + "exactMatch",
    "skos:closeMatch": SKOS + "closeMatch",
    "skos:broadMatch": SKOS + "broadMatch",
    "skos:narrowMatch": SKOS + "narrowMatch",
    "skos:relatedMatch": SKOS + "relatedMatch",
}
#: Labels of the SKOS mapping properties, as the SKOS vocabulary gives them.
PREDICATE_LABELS: dict[str, str] = {
    SKOS + "exactMatch": "has exact match",
    SKOS + "closeMatch": "has close match",
    SKOS + "broadMatch": "has broader match",
    SKOS + "narrowMatch": "has narrower match",
    SKOS + "relatedMatch": "has related match",
}
REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")
REQUIRED_METADATA = ("curie_map", "mapping_set_id", "license")
#: Prefixes whose terms have no import module: their labels come from the mapping rows.
LABELLED_PREFIXES = ("MESH", "NCIT")


@dataclass(frozen=True)
class Mapping:
    """One row of the mapping set, with its line in the file."""

    line: int
    subject_id: str
    subject_label: str
    predicate_id: str
    object_id: str
    object_label: str
    mapping_justification: str


@dataclass(frozen=True)
class MappingSet:
    """The metadata header and rows of an SSSOM TSV file."""

    metadata: dict[str, object]
    curie_map: dict[str, str]
    mappings: list[Mapping]

    def expand(self, curie: str) -> str | None:
        prefix, sep, local = curie.partition(":")
        if not sep or prefix not in self.curie_map:
            return None
        return self.curie_map[prefix] + local


def read_mapping_set(path: Path) -> MappingSet:
    """Parse an SSSOM TSV file; raise :class:`SourceError` at the first bad line."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError("no such file", Location(name)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read: {exc}", Location(name)) from None
    lines = text.splitlines()
    header_end = 0
    while header_end < len(lines) and lines[header_end].startswith("#"):
        header_end += 1
    metadata = _read_metadata([_uncomment(line) for line in lines[:header_end]], name)
    for key in REQUIRED_METADATA:
        if key not in metadata:
            raise SourceError(f"metadata header lacks {key!r}", Location(name, 1))
    curie_map = metadata["curie_map"]
    if not isinstance(curie_map, dict):
        raise SourceError("curie_map must be a mapping of prefix: IRI", Location(name, 1))
    rows = list(csv.reader(io.StringIO("\n".join(lines[header_end:])), delimiter="\t"))
    if not rows:
        raise SourceError("no column header after the metadata", Location(name, header_end + 1))
    columns = rows[0]
    lacking = [c for c in REQUIRED_COLUMNS if c not in columns]
    if lacking:
        raise SourceError(
            f"missing column(s): {', '.join(lacking)}", Location(name, header_end + 1)
        )
    mapping_set = MappingSet(metadata, {str(k): str(v) for k, v in curie_map.items()}, [])
    for offset, cells in enumerate(rows[1:], start=header_end + 2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            raise SourceError(
                f"{len(cells)} cells but {len(columns)} columns", Location(name, offset)
            )
        row = dict(zip(columns, (c.strip() for c in cells), strict=True))
        mapping_set.mappings.append(_check_row(mapping_set, row, Location(name, offset)))
    return mapping_set


def _check_row(mapping_set: MappingSet, row: dict[str, str], where: Location) -> Mapping:
    for column in ("subject_id", "object_id"):
        value = row[column]
        if not value:
            raise SourceError(f"{column} is empty", Location(where.file, where.line, column))
        if mapping_set.expand(value) is None:
            raise SourceError(
                f"{column} {value!r} is not a CURIE with a prefix from the curie_map",
                Location(where.file, where.line, column),
            )
    if row["predicate_id"] not in PREDICATES:
        raise SourceError(
            f"predicate_id {row['predicate_id']!r} is not one of {', '.join(PREDICATES)}",
            Location(where.file, where.line, "predicate_id"),
        )
    if not row["mapping_justification"].startswith("semapv:"):
        raise SourceError(
            f"mapping_justification {row['mapping_justification']!r} is not a semapv: term",
            Location(where.file, where.line, "mapping_justification"),
        )
    return Mapping(
        line=where.line or 0,
        subject_id=row["subject_id"],
        subject_label=row.get("subject_label", ""),
        predicate_id=row["predicate_id"],
        object_id=row["object_id"],
        object_label=row.get("object_label", ""),
        mapping_justification=row["mapping_justification"],
    )


def _uncomment(line: str) -> str:
    """A header line without its ``#`` and the one space after it."""
    text = line[1:]
    return text.removeprefix(" ")


def _read_metadata(lines: list[str], name: str) -> dict[str, object]:
    """The subset of YAML an SSSOM header uses.

    ``key: value`` lines, one nested mapping level (``curie_map``) and folded continuation
    lines of a long scalar value, as the sssom tools write them.
    """
    metadata: dict[str, object] = {}
    current: dict[str, str] | None = None
    last_scalar: str | None = None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        indented = raw.startswith((" ", "\t"))
        if indented and current is None and last_scalar is not None:
            metadata[last_scalar] = f"{metadata[last_scalar]} {raw.strip()}"
            continue
        key, sep, value = raw.strip().partition(":")
        if not sep or not key:
            raise SourceError(
                f"metadata line is not 'key: value': {raw.strip()!r}",
                Location(name, number),
            )
        value = value.strip().strip("'\"")
        if indented:
            if current is None:
                raise SourceError(
                    "indented metadata line outside a mapping", Location(name, number)
                )
            current[key.strip()] = value
        elif value:
            metadata[key] = value
            current, last_scalar = None, key
        else:
            current, last_scalar = {}, None
            metadata[key] = current
    return metadata


def mappings_graph(path: Path) -> rdflib.Graph:
    """The mapping set as triples: one SKOS match per row, plus MeSH/NCIt labels."""
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS

    from evonto.prefixes import bind_all

    mapping_set = read_mapping_set(path)
    graph = bind_all(rdflib.Graph())
    used: set[str] = set()
    for mapping in mapping_set.mappings:
        subject = rdflib.URIRef(mapping_set.expand(mapping.subject_id) or "")
        obj = rdflib.URIRef(mapping_set.expand(mapping.object_id) or "")
        predicate = PREDICATES[mapping.predicate_id]
        used.add(predicate)
        graph.add((subject, rdflib.URIRef(predicate), obj))
        for curie, node, label in (
            (mapping.subject_id, subject, mapping.subject_label),
            (mapping.object_id, obj, mapping.object_label),
        ):
            if label and curie.split(":", 1)[0] in LABELLED_PREFIXES:
                graph.add((node, RDFS.label, rdflib.Literal(label)))
    for predicate in sorted(used):  # SKOS matches are annotations, keeping OWL 2 DL
        graph.add((rdflib.URIRef(predicate), RDF.type, OWL.AnnotationProperty))
        graph.add(
            (
                rdflib.URIRef(predicate),
                RDFS.label,
                rdflib.Literal(PREDICATE_LABELS[predicate], lang="en"),
            )
        )
    return graph
