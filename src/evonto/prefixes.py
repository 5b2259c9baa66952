"""The one prefix map of evonto: every reader and writer takes its prefixes from here."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import rdflib

OBO = "http://purl.obolibrary.org/obo/"
EVONTO = "https://w3id.org/evonto/"
EVONTO_TERM = EVONTO + "EVONTO_"
FINDING = EVONTO + "finding/"
ONTOLOGY_IRI = EVONTO + "evonto.owl"
REVIEW_DOI = "https://doi.org/10.3390/ijms26125430"

#: CURIE prefix -> IRI namespace. Order matters only for display.
PREFIX_MAP: dict[str, str] = {
    "EVONTO": EVONTO_TERM,
    "evonto": EVONTO,
    "finding": FINDING,
    "MONDO": OBO + "MONDO_",
    "UBERON": OBO + "UBERON_",
    "CL": OBO + "CL_",
    "GO": OBO + "GO_",
    "CHEBI": OBO + "CHEBI_",
    "SO": OBO + "SO_",
    "NCBITaxon": OBO + "NCBITaxon_",
    "ECO": OBO + "ECO_",
    "RO": OBO + "RO_",
    "BFO": OBO + "BFO_",
    "IAO": OBO + "IAO_",
    "CLO": OBO + "CLO_",
    "NCIT": OBO + "NCIT_",
    "obo": OBO,
    "MESH": "http://id.nlm.nih.gov/mesh/",
    "HGNC": "https://identifiers.org/hgnc:",
    "NCBIGene": "https://identifiers.org/ncbigene:",
    "mirbase.mature": "https://identifiers.org/mirbase.mature:",
    "cellosaurus": "https://identifiers.org/cellosaurus:",
    "PMID": "https://identifiers.org/pubmed:",
    "DOI": "https://doi.org/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "dcterms": "http://purl.org/dc/terms/",
    "dce": "http://purl.org/dc/elements/1.1/",
    "pav": "http://purl.org/pav/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vann": "http://purl.org/vocab/vann/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sh": "http://www.w3.org/ns/shacl#",
    "schema": "https://schema.org/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "np": "http://www.nanopub.org/nschema#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


#: The prefixes that CURIEs use: ``obo:`` and ``evonto:`` name the broad namespaces under which
#: ``GO:``, ``EVONTO:``, ``finding:`` ... are written, so they neither expand nor compress.
_CURIE_PREFIXES: dict[str, str] = {
    prefix: ns for prefix, ns in PREFIX_MAP.items() if prefix not in {"obo", "evonto"}
}
#: (namespace, prefix), longest namespace first: compress picks the most specific one
_BY_LENGTH = sorted(((ns, p) for p, ns in _CURIE_PREFIXES.items()), key=lambda x: -len(x[0]))


def record_id(iri: str) -> str | None:
    """``EVBC-A001`` for a finding or claim IRI; ``None`` for anything else, including the
    individuals of a finding's instance graph (``finding/EVBC-A001/ev``)."""
    if not iri.startswith(FINDING):
        return None
    local = iri[len(FINDING) :]
    return local if local and "/" not in local else None


@cache
def expand(curie: str) -> str:
    """Expand a CURIE to an IRI; raise ``ValueError`` naming the CURIE when it cannot be.

    Memoised: the prefix map is fixed, and the compiler expands the same CURIEs many times."""
    prefix, sep, local = curie.strip().partition(":")
    namespace = _CURIE_PREFIXES.get(prefix) if sep else None
    if namespace is None:
        raise ValueError(f"unknown prefix in CURIE {curie!r}")
    return namespace + local


@lru_cache(maxsize=65536)
def compress(iri: str) -> str:
    """A CURIE for an IRI when a prefix fits (the longest namespace), else the IRI itself."""
    for namespace, prefix in _BY_LENGTH:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def bind_all(graph: rdflib.Graph) -> rdflib.Graph:
    """Bind every evonto prefix on an rdflib graph (replacing rdflib's defaults)."""
    for prefix, ns in PREFIX_MAP.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """``PREFIX`` declarations for every prefix, for SPARQL text."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_MAP.items())
