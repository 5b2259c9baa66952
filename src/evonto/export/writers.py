"""Release artefact writers (``Release -> bytes``) for the build table and ``evonto export``.

Every export reads the same merged graph the build makes (:func:`evonto.build.prepare_release`
over :func:`evonto.sources.load_sources`), so ``evonto build`` and ``evonto export`` agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import rdflib

    from evonto.build.release import Release
    from evonto.export.kgx import KgxTables

NANOPUBS = "nanopubs.trig"
KGX_NODES = "kgx/evonto_nodes.tsv"
KGX_EDGES = "kgx/evonto_edges.tsv"
CONTEXT = "context.jsonld"
FINDINGS_JSONLD = "findings.jsonld"
VOID = "void.ttl"


def findings_graph(release: Release) -> rdflib.Graph:
    """The compiled findings and claims alone (empty when the project has none)."""
    import rdflib

    from evonto.prefixes import bind_all

    graph = bind_all(rdflib.Graph())
    if release.sources.assertions is not None:
        graph += release.sources.assertions
    return graph


def nanopubs(release: Release) -> bytes:
    """``nanopubs.trig``: one nanopublication per finding and claim."""
    from evonto.export.nanopub import nanopubs_trig

    return nanopubs_trig(release.full)


def _kgx(release: Release) -> KgxTables:
    from evonto.export.kgx import build_kgx

    return release.cached("export.kgx", lambda: build_kgx(release.full))  # type: ignore[return-value]


def kgx_nodes(release: Release) -> bytes:
    """``kgx/evonto_nodes.tsv``: Biolink KGX nodes."""
    from evonto.export.kgx import NODE_COLUMNS, tsv

    return tsv(_kgx(release).nodes, NODE_COLUMNS)


def kgx_edges(release: Release) -> bytes:
    """``kgx/evonto_edges.tsv``: Biolink KGX edges."""
    from evonto.export.kgx import EDGE_COLUMNS, tsv

    return tsv(_kgx(release).edges, EDGE_COLUMNS)


def jsonld_context(release: Release) -> bytes:
    """``context.jsonld``: the published JSON-LD context."""
    from evonto.export.jsonld import context_bytes

    return context_bytes()


def findings_jsonld(release: Release) -> bytes:
    """``findings.jsonld``: the findings with the evonto context inlined (self-contained)."""
    from evonto.export.jsonld import context, graph_bytes

    return graph_bytes(findings_graph(release), context()["@context"])


def void(release: Release) -> bytes:
    """``void.ttl``: the VoID/DCAT description of the release."""
    from evonto.export.void import void_turtle

    return void_turtle(release)
