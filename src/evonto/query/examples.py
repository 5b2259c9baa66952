"""The packs described as RDF, in the style of the SIB SPARQL examples.

Each competency question becomes ``<https://w3id.org/evonto/query/<pack>/<name>>``, typed
``sh:SPARQLExecutable`` and ``sh:SPARQLSelectExecutable`` (or ``sh:SPARQLAskExecutable``), with
its title (``rdfs:label``), question (``rdfs:comment``), query text with its default parameter
values (``sh:select`` / ``sh:ask``), keywords (``schema:keywords``) and the dataset it targets
(``schema:target``). An endpoint loaded with the release therefore serves its own examples.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.prefixes import ONTOLOGY_IRI, PREFIX_MAP
from evonto.query.packs import Query, discover

if TYPE_CHECKING:
    import rdflib

#: what ``schema:target`` names: the dataset the examples are written for
TARGET = ONTOLOGY_IRI
EXAMPLES_FILE = "examples.ttl"


def query_body(query: Query) -> str:
    """The query text without its metadata header (the header lives in the RDF instead)."""
    lines = query.text.splitlines()
    return "\n".join(lines[query.header_lines :]).strip() + "\n"


def is_ask(query: Query) -> bool:
    body = "\n".join(
        line for line in query_body(query).splitlines() if not line.lstrip().startswith("#")
    )
    return bool(re.search(r"^\s*ASK\b", body, re.IGNORECASE | re.MULTILINE))


def examples_graph(queries_dir: Path) -> rdflib.Graph:
    """One SIB-style description per query of every pack except ``qc``."""
    import rdflib
    from rdflib.namespace import RDF, RDFS

    from evonto.prefixes import bind_all

    sh = rdflib.Namespace(PREFIX_MAP["sh"])
    schema = rdflib.Namespace(PREFIX_MAP["schema"])
    dcterms = rdflib.Namespace(PREFIX_MAP["dcterms"])
    graph = bind_all(rdflib.Graph())
    for query in discover(queries_dir):
        node = rdflib.URIRef(query.iri)
        graph.add((node, RDF.type, sh.SPARQLExecutable))
        ask = is_ask(query)
        graph.add((node, RDF.type, sh.SPARQLAskExecutable if ask else sh.SPARQLSelectExecutable))
        graph.add((node, RDFS.label, rdflib.Literal(query.title, lang="en")))
        graph.add((node, RDFS.comment, rdflib.Literal(query.question, lang="en")))
        graph.add((node, sh.ask if ask else sh.select, rdflib.Literal(query_body(query))))
        graph.add((node, schema.target, rdflib.URIRef(TARGET)))
        graph.add((node, dcterms.identifier, rdflib.Literal(query.id)))
        for keyword in query.keywords:
            graph.add((node, schema.keywords, rdflib.Literal(keyword)))
    return graph


def examples_turtle(queries_dir: Path) -> bytes:
    """The examples graph as canonical Turtle (same packs, same bytes)."""
    from evonto.rdfio import serialize

    return serialize(examples_graph(queries_dir), "turtle")


def write_examples(project, dist_dir: Path | None = None) -> Path:
    """Write ``examples.ttl`` into the release folder (atomically); return its path."""
    from evonto.rdfio import write_atomic

    target = (dist_dir or project.dist_dir) / EXAMPLES_FILE
    write_atomic(target, examples_turtle(project.queries_dir))
    return target


def release_examples(release) -> bytes:
    """Build artefact writer: ``dist/examples.ttl`` from the release project's packs."""
    return examples_turtle(release.project.queries_dir)
