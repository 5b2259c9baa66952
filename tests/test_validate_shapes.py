"""Every SHACL shape of shapes/findings.ttl, translational.ttl and ontology.ttl fires on a broken
fixture, and stays silent on the good one; results agree between the two SHACL engines."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from evonto.prefixes import bind_all, sparql_prologue
from evonto.project import Project
from evonto.validate import Options, validate_paths, validate_project
from evonto.validate.pipeline import shape_checks
from tests._validate_support import GOOD, fixture_project

A001 = "finding:EVBC-A001"
T019 = "finding:EVBC-T019"
ONT = "<https://w3id.org/evonto/evonto.owl>"

#: shape check -> (focus CURIE, SPARQL update applied to the good data or, for "ontology:"
#: cases, to the fixture ontology), expected level
CASES: dict[str, tuple[str, str, str]] = {
    "evonto-sh:Finding-vesicle": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000201 obo:UBERON_0002048 }}",
        "error",
    ),
    "evonto-sh:Finding-vesicle-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000201 ?o }}",
        "error",
    ),
    "evonto-sh:Finding-producedBy": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000202 obo:GO_0006954 }}",
        "error",
    ),
    "evonto-sh:Finding-cargo": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000203 <https://identifiers.org/hgnc:6153> }}",
        "error",
    ),
    "evonto-sh:Finding-cargo-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000203 ?o }}",
        "error",
    ),
    "evonto-sh:Finding-targetOrgan": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000204 obo:CL_0000057 }}",
        "error",
    ),
    "evonto-sh:Finding-site": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000205 obo:UBERON_0000310 }}",
        "error",
    ),
    "evonto-sh:Finding-site-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000205 ?o }}",
        "error",
    ),
    "evonto-sh:Finding-targetCell": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000206 obo:UBERON_0002048 }}",
        "error",
    ),
    "evonto-sh:Finding-mechanism": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000207 obo:UBERON_0002048 }}",
        "error",
    ),
    "evonto-sh:Finding-mechanism-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000207 ?o }}",
        "error",
    ),
    "evonto-sh:Finding-role": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000208 EVONTO:0000082 }}",
        "error",
    ),
    "evonto-sh:Finding-role-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000208 ?o }}",
        "error",
    ),
    "evonto-sh:Finding-disease": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000209 obo:UBERON_0000310 }}",
        "error",
    ),
    "evonto-sh:Finding-disease-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000209 ?o }}",
        "error",
    ),
    "evonto-sh:Finding-species": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000210 obo:MONDO_0004989 }}",
        "error",
    ),
    "evonto-sh:Finding-species-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000210 ?o }}",
        "warn",
    ),
    "evonto-sh:Finding-evidence": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000211 obo:GO_0008150 }}",
        "error",
    ),
    "evonto-sh:Finding-evidence-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000211 ?o }}",
        "warn",
    ),
    "evonto-sh:Finding-confidence": (
        A001,
        f'INSERT DATA {{ {A001} EVONTO:0000301 "low" }}',
        "error",
    ),
    "evonto-sh:Finding-crossCancer": (
        A001,
        f'INSERT DATA {{ {A001} EVONTO:0000302 "yes" }}',
        "error",
    ),
    "evonto-sh:Finding-depletion": (A001, f'INSERT DATA {{ {A001} EVONTO:0000304 "no" }}', "error"),
    "evonto-sh:Finding-source-present": (
        A001,
        f"DELETE WHERE {{ {A001} EVONTO:0000212 ?o }}",
        "error",
    ),
    "evonto-sh:PrimarySource": (
        A001,
        f"INSERT DATA {{ {A001} EVONTO:0000212 <https://pubmed.ncbi.nlm.nih.gov/26524530> }}",
        "error",
    ),
    "evonto-sh:DerivedFrom": (A001, f"DELETE WHERE {{ {A001} prov:wasDerivedFrom ?o }}", "error"),
    "evonto-sh:Label-unique": (
        A001,
        f'INSERT DATA {{ {A001} rdfs:label "a second label" }}',
        "error",
    ),
    "evonto-sh:Label-present": (A001, f"DELETE WHERE {{ {A001} rdfs:label ?o }}", "warn"),
    "evonto-sh:Summary-unique": (
        A001,
        f'INSERT DATA {{ {A001} dcterms:description "Another summary." }}',
        "error",
    ),
    "evonto-sh:Summary-present": (
        A001,
        f"DELETE WHERE {{ {A001} dcterms:description ?o }}",
        "warn",
    ),
    "evonto-sh:FindingShape": ("_:", "INSERT DATA { [] a EVONTO:0000091 }", "error"),
    "evonto-sh:Claim-agent": (T019, f"DELETE WHERE {{ {T019} EVONTO:0000214 ?o }}", "warn"),
    "evonto-sh:Claim-target": (T019, f'INSERT DATA {{ {T019} EVONTO:0000215 "EDNRA" }}', "error"),
    "evonto-sh:Claim-predicts": (
        T019,
        f"INSERT DATA {{ {T019} EVONTO:0000216 obo:CL_0000057 }}",
        "error",
    ),
    "evonto-sh:Claim-contestedBy": (
        T019,
        f'INSERT DATA {{ {T019} EVONTO:0000217 "a reply" }}',
        "error",
    ),
    "evonto-sh:Claim-isContested": (
        T019,
        f'INSERT DATA {{ {T019} EVONTO:0000303 "true" }}',
        "error",
    ),
    "evonto-sh:Claim-source-present": (
        T019,
        f"DELETE WHERE {{ {T019} EVONTO:0000212 ?o }}",
        "warn",
    ),
    "evonto-sh:TranslationalClaimShape": (
        T019,
        f"DELETE WHERE {{ {T019} EVONTO:0000303 ?o }}",
        "error",
    ),
    "evonto-sh:OntologyHeaderShape": (
        "ontology:" + ONT,
        f"DELETE WHERE {{ {ONT} dcterms:title ?o }}",
        "error",
    ),
    "evonto-sh:TermLabelShape": (
        "ontology:EVONTO:0000028",
        "DELETE WHERE { EVONTO:0000028 rdfs:label ?o }",
        "error",
    ),
    "evonto-sh:TermSingleLabelShape": (
        "ontology:EVONTO:0000028",
        'INSERT DATA { EVONTO:0000028 rdfs:label "integrin" }',
        "error",
    ),
    "evonto-sh:TermDefinitionShape": (
        "ontology:EVONTO:0000028",
        "DELETE WHERE { EVONTO:0000028 obo:IAO_0000115 ?o }",
        "warn",
    ),
    "evonto-sh:TermSingleDefinitionShape": (
        "ontology:EVONTO:0000028",
        'INSERT DATA { EVONTO:0000028 obo:IAO_0000115 "Integrin protein cargo." }',
        "error",
    ),
}

MINE = ("findings.ttl", "translational.ttl", "ontology.ttl")


def _my_shape_checks() -> set[str]:
    shapes = rdflib.Graph()
    for name in MINE:
        shapes.parse(Path(__file__).resolve().parents[1] / "shapes" / name)
    return set(shape_checks(shapes))


def test_every_shape_has_a_firing_case() -> None:
    assert _my_shape_checks() == set(CASES)


def _updated(source: Path, update: str, out: Path) -> Path:
    graph = bind_all(rdflib.Graph())
    graph.parse(source)
    graph.update(sparql_prologue() + update)
    graph.serialize(out, format="turtle")
    return out


def _shacl_issues(report) -> list:
    return [i for i in report.issues if i.stage == "shacl"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("shapes"))


def test_good_fixture_passes_every_shape(project: Path) -> None:
    report = validate_paths([GOOD], lambda: Project(project), Options(reasoner=False))
    assert _shacl_issues(report) == []
    assert report.exit_code("warn") == 0


@pytest.mark.parametrize("check", sorted(CASES))
def test_shape_fires(check: str, project: Path, tmp_path: Path) -> None:
    focus, update, level = CASES[check]
    if focus.startswith("ontology:"):
        ontology = _updated(project / "ontology" / "evonto-edit.ttl", update, tmp_path / "o.ttl")
        broken = fixture_project(tmp_path, ontology)
        report = validate_project(Project(broken), Options(reasoner=False))
        focus = focus.removeprefix("ontology:")
    else:
        data = _updated(GOOD, update, tmp_path / "data.ttl")
        report = validate_paths([data], lambda: Project(project), Options(reasoner=False))
    fired = [i for i in _shacl_issues(report) if i.check == check]
    assert fired, f"{check} did not fire; got {[i.check for i in _shacl_issues(report)]}"
    assert {i.level for i in fired} == {level}
    if focus != "_:":
        iri = focus.strip("<>") if focus.startswith("<") else _expand(focus)
        assert {i.focus for i in fired} == {iri}
        assert all(i.file and i.line for i in fired), "problems must be located"
    # the other shapes stay silent: a case breaks one contract only
    others = {i.check for i in _shacl_issues(report)} - {check}
    assert others <= _ALLOWED_COMPANIONS.get(check, set())


#: cases that necessarily break a second shape too
_ALLOWED_COMPANIONS = {
    "evonto-sh:FindingShape": {
        f"evonto-sh:{name}"
        for name in (
            "Finding-vesicle-present",
            "Finding-cargo-present",
            "Finding-site-present",
            "Finding-mechanism-present",
            "Finding-role-present",
            "Finding-disease-present",
            "Finding-species-present",
            "Finding-evidence-present",
            "Finding-source-present",
            "DerivedFrom",
            "Label-present",
            "Summary-present",
        )
    },
    "evonto-sh:TermSingleLabelShape": set(),
}


def _expand(curie: str) -> str:
    from evonto.prefixes import expand

    return expand(curie)


def test_engines_agree_on_broken_data(project: Path, tmp_path: Path) -> None:
    """The fast SHACL path and pyshacl report the same focus nodes and constraints."""
    update = ";\n".join(u for f, u, _ in CASES.values() if not f.startswith("ontology:"))
    data = _updated(GOOD, update, tmp_path / "all.ttl")
    runs = {
        engine: validate_paths(
            [data], lambda: Project(project), Options(reasoner=False, shacl_engine=engine)
        )
        for engine in ("fast", "pyshacl")
    }
    keys = {
        engine: sorted(
            {(i.check, i.focus, i.path, i.value, i.level) for i in _shacl_issues(r)}, key=str
        )
        for engine, r in runs.items()
    }
    assert keys["fast"] == keys["pyshacl"]
    assert len(keys["fast"]) >= 30


def test_shapes_are_shacl_core() -> None:
    """No SHACL-AF or SPARQL constraints: the shapes run on any SHACL Core validator."""
    shapes = rdflib.Graph()
    for name in MINE:
        shapes.parse(Path(__file__).resolve().parents[1] / "shapes" / name)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for banned in (sh.sparql, sh.select, sh.rule, sh.target, sh.condition, sh.expression):
        assert not list(shapes.subject_objects(banned)), banned
