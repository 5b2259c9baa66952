"""SHACL on literals as written, and one reported issue per SHACL result (issue 11, items 11-14).

The Oxigraph store rewrites ``"5"^^xsd:int`` to ``xsd:integer`` (and ``"300"^^xsd:byte`` too),
and rdflib reads ``"maybe"^^xsd:boolean`` as ``"false"``: ``evonto validate`` must still judge
each literal as written. Two results on one focus node and path (NodeKind and Pattern) are two
issues, each naming its constraint component, in text, JSON and JUnit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evonto.project import Project
from evonto.shacl_sparql.xsd import well_formed
from evonto.validate.pipeline import Options, validate_paths
from tests._validate_support import ROOT, run_cli

XSD = "http://www.w3.org/2001/XMLSchema#"
SHAPES = """\
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:flag , ex:n , ex:b , ex:t ;
  sh:property [ sh:path ex:flag ; sh:datatype xsd:boolean ] ;
  sh:property [ sh:path ex:n ; sh:datatype xsd:int ] ;
  sh:property [ sh:path ex:b ; sh:datatype xsd:byte ] ;
  sh:property [ sh:path ex:t ; sh:datatype xsd:dateTimeStamp ] .
"""


def _issues(tmp_path: Path, data: str) -> list[tuple[int | None, str | None]]:
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "s.ttl").write_text(SHAPES, encoding="utf-8")
    source = tmp_path / "data.ttl"
    source.write_text(
        "@prefix ex: <http://example.org/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n" + data,
        encoding="utf-8",
    )
    options = Options(reasoner=False, shapes_dir=shapes)
    report = validate_paths([source], lambda: Project(ROOT), options)
    return sorted((i.line, i.value) for i in report.issues if i.stage == "shacl")


def test_correct_derived_datatypes_conform(tmp_path: Path) -> None:
    """xsd:int, xsd:byte and xsd:dateTimeStamp values survive the store: a correct file passes."""
    data = (
        'ex:a ex:n "5"^^xsd:int .\nex:a ex:b "-7"^^xsd:byte .\n'
        'ex:a ex:t "2024-01-31T10:00:00Z"^^xsd:dateTimeStamp .\nex:a ex:flag true .\n'
    )
    assert _issues(tmp_path, data) == []


def test_ill_formed_literals_are_reported_as_written(tmp_path: Path) -> None:
    """Out of range for its type, or not in its lexical space: a violation, naming the value."""
    data = (
        'ex:a ex:flag "maybe"^^xsd:boolean .\n'
        'ex:b ex:b "300"^^xsd:byte .\n'
        'ex:c ex:n "5"^^xsd:integer .\n'
        'ex:d ex:t "2024-01-31T10:00:00"^^xsd:dateTimeStamp .\n'
    )
    assert _issues(tmp_path, data) == [
        (3, f'"maybe"^^<{XSD}boolean>'),
        (4, f'"300"^^<{XSD}byte>'),
        (5, f'"5"^^<{XSD}integer>'),
        (6, f'"2024-01-31T10:00:00"^^<{XSD}dateTimeStamp>'),
    ]


@pytest.mark.parametrize(
    ("lexical", "datatype", "ok"),
    [
        ("127", "byte", True),
        ("128", "byte", False),
        ("0", "positiveInteger", False),
        ("-1", "negativeInteger", True),
        ("4294967295", "unsignedInt", True),
        ("1.", "decimal", True),
        ("1e5", "decimal", False),
        ("-INF", "double", True),
        ("inf", "float", False),
        ("2024-02-30", "date", False),
        ("2024-02-29Z", "date", True),
        ("24:00:00", "time", True),
        ("24:00:01", "time", False),
        ("2011-01-01", "dateTime", False),
        ("P1Y2M", "yearMonthDuration", True),
        ("P", "duration", False),
        ("en-GB", "language", True),
        (" a", "token", False),
        ("0FB7", "hexBinary", True),
        ("0FB", "hexBinary", False),
        ("anything", "string", True),
    ],
)
def test_xsd_lexical_forms(lexical: str, datatype: str, ok: bool) -> None:
    assert well_formed(lexical, XSD + datatype) is ok


def test_two_components_on_one_value_are_two_issues() -> None:
    """NodeKind and Pattern on the same focus, path and value: both reported, each named."""
    source = ROOT / "tests" / "bad_inputs" / "two_components_one_value.ttl"
    text = run_cli(["validate", "--no-reasoner", str(source)]).stdout
    shacl = [line for line in text.splitlines() if "shacl/evonto-sh:Finding-confidence" in line]
    assert len(shacl) == 2, text
    assert any("sh:NodeKindConstraintComponent" in line for line in shacl)
    assert any("sh:PatternConstraintComponent" in line for line in shacl)
    doc = json.loads(run_cli(["validate", "--no-reasoner", "--format", "json", str(source)]).stdout)
    components = sorted(
        p["component"] for p in doc["problems"] if p["check"] == "evonto-sh:Finding-confidence"
    )
    assert components == ["sh:NodeKindConstraintComponent", "sh:PatternConstraintComponent"]
    junit = run_cli(["validate", "--no-reasoner", "--format", "junit", str(source)]).stdout
    assert "(sh:NodeKindConstraintComponent)" in junit
    assert "(sh:PatternConstraintComponent)" in junit
