"""Query packs: the real packs are complete and well-formed; broken headers get located errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from _query_support import ROOT

from evonto.errors import SourceError
from evonto.query.local import check_query
from evonto.query.packs import discover, find, parse_query_file, values_blocks
from evonto.query.params import bind, term_for

PACKS = discover(ROOT / "queries")


def test_at_least_fifteen_questions_in_several_packs() -> None:
    assert len(PACKS) >= 15
    assert {q.pack for q in PACKS} >= {"organotropism", "translational", "provenance", "alignment"}
    assert all(q.pack != "qc" for q in PACKS)


@pytest.mark.parametrize("query", PACKS, ids=lambda q: q.id)
def test_each_query_is_complete_and_portable(query) -> None:
    assert query.title and query.question.endswith("?")
    assert query.keywords
    text = bind(query, {})
    assert check_query(text, query.id) == "select"
    body = "\n".join(
        line
        for line in text[text.index("SELECT") :].splitlines()
        if not line.strip().startswith("#")
    )
    assert "ORDER BY" in body  # rows compare exactly across engines
    assert "PREFIX" in text  # explicit prefixes, no engine defaults
    for param in query.params:
        (block,) = values_blocks(query.text, param.name)
        # the file runs as it stands: the default is there, as written (IRIs) or as a literal
        assert block["body"].split() in ([param.default], [term_for(param, param.default)])
    # transitive paths are avoided: Virtuoso 7.2 drops rows when they join other patterns
    assert "subClassOf*" not in body and "subClassOf+" not in body


def test_find_by_id_name_and_file() -> None:
    assert find(ROOT / "queries", "organotropism/cargo-by-organ").name == "cargo-by-organ"
    assert find(ROOT / "queries", "cargo-by-organ").pack == "organotropism"
    path = ROOT / "queries" / "provenance" / "species-counts.rq"
    assert find(ROOT / "queries", str(path)).id == "provenance/species-counts"


BAD_HEADERS = {
    "no title": ("# question: why?\nSELECT * WHERE { ?s ?p ?o }\n", "no '# title:' line", 1),
    "no question": ("# title: t\nSELECT * WHERE { ?s ?p ?o }\n", "no '# question:' line", 1),
    "two titles": ("# title: a\n# title: b\n# question: q?\nASK {}\n", "given twice", 2),
    "param syntax": (
        "# title: t\n# question: q?\n# param: organ UBERON:1\nASK {}\n",
        "NAME KIND = DEFAULT",
        3,
    ),
    "param kind": (
        "# title: t\n# question: q?\n# param: organ colour = red\nASK {}\n",
        "unknown parameter kind 'colour'",
        3,
    ),
    "no values block": (
        "# title: t\n# question: q?\n# param: organ iri = UBERON:1\nASK { ?organ ?p ?o }\n",
        "exactly one 'VALUES ?organ",
        None,
    ),
    "two values blocks": (
        "# title: t\n# question: q?\n# param: n integer = 1\n"
        "ASK { VALUES ?n { 1 } { VALUES ?n { 2 } } }\n",
        "found 2",
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_HEADERS))
def test_bad_headers_are_located(case: str, tmp_path: Path) -> None:
    text, message, line = BAD_HEADERS[case]
    path = tmp_path / "pack" / "bad.rq"
    path.parent.mkdir()
    path.write_text(text)
    with pytest.raises(SourceError) as caught:
        parse_query_file(path)
    assert message in caught.value.message
    assert caught.value.location.file.endswith("bad.rq")
    assert caught.value.location.line == line


def test_continuation_lines_and_other_fields(tmp_path: Path) -> None:
    path = tmp_path / "qc" / "x.rq"
    path.parent.mkdir()
    path.write_text(
        "# title: T\n# level: WARN\n# description: first part\n#   second part\n"
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s\n"
    )
    query = parse_query_file(path)
    assert query.question == "first part second part"  # a qc description stands in
    assert query.header_lines == 4


def test_listing_imports_no_rdf_library() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from evonto.cli import cli\n"
        "result = CliRunner().invoke(cli, ['query', '--list'])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert 'organotropism/cargo-by-organ' in result.output\n"
        "heavy = ('rdflib', 'pyoxigraph', 'pyshacl', 'owlready2', 'SPARQLWrapper')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"
