"""The OASIS XML catalog (``catalog-v001.xml``) that maps import IRIs to local files.

Protégé and the OWL API read the same file, so imports resolve offline everywhere.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from evonto.errors import Location, SourceError, display_path

CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"


def read_catalog(path: Path) -> dict[str, Path]:
    """Map each ``<uri name=... uri=...>`` entry to the local file it names."""
    where = Location(display_path(path))
    if not path.is_file():
        raise SourceError("catalog not found", where)
    raw = path.read_bytes()
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise SourceError("catalog must not declare a DOCTYPE or entities", where)
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        raise SourceError(
            f"malformed XML: {exc.msg if hasattr(exc, 'msg') else exc}",
            Location(where.file, line, column + 1),
        ) from None
    entries: dict[str, Path] = {}
    for element in root.iter(f"{{{CATALOG_NS}}}uri"):
        name, uri = element.get("name"), element.get("uri")
        if name and uri:
            entries[name] = (path.parent / uri).resolve()
    return entries


def write_catalog(path: Path, entries: dict[str, str]) -> bytes:
    """Catalog XML for ``entries`` (import IRI -> path relative to the catalog), sorted."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        f'<catalog prefer="public" xmlns="{CATALOG_NS}">',
    ]
    for name in sorted(entries):
        lines.append(f'    <uri id="evonto imports" name="{name}" uri="{entries[name]}"/>')
    lines.append("</catalog>")
    return ("\n".join(lines) + "\n").encode("utf-8")
