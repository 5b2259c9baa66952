"""The documentation site: built by the real CLI, complete, and checked in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(os.environ.get("EVONTO_TEST_ARTIFACTS", "test-artifacts"))


def evonto(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evonto", *args], capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, copy_sources) -> tuple[Path, Path]:
    """(project root, site folder) after `evonto build` and `evonto docs` on a project copy."""
    root = copy_sources(tmp_path_factory.mktemp("docs") / "project")
    built = evonto("--project", str(root), "build", "--no-reasoner")
    assert built.returncode == 0, built.stderr
    out = root / "site"
    made = evonto("--project", str(root), "docs", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert "Traceback" not in made.stderr
    return root, out


@pytest.fixture(scope="module")
def graph(site: tuple[Path, Path]):
    from evonto.project import Project
    from evonto.sources import load_sources

    return load_sources(Project.locate(site[0])).merged()


class Anchors(HTMLParser):
    """Collects ids and hrefs of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag in {"a", "link"} and values.get("href"):
            self.hrefs.append(values["href"] or "")


def parse_page(path: Path) -> Anchors:
    parser = Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_term_and_finding_has_an_entry(site, graph) -> None:
    from rdflib.namespace import RDF, RDFS

    from evonto.prefixes import EVONTO_TERM, compress, record_id

    _, out = site
    ontology_ids = parse_page(out / "ontology.html").ids
    terms = {str(s) for s in graph.subjects(RDFS.label) if str(s).startswith(EVONTO_TERM)}
    assert len(terms) >= 60
    missing = [t for t in terms if compress(t).replace(":", "_") not in ontology_ids]
    assert missing == []
    finding_ids = parse_page(out / "findings.html").ids
    findings = {record_id(str(s)) for s in graph.subjects(RDF.type, None) if record_id(str(s))}
    assert len(findings) >= 100
    assert findings - finding_ids == set()


def test_heatmap_counts_match_the_query_pack(site) -> None:
    from evonto.project import Project
    from evonto.query.local import release_store, run
    from evonto.query.packs import find
    from evonto.query.params import bind

    root, out = site
    project = Project.locate(root)
    query = find(project.queries_dir, "organotropism/organ-cargo-matrix")
    results = run(release_store(project), bind(query, {}))
    expected = {
        (row["organ"], row["cargoType"]): int(row["findings"]) for row in results.as_dicts()
    }
    assert expected, "the matrix query returned nothing"
    svg = (out / "figures" / "organ-cargo.svg").read_text(encoding="utf-8")
    cells = re.findall(r'data-row="([^"]+)" data-column="([^"]+)" data-count="(\d+)"', svg)
    from evonto.prefixes import compress

    shown = {(compress(r), compress(c)): int(n) for r, c, n in cells if int(n) and r != "systemic"}
    assert shown == expected


def test_internal_links_resolve(site) -> None:
    _, out = site
    broken = []
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 10
    ids = {page.resolve(): parse_page(page).ids for page in pages}
    for page in pages:
        for href in parse_page(page).hrefs:
            if urlparse(href).scheme in {"http", "https", "mailto"}:
                continue
            target_ref, fragment = urldefrag(href)
            target = (page.parent / target_ref).resolve() if target_ref else page.resolve()
            if not target.exists():
                broken.append(f"{page.name}: {href}")
            elif fragment and target.suffix == ".html" and fragment not in ids[target]:
                broken.append(f"{page.name}: {href} (no anchor)")
    assert broken == []


def test_site_references_nothing_on_the_web(site) -> None:
    """Pages load no script, style sheet or image from another host."""
    _, out = site
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|img|link)[^>]+(src|href)="https?://', text), page


@pytest.fixture(scope="module")
def served(site):
    _, out = site
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("chromium not installed: apt-get install chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


def test_pages_load_without_console_errors(site, served, browser) -> None:
    _, out = site
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for html in sorted(out.rglob("*.html")):
        errors.clear()
        response = page.goto(f"{served}/{html.relative_to(out).as_posix()}")
        assert response is not None and response.status == 200, html
        assert errors == [], f"{html.name}: {errors}"
    page.close()


def test_heatmap_is_visible_and_screenshot_saved(served, browser) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{served}/atlas.html")
    heatmap = page.locator("#heatmap-cargo svg")
    box = heatmap.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    counts = [
        int(c)
        for c in page.locator("#heatmap-cargo rect.cell").evaluate_all(
            "cells => cells.map(c => c.getAttribute('data-count'))"
        )
    ]
    assert sum(counts) > 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "atlas.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()


def test_refuses_to_replace_a_folder_it_did_not_write(site, tmp_path: Path) -> None:
    root, _ = site
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    result = evonto("--project", str(root), "docs", "--out", str(target))
    assert result.returncode == 2
    assert "not written by evonto docs" in result.stderr
    assert "Traceback" not in result.stderr
    assert (target / "notes.txt").read_text() == "keep me"


def test_rebuild_replaces_its_own_site(site) -> None:
    root, out = site
    (out / "stale.html").write_text("old page")
    result = evonto("--project", str(root), "docs", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()


def test_broken_edit_file_is_located_and_leaves_the_site(
    site, tmp_path: Path, copy_sources
) -> None:
    root = copy_sources(tmp_path / "broken")
    edit = root / "ontology" / "evonto-edit.ttl"
    edit.write_text(edit.read_text(encoding="utf-8") + "\nEVONTO:9 a \n", encoding="utf-8")
    _, out = site
    before = (out / "index.html").read_bytes()
    result = evonto("--project", str(root), "docs", "--out", str(out))
    assert result.returncode == 2
    assert "evonto-edit.ttl:" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_bytes() == before
