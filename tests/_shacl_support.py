"""Comparing the compiled SHACL engine's results with pyshacl's."""

from __future__ import annotations

import collections


def as_rdflib_reads(text: str | None) -> str | None:
    """A term spelled as rdflib reads it: ``"maybe"^^xsd:boolean`` becomes ``"false"``.

    The compiled engine names an ill-formed literal as written; pyshacl sees rdflib's coercion
    of it. Comparing both through this spelling compares the results, not the spelling.
    """
    if text is None or not text.startswith('"'):
        return text
    import rdflib.util

    from evonto.shacl_sparql.results import rdflib_term_text

    return rdflib_term_text(rdflib.util.from_n3(text))


def keys(results) -> collections.Counter:
    """The results' identities, values spelled as rdflib reads them."""
    return collections.Counter(
        (
            as_rdflib_reads(r.focus),
            r.path,
            as_rdflib_reads(r.value),
            r.component,
            r.shape,
            r.severity,
        )
        for r in results
    )
