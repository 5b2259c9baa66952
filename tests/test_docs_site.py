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
from _terminal import stderr_on_terminal

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


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


def query_rows(root: Path, query_id: str, **values: str) -> list[dict[str, str]]:
    """The rows of a pack query, parameters bound, on the project's built release."""
    from evonto.project import Project
    from evonto.query.local import release_store, run
    from evonto.query.packs import find
    from evonto.query.params import bind

    project = Project.locate(root)
    return run(release_store(project), bind(find(project.queries_dir, query_id), values)).as_dicts()


@pytest.mark.parametrize(
    ("figure", "query", "column"),
    [
        ("organ-cargo", "organotropism/organ-cargo-matrix", "cargoType"),
        ("organ-mechanism", "organotropism/organ-mechanism-matrix", "mechanism"),
    ],
)
def test_heatmap_counts_match_the_query_pack(site, figure: str, query: str, column: str) -> None:
    from evonto.prefixes import compress

    root, out = site
    expected = {
        (row["organ"], row[column]): int(row["findings"]) for row in query_rows(root, query)
    }
    assert expected, "the matrix query returned nothing"
    svg = (out / "figures" / f"{figure}.svg").read_text(encoding="utf-8")
    cells = re.findall(r'data-row="([^"]+)" data-column="([^"]+)" data-count="(\d+)"', svg)
    shown = {(compress(c), compress(r)): int(n) for r, c, n in cells if int(n) and c != "systemic"}
    assert shown == expected


def test_flow_figure_counts_findings_per_organ_like_the_query(site) -> None:
    from evonto.prefixes import compress

    root, out = site
    expected = {
        (row["organ"], row["role"]): int(row["findings"])
        for row in query_rows(root, "organotropism/findings-by-organ")
    }
    svg = (out / "figures" / "flow.svg").read_text(encoding="utf-8")
    nodes = re.findall(
        r'class="node" data-column="2" data-node="([^"]+)" data-pro="(\d+)" data-anti="(\d+)"', svg
    )
    shown = {}
    for organ, pro, anti in nodes:
        for role, n in (("EVONTO:0000081", pro), ("EVONTO:0000082", anti)):
            if int(n) and organ != "systemic":
                shown[(compress(organ), role)] = int(n)
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


#: the font size each visible text node is shown at (an SVG's scale included), in CSS px
TEXT_SIZES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    if (el.closest("title, desc, script, style, option")) continue;
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility !== "visible") continue;
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    out.push([size, node.textContent.trim().slice(0, 40), el instanceof SVGElement]);
  }
  return out;
}"""


def shoot(page, path: Path, **kwargs) -> None:
    """Save a screenshot and check it is not blank (many colours, not one flat fill)."""
    from PIL import Image

    page.screenshot(path=str(path), **kwargs)
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50, f"{path.name} looks blank"
    assert max(n for n, _ in colours) < 0.97 * sum(n for n, _ in colours), path.name


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("EVONTO_TEST_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_atlas_at_1280_px_screenshots_and_legible_text(served, browser, shots) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for html in ("atlas.html", "browse.html"):
        page.goto(f"{served}/{html}")
        shoot(page, shots / html.replace(".html", ".png"), full_page=True)
    page.goto(f"{served}/atlas.html")
    for figure in ("#flow-figure", "#heatmap-cargo", "#heatmap-mechanism"):
        svg = page.locator(f"{figure} svg")
        box = svg.bounding_box()
        assert box is not None and box["width"] > 600 and box["height"] > 250, figure
        assert box["x"] + box["width"] <= 1280, f"{figure} is wider than the window"
        shoot(svg, shots / f"{figure[1:]}.png")
    sizes = page.evaluate(TEXT_SIZES)
    svg_sizes = [size for size, _, in_svg in sizes if in_svg]
    assert len(svg_sizes) > 300 and min(svg_sizes) >= 11
    counts = page.locator("#heatmap-cargo rect.cell").evaluate_all(
        "cells => cells.map(c => Number(c.getAttribute('data-count')))"
    )
    assert sum(counts) > 0
    page.close()


def test_every_page_shows_text_of_at_least_11_px(site, served, browser) -> None:
    _, out = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    small = []
    for html in sorted(out.rglob("*.html")):
        page.goto(f"{served}/{html.relative_to(out).as_posix()}")
        sizes = page.evaluate(TEXT_SIZES)
        assert sizes, html.name
        small += [(html.name, size, text) for size, text, _ in sizes if size < 11]
    page.close()
    assert small == []


def filter_options(page) -> list[tuple[str, str, str, str]]:
    """(select id, option value, query, parameter) of every option the browser offers."""
    return page.eval_on_selector_all(
        "select[data-field] option[data-query]",
        "os => os.map(o => [o.parentElement.id, o.value, o.dataset.query, o.dataset.param])",
    )


def shown_count(page) -> int:
    return int(page.get_attribute("#result-count", "data-count"))


def test_browser_filters_give_the_queries_counts(site, served, browser) -> None:
    root, _ = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{served}/browse.html")
    total = shown_count(page)
    assert total == len(query_rows(root, "provenance/findings-by-evidence")) == 65
    assert page.locator("#results article").count() == total
    options = filter_options(page)
    fields = {select for select, *_ in options}
    assert fields == {
        f"filter-{f}" for f in ("organ", "cargoKind", "role", "species", "evidence", "confidence")
    }
    for select, value, query, param in options:
        page.select_option(f"#{select}", value)
        expected = query_rows(root, query, **({param: value} if param else {}))
        assert shown_count(page) == len(expected) > 0, (select, value, query)
        shown = page.locator("#results article").evaluate_all("as => as.map(a => a.id)")
        assert shown == sorted(r["finding"].removeprefix("finding:") for r in expected)
        page.select_option(f"#{select}", "")
        assert shown_count(page) == total
    assert errors == []
    page.close()


def test_browser_combines_filters_links_sources_and_keeps_the_choice(served, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/browse.html")
    page.select_option("#filter-organ", "UBERON:0002048")
    page.select_option("#filter-role", "EVONTO:0000082")
    assert shown_count(page) == 1
    card = page.locator("#results article")
    assert card.get_attribute("id") == "EVBC-A052"
    assert card.locator("a[href='https://pubmed.ncbi.nlm.nih.gov/29105655/']").count() == 1
    assert "#organ=UBERON%3A0002048&role=EVONTO%3A0000082" in page.url
    page.goto(f"{served}/browse.html#confidence=medium")
    page.reload()
    assert page.input_value("#filter-confidence") == "medium" and shown_count(page) == 10
    page.click("#reset")
    assert shown_count(page) == 65
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


def test_rebuild_shows_progress_replaces_its_site_byte_for_byte(site) -> None:
    import hashlib

    root, out = site

    def digests() -> dict[str, str]:
        return {
            p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*"))
            if p.is_file()
        }

    before = digests()
    (out / "stale.html").write_text("old page")
    code, shown = stderr_on_terminal(["--project", str(root), "docs", "--out", str(out)])
    assert code == 0, shown
    for stage in ("reading sources", "reasoning (HermiT)", "answering queries", "QC report"):
        assert stage in shown
    assert "writing pages" in shown and "100%" in shown
    assert "Traceback" not in shown
    assert not (out / "stale.html").exists()
    assert digests() == before  # the same sources give the same site, byte for byte


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
