"""``iri_outside_known_namespaces`` reads its namespaces from the context graph as one regex
(:func:`evonto.validate.qc.fill_placeholders`): each namespace matches as written,
metacharacters and quotes included, and only at the start of an IRI."""

from __future__ import annotations

import pyoxigraph
import pytest

from evonto.prefixes import EVONTO, FINDING
from evonto.store import store_from_graph
from evonto.validate.qc import CONTEXT_GRAPH, context_graph, load_checks, run_check
from tests._validate_support import ROOT

CHECK = {c.name: c for c in load_checks(ROOT / "queries" / "qc")}["iri_outside_known_namespaces"]
RDF_TYPE = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FINDING_CLASS = pyoxigraph.NamedNode(EVONTO + "EVONTO_0000091")
#: the finding class is a subclass of EVONTO:0000090 (finding or claim), as the check asks
FINDING_AXIOM = pyoxigraph.Quad(
    FINDING_CLASS,
    pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
    pyoxigraph.NamedNode(EVONTO + "EVONTO_0000090"),
)
USES = pyoxigraph.NamedNode(EVONTO + "EVONTO_0000206")


def _outside(
    namespaces: tuple[str, ...] | None, values: list[str], subject: str = "EVBC-A900"
) -> set[tuple[str, str]]:
    """(property, IRI) the check reports for one finding ``subject`` using ``values``, with the
    context graph declaring evonto's and ``namespaces`` (``None``: no context graph)."""
    store = pyoxigraph.Store()
    if namespaces is not None:
        store_from_graph(context_graph(namespaces), store, CONTEXT_GRAPH)
    finding = pyoxigraph.NamedNode(subject if "://" in subject else FINDING + subject)
    store.extend([FINDING_AXIOM, pyoxigraph.Quad(finding, RDF_TYPE, FINDING_CLASS)])
    store.extend(pyoxigraph.Quad(finding, USES, pyoxigraph.NamedNode(v)) for v in values)
    return {(issue.path, issue.value) for issue in run_check(store, CHECK)}


def _values(namespaces: tuple[str, ...] | None, values: list[str], **kw: str) -> set[str]:
    return {value for _, value in _outside(namespaces, values, **kw)}


def test_metacharacters_in_a_namespace_match_only_themselves() -> None:
    spaces = ("http://ex.org/a+b(c)/", "http://ex.org/p.q/", "http://ex.org/x*y/")
    known = ["http://ex.org/a+b(c)/1", "http://ex.org/p.q/2", "http://ex.org/x*y/3"]
    # each is what the namespace would match if its characters were read as regex syntax
    unknown = ["http://ex.org/aabc/1", "http://ex.org/pXq/2", "http://ex.org/y/3"]
    assert _values(spaces, known + unknown) == set(unknown)


def test_a_namespace_matches_at_the_start_only() -> None:
    iri = "http://elsewhere.org/?next=http://purl.obolibrary.org/obo/GO_0005575"
    assert _values((), [iri, "http://purl.obolibrary.org/obo/GO_0005575"]) == {iri}


@pytest.mark.parametrize("namespace", ['http://ex.org/say"hi"/', "http://ex.org/back\\slash/"])
def test_quotes_and_backslashes_in_a_namespace_keep_the_query_whole(namespace: str) -> None:
    # no IRI can lie in such a namespace, but the query must still parse and run
    assert _values((namespace,), ["http://ex.org/other/1"]) == {"http://ex.org/other/1"}


def test_the_finding_itself_outside_is_reported() -> None:
    outside = "http://ex.org/mine/F1"
    assert _values((), [], subject=outside) == {outside}
    assert _values(("http://ex.org/mine/",), [], subject=outside) == set()


def test_without_declared_namespaces_every_iri_is_outside() -> None:
    finding = FINDING + "EVBC-A900"
    assert _outside(None, ["http://purl.obolibrary.org/obo/GO_0005575"]) == {
        (RDF_TYPE.value, finding),
        (RDF_TYPE.value, FINDING_CLASS.value),
        (USES.value, "http://purl.obolibrary.org/obo/GO_0005575"),
    }
