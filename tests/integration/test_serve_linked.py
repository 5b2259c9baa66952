"""``evonto serve`` as a linked-data server: every evonto IRI resolves at its path, with content
negotiation, ``Vary``/``Link`` headers, 406 and helpful 404s. Real HTTP against a started server."""

from __future__ import annotations

import html
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from _serve_support import Served, project_with_release, serving

pytestmark = pytest.mark.servers

EVONTO = "https://w3id.org/evonto/"
LABEL = pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
FORMATS = {
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
    "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
    "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
}


@pytest.fixture(scope="module")
def project(built_release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_with_release(built_release.files, tmp_path_factory.mktemp("linked"))


@pytest.fixture(scope="module")
def release(project: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_load(path=str(project / "dist" / "evonto.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def served(project: Path) -> Iterator[Served]:
    with serving(project) as server:
        yield server


def _label(store, iri: str) -> str:
    (quad,) = list(store.quads_for_pattern(pyoxigraph.NamedNode(iri), LABEL, None))
    return quad.object.value


def _graph(body: bytes, media: str) -> set:
    return {
        (t.subject, t.predicate, t.object)
        for t in pyoxigraph.parse(body, format=FORMATS[media], base_iri=EVONTO)
    }


def test_a_term_as_turtle_has_its_label(served: Served, release) -> None:
    status, headers, body = served.request(
        "GET", "/EVONTO_0000001", None, {"Accept": "text/turtle"}
    )
    assert status == 200
    assert headers["content-type"].startswith("text/turtle")
    assert headers["vary"] == "Accept"
    links = headers["link"]
    assert f'<{EVONTO}EVONTO_0000001>; rel="canonical"' in links
    assert '</EVONTO_0000001.rdf>; rel="alternate"; type="application/rdf+xml"' in links
    assert 'rel="describedby"' in links
    store = pyoxigraph.Store()
    store.bulk_load(body, format=pyoxigraph.RdfFormat.TURTLE)
    assert _label(store, EVONTO + "EVONTO_0000001") == _label(release, EVONTO + "EVONTO_0000001")
    parent = next(
        q.object
        for q in release.quads_for_pattern(
            pyoxigraph.NamedNode(EVONTO + "EVONTO_0000001"),
            pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
            None,
        )
    )
    assert list(store.quads_for_pattern(parent, LABEL, None))  # labels of what it points to


def test_every_rdf_format_gives_the_same_triples(served: Served) -> None:
    graphs = []
    for media in FORMATS:
        status, headers, body = served.request("GET", "/EVONTO_0000001", None, {"Accept": media})
        assert status == 200 and headers["content-type"].startswith(media), media
        graphs.append(_graph(body, media))
        suffix = {"text/turtle": ".ttl", "application/rdf+xml": ".rdf"}.get(media)
        if suffix:
            status, headers, same = served.request("GET", f"/EVONTO_0000001{suffix}")
            assert status == 200 and same == body and "vary" not in headers
    assert all(g == graphs[0] for g in graphs)


def test_html_without_a_docs_site_is_a_generated_page(served: Served, release) -> None:
    status, headers, body = served.request("GET", "/EVONTO_0000001", None, {"Accept": "text/html"})
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    page = body.decode()
    assert f"<h1>{_label(release, EVONTO + 'EVONTO_0000001')}" in page
    assert 'href="/EVONTO_0000001.ttl"' in page
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert served.request("GET", "/EVONTO_0000001", None, {"Accept": browser})[1][
        "content-type"
    ].startswith("text/html")


def test_a_finding_gives_its_provenance(served: Served, release) -> None:
    status, _, body = served.request("GET", "/finding/EVBC-A001", None, {"Accept": "text/turtle"})
    assert status == 200
    answer = _graph(body, "text/turtle")
    finding = pyoxigraph.NamedNode(EVONTO + "finding/EVBC-A001")
    for predicate in (
        "http://www.w3.org/ns/prov#wasDerivedFrom",
        EVONTO + "EVONTO_0000212",  # has primary source
        EVONTO + "EVONTO_0000211",  # has evidence
    ):
        expected = {
            (q.subject, q.predicate, q.object)
            for q in release.quads_for_pattern(finding, pyoxigraph.NamedNode(predicate), None)
        }
        assert expected and expected <= answer, predicate
    ev = pyoxigraph.NamedNode(EVONTO + "finding/EVBC-A001/ev")
    assert any(s == ev for s, _, _ in answer)  # its individuals come with it


def test_an_individual_of_a_finding_resolves(served: Served) -> None:
    status, _, body = served.request(
        "GET", "/finding/EVBC-A001/ev", None, {"Accept": "application/n-triples"}
    )
    assert status == 200
    answer = _graph(body, "application/n-triples")
    assert any(o == pyoxigraph.NamedNode(EVONTO + "finding/EVBC-A001/ev") for _, _, o in answer)


def test_the_ontology_and_its_version(served: Served, project: Path, release) -> None:
    status, headers, body = served.request("GET", "/evonto.owl")
    assert status == 200 and headers["content-type"] == "application/rdf+xml"
    assert body == (project / "dist" / "evonto.owl").read_bytes()
    status, _, body = served.request("GET", "/evonto.owl", None, {"Accept": "text/turtle"})
    assert status == 200 and body == (project / "dist" / "evonto.ttl").read_bytes()
    assert served.request("GET", "/evonto.ttl")[2] == (project / "dist" / "evonto.ttl").read_bytes()
    version = next(
        q.object.value
        for q in release.quads_for_pattern(
            pyoxigraph.NamedNode(EVONTO + "evonto.owl"),
            pyoxigraph.NamedNode("http://www.w3.org/2002/07/owl#versionIRI"),
            None,
        )
    )
    assert served.request("GET", version[len(EVONTO) - 1 :])[0] == 200
    status, _, body = served.request("GET", "/releases/1999-01-01/evonto.owl")
    assert status == 404 and b"This server holds release" in body


def test_unsupported_accept_is_406(served: Served) -> None:
    status, headers, body = served.request(
        "GET", "/EVONTO_0000001", None, {"Accept": "application/pdf"}
    )
    assert status == 406
    assert b"text/turtle" in body and headers["vary"] == "Accept"
    assert served.request("GET", "/EVONTO_0000001", None, {"Accept": "text/turtle;q=0"})[0] == 406


@pytest.mark.parametrize(
    "path", ["/EVONTO_9999999", "/finding/EVBC-Z999", "/no-such-thing", '/a"b{c}', "/%zz"]
)
def test_unknown_ids_get_a_helpful_404(served: Served, path: str) -> None:
    status, headers, body = served.request("GET", path, None, {"Accept": "text/turtle"})
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert b'href="/query"' in body and html.escape(EVONTO + path[1:]).encode() in body


def test_head_and_host_check_apply(served: Served) -> None:
    status, headers, body = served.request(
        "HEAD", "/EVONTO_0000001", None, {"Accept": "text/turtle"}
    )
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0
    assert served.request("GET", "/EVONTO_0000001", None, {"Host": "evil.example"})[0] == 421


def test_every_evonto_subject_of_the_release_resolves(served: Served, release) -> None:
    subjects = sorted(
        {
            q.subject.value
            for q in release
            if isinstance(q.subject, pyoxigraph.NamedNode) and q.subject.value.startswith(EVONTO)
        }
    )
    assert len(subjects) > 700
    failed = []
    for iri in subjects:
        path = "/" + iri[len(EVONTO) :]
        status, _, body = served.request("GET", path, None, {"Accept": "text/turtle"})
        node = pyoxigraph.NamedNode(iri)
        if status != 200 or not any(s == node for s, _, _ in _graph(body, "text/turtle")):
            failed.append((iri, status))
    assert failed == []


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    out = project / "site"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "evonto",
            "--project",
            str(project),
            "docs",
            "--no-reasoner",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert made.returncode == 0, made.stderr
    return out


def test_html_is_the_docs_page_when_a_site_exists(project: Path, site: Path) -> None:
    with serving(project, "--docs", str(site)) as server:
        status, headers, _ = server.request("GET", "/EVONTO_0000001", None, {"Accept": "text/html"})
        assert status == 303
        assert headers["location"] == "/docs/ontology.html#EVONTO_0000001"
        status, headers, page = server.request("GET", "/docs/ontology.html")
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert b'id="EVONTO_0000001"' in page
        finding = server.request("GET", "/finding/EVBC-A001/ev", None, {"Accept": "text/html"})
        assert finding[1]["location"] == "/docs/findings.html#EVBC-A001"
        assert server.request("GET", "/docs/assets/style.css")[0] == 200
        assert server.request("GET", "/docs/../dist/evonto.ttl")[0] == 404
