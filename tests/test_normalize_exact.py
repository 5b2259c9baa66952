"""``normalize`` changes no triple and always gives the same bytes (issue 11, item 4).

Triples are compared as pyoxigraph parses them, which keeps every lexical form (rdflib would
rewrite ``"01"^^xsd:integer`` while reading, and hide the very change under test).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from evonto.cli import cli
from evonto.rdfio import to_rdflib

EDIT = Path("ontology") / "evonto-edit.ttl"
XSD = "http://www.w3.org/2001/XMLSchema#"
#: literals of equal value and different datatypes, and spellings rdflib would rewrite
TRICKY = f"""
<https://w3id.org/evonto/EVONTO_9999001> <http://www.w3.org/2000/01/rdf-schema#comment>
    "1"^^<{XSD}integer>, "1.0"^^<{XSD}decimal>, "1"^^<{XSD}decimal>, "1"^^<{XSD}double>,
    "1E0"^^<{XSD}double>, "01"^^<{XSD}integer>, "+1"^^<{XSD}integer>, "1"^^<{XSD}boolean>,
    "true"^^<{XSD}boolean>, " spaced "^^<{XSD}token>, " a  b "^^<{XSD}normalizedString>,
    "1"^^<{XSD}string>, "1", "1"@en, "2026-01-01"^^<{XSD}date>, "2026-01-01Z"^^<{XSD}date> .
"""


def _triples(path: Path) -> tuple[set[str], rdflib.Graph]:
    """The triples without blank nodes, exactly as written, and the whole graph (kept exact)."""
    quads = list(pyoxigraph.parse(path.read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))
    ground = {
        str(q.triple)
        for q in quads
        if not any(isinstance(t, pyoxigraph.BlankNode) for t in (q.subject, q.object))
    }
    return ground, to_rdflib(quads)


def _same(a: tuple[set[str], rdflib.Graph], b: tuple[set[str], rdflib.Graph]) -> bool:
    return a[0] == b[0] and isomorphic(a[1], b[1])


def _normalize(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), "normalize", *args])


def test_normalize_keeps_every_lexical_form_and_is_stable(project_copy):
    edit = project_copy / EDIT
    edit.write_text(edit.read_text() + TRICKY)
    before = _triples(edit)
    assert _normalize(project_copy).exit_code == 0
    first = edit.read_bytes()
    assert _same(_triples(edit), before)
    for _ in range(10):
        assert _normalize(project_copy, "--check").exit_code == 0
        assert _normalize(project_copy).exit_code == 0
        assert edit.read_bytes() == first
    text = first.decode()
    for spelling in ("01,", '" spaced "^^xsd:token', '" a  b "^^xsd:normalizedString', "1E0"):
        assert spelling in text, spelling


def test_the_same_bytes_under_every_hash_seed(project_copy):
    edit = project_copy / EDIT
    edit.write_text(edit.read_text() + TRICKY)
    script = (
        "import sys; from pathlib import Path; from evonto.normalize import canonical_turtle; "
        "sys.stdout.buffer.write(canonical_turtle(Path(sys.argv[1]))[0])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(edit)],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1


def test_a_relative_iri_is_refused_at_its_line(project_copy):
    edit = project_copy / EDIT
    text = edit.read_text()
    edit.write_text(text + "\n<https://w3id.org/evonto/EVONTO_9999002> a <relative/Class> .\n")
    line = len(edit.read_text().splitlines())
    before = edit.read_bytes()
    result = _normalize(project_copy)
    assert result.exit_code == 2
    assert f"evonto-edit.ttl:{line}:" in result.output
    assert "relative IRI" in result.output and "file://" not in result.output
    assert "Traceback" not in result.output
    assert edit.read_bytes() == before
