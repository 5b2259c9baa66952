"""The table of release artefacts: one entry per file that ``evonto build`` writes into ``dist/``.

To add an artefact (an export, the examples graph, a VoID description, ...), write a function
that takes the :class:`evonto.build.release.Release` and returns the file's bytes, then add one
entry to :data:`ARTEFACTS`::

    Artefact("void.ttl", "evonto.export.void:void_turtle", "VoID description of the release"),

``writer`` is ``"module:function"`` (imported only when the build runs, so heavy libraries stay
out of ``evonto --help``) or a callable. ``name`` is a path relative to ``dist/`` and may contain
a folder (``exports/findings.trig``). A writer must be deterministic (no timestamps of "now";
dates come from ``release.version``) and must not modify ``release.full`` or ``release.base``;
for RDF, serialise with :func:`evonto.rdfio.serialize` (Turtle, N-Triples) or
:mod:`evonto.build.serializers` (RDF/XML, JSON-LD). RDF files are parsed back after writing to
count their triples for ``manifest.json``, so a writer that emits broken RDF fails the build.
Expensive shared inputs (a SPARQL store over the release, say) can be memoised with
``release.cached(key, make)``; ``release.canonical_full()`` is ``release.full`` with canonical
blank nodes, computed once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import BuildError

if TYPE_CHECKING:
    from evonto.build.release import Release

Writer = Callable[["Release"], bytes]


@dataclass(frozen=True)
class Artefact:
    """One release file: where it goes in ``dist/``, what writes it, and what it is."""

    name: str
    writer: str | Writer
    description: str

    def write(self, release: Release) -> bytes:
        """Run the writer (importing it first when given as ``"module:function"``)."""
        func = self.writer
        if isinstance(func, str):
            module, _, attr = func.partition(":")
            func = getattr(importlib.import_module(module), attr)
        data = func(release)
        if not isinstance(data, bytes):
            raise BuildError(f"artefact writer for {self.name} returned {type(data).__name__}")
        return data


def merged_rdf_xml(release: Release) -> bytes:
    """``evonto.owl``: the merged ontology with findings, RDF/XML."""
    from evonto.build.serializers import rdf_xml

    return rdf_xml(release.canonical_full(), find_labels=False)


def merged_turtle(release: Release) -> bytes:
    """``evonto.ttl``: the merged ontology with findings, sorted Turtle.

    What :func:`evonto.rdfio.serialize` does, on the canonical graph shared by the writers.
    """
    from evonto.rdfio import canonical_serialize

    return canonical_serialize(release.canonical_full(), "turtle")


def base_turtle(release: Release) -> bytes:
    """``evonto-base.ttl``: evonto's own axioms and assertions, no imported modules."""
    from evonto.rdfio import serialize

    return serialize(release.base, "turtle")


def merged_ntriples(release: Release) -> bytes:
    """``evonto.nt``: the merged ontology with findings, N-Triples (sorted lines)."""
    data = release.canonical_full().serialize(format="nt", encoding="utf-8")
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")


def merged_json_ld(release: Release) -> bytes:
    """``evonto.jsonld``: the merged graph as JSON-LD with the evonto prefixes as context."""
    from evonto.build.serializers import json_ld

    return json_ld(release.canonical_full(), find_labels=False)


def inferred_turtle(release: Release) -> bytes:
    """``inferred.ttl``: the types HermiT inferred and the build materialised (may be empty)."""
    import rdflib

    from evonto.prefixes import bind_all
    from evonto.rdfio import serialize

    return serialize(release.inferred or bind_all(rdflib.Graph()), "turtle")


#: Every artefact of a release, in the order they are written. ``manifest.json`` comes last
#: and is not listed: it describes all of these.
ARTEFACTS: list[Artefact] = [
    Artefact("evonto.owl", merged_rdf_xml, "merged ontology and findings, RDF/XML (Protégé)"),
    Artefact("evonto.ttl", merged_turtle, "merged ontology and findings, Turtle"),
    Artefact("evonto.nt", merged_ntriples, "merged ontology and findings, N-Triples"),
    Artefact("evonto-base.ttl", base_turtle, "evonto's own axioms and findings, no imports"),
    Artefact(
        "inferred.ttl", inferred_turtle, "types HermiT inferred for the findings' individuals"
    ),
    Artefact("evonto.jsonld", merged_json_ld, "merged ontology and findings, JSON-LD"),
    Artefact("examples.ttl", "evonto.query.examples:release_examples", "SPARQL example queries"),
    Artefact("nanopubs.trig", "evonto.export.writers:nanopubs", "nanopublications, TriG"),
    Artefact("kgx/evonto_nodes.tsv", "evonto.export.writers:kgx_nodes", "Biolink KGX nodes"),
    Artefact("kgx/evonto_edges.tsv", "evonto.export.writers:kgx_edges", "Biolink KGX edges"),
    Artefact("context.jsonld", "evonto.export.writers:jsonld_context", "JSON-LD @context"),
    Artefact("findings.jsonld", "evonto.export.writers:findings_jsonld", "findings, JSON-LD"),
    Artefact("void.ttl", "evonto.export.writers:void", "VoID/DCAT description of the release"),
]


def exports() -> list[Artefact]:
    """The artefacts ``evonto export all`` writes: those made by :mod:`evonto.export`."""
    return [
        a for a in ARTEFACTS if isinstance(a.writer, str) and a.writer.startswith("evonto.export.")
    ]


def render_artefacts(release: Release, folder: Path) -> dict[str, bytes]:
    """Write every artefact into ``folder``; return name -> bytes in table order."""
    names = [a.name for a in ARTEFACTS]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates or "manifest.json" in names:
        raise BuildError(f"artefact table lists a file twice or manifest.json: {duplicates}")
    written: dict[str, bytes] = {}
    for artefact in ARTEFACTS:
        data = artefact.write(release)
        target = folder / artefact.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written[artefact.name] = data
    return written
