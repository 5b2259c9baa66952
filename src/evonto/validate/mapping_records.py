"""The project's SSSOM mapping set as SSSOM/RDF records, for the QC checks about mapping rows.

The release carries each mapping as one SKOS triple (:func:`evonto.mappings.mappings_graph`),
which keeps neither the row's labels nor its line. For validation each row also becomes a
record in the form SSSOM/RDF uses (``owl:Axiom`` with ``owl:annotatedSource``,
``owl:annotatedProperty``, ``owl:annotatedTarget``, ``sssom:subject_label`` and
``sssom:object_label``), and the locator learns the file row and column of each label, so a
problem about a row points at that row.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import display_path

if TYPE_CHECKING:
    import rdflib

    from evonto.validate.locate import Locator

SSSOM = "https://w3id.org/sssom/"


def mapping_records(path: Path, locator: Locator) -> rdflib.Graph:
    """One SSSOM/RDF record per row of the mapping set at ``path`` (empty when there is none)."""
    import rdflib
    from rdflib.namespace import OWL, RDF

    from evonto.mappings import PREDICATES, read_mapping_set

    graph = rdflib.Graph()
    if not path.is_file():
        return graph
    mapping_set = read_mapping_set(path)  # already checked by the syntax stage
    shown = display_path(path)
    for mapping in mapping_set.mappings:
        record = rdflib.BNode(f"row{mapping.line}")
        subject = mapping_set.expand(mapping.subject_id) or ""
        obj = mapping_set.expand(mapping.object_id) or ""
        graph.add((record, RDF.type, OWL.Axiom))
        graph.add((record, OWL.annotatedSource, rdflib.URIRef(subject)))
        graph.add((record, OWL.annotatedProperty, rdflib.URIRef(PREDICATES[mapping.predicate_id])))
        graph.add((record, OWL.annotatedTarget, rdflib.URIRef(obj)))
        for term, column, label in (
            (subject, "subject_label", mapping.subject_label),
            (obj, "object_label", mapping.object_label),
        ):
            if label:
                graph.add((record, rdflib.URIRef(SSSOM + column), rdflib.Literal(label)))
                locator.add_cell(shown, mapping.line, column, term, SSSOM + column, label)
    return graph
