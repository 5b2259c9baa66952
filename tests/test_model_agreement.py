"""The two views of a finding agree: what HermiT infers about each finding's vesicles equals
what its association record asserts (DESIGN §5b).

The release is reasoned over again with its materialised types (``inferred.ttl``) removed, so
every class below is earned by the reasoner, finding by finding:

- organotropic classes (bone, lung, liver, brain, lymph node) <-> the target organ slot;
- pro-/anti-metastatic EV <-> the metastatic role slot;
- breast-cancer-derived and tumour-derived EV <-> the producers' diseases;
- EV carrying miRNA/circRNA/integrin/metabolic-enzyme/lipid cargo <-> the cargo kinds.

The agreement check must also fail when one finding's instance graph loses its organ link.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from evonto import vocab
from evonto.build.reasoner import reason
from evonto.build.serializers import rdf_xml
from evonto.prefixes import FINDING, expand

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java"),
]


def E(curie: str) -> rdflib.URIRef:
    return rdflib.URIRef(expand(curie))


#: organotropic class -> the organ its definition names (read back from the axioms below)
ORGANOTROPIC = ("EVONTO:0000008", "EVONTO:0000009", "EVONTO:0000010", "EVONTO:0000011",
                "EVONTO:0000012")  # fmt: skip
ROLE_CLASSES = {"EVONTO:0000081": "EVONTO:0000083", "EVONTO:0000082": "EVONTO:0000084"}
CARRYING = {
    "EVONTO:0000015": "EVONTO:0000022",
    "EVONTO:0000016": "EVONTO:0000023",
    "EVONTO:0000017": "EVONTO:0000028",
    "EVONTO:0000018": "EVONTO:0000029",
    "EVONTO:0000019": "EVONTO:0000031",
}
BREAST_DERIVED, TUMOUR_DERIVED = "EVONTO:0000004", "EVONTO:0000003"
STROMAL_DERIVED, MSC_DERIVED = "EVONTO:0000005", "EVONTO:0000006"
MSC = "CL:0000134"
STROMA = ("CL:0000499", "CL:0000134", "CL:0008019", "CL:0000127", "CL:0000136", "CL:0000115",
          "CL:0000738")  # fmt: skip
BREAST_DISEASES = ("MONDO:0007254", "MONDO:1013308")
CANCER = "MONDO:0004992"


def _filler(graph: rdflib.Graph, cls: str) -> str:
    """The filler of the someValuesFrom restriction in a defined class's intersection."""
    for eq in graph.objects(E(cls), OWL.equivalentClass):
        for member in rdflib.collection.Collection(graph, graph.value(eq, OWL.intersectionOf)):
            filler = graph.value(member, OWL.someValuesFrom)
            if isinstance(filler, rdflib.URIRef):
                return str(filler)
    raise AssertionError(f"{cls} has no someValuesFrom definition")


def _superclasses(graph: rdflib.Graph, iri: str) -> set[str]:
    seen, todo = set(), [rdflib.URIRef(iri)]
    while todo:
        node = todo.pop()
        for parent in graph.objects(node, RDFS.subClassOf):
            if isinstance(parent, rdflib.URIRef) and str(parent) not in seen:
                seen.add(str(parent))
                todo.append(parent)
    return seen


def _diseases_of(graph: rdflib.Graph, producer: rdflib.URIRef) -> set[str]:
    """MONDO diseases a producer value stands for: itself, or its cell line's CLO:0000015."""
    if str(producer).startswith(expand("MONDO:")):
        return {str(producer)}
    found = set()
    for restriction in graph.objects(producer, RDFS.subClassOf):
        if graph.value(restriction, OWL.onProperty) == E(vocab.DERIVES_FROM_PATIENT_WITH):
            found.add(str(graph.value(restriction, OWL.someValuesFrom)))
    return found


def expected_classes(graph: rdflib.Graph, finding: rdflib.URIRef) -> set[str]:
    """The defined EV classes a finding's association record says its vesicles belong to."""
    expected: set[str] = set()
    organs = {str(o) for o in graph.objects(finding, E(vocab.HAS_TARGET_ORGAN))}
    for cls in ORGANOTROPIC:
        if _filler(graph, cls) in organs:
            expected.add(expand(cls))
    for role in graph.objects(finding, E(vocab.HAS_METASTATIC_ROLE)):
        for role_curie, ev_class in ROLE_CLASSES.items():
            if str(role) == expand(role_curie):
                expected.add(expand(ev_class))
    kinds = set()
    for cargo in graph.objects(finding, E(vocab.HAS_CARGO)):
        for kind in graph.objects(cargo, E(vocab.HAS_CARGO_KIND)):
            kinds |= {str(kind), *_superclasses(graph, str(kind))}
    for ev_class, kind in CARRYING.items():
        if expand(kind) in kinds:
            expected.add(expand(ev_class))
    diseases, cells = set(), set()
    for producer in graph.objects(finding, E(vocab.VESICLE_PRODUCED_BY)):
        for disease in _diseases_of(graph, producer):
            diseases |= {disease, *_superclasses(graph, disease)}
        if str(producer).startswith(expand("CL:")):
            cells |= {str(producer), *_superclasses(graph, str(producer))}
    if expand(MSC) in cells:
        expected.add(expand(MSC_DERIVED))
    elif cells & {expand(c) for c in STROMA}:
        expected.add(expand(STROMAL_DERIVED))
    if diseases & {expand(d) for d in BREAST_DISEASES}:
        expected.add(expand(BREAST_DERIVED))
    elif expand(CANCER) in diseases:
        expected.add(expand(TUMOUR_DERIVED))
    return expected


CHECKED = {
    expand(c)
    for c in (
        *ORGANOTROPIC,
        *ROLE_CLASSES.values(),
        *CARRYING,
        BREAST_DERIVED,
        TUMOUR_DERIVED,
        STROMAL_DERIVED,
        MSC_DERIVED,
    )
}


def mismatches(graph: rdflib.Graph, inferred: dict[str, tuple[str, ...]]) -> dict[str, tuple]:
    """Finding IRI -> (expected, inferred) for every finding whose two views disagree."""
    out = {}
    findings = sorted(graph.subjects(RDF.type, E(vocab.ORGANOTROPISM_FINDING)))
    assert len(findings) == 65
    for finding in findings:
        ev = f"{finding}/ev"
        got = set(inferred.get(ev, ())) & CHECKED
        want = expected_classes(graph, finding)
        if got != want:
            out[str(finding)] = (sorted(want), sorted(got))
    return out


@pytest.fixture(scope="module")
def asserted_release(built_release) -> rdflib.Graph:
    """The release as built, minus the types the build materialised."""
    graph = rdflib.Graph().parse(built_release.files["evonto.ttl"])
    inferred = rdflib.Graph().parse(built_release.files["inferred.ttl"])
    assert len(inferred) > 65
    graph -= inferred
    return graph


def _reason(graph: rdflib.Graph, tmp: Path) -> dict[str, tuple[str, ...]]:
    owl = tmp / "release.owl"
    owl.write_bytes(rdf_xml(graph))
    report = reason(owl, graph)
    assert report.ok, report.message()
    return report.inferred_types


def test_inferred_classes_equal_the_association_view(asserted_release, tmp_path):
    inferred = _reason(asserted_release, tmp_path)
    assert mismatches(asserted_release, inferred) == {}
    # every checked class has members: no defined class that classifies nothing
    members = {cls for types in inferred.values() for cls in types}
    assert members >= CHECKED


def test_the_check_fails_when_an_organ_link_is_deleted(asserted_release, tmp_path):
    broken = rdflib.Graph()
    broken += asserted_release
    victim = rdflib.URIRef(f"{FINDING}EVBC-A001")
    ev = rdflib.URIRef(f"{victim}/ev")
    links = list(broken.triples((ev, E(vocab.TROPIC_TO), None)))
    assert len(links) == 1
    broken.remove(links[0])
    found = mismatches(broken, _reason(broken, tmp_path))
    assert list(found) == [str(victim)]
    want, got = found[str(victim)]
    assert expand("EVONTO:0000009") in want and expand("EVONTO:0000009") not in got


def test_materialised_types_are_the_reasoners(built_release, asserted_release, tmp_path):
    shipped = rdflib.Graph().parse(built_release.files["inferred.ttl"])
    again = _reason(asserted_release, tmp_path)
    assert {(str(s), str(o)) for s, _, o in shipped} == {
        (ind, cls) for ind, classes in again.items() for cls in classes
    }


def test_each_vesicle_is_asserted_its_kind_only(asserted_release):
    evs = set(asserted_release.objects(None, E(vocab.IS_ABOUT)))
    assert len(evs) == 65
    defined = set(asserted_release.subjects(OWL.equivalentClass, None))
    for ev in evs:
        types = set(asserted_release.objects(ev, RDF.type)) - {OWL.NamedIndividual}
        assert len(types) == 1, ev
        (kind,) = types
        assert kind not in defined, (ev, kind)
        assert str(kind) == expand(vocab.EXTRACELLULAR_VESICLE) or expand(
            vocab.EXTRACELLULAR_VESICLE
        ) in _superclasses(asserted_release, str(kind))
