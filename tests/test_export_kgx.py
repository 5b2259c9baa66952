"""KGX nodes/edges, validated against the Biolink model of the ``biolink-model`` package."""

from __future__ import annotations

import csv
import io

import pytest
from _export_support import fixture_graph, real_release

from evonto.export.biolink import biolink_version, check_kgx, predicate_problem
from evonto.export.kgx import EDGE_COLUMNS, NODE_COLUMNS, build_kgx, tsv
from evonto.export.records import finding_records
from evonto.export.slots import AGENT, CARGO, CARGO_DEPLETION, THERAPEUTIC_TARGET
from evonto.prefixes import FINDING, compress

# Identifier prefixes Biolink does not list for the category, expected as warnings only.
KNOWN_WARNING_PREFIXES = {"EVONTO", "mirbase.mature", "cellosaurus"}


def edges_of(tables, finding: str) -> set[tuple[str, str, str]]:
    return {
        (e["subject"], e["predicate"], e["object"])
        for e in tables.edges
        if e["id"].startswith(f"finding:{finding}/")
    }


def test_fixture_finding_maps_to_the_expected_biolink_edges():
    tables = build_kgx(fixture_graph())
    mir122 = "mirbase.mature:MIMAT0000421"
    assert edges_of(tables, "EVBC-A007") == {
        (mir122, "biolink:located_in", "EVONTO:0000001"),
        ("EVONTO:0000001", "biolink:derives_from", "cellosaurus:CVCL_0062"),
        ("EVONTO:0000001", "biolink:located_in", "UBERON:0002048"),
        (mir122, "biolink:affects", "EVONTO:0000040"),
        (mir122, "biolink:affects", "EVONTO:0000055"),
        (mir122, "biolink:contributes_to", "MONDO:0004989"),
        ("EVONTO:0000040", "biolink:occurs_in", "UBERON:0002048"),
        ("EVONTO:0000055", "biolink:occurs_in", "UBERON:0002048"),
        ("EVONTO:0000040", "biolink:occurs_in", "CL:0000057"),
        ("EVONTO:0000055", "biolink:occurs_in", "CL:0000057"),
    }
    # anti-metastatic: no disease edge
    assert not any(p == "biolink:contributes_to" for _, p, _ in edges_of(tables, "EVBC-A031"))
    assert edges_of(tables, "EVBC-T019") == {
        ("CHEBI:102484", "biolink:affects", "HGNC:3179"),
        ("HGNC:3179", "biolink:target_for", "MONDO:0004989"),
        ("CHEBI:102484", "biolink:studied_to_treat", "MONDO:0004989"),
    }
    categories = {n["id"]: n["category"] for n in tables.nodes}
    assert categories[mir122] == "biolink:MicroRNA"
    assert categories["EVONTO:0000001"] == "biolink:CellularComponent"
    assert categories["EVONTO:0000062"] == "biolink:BiologicalProcess"
    assert categories["UBERON:0002481"] == "biolink:AnatomicalEntity"
    assert categories["HGNC:3179"] == "biolink:Gene"
    edge = next(e for e in tables.edges if e["id"] == "finding:EVBC-A007/1")
    assert edge["knowledge_level"] == "knowledge_assertion"
    assert edge["agent_type"] == "manual_agent"
    assert edge["primary_knowledge_source"] == "infores:evonto"
    assert edge["publications"] == "PMID:25621950|doi:10.3390/ijms26125430"
    assert edge["has_evidence_of_type"] == "ECO:0000033"


def test_depleted_cargo_gives_a_negated_located_in_edge():
    import rdflib

    graph = fixture_graph()
    finding = rdflib.URIRef(FINDING + "EVBC-A031")
    graph.set((finding, rdflib.URIRef(CARGO_DEPLETION), rdflib.Literal(True)))
    edge = next(
        e
        for e in build_kgx(graph).edges
        if e["id"].startswith("finding:EVBC-A031/")
        and e["predicate"] == "biolink:located_in"
        and e["subject"].startswith("mirbase")
    )
    assert edge["negated"] == "True"


def test_fixture_tables_pass_the_biolink_model():
    problems = check_kgx(build_kgx(fixture_graph()))
    assert [p for p in problems if p.level == "error"] == []
    assert biolink_version().startswith("4.")


def test_biolink_check_catches_bad_rows():
    tables = build_kgx(fixture_graph())
    tables.edges[0]["predicate"] = "biolink:name"
    tables.edges[1]["knowledge_level"] = "hearsay"
    tables.edges[2]["object"] = "UBERON:9999999"
    tables.nodes[0]["category"] = "biolink:Organelle_typo"
    errors = [str(p) for p in check_kgx(tables) if p.level == "error"]
    assert any("evonto_edges.tsv:2:" in e and "not a predicate" in e for e in errors)
    assert any("evonto_edges.tsv:3:" in e and "knowledge_level" in e for e in errors)
    assert any("evonto_edges.tsv:4:" in e and "is not a node" in e for e in errors)
    assert any("evonto_nodes.tsv:2:" in e and "not a Biolink class" in e for e in errors)


@pytest.mark.parametrize("predicate", ["biolink:related_to", "biolink:occurs_in"])
def test_predicates_are_concrete_biolink_predicates(predicate):
    assert predicate_problem(predicate) is None


@pytest.mark.parametrize(
    ("predicate", "why"),
    [
        ("biolink:treats_or_applied_or_studied_to_treat", "mixin"),
        ("biolink:name", "not a predicate"),
        ("biolink:zips_to", "not a Biolink slot"),
    ],
)
def test_non_predicates_are_refused(predicate, why):
    assert why in predicate_problem(predicate)


def test_release_kgx_is_valid_biolink_and_covers_every_record():
    release = real_release()
    tables = build_kgx(release.full)
    problems = check_kgx(tables)
    assert [str(p) for p in problems if p.level == "error"] == []
    warned = {p.message.split()[1] for p in problems if p.level == "warn"}
    assert warned <= KNOWN_WARNING_PREFIXES
    with_edges = {e["id"].split("/")[0] for e in tables.edges}
    named = {
        compress(r.iri)
        for r in finding_records(release.full)
        if r.iris(CARGO) or r.iris(AGENT) or r.iris(THERAPEUTIC_TARGET)
    }
    assert len(named) >= 65 + 40
    assert with_edges == named  # every record naming an entity gives edges
    for edge in tables.edges:
        assert edge["publications"].split("|")[-1] == "doi:10.3390/ijms26125430"
        assert edge["publications"].split("|")[0].startswith(("PMID:", "doi:"))


def test_tsv_has_the_required_kgx_columns_and_reads_back():
    tables = build_kgx(real_release().full)
    for rows, columns, required in (
        (tables.nodes, NODE_COLUMNS, ("id", "category", "name")),
        (
            tables.edges,
            EDGE_COLUMNS,
            (
                "id",
                "subject",
                "predicate",
                "object",
                "knowledge_level",
                "agent_type",
                "primary_knowledge_source",
                "publications",
            ),
        ),
    ):
        read = list(csv.DictReader(io.StringIO(tsv(rows, columns).decode()), delimiter="\t"))
        assert read == [{c: r.get(c, "") for c in columns} for r in rows]
        assert all(row[c] for row in read for c in required)


def test_release_samples_keep_their_direction():
    """miR-122 (Fong 2015) is pro-metastatic in lung; MSC miR-23b is anti-metastatic in bone."""
    tables = build_kgx(real_release().full)
    mir122 = edges_of(tables, "EVBC-A007")
    assert ("mirbase.mature:MIMAT0000421", "biolink:contributes_to", "MONDO:0004989") in mir122
    assert any(p == "biolink:located_in" and o == "UBERON:0002048" for _, p, o in mir122)
    mir23b = edges_of(tables, "EVBC-A031")
    assert ("mirbase.mature:MIMAT0000418", "biolink:affects", "EVONTO:0000062") in mir23b
    assert any(p == "biolink:located_in" and o == "UBERON:0002481" for _, p, o in mir23b)
    assert not any(p == "biolink:contributes_to" for _, p, _ in mir23b)
    pubs = {e["publications"] for e in tables.edges if e["id"].startswith("finding:EVBC-A007/")}
    assert pubs == {"PMID:25621950|doi:10.3390/ijms26125430"}


def test_release_depleted_cargo_is_negated():
    release = real_release()
    depleted = {compress(r.iri) for r in finding_records(release.full) if r.flag(CARGO_DEPLETION)}
    assert depleted  # the let-7 finding
    negated = {
        e["id"].split("/")[0]
        for e in build_kgx(release.full).edges
        if e["negated"] == "True" and e["predicate"] == "biolink:located_in"
    }
    assert negated == depleted
