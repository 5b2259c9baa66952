"""The edit file's links to external terms resolve to labelled terms of the import modules."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from evonto.prefixes import EVONTO_TERM, OBO, compress, expand
from evonto.project import Project
from evonto.sources import Sources, load_sources

ROOT = Path(__file__).resolve().parents[1]
CLOSE_MATCH = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#closeMatch")
DEFINITION_SOURCE = rdflib.URIRef(expand("IAO:0000119"))
LOGICAL = (RDFS.subClassOf, RDFS.domain, RDFS.range, OWL.someValuesFrom, RDF.first)


@pytest.fixture(scope="module")
def sources() -> Sources:
    return load_sources(Project.locate(ROOT), assertions=False)


def imported_declarations(sources: Sources) -> dict[rdflib.URIRef, set[rdflib.URIRef]]:
    """IRI -> the OWL entity types the import modules declare it with."""
    declared: dict[rdflib.URIRef, set[rdflib.URIRef]] = {}
    for module in sources.imports.values():
        for subject, kind in module.subject_objects(RDF.type):
            declared.setdefault(subject, set()).add(kind)
    return declared


def labelled(sources: Sources, iri: rdflib.URIRef) -> bool:
    return any(
        isinstance(label, rdflib.Literal) and str(label).strip()
        for module in sources.imports.values()
        for label in module.objects(iri, RDFS.label)
    )


def external_in_axioms(edit: rdflib.Graph) -> set[rdflib.URIRef]:
    """OBO IRIs the edit file uses in logical positions (parents, restrictions, domains...)."""
    return {
        o
        for p in LOGICAL
        for o in edit.objects(None, p)
        if isinstance(o, rdflib.URIRef) and str(o).startswith(OBO)
    }


def test_every_external_term_in_an_axiom_is_declared_and_labelled(sources: Sources) -> None:
    """OWL 2 DL needs the imports closure to declare them; Protégé needs their labels."""
    declared = imported_declarations(sources)
    used = external_in_axioms(sources.edit)
    assert len(used) > 30
    bad = sorted(
        compress(str(iri))
        for iri in used
        if not declared.get(iri, set()) & {OWL.Class, OWL.ObjectProperty}
        or not labelled(sources, iri)
    )
    assert bad == []


def test_mapped_and_source_go_terms_are_labelled_in_the_go_module(sources: Sources) -> None:
    """closeMatch targets and definition sources in GO resolve to imported GO terms."""
    go = expand("GO:")
    targets = {
        o
        for p in (CLOSE_MATCH, DEFINITION_SOURCE)
        for s, o in sources.edit.subject_objects(p)
        if str(s).startswith(EVONTO_TERM) and str(o).startswith(go)
    }
    assert targets
    assert sorted(compress(str(t)) for t in targets if not labelled(sources, t)) == []


def test_evonto_parents_are_not_deprecated_upstream(sources: Sources) -> None:
    """No evonto class hangs under an external term its module marks as obsolete."""
    deprecated = {
        s
        for module in sources.imports.values()
        for s in module.subjects(OWL.deprecated, rdflib.Literal(True))
    }
    used = external_in_axioms(sources.edit)
    assert sorted(compress(str(t)) for t in used & deprecated) == []


def test_extracellular_vesicle_classes_are_under_go_extracellular_vesicle(
    sources: Sources,
) -> None:
    """Told hierarchy (no reasoner): every evonto EV class reaches GO:1903561."""
    graph = sources.ontology()
    target = rdflib.URIRef(expand("GO:1903561"))
    for number in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13):
        cls = rdflib.URIRef(f"{EVONTO_TERM}{number:07d}")
        ancestors = set(graph.transitive_objects(cls, RDFS.subClassOf))
        assert target in ancestors, cls


SKOS_MATCHES = tuple(
    rdflib.URIRef(f"http://www.w3.org/2004/02/skos/core#{kind}Match")
    for kind in ("exact", "close", "broad", "narrow", "related")
)


def match_pairs(graph: rdflib.Graph) -> dict[tuple[str, str], set[str]]:
    pairs: dict[tuple[str, str], set[str]] = {}
    for predicate in SKOS_MATCHES:
        for s, o in graph.subject_objects(predicate):
            pairs.setdefault((str(s), str(o)), set()).add(compress(str(predicate)))
    return pairs


def test_edit_file_mappings_agree_with_the_sssom_set(sources: Sources) -> None:
    """A pair mapped in both places has the same SKOS predicate in both."""
    assert sources.mappings is not None
    edit, sssom = match_pairs(sources.edit), match_pairs(sources.mappings)
    conflicts = {
        (compress(s), compress(o)): (edit[(s, o)], sssom[(s, o)])
        for s, o in edit.keys() & sssom.keys()
        if edit[(s, o)] != sssom[(s, o)]
    }
    assert conflicts == {}


def test_no_evonto_label_or_synonym_repeats_an_imported_term(sources: Sources) -> None:
    """A label shared with an imported term would make two terms look the same in Protégé."""
    synonym = rdflib.URIRef(expand("oboInOwl:hasExactSynonym"))
    imported = {
        str(name).casefold()
        for module in sources.imports.values()
        for predicate in (RDFS.label, synonym)
        for name in module.objects(None, predicate)
    }
    clashes = sorted(
        (compress(str(s)), str(name))
        for predicate in (RDFS.label, synonym)
        for s, name in sources.edit.subject_objects(predicate)
        if str(s).startswith(EVONTO_TERM) and str(name).casefold() in imported
    )
    assert clashes == []


def test_definitions_name_a_parent_as_their_genus(sources: Sources) -> None:
    """Genus-differentia: "A <parent label> that/in which ..."; top properties name their kind."""
    graph = sources.ontology()
    definition = rdflib.URIRef(expand("IAO:0000115"))
    kinds = {
        OWL.ObjectProperty: "object property",
        OWL.DatatypeProperty: "datatype property",
        OWL.AnnotationProperty: "annotation property",
    }
    bad = []
    for term, text in sources.edit.subject_objects(definition):
        if not str(term).startswith(EVONTO_TERM):
            continue
        if (term, OWL.deprecated, rdflib.Literal(True)) in sources.edit:
            continue  # obsolete: no parents left, definition kept for the record
        parents = [
            p
            for predicate in (RDFS.subClassOf, RDFS.subPropertyOf)
            for p in sources.edit.objects(term, predicate)
            if isinstance(p, rdflib.URIRef)
        ]
        genera = [
            str(graph.value(p, RDFS.label)).replace("_", " ")
            for p in parents
            if graph.value(p, RDFS.label) is not None
        ]
        if not genera:  # a top property, or one under an unlabelled built-in (rdfs:seeAlso)
            genera = [name for kind, name in kinds.items() if (term, RDF.type, kind) in graph]
        body = str(text).split(" ", 1)[1].casefold()
        if not any(genus and body.startswith(genus.casefold()) for genus in genera):
            bad.append((compress(str(term)), genera, str(text)[:60]))
    assert bad == []
