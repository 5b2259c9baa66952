"""The SSSOM mapping set: parsed and validated by the ``sssom`` package, offline, and exported."""

from __future__ import annotations

import json

import pytest
import rdflib
from _export_support import ROOT, no_network  # noqa: F401

from evonto.errors import SourceError
from evonto.export.sssom import check, convert, parse
from evonto.prefixes import PREFIX_MAP
from evonto.project import Project

pytestmark = pytest.mark.usefixtures("no_network")
MAPPINGS = Project(ROOT).mappings_file


def test_project_mapping_set_passes_every_sssom_validator():
    assert check(MAPPINGS) == []
    msdf = parse(MAPPINGS)
    assert len(msdf.df) >= 55  # 13 mappings of terms deprecated for GO went in 2026-12
    assert set(msdf.df["mapping_justification"]) <= {
        "semapv:ManualMappingCuration",
        "semapv:MappingReview",
    }
    for prefix, uri in msdf.converter.bimap.items():  # one prefix map
        if prefix in PREFIX_MAP:
            assert PREFIX_MAP[prefix] == uri


def test_sssom_json_export_keeps_every_mapping():
    data = json.loads(convert(MAPPINGS, "json"))
    rows = parse(MAPPINGS).df
    assert len(data["mappings"]) == len(rows)
    assert data["mapping_set_id"] == "https://w3id.org/evonto/mappings/evonto.sssom.tsv"
    assert convert(MAPPINGS, "json") == convert(MAPPINGS, "json")


def test_sssom_rdf_export_reads_back_with_the_sssom_parser(tmp_path):
    from sssom.parsers import parse_sssom_rdf

    target = tmp_path / "evonto.sssom.ttl"
    target.write_bytes(convert(MAPPINGS, "rdf"))
    rdflib.Graph().parse(target, format="turtle")
    back = parse_sssom_rdf(str(target))
    key = ["subject_id", "predicate_id", "object_id"]
    original = parse(MAPPINGS).df[key]
    assert sorted(map(tuple, back.df[key].values)) == sorted(map(tuple, original.values))


def test_broken_mapping_set_is_reported(tmp_path):
    text = MAPPINGS.read_text(encoding="utf-8")
    broken = tmp_path / "bad.sssom.tsv"
    broken.write_text(text.replace("semapv:ManualMappingCuration", "ManualCuration", 1))
    problems = check(broken)
    assert problems and any("mapping_justification" in p for p in problems)
    odd = tmp_path / "odd.sssom.tsv"
    odd.write_text("# colour: blue\n" + text)
    assert "metadata: 'colour' is not an SSSOM mapping set slot" in check(odd)
    missing = tmp_path / "missing.sssom.tsv"
    with pytest.raises(SourceError, match="no such file"):
        check(missing)
