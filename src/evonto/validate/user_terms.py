"""Extra terms a validating project declares (``--terms FILE``, ``[tool.evonto] terms``).

Findings may use terms that evonto's import modules lack: a project's own narrower mechanism,
a gene the review never mentions. A terms file declares them, so the references stage knows
them and the shapes see their parents. It is either an RDF module (any syntax
``evonto validate`` reads, e.g. Turtle with ``owl:Class``, ``rdfs:label``, ``rdfs:subClassOf``)
or a term list, a TSV file with the header ``id	label	parent``::

    id	label	parent
    https://example.org/myproject/integrin-niche-priming	integrin niche priming	EVONTO:0000040

``id`` and ``parent`` are IRIs or CURIEs with a known prefix; each row declares an
``owl:Class`` with its English label and, when ``parent`` is given, its superclass. The terms
are background, like the ontology: they are not themselves validated.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evonto.assertions.columns import Column
from evonto.errors import Location, SourceError, display_path
from evonto.validate.inputs import check_size, is_tsv, read_rdf

if TYPE_CHECKING:
    import rdflib

COLUMNS = (Column("id", "id"), Column("label", "text"), Column("parent", "term"))


def load_terms(path: Path, max_mb: float, into: rdflib.Graph) -> None:
    """Add the declarations of one terms file to ``into`` (all or none: a
    :class:`SourceError`, naming the bad line, comes before anything is added)."""
    from evonto.rdfio import to_rdflib

    if is_tsv(path):
        into += _term_list(path, max_mb)
    else:
        to_rdflib(read_rdf(path, max_mb).quads, into)  # straight in: no graph to copy


def _term_list(path: Path, max_mb: float) -> rdflib.Graph:
    import rdflib

    from evonto.assertions.tsvread import read_table
    from evonto.rdfio import read_bytes

    shown = display_path(path)
    check_size(path, max_mb)
    read_bytes(path)  # directory, missing, empty and binary files fail here, located
    table = read_table(path, shown, COLUMNS)
    if table.problems:
        first = table.problems[0]
        raise SourceError(f"terms list: {first.message}", first.location)
    graph = rdflib.Graph()
    for row in table.rows:
        term = _iri(row.cells["id"], Location(shown, row.line, "id"))
        graph.add((term, rdflib.RDF.type, rdflib.OWL.Class))
        if row.cells["label"]:
            graph.add((term, rdflib.RDFS.label, rdflib.Literal(row.cells["label"], lang="en")))
        if row.cells["parent"]:
            parent = _iri(row.cells["parent"], Location(shown, row.line, "parent"))
            graph.add((term, rdflib.RDFS.subClassOf, parent))
    return graph


def _iri(text: str, where: Location) -> rdflib.URIRef:
    """An IRI (bare or in ``<...>``) or a CURIE with a known prefix, as a URIRef."""
    import rdflib

    from evonto.query.params import ParamError, iri_term

    if not text:
        raise SourceError("terms list: an IRI or CURIE is required here", where)
    try:
        return rdflib.URIRef(iri_term(text)[1:-1])
    except ParamError as exc:
        raise SourceError(f"terms list: {exc.message}", where) from None
