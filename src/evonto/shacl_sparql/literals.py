"""Typed literals as written, where the Oxigraph store keeps only a canonical form.

pyoxigraph's Store rewrites ``xsd:int``, ``short``, ``long``, ``byte``, the unsigned and the
positive/negative integer types to ``xsd:integer`` and ``xsd:dateTimeStamp`` to ``xsd:dateTime``,
and canonicalises lexical forms (``"4.0"^^xsd:decimal`` becomes ``"4"``), even when the value is
outside the written type (``"300"^^xsd:byte``); ill-formed literals it keeps as written.
:func:`literal_originals` records, from the parsed terms (which still have them), what the store
changes and which literals are ill-formed; :func:`load_originals` puts that into a graph of the
store the compiled ``sh:datatype`` tests consult, and results name the literal as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from evonto.shacl_sparql.results import XSD_STRING, oxigraph_term_text
from evonto.shacl_sparql.xsd import XSD, well_formed

if TYPE_CHECKING:
    import pyoxigraph

ORIGINALS_GRAPH = "urn:evonto:shacl:originals"
STORED = "urn:evonto:shacl:stored"
DATATYPE = "urn:evonto:shacl:datatype"
WELL_FORMED = "urn:evonto:shacl:wellFormed"


@dataclass
class Originals:
    """What the store changed: rows for the datatype tests, and spellings for the results."""

    #: (literal as stored, datatype as written, well-formed for it)
    rows: list[tuple[pyoxigraph.Literal, str, bool]] = field(default_factory=list)
    #: stored spelling -> the one spelling it was written as (absent when several were)
    spelled: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def spell(self, text: str) -> str:
        """The literal as written for its stored spelling ``text``."""
        return self.spelled.get(text, text)


def literal_originals(literals: Iterable[pyoxigraph.Literal]) -> Originals:
    """Compare each distinct XSD-typed literal with what a store makes of it (one small store)."""
    import pyoxigraph

    written = sorted(
        {
            lit
            for lit in literals
            if isinstance(lit, pyoxigraph.Literal)
            and not lit.language
            and lit.datatype.value.startswith(XSD)
            and lit.datatype.value != XSD_STRING
        },
        key=lambda lit: (lit.datatype.value, lit.value),
    )
    scratch = pyoxigraph.Store()
    predicate = pyoxigraph.NamedNode(STORED)
    scratch.extend(
        pyoxigraph.Quad(pyoxigraph.NamedNode(f"urn:evonto:i:{i}"), predicate, lit)
        for i, lit in enumerate(written)
    )
    stored_as = {q.subject.value: q.object for q in scratch}
    out = Originals()
    by_stored: dict[str, set[str]] = {}
    for i, lit in enumerate(written):
        stored = stored_as[f"urn:evonto:i:{i}"]
        ok = well_formed(lit.value, lit.datatype.value)
        if stored != lit or not ok:
            out.rows.append((stored, lit.datatype.value, ok))
        spelling = oxigraph_term_text(lit)
        by_stored.setdefault(oxigraph_term_text(stored), set()).add(spelling)
    for stored_text, spellings in by_stored.items():
        if len(spellings) == 1 and stored_text not in spellings:
            out.spelled[stored_text] = next(iter(spellings))
    return out


def load_originals(store: pyoxigraph.Store, originals: Originals) -> None:
    """Write ``originals.rows`` into :data:`ORIGINALS_GRAPH` of ``store``."""
    import pyoxigraph

    graph = pyoxigraph.NamedNode(ORIGINALS_GRAPH)
    stored, datatype, ok = (pyoxigraph.NamedNode(p) for p in (STORED, DATATYPE, WELL_FORMED))
    quads = []
    for i, (lit, written, good) in enumerate(originals.rows):
        row = pyoxigraph.NamedNode(f"urn:evonto:shacl:literal:{i}")
        quads += [
            pyoxigraph.Quad(row, stored, lit, graph),
            pyoxigraph.Quad(row, datatype, pyoxigraph.NamedNode(written), graph),
            pyoxigraph.Quad(row, ok, pyoxigraph.Literal(good), graph),
        ]
    store.extend(quads)


def unload_originals(store: pyoxigraph.Store) -> None:
    import pyoxigraph

    store.remove_graph(pyoxigraph.NamedNode(ORIGINALS_GRAPH))
