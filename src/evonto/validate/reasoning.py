"""Stage 3: HermiT over the ontology plus the data (consistency, unsatisfiable classes)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.prefixes import ONTOLOGY_IRI

if TYPE_CHECKING:
    import rdflib

    from evonto.build.reasoner import ReasonerLimits, ReasonerReport


def reason_over(
    ontology: rdflib.Graph,
    data: rdflib.Graph,
    sources: list[Path] | None = None,
    limits: ReasonerLimits | None = None,
) -> ReasonerReport:
    """Merge, drop ``owl:imports`` and extra headers (nothing is fetched), and run HermiT.

    ``sources``: the files ``ontology`` and ``data`` were made from. When given, a result cached
    for the same file contents (and evonto code) is returned before anything is merged or
    written (:func:`evonto.build.reasoner_cache.sources_key`). ``limits``: HermiT's time and
    heap (default: the variables', :meth:`ReasonerLimits.from_env`).
    """
    from evonto.build.reasoner_cache import lookup, remember, sources_key

    key = sources_key(sources) if sources else None
    found = lookup(key) if key else None
    if found is not None:
        return found
    report = _reason(ontology, data, limits)
    if key:
        remember(key, report)
    return report


def _reason(
    ontology: rdflib.Graph, data: rdflib.Graph, limits: ReasonerLimits | None
) -> ReasonerReport:
    import rdflib

    from evonto.build.reasoner import reason
    from evonto.build.serializers import rdf_xml

    merged = rdflib.Graph()
    merged += ontology
    merged += data
    merged.remove((None, rdflib.OWL.imports, None))
    for other in set(merged.subjects(rdflib.RDF.type, rdflib.OWL.Ontology)):
        if str(other) != ONTOLOGY_IRI:
            merged.remove((other, None, None))
    with tempfile.TemporaryDirectory(prefix="evonto-validate-") as tmp:
        owl_file = Path(tmp) / "merged.owl"
        # written once for HermiT alone: no canonical blank-node labels (1.3 s of 1.5 s on
        # the release); the result is cached by the sources' checksums instead (reason_over)
        owl_file.write_bytes(rdf_xml(merged, find_labels=False))
        return reason(owl_file, merged, limits=limits)
