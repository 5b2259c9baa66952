"""``validate FILE`` keeps the SHACL view of its background ontology between runs
(:mod:`evonto.validate.view_cache`): a second run reads it instead of computing it, gives the
same report, and a damaged entry, a changed terms file or other statements about the
ontology's terms make it compute the view again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import evonto.shacl_sparql
from evonto.project import Project
from evonto.validate.pipeline import Options, validate_paths
from evonto.validate.report import Report
from tests._validate_support import GOOD, fixture_project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("view-cache"))


@pytest.fixture
def views(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """Turn the cache on in a fresh folder; the list grows by one per view computed."""
    monkeypatch.setenv("EVONTO_VALIDATE_CACHE", str(tmp_path / "cache"))
    computed: list[int] = []
    real = evonto.shacl_sparql.ontology_view

    def counted(ontology):
        computed.append(1)
        return real(ontology)

    monkeypatch.setattr(evonto.shacl_sparql, "ontology_view", counted)
    return computed


def _validate(project: Path, data: Path, terms: tuple[Path, ...] = ()) -> Report:
    return validate_paths([data], lambda: Project(project), Options(reasoner=False, terms=terms))


def _issues(report: Report) -> list[tuple]:
    return [(i.check, i.focus, i.path, i.line, i.message) for i in report.sorted_issues()]


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("view-*.json"))


def test_the_second_run_reads_the_view_and_reports_the_same(
    project: Path, views: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _validate(project, GOOD)
    assert len(views) == 1
    [entry] = _entries(tmp_path)
    second = _validate(project, GOOD)
    assert len(views) == 1, "the second run computed the view again"
    assert _issues(second) == _issues(first)
    monkeypatch.setenv("EVONTO_VALIDATE_CACHE", "off")
    assert _issues(_validate(project, GOOD)) == _issues(first)
    assert len(views) == 2 and _entries(tmp_path) == [entry]


def test_the_entry_read_is_the_one_used(project: Path, views: list[int], tmp_path: Path) -> None:
    clean = _validate(project, GOOD)
    assert _issues(clean) == []
    [entry] = _entries(tmp_path)
    stored = json.loads(entry.read_text(encoding="utf-8"))
    stored["body"]["ntriples"] = ""  # an empty view: no subclass axioms, so sh:class fails
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert {i.stage for i in _validate(project, GOOD).issues} == {"shacl"}
    assert len(views) == 1


@pytest.mark.parametrize(
    "damage",
    [b"", b'{"key": ', b"\xff\xfe", b'{"key": "x", "body": {}}', "ntriples-not-rdf"],
)
def test_a_damaged_entry_is_computed_again_and_rewritten(
    project: Path, views: list[int], tmp_path: Path, damage: bytes | str
) -> None:
    clean = _validate(project, GOOD)
    [entry] = _entries(tmp_path)
    if isinstance(damage, str):  # the right key, a body that is not N-Triples
        stored = json.loads(entry.read_text(encoding="utf-8"))
        stored["body"]["ntriples"] = "<not> N-Triples"
        damage = json.dumps(stored).encode()
    entry.write_bytes(damage)
    assert _issues(_validate(project, GOOD)) == _issues(clean)
    assert len(views) == 2
    assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem.removeprefix("view-")
    _validate(project, GOOD)
    assert len(views) == 2, "the rewritten entry is read"


def test_another_background_is_another_entry(
    project: Path, views: list[int], tmp_path: Path
) -> None:
    _validate(project, GOOD)
    terms = tmp_path / "terms.ttl"
    terms.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://example.org/Thing> a owl:Class .\n",
        encoding="utf-8",
    )
    _validate(project, GOOD, (terms,))  # a terms file adds to the background
    restating = tmp_path / "restating.ttl"  # a file stating a term's label: the term's own
    restating.write_text(  # label is left out of the background
        GOOD.read_text(encoding="utf-8")
        + "\n<http://purl.obolibrary.org/obo/UBERON_0002048> <http://www.w3.org/2000/01/"
        'rdf-schema#label> "lung, restated" .\n',
        encoding="utf-8",
    )
    _validate(project, restating)
    assert len(views) == 3 and len(_entries(tmp_path)) == 3
    _validate(project, GOOD, (terms,))
    assert len(views) == 3
