"""``manifest.json``: what a release contains, with checksums, counts and tool versions.

Everything in it is derived from the sources and the written files, never from the clock, so
the same input gives the same manifest.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import BuildError
from evonto.prefixes import ONTOLOGY_IRI

if TYPE_CHECKING:
    import rdflib

    from evonto.build.reasoner import ReasonerReport
    from evonto.build.release import Release

OWL = "http://www.w3.org/2002/07/owl#"
#: rdf:type value -> the key its entities are counted under
ENTITY_KINDS = {
    OWL + "Class": "classes",
    OWL + "ObjectProperty": "object_properties",
    OWL + "DatatypeProperty": "datatype_properties",
    OWL + "AnnotationProperty": "annotation_properties",
    OWL + "NamedIndividual": "individuals",
}
TOOLS = ("evonto", "rdflib", "pyoxigraph", "owlready2")


def count_triples(name: str, data: bytes) -> int | None:
    """Triples in an RDF artefact (parsed back with Oxigraph), ``None`` for other files,
    among them a JSON-LD context (a document holding only ``@context``: no data)."""
    import pyoxigraph

    from evonto.rdfio import SUFFIX_FORMATS

    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIX_FORMATS or suffix == ".json":
        return None
    if suffix == ".jsonld" and _is_context_only(data):
        return None
    fmt = getattr(pyoxigraph.RdfFormat, SUFFIX_FORMATS[suffix][0])
    try:
        return sum(
            1 for _ in pyoxigraph.parse(data, format=fmt, base_iri="https://w3id.org/evonto/")
        )
    except (SyntaxError, ValueError) as exc:
        raise BuildError(f"artefact {name} does not parse back as RDF: {exc}") from None


def _is_context_only(data: bytes) -> bool:
    import json

    try:
        document = json.loads(data)
    except ValueError:
        return False
    return isinstance(document, dict) and set(document) == {"@context"}


def term_counts(graph: rdflib.Graph) -> dict[str, dict[str, int]]:
    """Declared entities per CURIE prefix and kind (classes, properties, individuals)."""
    import rdflib

    from evonto.prefixes import compress

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for type_iri, kind in ENTITY_KINDS.items():
        for entity in set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(type_iri))):
            if isinstance(entity, rdflib.URIRef):
                curie = compress(str(entity))
                prefix = curie.split(":", 1)[0] if curie != str(entity) else "(no prefix)"
                counts[prefix][kind] += 1
    return {prefix: dict(sorted(c.items())) for prefix, c in sorted(counts.items())}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tool_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for tool in TOOLS:
        try:
            versions[tool] = metadata.version(tool)
        except metadata.PackageNotFoundError:
            versions[tool] = "not installed"
    return versions


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def make_manifest(release: Release, files: dict[str, bytes], report: ReasonerReport | None) -> dict:
    """The manifest of a release whose artefacts are ``files`` (name -> bytes)."""
    from evonto.build.artefacts import ARTEFACTS
    from evonto.rdfio import read_bytes

    described = {a.name: a.description for a in ARTEFACTS}
    project = release.project
    sources = release.sources
    edit_bytes = read_bytes(project.edit_file)
    imports = {
        iri: {
            "file": _relative(path, project.root),
            "sha256": _sha256(path.read_bytes()),
            "triples": len(sources.imports[iri]),
            "version": _module_version(sources.imports[iri], iri),
        }
        for iri, path in sorted(sources.import_files.items())
    }
    return {
        "ontology": ONTOLOGY_IRI,
        "version": release.version,
        "versionIRI": release.version_iri,
        "date": release.date,
        "files": {
            name: {
                "description": described.get(name, ""),
                "bytes": len(data),
                "sha256": _sha256(data),
                "triples": count_triples(name, data),
            }
            for name, data in sorted(files.items())
        },
        "terms": term_counts(release.full),
        "sources": {
            "edit": {
                "file": _relative(project.edit_file, project.root),
                "sha256": _sha256(edit_bytes),
                "triples": len(sources.edit),
            },
            "imports": imports,
            "assertions": len(sources.assertions) if sources.assertions is not None else 0,
            "mappings": len(sources.mappings) if sources.mappings is not None else 0,
        },
        "reasoner": report.as_dict() if report is not None else {"name": "none", "skipped": True},
        "tools": _tool_versions(),
    }


def _module_version(module: rdflib.Graph, iri: str) -> str:
    """The upstream version an import module records (versionInfo, else its versionIRI)."""
    import rdflib

    header = rdflib.URIRef(iri)
    for prop in (rdflib.OWL.versionInfo, rdflib.OWL.versionIRI):
        values = sorted(str(v) for v in module.objects(header, prop))
        if values:
            return values[0]
    for ontology in sorted(module.subjects(rdflib.RDF.type, rdflib.OWL.Ontology)):
        values = sorted(str(v) for v in module.objects(ontology, rdflib.OWL.versionInfo))
        if values:
            return values[0]
    return ""


def manifest_bytes(manifest: dict) -> bytes:
    """The manifest as stable, indented JSON."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
