"""The record both SHACL engines produce, and the term spelling that makes them comparable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

SH = "http://www.w3.org/ns/shacl#"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: sh:severity IRI -> the evonto problem level it maps to.
SEVERITY_LEVELS = {SH + "Violation": "error", SH + "Warning": "warn", SH + "Info": "info"}


@dataclass(frozen=True, order=True)
class ShaclResult:
    """One SHACL validation result, identified as pyshacl identifies it.

    Terms are spelled as in N-Triples (``<iri>``, ``"lexical"^^<datatype>``, ``"text"@en``).
    A blank node of the *shapes* graph keeps its label (``_:label``), so a property shape written
    as ``[ sh:path ... ]`` is the same shape in both engines; a blank node of the *data* is
    spelled ``_:`` (its label is not stable between stores). ``path`` is the result path as a
    SPARQL property path with full IRIs, or ``None`` for node shapes.
    """

    focus: str
    path: str | None
    value: str | None
    component: str
    shape: str
    severity: str
    message: str | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str | None, str | None, str, str, str]:
        """The identity of the result: everything but the message."""
        return (self.focus, self.path, self.value, self.component, self.shape, self.severity)

    @property
    def level(self) -> str:
        """``error``, ``warn`` or ``info``."""
        return SEVERITY_LEVELS.get(self.severity, "error")

    def sort_key(self) -> tuple[str, str, str, str, str, str]:
        """A total order with ``None`` sorted first."""
        return tuple(x or "" for x in self.key)  # type: ignore[return-value]


def sorted_results(results: list[ShaclResult]) -> list[ShaclResult]:
    """Results in a deterministic order (duplicates kept: both engines may report one twice)."""
    return sorted(results, key=ShaclResult.sort_key)


def _escape(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        else:
            out.append(ch)
    return "".join(out)


def literal_text(lexical: str, datatype: str | None, language: str | None) -> str:
    """N-Triples spelling of a literal (``xsd:string`` implicit)."""
    quoted = f'"{_escape(lexical)}"'
    if language:
        return f"{quoted}@{language.lower()}"
    if datatype and datatype != XSD_STRING:
        return f"{quoted}^^<{datatype}>"
    return quoted


def rdflib_term_text(term: rdflib.term.Node, *, shapes_bnode: bool = False) -> str:
    """Spell an rdflib term; blank nodes keep their label only when they come from the shapes."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.BNode):
        return f"_:{term}" if shapes_bnode else "_:"
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        return literal_text(str(term), datatype, term.language)
    raise TypeError(f"not an RDF term: {term!r}")


def oxigraph_term_text(
    term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal,
) -> str:
    """Spell a data term read back from Oxigraph, with rdflib's canonical literal forms.

    pyshacl sees literals through rdflib, which normalises some lexical forms (``"01"^^xsd:int``
    becomes ``"1"``); the value reported by the fast path is normalised the same way. An
    ill-formed literal keeps its lexical form (rdflib would read ``"maybe"^^xsd:boolean`` as
    ``"false"``).
    """
    import pyoxigraph

    from evonto.shacl_sparql.xsd import well_formed

    if isinstance(term, pyoxigraph.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:"
    datatype = term.datatype.value
    if term.language or datatype == XSD_STRING or not well_formed(term.value, datatype):
        return literal_text(term.value, datatype, term.language)
    import rdflib

    lit = rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
    return literal_text(str(lit), datatype, None)
