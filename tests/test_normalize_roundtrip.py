"""``evonto normalize``: canonical Turtle that keeps every triple of what another tool saved."""

from __future__ import annotations

import io
import random
from pathlib import Path

import owlready2
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from evonto.cli import cli
from evonto.prefixes import ONTOLOGY_IRI
from evonto.rdfio import load_graph, serialize
from evonto.sources import import_iris

EDIT = Path("ontology") / "evonto-edit.ttl"


def _normalize(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), "normalize", *args])


def _saved_by_owlready2(edit_file: Path, fmt: str) -> bytes:
    """The edit file as owlready2 (a second OWL tool) saves it; imports are not fetched."""
    world = owlready2.World()
    for iri in import_iris(edit_file):
        world.get_ontology(iri).loaded = True  # never look for imports on the web
    ntriples = serialize(load_graph(edit_file), "nt")
    onto = world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(ntriples), format="ntriples")
    buffer = io.BytesIO()
    onto.save(buffer, format=fmt)
    world.close()
    return buffer.getvalue()


def test_the_committed_edit_file_is_canonical(repo_root):
    result = _normalize(repo_root, "--check")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", ["rdfxml", "ntriples"])
def test_owlready2_saved_file_normalises_without_loss(project_copy, fmt):
    edit = project_copy / EDIT
    original = load_graph(edit)
    canonical = edit.read_bytes()
    edit.write_bytes(_saved_by_owlready2(edit, fmt))
    assert _normalize(project_copy, "--check").exit_code == 1
    result = _normalize(project_copy)
    assert result.exit_code == 0, result.output
    assert isomorphic(load_graph(edit), original)
    assert edit.read_bytes() == serialize(original, "turtle")
    assert edit.read_bytes() == canonical  # the committed file is canonical already
    assert _normalize(project_copy, "--check").exit_code == 0


def test_protege_style_turtle_with_comments_and_own_order(project_copy):
    """Protégé writes section comments, its own prefixes and ordering: all of that goes."""
    edit = project_copy / EDIT
    original = load_graph(edit)
    lines = serialize(original, "nt").decode().splitlines()
    random.Random(7).shuffle(lines)
    body = "\n".join(lines)
    text = (
        "@prefix : <https://w3id.org/evonto/evonto.owl#> .\n"
        "@base <https://w3id.org/evonto/evonto.owl> .\n\n"
        "#################################################################\n"
        "#    Classes\n"
        "#################################################################\n\n"
        f"{body}\n"
    )
    edit.write_text(text)
    assert _normalize(project_copy).exit_code == 0
    assert isomorphic(load_graph(edit), original)
    assert edit.read_bytes() == serialize(original, "turtle")


def test_check_does_not_write(project_copy):
    edit = project_copy / EDIT
    saved = _saved_by_owlready2(edit, "ntriples")
    edit.write_bytes(saved)
    result = _normalize(project_copy, "--check")
    assert result.exit_code == 1
    assert "not in canonical form" in result.output
    assert edit.read_bytes() == saved


def test_broken_file_is_located_and_left_alone(project_copy):
    edit = project_copy / EDIT
    broken = edit.read_text() + '\nEVONTO:0000001 rdfs:label "oops .\n'
    edit.write_text(broken)
    result = _normalize(project_copy)
    assert result.exit_code == 2
    assert "ontology/evonto-edit.ttl:" in result.output
    assert "Traceback" not in result.output
    assert edit.read_text() == broken


def test_owl_xml_is_refused_with_advice(project_copy):
    edit = project_copy / EDIT
    edit.write_text('<?xml version="1.0"?>\n<Ontology xmlns="http://www.w3.org/2002/07/owl#"/>\n')
    result = _normalize(project_copy)
    assert result.exit_code == 2
    assert "OWL/XML" in result.output and "Turtle" in result.output


def test_canonical_turtle_is_stable_for_blank_nodes():
    g = rdflib.Graph()
    cls = rdflib.URIRef("https://w3id.org/evonto/EVONTO_0000009")
    restriction = rdflib.BNode()
    g.add((cls, rdflib.OWL.equivalentClass, restriction))
    g.add(
        (
            restriction,
            rdflib.OWL.onProperty,
            rdflib.URIRef("https://w3id.org/evonto/EVONTO_0000213"),
        )
    )
    again = rdflib.Graph().parse(data=serialize(g, "turtle"), format="turtle")
    assert serialize(again, "turtle") == serialize(g, "turtle")


def test_rewrite_keeps_the_file_mode(project_copy):
    edit = project_copy / EDIT
    edit.write_bytes(_saved_by_owlready2(edit, "ntriples"))
    edit.chmod(0o640)
    assert _normalize(project_copy).exit_code == 0
    assert edit.stat().st_mode & 0o777 == 0o640
