"""The edit file's own terms: IDs, labels, definitions, sources, parents, properties, header."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, XSD

from evonto.prefixes import EVONTO_TERM, REVIEW_DOI, expand
from evonto.project import Project
from evonto.rdfio import load_graph, serialize

ROOT = Path(__file__).resolve().parents[1]
EDIT = Project(ROOT).edit_file
ONTOLOGY = rdflib.URIRef("https://w3id.org/evonto/evonto.owl")
DEFINITION = rdflib.URIRef(expand("IAO:0000115"))
DEFINITION_SOURCE = rdflib.URIRef(expand("IAO:0000119"))
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

#: The ID plan shared by every part of evonto (never renumbered): ID -> (kind, label).
C, OP, DP, AP = OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty
PLAN: dict[int, tuple[rdflib.URIRef, str]] = {
    1: (C, "small extracellular vesicle"),
    2: (C, "large oncosome"),
    3: (C, "tumour-derived extracellular vesicle"),
    4: (C, "breast-cancer-derived extracellular vesicle"),
    5: (C, "stromal-cell-derived extracellular vesicle"),
    6: (C, "mesenchymal-stem-cell-derived extracellular vesicle"),
    7: (C, "organotropic extracellular vesicle"),
    8: (C, "bone-tropic extracellular vesicle"),
    9: (C, "lung-tropic extracellular vesicle"),
    10: (C, "liver-tropic extracellular vesicle"),
    11: (C, "brain-tropic extracellular vesicle"),
    12: (C, "lymph-node-tropic extracellular vesicle"),
    13: (C, "engineered extracellular vesicle"),
    14: (C, "large extracellular vesicle"),
    15: (C, "extracellular vesicle carrying microRNA cargo"),
    16: (C, "extracellular vesicle carrying circular RNA cargo"),
    17: (C, "extracellular vesicle carrying integrin cargo"),
    18: (C, "extracellular vesicle carrying metabolic enzyme cargo"),
    19: (C, "extracellular vesicle carrying lipid cargo"),
    20: (C, "extracellular vesicle cargo"),
    21: (C, "nucleic acid cargo"),
    22: (C, "microRNA cargo"),
    23: (C, "circular RNA cargo"),
    24: (C, "long non-coding RNA cargo"),
    25: (C, "messenger RNA cargo"),
    26: (C, "DNA cargo"),
    27: (C, "protein cargo"),
    28: (C, "integrin cargo"),
    29: (C, "metabolic enzyme cargo"),
    30: (C, "other protein cargo"),
    31: (C, "lipid cargo"),
    32: (C, "metabolite cargo"),
    40: (C, "pre-metastatic niche formation"),
    41: (C, "osteoclast activation"),
    42: (C, "obsolete osteolytic bone resorption"),
    43: (C, "obsolete osteoblast suppression"),
    44: (C, "obsolete immune modulation"),
    45: (C, "obsolete immunosuppression"),
    46: (C, "obsolete macrophage polarisation"),
    47: (C, "myeloid-derived suppressor cell expansion"),
    48: (C, "obsolete T cell suppression"),
    49: (C, "obsolete natural killer cell suppression"),
    50: (C, "obsolete neutrophil recruitment"),
    51: (C, "obsolete pro-inflammatory niche activation"),
    52: (C, "obsolete increased vascular permeability"),
    53: (C, "obsolete blood-brain barrier disruption"),
    54: (C, "obsolete extracellular matrix remodelling"),
    55: (C, "obsolete metabolic reprogramming"),
    56: (C, "obsolete glucose metabolism reprogramming"),
    57: (C, "obsolete lipid metabolism reprogramming"),
    58: (C, "obsolete epithelial-mesenchymal transition induction"),
    59: (C, "mesenchymal-epithelial transition induction"),
    60: (C, "obsolete angiogenesis promotion"),
    61: (C, "obsolete lymphangiogenesis promotion"),
    62: (C, "tumour dormancy induction"),
    63: (C, "obsolete pre-metastatic niche fibroblast activation"),
    64: (C, "obsolete tumour-supporting glial cell activation"),
    66: (C, "organotropic vesicle uptake"),
    67: (C, "obsolete drug resistance transfer"),
    68: (C, "tumour cell colonisation support"),
    69: (C, "obsolete anti-tumour immunity activation"),
    70: (C, "tumour cell adaptive evolution"),
    80: (C, "metastatic role"),
    81: (C, "pro-metastatic role"),
    82: (C, "anti-metastatic role"),
    83: (C, "pro-metastatic extracellular vesicle"),
    84: (C, "anti-metastatic extracellular vesicle"),
    90: (C, "finding"),
    91: (C, "extracellular vesicle organotropism finding"),
    92: (C, "translational claim"),
    93: (C, "biomarker claim"),
    94: (C, "diagnostic biomarker claim"),
    95: (C, "prognostic biomarker claim"),
    96: (C, "therapeutic strategy claim"),
    97: (C, "EV biogenesis inhibition strategy"),
    98: (C, "EV cargo loading strategy"),
    99: (C, "engineered EV delivery strategy"),
    100: (C, "EV uptake blocking strategy"),
    101: (C, "EV clearance strategy"),
    102: (C, "other EV-targeting strategy"),
    103: (C, "therapeutic target claim"),
    104: (C, "EV cargo sorting inhibition strategy"),
    201: (OP, "has vesicle"),
    202: (OP, "vesicle produced by"),
    203: (OP, "has cargo"),
    204: (OP, "has target organ"),
    205: (OP, "acts at site"),
    206: (OP, "has target cell"),
    207: (OP, "has mechanism"),
    208: (OP, "has metastatic role"),
    209: (OP, "about disease"),
    210: (OP, "evidence from model species"),
    211: (OP, "has evidence type"),
    212: (OP, "has primary source"),
    213: (OP, "tropic to"),
    214: (OP, "has agent"),
    215: (OP, "has therapeutic target"),
    216: (OP, "predicts metastasis to"),
    217: (OP, "contested by"),
    301: (DP, "has confidence level"),
    302: (DP, "is cross-cancer evidence"),
    303: (DP, "is contested"),
    304: (DP, "reports cargo depletion"),
    403: (AP, "has cargo kind"),
    404: (AP, "vesicle kind basis"),
}
#: terms deprecated in favour of the external term that means the same (ontology/audit/terms.tsv)
DEPRECATED = {42, 43, 44, 45, 46, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 63, 64, 67,
              69}  # fmt: skip

IMPORTS = [
    "mondo",
    "uberon",
    "cl",
    "go",
    "chebi",
    "so",
    "ncbitaxon",
    "eco",
    "ro",
    "iao",
    "cellosaurus",
    "hgnc",
    "mirbase",
]


def term(number: int) -> rdflib.URIRef:
    return rdflib.URIRef(f"{EVONTO_TERM}{number:07d}")


def curie(iri: str) -> rdflib.URIRef:
    return rdflib.URIRef(expand(iri))


@pytest.fixture(scope="module")
def edit() -> rdflib.Graph:
    return load_graph(EDIT)


@pytest.fixture(scope="module")
def terms(edit: rdflib.Graph) -> list[rdflib.URIRef]:
    """Every evonto term the edit file declares (classes and properties of all kinds)."""
    found = {
        s
        for kind in DECLARATIONS
        for s in edit.subjects(RDF.type, kind)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(EVONTO_TERM)
    }
    return sorted(found)


def english(graph: rdflib.Graph, subject: rdflib.URIRef, predicate: rdflib.URIRef) -> list[str]:
    return [
        str(o)
        for o in graph.objects(subject, predicate)
        if isinstance(o, rdflib.Literal) and o.language == "en" and str(o).strip()
    ]


def test_at_least_sixty_terms(terms: list[rdflib.URIRef]) -> None:
    assert len(terms) >= 60


@pytest.mark.parametrize("number", sorted(PLAN))
def test_planned_id_keeps_its_kind_and_label(edit: rdflib.Graph, number: int) -> None:
    kind, label = PLAN[number]
    assert (term(number), RDF.type, kind) in edit
    assert english(edit, term(number), RDFS.label) == [label]


def test_no_term_outside_the_plan_below_the_free_range(terms: list[rdflib.URIRef]) -> None:
    """Every ID below 0000400 is in the plan (IDs are opaque: a new term may take an ID that
    was never used, never a used one); 65 was dropped (GO:0035733 is used instead)."""
    numbers = [int(str(t).removeprefix(EVONTO_TERM)) for t in terms]
    assert 65 not in numbers
    assert [n for n in numbers if n < 400 and n not in PLAN] == []


@pytest.mark.parametrize("number", sorted(DEPRECATED))
def test_deprecated_terms_are_obsolete_and_replaced(edit: rdflib.Graph, number: int) -> None:
    """OBO practice: deprecated, labelled obsolete, replaced by a live term, no logical axioms."""
    cls = term(number)
    assert (cls, OWL.deprecated, rdflib.Literal(True)) in edit
    (replacement,) = edit.objects(cls, curie("IAO:0100001"))
    assert str(replacement).startswith(expand("GO:"))
    assert list(edit.objects(cls, RDFS.subClassOf)) == []
    assert list(edit.objects(cls, OWL.equivalentClass)) == []


def test_every_term_has_one_english_label_and_one_definition(
    edit: rdflib.Graph, terms: list[rdflib.URIRef]
) -> None:
    missing = [
        str(t)
        for t in terms
        if len(english(edit, t, RDFS.label)) != 1
        or len(list(edit.objects(t, RDFS.label))) != 1
        or len(english(edit, t, DEFINITION)) != 1
    ]
    assert missing == []


def test_definitions_are_sentences_in_genus_differentia_form(
    edit: rdflib.Graph, terms: list[rdflib.URIRef]
) -> None:
    bad = []
    for t in terms:
        (text,) = english(edit, t, DEFINITION)
        text = text.removeprefix("OBSOLETE. ") if (t, OWL.deprecated, None) in edit else text
        if not (text.startswith(("A ", "An ")) and text.endswith(".") and len(text) > 40):
            bad.append((str(t), text))
    assert bad == []


def test_every_term_has_a_resolvable_definition_source(
    edit: rdflib.Graph, terms: list[rdflib.URIRef]
) -> None:
    allowed = ("https://doi.org/", expand("PMID:"), expand("GO:"))
    bad = []
    for t in terms:
        sources = list(edit.objects(t, DEFINITION_SOURCE))
        if not sources or not all(
            isinstance(s, rdflib.URIRef) and str(s).startswith(allowed) for s in sources
        ):
            bad.append(str(t))
    assert bad == []


def test_every_term_has_a_parent(edit: rdflib.Graph, terms: list[rdflib.URIRef]) -> None:
    """Classes: a named superclass. Properties: a superproperty, or a domain (top property)."""
    orphans = []
    for t in terms:
        if (t, OWL.deprecated, rdflib.Literal(True)) in edit:
            continue  # obsolete terms keep no parents (OBO practice)
        if (t, RDF.type, OWL.Class) in edit:
            parents = [p for p in edit.objects(t, RDFS.subClassOf) if isinstance(p, rdflib.URIRef)]
        else:
            parents = list(edit.objects(t, RDFS.subPropertyOf)) or list(
                edit.objects(t, RDFS.domain)
            )
        if not parents:
            orphans.append(str(t))
    assert orphans == []


def test_labels_are_unique(edit: rdflib.Graph, terms: list[rdflib.URIRef]) -> None:
    labels = Counter(label.casefold() for t in terms for label in english(edit, t, RDFS.label))
    assert [label for label, n in labels.items() if n > 1] == []


def test_object_properties_have_domain_definition_and_documented_values(
    edit: rdflib.Graph, terms: list[rdflib.URIRef]
) -> None:
    value_class = term(402)
    properties = [t for t in terms if (t, RDF.type, OWL.ObjectProperty) in edit]
    assert len(properties) >= 18
    for prop in properties:
        assert list(edit.objects(prop, RDFS.domain)), prop
        assert english(edit, prop, DEFINITION), prop
        documented = (
            list(edit.objects(prop, RDFS.range))
            or list(edit.objects(prop, value_class))
            or english(edit, prop, RDFS.comment)
        )
        assert documented, f"{prop}: no range, expected value class or comment"


def test_finding_slots_hang_off_the_finding_relation(edit: rdflib.Graph) -> None:
    top = term(400)
    assert (top, RDFS.domain, term(90)) in edit
    slots = [201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 214, 215, 216, 217]
    assert [n for n in slots if (term(n), RDFS.subPropertyOf, top) not in edit] == []


def test_punned_class_valued_slots_assert_no_class_range(edit: rdflib.Graph) -> None:
    """Values of these slots are class IRIs; an rdfs:range would type those classes."""
    for number in (201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 214, 215, 216):
        assert list(edit.objects(term(number), RDFS.range)) == [], number


@pytest.mark.parametrize(
    ("number", "datatype"),
    [(301, XSD.string), (302, XSD.boolean), (303, XSD.boolean), (304, XSD.boolean)],
)
def test_datatype_properties_have_xsd_ranges(
    edit: rdflib.Graph, number: int, datatype: rdflib.URIRef
) -> None:
    prop = term(number)
    assert list(edit.objects(prop, RDFS.range)) == [datatype]
    assert (prop, RDFS.domain, term(90)) in edit
    assert (prop, RDF.type, OWL.FunctionalProperty) in edit


def test_metastatic_role_is_a_closed_value_partition(edit: rdflib.Graph) -> None:
    role, pro, anti = term(80), term(81), term(82)
    unions = [
        set(rdflib.collection.Collection(edit, members))
        for eq in edit.objects(role, OWL.equivalentClass)
        for members in edit.objects(eq, OWL.unionOf)
    ]
    assert unions == [{pro, anti}]
    assert (pro, OWL.disjointWith, anti) in edit or (anti, OWL.disjointWith, pro) in edit
    assert (pro, RDFS.subClassOf, role) in edit
    assert (anti, RDFS.subClassOf, role) in edit
    assert (role, RDFS.subClassOf, curie("BFO:0000023")) in edit


def defining_organ(edit: rdflib.Graph, cls: rdflib.URIRef) -> rdflib.URIRef | None:
    """The organ X when ``cls`` is equivalent to GO:1903561 and (tropic to some X)."""
    for eq in edit.objects(cls, OWL.equivalentClass):
        for members in edit.objects(eq, OWL.intersectionOf):
            parts = list(rdflib.collection.Collection(edit, members))
            named = [p for p in parts if isinstance(p, rdflib.URIRef)]
            restrictions = [p for p in parts if isinstance(p, rdflib.BNode)]
            if named != [curie("GO:1903561")] or len(restrictions) != 1:
                continue
            (r,) = restrictions
            if (r, OWL.onProperty, term(213)) in edit:
                return edit.value(r, OWL.someValuesFrom)
    return None


@pytest.mark.parametrize(
    ("number", "organ"),
    [
        (7, "UBERON:0001062"),
        (8, "UBERON:0002481"),
        (9, "UBERON:0002048"),
        (10, "UBERON:0002107"),
        (11, "UBERON:0000955"),
        (12, "UBERON:0000029"),
    ],
)
def test_organotropic_classes_are_defined(edit: rdflib.Graph, number: int, organ: str) -> None:
    assert defining_organ(edit, term(number)) == curie(organ)


@pytest.mark.parametrize(
    ("number", "parents"),
    [
        (1, ["GO:1903561"]),
        (2, ["GO:1990742"]),
        (22, ["EVONTO:0000021", "SO:0000276"]),
        (23, ["EVONTO:0000021", "SO:0002291"]),
        (24, ["EVONTO:0000021", "SO:0001877"]),
        (25, ["EVONTO:0000021", "SO:0000234"]),
        (31, ["EVONTO:0000020", "CHEBI:18059"]),
        (40, ["GO:0008150"]),
        (21, ["EVONTO:0000020"]),
        (41, ["GO:0002274"]),
        (62, ["GO:1903452"]),
        (66, ["GO:0098657"]),
        (90, ["IAO:0000030"]),
    ],
)
def test_alignment_parents(edit: rdflib.Graph, number: int, parents: list[str]) -> None:
    for parent in parents:
        assert (term(number), RDFS.subClassOf, curie(parent)) in edit


def test_mechanisms_sit_under_go_biological_process_or_map_to_go(
    edit: rdflib.Graph,
) -> None:
    """Every live mechanism class has a GO parent or an evonto parent among them."""
    go = expand("GO:")
    mechanisms = [term(n) for n in PLAN if 40 <= n < 80 and n not in DEPRECATED]
    for cls in mechanisms:
        parents = [str(p) for p in edit.objects(cls, RDFS.subClassOf)]
        assert any(p.startswith(go) or p in map(str, mechanisms) for p in parents), cls


def test_header_is_complete(edit: rdflib.Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in edit
    version, created = "2026-12-02", "2026-11-29"
    expected = {
        OWL.versionIRI: rdflib.URIRef(f"https://w3id.org/evonto/releases/{version}/evonto.owl"),
        OWL.versionInfo: rdflib.Literal(version),
        DCTERMS.license: rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/"),
        DCTERMS.source: rdflib.URIRef(REVIEW_DOI),
        DCTERMS.created: rdflib.Literal(created, datatype=XSD.date),
        VANN.preferredNamespacePrefix: rdflib.Literal("EVONTO"),
        VANN.preferredNamespaceUri: rdflib.Literal(EVONTO_TERM),
    }
    for predicate, value in expected.items():
        assert list(edit.objects(ONTOLOGY, predicate)) == [value], predicate
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert english(edit, ONTOLOGY, predicate), predicate
    for predicate in (DCTERMS.creator, DCTERMS.bibliographicCitation):
        assert [str(v).strip() for v in edit.objects(ONTOLOGY, predicate)], predicate


def test_header_imports_every_module(edit: rdflib.Graph) -> None:
    imports = {str(o) for o in edit.objects(ONTOLOGY, OWL.imports)}
    assert imports == {f"https://w3id.org/evonto/imports/{src}_import.ttl" for src in IMPORTS}


def test_every_predicate_is_declared_for_owl_dl(edit: rdflib.Graph) -> None:
    """OWL 2 DL needs every annotation property used on terms or the header declared."""
    builtin = (str(RDF), str(RDFS), str(OWL))
    used = {p for p in edit.predicates() if not str(p).startswith(builtin)}
    undeclared = [
        str(p) for p in used if not any((p, RDF.type, kind) in edit for kind in DECLARATIONS[1:])
    ]
    assert sorted(undeclared) == []


def test_file_is_in_canonical_serialisation() -> None:
    """``evonto normalize`` must leave the committed edit file unchanged."""
    assert serialize(load_graph(EDIT), "turtle") == EDIT.read_bytes()


def test_no_vesicle_class_has_exosome_as_an_exact_synonym(edit: rdflib.Graph) -> None:
    """MISEV2023: 'exosome' is kept for vesicles of shown endosomal origin (GO:0070062)."""
    exact = curie("oboInOwl:hasExactSynonym")
    vesicles = [term(n) for n in (*range(1, 20), 83, 84) if n in PLAN]
    found = [(str(v), str(s)) for v in vesicles for s in edit.objects(v, exact) if "exosom" in s]
    assert found == []


def test_bone_tropic_definition_names_the_organ_of_its_axiom(edit: rdflib.Graph) -> None:
    assert defining_organ(edit, term(8)) == curie("UBERON:0002481")
    (text,) = english(edit, term(8), DEFINITION)
    assert "bone tissue (UBERON:0002481)" in text
