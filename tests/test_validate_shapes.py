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

CASES_FILE = Path(__file__).resolve().parent / "fixtures" / "validate" / "shape_cases.tsv"


def _load_cases() -> dict[str, tuple[str, str, str]]:
    """shape check -> (focus CURIE, SPARQL update, expected level), from the cases file."""
    cases = {}
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines()[2:]:
        check, focus, level, update = line.split("\t")
        cases[check] = (focus, update, level)
    return cases


CASES = _load_cases()

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
    # a defined class as the vesicle makes the derived vesicle individual kind-less too
    "evonto-sh:Finding-vesicle-kind": {"evonto-sh:Vesicle-kind"},
    # ... and so does a missing slot: the derived instance graph lacks what the record lacks
    "evonto-sh:Finding-vesicle-present": {"evonto-sh:Vesicle-kind"},
    "evonto-sh:Finding-cargo-present": {"evonto-sh:Vesicle-cargo"},
    "evonto-sh:Finding-cargo": {"evonto-sh:Vesicle-cargo"},
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
