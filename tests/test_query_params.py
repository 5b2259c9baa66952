"""Parameters are validated and bound as RDF terms; nothing a user passes becomes query text."""

from __future__ import annotations

import pytest
from _query_support import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from evonto.query.local import check_query
from evonto.query.packs import Param, find
from evonto.query.params import ParamError, bind, parse_assignments, string_term, term_for

CARGO = find(ROOT / "queries", "organotropism/cargo-by-organ")

GOOD = [
    (Param("x", "iri", ""), "UBERON:0000955", "<http://purl.obolibrary.org/obo/UBERON_0000955>"),
    (Param("x", "iri", ""), "<https://example.org/a#b>", "<https://example.org/a#b>"),
    (Param("x", "iri", ""), "https://doi.org/10.1038/ncb3169", "<https://doi.org/10.1038/ncb3169>"),
    (Param("x", "iri", ""), "PMID:25621950", "<https://identifiers.org/pubmed:25621950>"),
    (Param("x", "string", ""), 'say "hi"\n', '"say \\"hi\\"\\n"'),
    (Param("x", "integer", ""), "+007", '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    (Param("x", "decimal", ""), "2.50", '"2.50"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    (Param("x", "boolean", ""), "TRUE", '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
]

BAD = [
    (Param("x", "iri", ""), "UBERON:0002048> } } DROP ALL #", "not a valid IRI"),
    (Param("x", "iri", ""), "<http://x/a> } ?s ?p ?o {", "not an IRI or a CURIE"),
    (Param("x", "iri", ""), "NOPE:123", "unknown prefix"),
    (Param("x", "iri", ""), "http://x/a b", "not a valid IRI"),
    (Param("x", "iri", ""), "lung", "not an IRI or a CURIE"),
    (Param("x", "integer", ""), "1 } DROP ALL", "must be a whole number"),
    (Param("x", "decimal", ""), "1e5", "must be a decimal number"),
    (Param("x", "boolean", ""), "yes", "must be true or false"),
    (Param("x", "string", ""), "bell\x07", "control characters"),
]


@pytest.mark.parametrize(("param", "value", "term"), GOOD)
def test_values_become_terms(param: Param, value: str, term: str) -> None:
    assert term_for(param, value) == term


@pytest.mark.parametrize(("param", "value", "message"), BAD)
def test_bad_values_are_refused(param: Param, value: str, message: str) -> None:
    with pytest.raises(ParamError, match=message):
        term_for(param, value)


def test_bind_rewrites_only_the_values_block() -> None:
    text = bind(CARGO, {"organ": "UBERON:0000955"})
    assert "VALUES ?organ { <http://purl.obolibrary.org/obo/UBERON_0000955> }" in text
    iri = "<http://purl.obolibrary.org/obo/UBERON_0000955>"
    assert text.replace(iri, "UBERON:0002048") == CARGO.text


def test_unknown_and_malformed_assignments() -> None:
    with pytest.raises(ParamError, match="has no parameter 'colour'"):
        bind(CARGO, {"colour": "red"})
    with pytest.raises(ParamError, match="NAME=VALUE"):
        parse_assignments(["organ"])
    assert parse_assignments(["organ=a=b", "organ=c"]) == {"organ": "c"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_string_stays_one_literal(value: str) -> None:
    """Whatever text a user passes as a string, the query keeps its shape."""
    try:
        term = string_term(value)
    except ParamError:
        return
    query = f"SELECT ?x WHERE {{ VALUES ?x {{ {term} }} }}"
    assert check_query(query) == "select"
    import pyoxigraph

    (solution,) = list(pyoxigraph.Store().query(query))
    assert solution["x"].value == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_iri_text_is_one_term_or_refused(value: str) -> None:
    try:
        term = term_for(Param("x", "iri", ""), value)
    except ParamError:
        return
    query = f"SELECT ?x WHERE {{ VALUES ?x {{ {term} }} }}"
    import pyoxigraph

    (solution,) = list(pyoxigraph.Store().query(query))
    assert isinstance(solution["x"], pyoxigraph.NamedNode)
