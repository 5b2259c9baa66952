"""The committed import modules and catalog: parseable, labelled, complete and consistent."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from evonto.catalog import read_catalog
from evonto.imports.registry import MODULES, PARENT_EDGES_FILE
from evonto.imports.seeds import read_seed_file, references
from evonto.prefixes import compress, expand
from evonto.project import Project
from evonto.rdfio import load_graph
from evonto.sources import import_iris

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project(ROOT)
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
PAV = rdflib.Namespace("http://purl.org/pav/")
IAO_REPLACED_BY = rdflib.URIRef(expand("IAO:0100001"))
PART_OF = rdflib.URIRef(expand("BFO:0000050"))


@cache
def module(name: str) -> rdflib.Graph:
    return load_graph(PROJECT.imports_dir / f"{name}_import.ttl")


@cache
def all_modules() -> rdflib.Graph:
    graph = rdflib.Graph()
    for spec in MODULES:
        graph += module(spec.name)
    return graph


def label(graph: rdflib.Graph, curie: str) -> str | None:
    value = graph.value(rdflib.URIRef(expand(curie)), RDFS.label)
    return None if value is None else str(value)


@pytest.mark.parametrize("spec", MODULES, ids=lambda s: s.name)
def test_module_is_an_ontology_with_provenance(spec) -> None:
    graph = module(spec.name)
    ontology = rdflib.URIRef(spec.iri)
    assert (ontology, RDF.type, OWL.Ontology) in graph
    version_iri = graph.value(ontology, OWL.versionIRI)
    assert version_iri is not None and str(version_iri).endswith("/" + spec.file_name)
    assert str(version_iri) != spec.iri
    assert graph.value(ontology, DCTERMS.source) is not None
    assert graph.value(ontology, PAV.version) is not None
    comment = str(graph.value(ontology, RDFS.comment))
    assert ".whl" in comment or "curated_terms.tsv" in comment


@pytest.mark.parametrize("spec", MODULES, ids=lambda s: s.name)
def test_every_seed_term_is_in_its_module_with_a_label(spec) -> None:
    seeds = read_seed_file(PROJECT.imports_dir / spec.seed_file_name)
    assert seeds, f"{spec.seed_file_name} is empty"
    graph = module(spec.name)
    unlabelled = [curie for curie in seeds if not label(graph, curie)]
    assert unlabelled == []


@pytest.mark.parametrize("spec", MODULES, ids=lambda s: s.name)
def test_no_dangling_parents(spec) -> None:
    """Every is-a / part-of parent a module names is declared, with a label, in that module."""
    graph = module(spec.name)
    dangling = []
    for child, parent in graph.subject_objects(RDFS.subClassOf):
        target = (
            graph.value(parent, OWL.someValuesFrom) if isinstance(parent, rdflib.BNode) else parent
        )
        if graph.value(target, RDFS.label) is None:
            dangling.append((compress(str(child)), compress(str(target))))
    assert dangling == []


def test_breast_carcinoma_is_under_breast_cancer() -> None:
    graph = module("mondo")
    assert label(graph, "MONDO:0004989") == "breast carcinoma"
    assert label(graph, "MONDO:0007254") == "breast cancer"
    assert (
        rdflib.URIRef(expand("MONDO:0004989")),
        RDFS.subClassOf,
        rdflib.URIRef(expand("MONDO:0007254")),
    ) in graph


def test_mireot_keeps_the_chain_to_the_root() -> None:
    graph = module("mondo")
    chain = set(graph.transitive_objects(rdflib.URIRef(expand("MONDO:0004989")), RDFS.subClassOf))
    assert rdflib.URIRef(expand("MONDO:0000001")) in chain  # disease


def test_obsolete_go_term_is_deprecated_with_its_replacement() -> None:
    graph = module("go")
    obsolete = rdflib.URIRef(expand("GO:0051092"))
    assert graph.value(obsolete, OWL.deprecated) == rdflib.Literal(True)
    assert graph.value(obsolete, IAO_REPLACED_BY) == rdflib.URIRef(expand("GO:0043123"))
    assert (
        label(graph, "GO:0043123")
        == "positive regulation of canonical NF-kappaB signal transduction"
    )


def test_part_of_edges_are_restrictions_not_subclass() -> None:
    graph = module("uberon")
    lung = rdflib.URIRef(expand("UBERON:0002048"))
    pair = rdflib.URIRef(expand("UBERON:0000170"))
    assert (lung, RDFS.subClassOf, pair) not in graph
    wholes = {
        graph.value(node, OWL.someValuesFrom)
        for node in graph.objects(lung, RDFS.subClassOf)
        if isinstance(node, rdflib.BNode) and graph.value(node, OWL.onProperty) == PART_OF
    }
    assert pair in wholes
    assert (lung, RDFS.subClassOf, rdflib.URIRef(expand("UBERON:0000171"))) in graph


def test_every_uberon_class_but_the_root_has_an_is_a_parent() -> None:
    graph = module("uberon")
    orphans = [
        compress(str(cls))
        for cls in graph.subjects(RDF.type, OWL.Class)
        if str(cls).startswith(expand("UBERON:"))
        and not any(isinstance(p, rdflib.URIRef) for p in graph.objects(cls, RDFS.subClassOf))
        and graph.value(cls, OWL.deprecated) is None
    ]
    assert orphans == ["UBERON:0001062"]  # anatomical entity


def test_reviewed_uberon_edges_cover_the_module() -> None:
    text = (PROJECT.imports_dir / PARENT_EDGES_FILE).read_text(encoding="utf-8")
    reviewed = {
        tuple(line.split("\t")[:2]) for line in text.splitlines() if line.startswith("UBERON:")
    }
    graph = module("uberon")
    written = set()
    for child, parent in graph.subject_objects(RDFS.subClassOf):
        target = (
            graph.value(parent, OWL.someValuesFrom) if isinstance(parent, rdflib.BNode) else parent
        )
        written.add((compress(str(child)), compress(str(target))))
    assert written - reviewed == set()


def test_gene_and_mirna_and_cell_line_roots() -> None:
    graph = all_modules()
    assert label(graph, "HGNC:6153") == "ITGB1"
    assert (
        rdflib.URIRef(expand("HGNC:6153")),
        RDFS.subClassOf,
        rdflib.URIRef(expand("SO:0000704")),
    ) in graph
    assert label(graph, "SO:0000704") == "gene"
    assert label(graph, "mirbase.mature:MIMAT0000421") == "hsa-miR-122-5p"
    assert label(graph, "cellosaurus:CVCL_0062") == "MDA-MB-231"
    assert label(graph, "BFO:0000040") == "material entity"
    assert label(graph, "IAO:0000030") == "information content entity"


def test_relations_are_object_properties_with_definitions() -> None:
    graph = module("ro")
    definition = rdflib.URIRef(expand("IAO:0000115"))
    for curie in ("BFO:0000050", "RO:0002213", "RO:0002233"):
        node = rdflib.URIRef(expand(curie))
        assert (node, RDF.type, OWL.ObjectProperty) in graph
        assert graph.value(node, definition) is not None
    assert (
        rdflib.URIRef(expand("RO:0002213")),
        RDFS.subPropertyOf,
        rdflib.URIRef(expand("RO:0002211")),
    ) in graph


def test_catalog_maps_every_import_iri_to_an_existing_module() -> None:
    catalog = read_catalog(PROJECT.catalog)
    for spec in MODULES:
        assert catalog[spec.iri] == (PROJECT.imports_dir / spec.file_name).resolve()
        assert catalog[spec.iri].is_file()
    raw = PROJECT.catalog.read_text(encoding="utf-8")
    assert 'uri="imports/' in raw and str(ROOT) not in raw  # relative paths


def test_edit_file_imports_resolve_through_the_catalog() -> None:
    catalog = read_catalog(PROJECT.catalog)
    iris = import_iris(PROJECT.edit_file)
    assert iris, "the edit file declares no owl:imports"
    assert [iri for iri in iris if iri not in catalog] == []


def test_every_referenced_external_term_has_a_label_in_a_module() -> None:
    """Edit file, assertion tables and mappings name no external term the modules lack."""
    paths = [
        PROJECT.edit_file,
        PROJECT.mappings_file,
        *sorted(PROJECT.assertions_dir.glob("*.tsv")),
    ]
    used = set()
    for path in paths:
        if path.is_file():
            used |= references(path.read_text(encoding="utf-8"))
    graph = all_modules()
    unlabelled = sorted(curie for curie in used if not label(graph, curie))
    assert unlabelled == []
