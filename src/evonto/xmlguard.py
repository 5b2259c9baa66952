"""Refuse XML entity tricks before an RDF/XML file reaches the parser.

Protégé and the OWL API write harmless internal entities for namespaces
(``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``); those pass. External entities (XXE: a
file or URL the document asks the reader to include), parameter entities, entities that refer
to other entities (the "billion laughs" expansion) and documents whose expansion would be huge
are refused with a located message, and nothing is read from disk or network on their behalf.
"""

from __future__ import annotations

import re

from evonto.errors import Location, SourceError

_DECLARATION = re.compile(rb"<!ENTITY\b")
_ENTITY = re.compile(
    rb"<!ENTITY\s+(?P<param>%\s+)?(?P<name>[^\s>]+)\s+"
    rb"(?:(?P<external>SYSTEM|PUBLIC)\b[^>]*|\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')\s*>",
)
MAX_ENTITY_VALUE = 1024  #: bytes; namespace IRIs are far shorter
MAX_EXPANSION = 16 * 1024 * 1024  #: bytes the entity references of a document may expand to


def screen_xml_entities(data: bytes, file: str) -> None:
    """Raise :class:`SourceError` (file:line) when ``data`` declares a dangerous entity."""
    if b"<!ENTITY" not in data:
        return
    expansion = 0
    for start in (m.start() for m in _DECLARATION.finditer(data)):
        line = data.count(b"\n", 0, start) + 1
        where = Location(file, line)
        match = _ENTITY.match(data, start)
        if match is None:
            raise SourceError("unreadable <!ENTITY declaration; refused", where)
        name = match["name"].decode("utf-8", "replace")
        if match["external"]:
            raise SourceError(
                f"external entity {name!r} ({match['external'].decode()}) refused: evonto never "
                "reads files or URLs a document names (XXE)",
                where,
            )
        if match["param"]:
            raise SourceError(f"parameter entity %{name} refused", where)
        value = match["dq"] if match["dq"] is not None else match["sq"]
        if b"&" in value or b"%" in value:
            raise SourceError(
                f"entity {name!r} refers to other entities: nested entity expansion "
                "(a 'billion laughs' document) refused",
                where,
            )
        if len(value) > MAX_ENTITY_VALUE:
            raise SourceError(
                f"entity {name!r} is {len(value)} bytes long (limit {MAX_ENTITY_VALUE}); refused",
                where,
            )
        expansion += data.count(b"&" + match["name"] + b";") * len(value)
        if expansion > MAX_EXPANSION:
            raise SourceError(
                "entity references would expand the document beyond "
                f"{MAX_EXPANSION // (1024 * 1024)} MB; refused",
                where,
            )
