"""Release facts the exports stamp on their output come from the ontology header, not the clock."""

from __future__ import annotations

import pytest
import rdflib
from _export_support import fixture_graph, real_release

from evonto.errors import BuildError
from evonto.export.records import CC_BY_4, release_info
from evonto.prefixes import ONTOLOGY_IRI


def test_release_info_of_the_project_header():
    release = real_release()
    info = release_info(release.full)
    assert info.date.isoformat() == release.version
    assert info.license == CC_BY_4
    assert info.creators


def test_a_header_without_any_date_is_refused():
    graph = fixture_graph()
    onto = rdflib.URIRef(ONTOLOGY_IRI)
    for prop in (rdflib.OWL.versionInfo, rdflib.OWL.versionIRI):
        graph.remove((onto, prop, None))
    with pytest.raises(BuildError, match="no release date"):
        release_info(graph)
