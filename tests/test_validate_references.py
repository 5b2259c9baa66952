"""Which IRIs the edit file's reference check treats as terms, and which look like a mistyped
evonto namespace (the catalogue, tests/bad_inputs/cases.tsv, runs the check end to end)."""

from __future__ import annotations

import pytest

from evonto.prefixes import OBO
from evonto.validate.references import is_term_reference, mistyped_evonto, term_prefixes

DECLARED = [OBO + "UBERON_0002048", "https://identifiers.org/hgnc:6158"]


@pytest.mark.parametrize(
    ("iri", "term"),
    [
        (OBO + "UBERON_000200", True),
        (OBO + "XAO_0000001", True),  # any OBO term, imported from or not
        (OBO + "go.owl", False),  # an ontology IRI, not a term
        (OBO + "uberon/releases/2024-01-01/uberon.owl", False),
        ("https://w3id.org/evonto/EVONTO_0000999", True),
        ("https://w3id.org/evonto/releases/2026-12-02/evonto.owl", False),
        ("https://w3id.org/evonto/finding/EVBC-A001", False),
        ("https://identifiers.org/hgnc:6142", True),  # the imports declare HGNC genes
        ("https://identifiers.org/ncbigene:3655", False),  # nothing imported from NCBIGene
        ("http://id.nlm.nih.gov/mesh/D014408", False),  # a mapping target, never imported
        ("https://identifiers.org/pubmed:26524530", False),
        ("https://doi.org/10.3390/ijms26125430", False),
        ("http://www.w3.org/2002/07/owl#Thing", False),
        ("https://example.org/something", False),
    ],
)
def test_term_references(iri: str, term: bool) -> None:
    assert is_term_reference(iri, term_prefixes(DECLARED)) is term


@pytest.mark.parametrize(
    ("iri", "typo"),
    [
        ("https://w3id.org/EVONTO/EVONTO_0000009", "namespace with a typo"),
        ("http://w3id.org/evonto/EVONTO_0000009", "namespace with a typo"),
        ("https://www.w3id.org/evonto/EVONTO_0000009", "namespace with a typo"),
        ("https://w3id.org/evnoto/EVONTO_0000009", "namespace with a typo"),
        ("https://w3id.org/evont/EVONTO_0000009", "namespace with a typo"),
        ("https://W3ID.org/evonto#x", "namespace with a typo"),
        ("https://w3id.org/evonto/evonto_0000009", "mistyped name"),
        ("https://w3id.org/evonto/EVONTO-0000009", "mistyped name"),
        ("https://w3id.org/evonto/EVONTO_0000009", None),
        ("https://w3id.org/evonto/finding/EVBC-A001", None),
        ("https://w3id.org/evonto/evonto.owl", None),
        ("https://w3id.org/semapv/vocab/ManualMappingCuration", None),
        ("https://w3id.org/biolink/vocab/Gene", None),
        ("http://purl.obolibrary.org/obo/GO_0005575", None),
        ("urn:uuid:0f1e", None),
    ],
)
def test_mistyped_evonto(iri: str, typo: str | None) -> None:
    why = mistyped_evonto(iri)
    assert (why is None) if typo is None else (why is not None and typo in why)
