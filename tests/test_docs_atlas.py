"""The atlas figures from the project's graph: merged mechanism rows, counts, legible SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import rdflib
from _query_support import ROOT
from rdflib.namespace import OWL, RDF

from evonto.docs.atlas import (
    ANTI,
    PRO,
    REPLACED_BY,
    SYSTEMIC,
    current_term,
    findings_only,
    organ_by_cargo,
    organ_by_mechanism,
)
from evonto.docs.figures import MAX_WIDTH, heatmap_svg
from evonto.docs.flow import OTHER, flow, flow_svg
from evonto.docs.model import read_model
from evonto.prefixes import EVONTO_TERM, expand

SVG = "{http://www.w3.org/2000/svg}"
GO_BBB = expand("GO:1905605")  # positive regulation of blood-brain barrier permeability
OLD_BBB = expand("EVONTO:0000053")  # its deprecated evonto name


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    from evonto.project import Project
    from evonto.sources import load_sources

    return load_sources(Project.locate(ROOT)).merged()


@pytest.fixture(scope="module")
def model(graph):
    return read_model(graph)


def test_deprecated_evonto_terms_name_their_go_replacement(graph) -> None:
    deprecated = [
        s
        for s in graph.subjects(OWL.deprecated, rdflib.Literal(True))
        if str(s).startswith(EVONTO_TERM) and (s, RDF.type, OWL.Class) in graph
    ]
    assert len(deprecated) >= 20
    for term in deprecated:
        replacement = graph.value(term, REPLACED_BY)
        assert replacement is not None, term
        assert str(replacement).startswith("http://purl.obolibrary.org/obo/GO_"), term
        assert (replacement, OWL.deprecated, rdflib.Literal(True)) not in graph
        assert current_term(graph, str(term)) == str(replacement)


def test_current_term_follows_chains_and_stops_on_cycles() -> None:
    a, b, c = (rdflib.URIRef(f"https://example.org/{n}") for n in "abc")
    g = rdflib.Graph()
    for old, new in ((a, b), (b, c)):
        g.add((old, OWL.deprecated, rdflib.Literal(True)))
        g.add((old, REPLACED_BY, new))
    assert current_term(g, str(a)) == str(c)
    g.add((c, OWL.deprecated, rdflib.Literal(True)))
    g.add((c, REPLACED_BY, a))
    assert current_term(g, str(a)) in {str(a), str(b), str(c)}  # terminates
    assert current_term(g, "https://example.org/live") == "https://example.org/live"


def test_one_process_under_two_names_is_one_row(graph, model) -> None:
    before = organ_by_mechanism(model)
    brain = expand("UBERON:0000955")
    assert before.total(GO_BBB, brain) == 3
    renamed = rdflib.Graph()
    for triple in graph:
        renamed.add(triple)
    mechanism = rdflib.URIRef(expand("EVONTO:0000207"))
    finding = next(iter(renamed.subjects(mechanism, rdflib.URIRef(GO_BBB))))
    renamed.remove((finding, mechanism, rdflib.URIRef(GO_BBB)))
    renamed.add((finding, mechanism, rdflib.URIRef(OLD_BBB)))  # a finding still on the old name
    after = organ_by_mechanism(read_model(renamed))
    assert OLD_BBB not in after.rows
    assert after.counts == before.counts and after.rows == before.rows


def test_matrices_count_every_finding_by_role(model) -> None:
    cargo = organ_by_cargo(model)
    assert cargo.columns[-1] == SYSTEMIC and len(cargo.columns) == 6
    bone, mirna = expand("UBERON:0002481"), expand("EVONTO:0000022")
    assert cargo.total(mirna, bone) == 6 and cargo.count(mirna, bone, ANTI) == 2
    mechanism = organ_by_mechanism(model)
    totals = [mechanism.row_total(r) for r in mechanism.rows]
    assert totals == sorted(totals, reverse=True)  # most reported first
    assert mechanism.rows[0] == expand("EVONTO:0000040")  # pre-metastatic niche formation


def font_sizes(svg: str) -> list[float]:
    """The font size of every text element, inherited from its ancestors."""
    sizes = []

    def walk(node: ET.Element, size: float) -> None:
        size = float(node.get("font-size", size))
        if node.tag in (f"{SVG}text", f"{SVG}tspan") and (node.text or "").strip():
            sizes.append(size)
        for child in node:
            walk(child, size)

    walk(ET.fromstring(svg), 16.0)
    return sizes


@pytest.mark.parametrize("name", ["cargo", "mechanism", "flow"])
def test_figures_are_legible_at_their_own_size(model, name: str) -> None:
    if name == "flow":
        svg = flow_svg(flow(model))
    elif name == "cargo":
        svg = heatmap_svg(organ_by_cargo(model), model.label, "cargo kind")
    else:
        svg = heatmap_svg(organ_by_mechanism(model), model.label, "mechanism")
    root = ET.fromstring(svg)
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"  # no scaling
    assert width <= MAX_WIDTH  # fits the page at a 1280-px viewport, shown at 100 %
    sizes = font_sizes(svg)
    assert len(sizes) > 20 and min(sizes) >= 11
    cells = [r for r in root.iter(f"{SVG}rect") if r.get("class") in {"cell", "node"}]
    assert cells
    top = min(float(r.get("y")) for r in cells)
    bottom = max(float(r.get("y")) + float(r.get("height")) for r in cells)
    assert top <= 130 and height - bottom <= 110  # no blank band above or below the content
    for colour in ("#D55E00", "#0072B2"):  # Okabe-Ito roles, named in a legend
        assert colour in svg or name != "flow"
    if name == "flow":
        assert "pro-metastatic</text>" in svg and "anti-metastatic</text>" in svg


def test_flow_counts_findings_per_organ_and_role(model) -> None:
    data = flow(model)
    findings = findings_only(model)
    lung = expand("UBERON:0002048")
    assert data.members[(2, lung)] == {PRO: 11, ANTI: 1, "no role asserted": 1}
    assert sum(sum(r.values()) for (c, _), r in data.members.items() if c == 2) == len(findings)
    assert data.columns[1][-1] == OTHER and len(data.columns[1]) <= 13
    # a band never counts more findings than either of its nodes has
    for (stage, source, target, role), n in data.links.items():
        assert n <= data.members[(stage, source)][role]
        assert n <= data.members[(stage + 1, target)][role]


def test_figures_are_deterministic(model) -> None:
    first = flow_svg(flow(model)) + heatmap_svg(organ_by_cargo(model), model.label, "x")
    again = read_model(model.graph)
    assert first == flow_svg(flow(again)) + heatmap_svg(organ_by_cargo(again), again.label, "x")
    assert not re.search(r"\d\.\d{2,}", first)  # coordinates rounded
