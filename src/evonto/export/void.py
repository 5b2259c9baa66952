"""A VoID and DCAT description of the release: sizes, license, sources and versions.

The dataset ``https://w3id.org/evonto/dataset`` is both a ``void:Dataset`` and a
``dcat:Dataset``. It has one subset per source (the edit file, each import module with the
upstream version it was extracted from, the SSSOM mappings, the compiled findings), a class
partition per class that has instances, a property partition per property, a linkset for the
mappings, and a DCAT distribution per release file. Counts follow the VoID vocabulary
(``void:triples``, ``void:distinctSubjects``, ``void:distinctObjects``, ``void:properties``,
``void:classes`` = distinct objects of ``rdf:type``, ``void:entities`` = distinct IRI subjects).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from evonto.export.records import release_info
from evonto.prefixes import EVONTO, ONTOLOGY_IRI, PREFIX_MAP, REVIEW_DOI, compress, record_id

if TYPE_CHECKING:
    import rdflib

    from evonto.build.release import Release

DATASET = EVONTO + "dataset"
VOID = PREFIX_MAP["void"]
DCAT = PREFIX_MAP["dcat"]
DCTERMS = PREFIX_MAP["dcterms"]
MEDIA_TYPES = {
    ".owl": "application/rdf+xml",
    ".ttl": "text/turtle",
    ".trig": "application/trig",
    ".jsonld": "application/ld+json",
    ".json": "application/json",
    ".tsv": "text/tab-separated-values",
    ".nt": "application/n-triples",
}


def statistics(graph: rdflib.Graph) -> dict[str, int]:
    """The VoID counts of a graph."""
    import rdflib

    subjects, objects, predicates, classes, entities = set(), set(), set(), set(), set()
    for s, p, o in graph:
        subjects.add(s)
        objects.add(o)
        predicates.add(p)
        if p == rdflib.RDF.type:
            classes.add(o)
        if isinstance(s, rdflib.URIRef):
            entities.add(s)
    return {
        "triples": len(graph),
        "distinctSubjects": len(subjects),
        "distinctObjects": len(objects),
        "properties": len(predicates),
        "classes": len(classes),
        "entities": len(entities),
    }


def void_graph(release: Release, files: list[str] | None = None) -> rdflib.Graph:
    """The VoID/DCAT description of ``release`` (``files``: release file names to list)."""
    import rdflib
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, XSD

    from evonto.prefixes import bind_all

    info = release_info(release.full)
    g = bind_all(rdflib.Graph())
    ds = URIRef(DATASET)
    void, dcat, dct = (lambda n, b=b: URIRef(b + n) for b in (VOID, DCAT, DCTERMS))

    def counts(node: URIRef, graph: rdflib.Graph) -> None:
        for name, value in statistics(graph).items():
            g.add((node, void(name), Literal(value, datatype=XSD.integer)))

    g.add((ds, RDF.type, void("Dataset")))
    g.add((ds, RDF.type, dcat("Dataset")))
    g.add((ds, dct("title"), Literal(info.title, lang="en")))
    for description in release.full.objects(URIRef(ONTOLOGY_IRI), dct("description")):
        g.add((ds, dct("description"), description))
    g.add((ds, dct("license"), URIRef(info.license)))
    for creator in info.creators:
        value = URIRef(creator) if creator.startswith(("http://", "https://")) else Literal(creator)
        g.add((ds, dct("creator"), value))
    g.add((ds, dct("source"), URIRef(REVIEW_DOI)))
    g.add((ds, dct("issued"), Literal(info.date.isoformat(), datatype=XSD.date)))
    g.add((ds, dcat("version"), Literal(release.version)))
    g.add((ds, URIRef(PREFIX_MAP["owl"] + "versionInfo"), Literal(release.version)))
    g.add((ds, URIRef(PREFIX_MAP["pav"] + "version"), Literal(release.version)))
    g.add((ds, void("uriSpace"), Literal(EVONTO)))
    g.add((ds, void("rootResource"), URIRef(release.version_iri)))
    g.add((ds, void("rootResource"), URIRef(ONTOLOGY_IRI)))
    counts(ds, release.full)
    for namespace in _vocabularies(release.full):
        g.add((ds, void("vocabulary"), URIRef(namespace)))
    findings = sorted({str(s) for s in release.full.subjects() if record_id(str(s))})
    if findings:
        g.add((ds, void("exampleResource"), URIRef(findings[0])))

    sources = release.sources
    subsets: list[tuple[str, str, rdflib.Graph | None, dict]] = [
        ("ontology", "evonto edit file (TBox)", sources.edit, {}),
        ("mappings", "SSSOM mappings", sources.mappings, {}),
        ("findings", "compiled findings and translational claims", sources.assertions, {}),
    ]
    for iri, module in sorted(sources.imports.items()):
        name = iri.rstrip("/").rsplit("/", 1)[-1].removesuffix(".ttl")
        subsets.append((f"imports/{name}", f"import module {name}", module, {"module": iri}))
    for key, title, graph, extra in subsets:
        if graph is None:
            continue
        node = URIRef(f"{DATASET}/{key}")
        g.add((ds, void("subset"), node))
        g.add((node, RDF.type, void("Dataset")))
        g.add((node, dct("title"), Literal(title, lang="en")))
        counts(node, graph)
        if "module" in extra:
            _module_provenance(g, node, graph, extra["module"])
    if sources.mappings is not None:
        _linkset(g, ds, sources.mappings)

    by_class = Counter(o for o in release.full.objects(None, RDF.type))
    for cls, number in sorted(by_class.items()):
        node = URIRef(f"{DATASET}/class/{compress(str(cls)).replace(':', '_')}")
        g.add((ds, void("classPartition"), node))
        g.add((node, void("class"), cls))
        g.add((node, void("entities"), Literal(number, datatype=XSD.integer)))
    by_property = Counter(p for p in release.full.predicates())
    for prop, number in sorted(by_property.items()):
        node = URIRef(f"{DATASET}/property/{compress(str(prop)).replace(':', '_')}")
        g.add((ds, void("propertyPartition"), node))
        g.add((node, void("property"), prop))
        g.add((node, void("triples"), Literal(number, datatype=XSD.integer)))

    base = f"{EVONTO}releases/{release.version}/"
    for name in sorted(files or []):
        node = URIRef(base + name)
        g.add((ds, dcat("distribution"), node))
        g.add((node, RDF.type, dcat("Distribution")))
        g.add((node, dcat("downloadURL"), node))
        g.add((node, dct("title"), Literal(name)))
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        if suffix in MEDIA_TYPES:
            g.add((node, dcat("mediaType"), Literal(MEDIA_TYPES[suffix])))
        if name in {"evonto.ttl", "evonto.owl", "evonto.jsonld"}:
            g.add((ds, void("dataDump"), node))
    return g


def _vocabularies(graph: rdflib.Graph) -> list[str]:
    """The namespaces (from the prefix map) of the properties the graph uses."""
    used: set[str] = set()
    namespaces = sorted(set(PREFIX_MAP.values()), key=len, reverse=True)
    for prop in set(graph.predicates()):
        for ns in namespaces:
            if str(prop).startswith(ns):
                used.add(ns)
                break
    return sorted(used)


def _module_provenance(
    g: rdflib.Graph, node: rdflib.URIRef, module: rdflib.Graph, iri: str
) -> None:
    """The upstream source and version an import module records in its header."""
    import rdflib

    header = rdflib.URIRef(iri)
    keep = {
        PREFIX_MAP["dcterms"] + "source",
        PREFIX_MAP["pav"] + "importedFrom",
        PREFIX_MAP["pav"] + "version",
        PREFIX_MAP["owl"] + "versionInfo",
        PREFIX_MAP["owl"] + "versionIRI",
    }
    for p, o in module.predicate_objects(header):
        if str(p) in keep:
            g.add((node, p, o))
    g.add((node, rdflib.URIRef(PREFIX_MAP["prov"] + "wasDerivedFrom"), header))


def _linkset(g: rdflib.Graph, ds: rdflib.URIRef, mappings: rdflib.Graph) -> None:
    """One ``void:Linkset`` per (SKOS mapping predicate, target vocabulary) in the mappings."""
    import rdflib
    from rdflib.namespace import RDF, XSD

    skos = PREFIX_MAP["skos"]
    links = Counter(
        (p, compress(str(o)).split(":", 1)[0])
        for _, p, o in mappings
        if str(p).startswith(skos) and isinstance(o, rdflib.URIRef) and compress(str(o)) != str(o)
    )
    term = lambda name: rdflib.URIRef(VOID + name)  # noqa: E731
    for (prop, prefix), number in sorted(links.items()):
        local = f"{compress(str(prop)).replace(':', '_')}/{prefix}"
        node = rdflib.URIRef(f"{DATASET}/linkset/{local}")
        target = rdflib.URIRef(f"{DATASET}/external/{prefix}")
        g.add((ds, term("subset"), node))
        g.add((node, RDF.type, term("Linkset")))
        g.add((node, term("linkPredicate"), prop))
        g.add((node, term("subjectsTarget"), ds))
        g.add((node, term("objectsTarget"), target))
        g.add((node, term("triples"), rdflib.Literal(number, datatype=XSD.integer)))
        g.add((target, RDF.type, term("Dataset")))
        g.add((target, term("uriSpace"), rdflib.Literal(PREFIX_MAP[prefix])))


def void_turtle(release: Release) -> bytes:
    """``void.ttl`` for the build: the description, listing every other release file."""
    from evonto.build.artefacts import ARTEFACTS
    from evonto.rdfio import serialize

    files = [a.name for a in ARTEFACTS if a.name != "void.ttl"] + ["manifest.json"]
    return serialize(void_graph(release, files), "turtle")
