"""Write the static site: every page rendered from the merged release graph, offline-readable."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from evonto import __version__
from evonto.docs.atlas import SYSTEMIC, organ_by_cargo, organ_by_mechanism, organ_of
from evonto.docs.browser import browser_data
from evonto.docs.figures import heatmap_svg
from evonto.docs.flow import TOP_MECHANISMS, flow, flow_svg
from evonto.docs.model import SiteModel, read_model
from evonto.errors import EvontoError, display_path
from evonto.prefixes import EVONTO_TERM, FINDING, compress

PUBMED = "https://identifiers.org/pubmed:"
SITE_MARKER = ".evonto-site"


@dataclass
class QueryResult:
    """One competency question with its SPARQL and its answer on the release."""

    anchor: str
    title: str
    question: str
    path: str
    sparql: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class SiteInputs:
    """What the site shows besides the graph: answered queries, QC report, manifest."""

    queries: list[QueryResult] = field(default_factory=list)
    qc_report: str = ""
    manifest: dict | None = None


def slug(text: str) -> str:
    """A file-name-safe slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def external_url(iri: str) -> str:
    """A human-facing URL for an IRI (PubMed pages for PMIDs, else the IRI)."""
    if iri.startswith(PUBMED):
        return f"https://pubmed.ncbi.nlm.nih.gov/{iri[len(PUBMED) :]}/"
    return iri


class Links:
    """Turn IRIs into links to the page that describes them."""

    def __init__(self, model: SiteModel, root: str) -> None:
        self.model = model
        self.root = root
        self.imported = {t.iri for t in model.imported}

    def href(self, iri: str) -> str | None:
        if iri not in self.model.labels:
            return None
        if iri.startswith(EVONTO_TERM):
            return f"{self.root}ontology.html#{compress(iri).replace(':', '_')}"
        if iri.startswith(FINDING):  # a finding, or an individual of its instance graph
            return f"{self.root}findings.html#{iri[len(FINDING) :].split('/', 1)[0]}"
        if iri in self.imported:
            return f"{self.root}imported.html#{compress(iri).replace(':', '_')}"
        return None

    def term(self, iri: str) -> Markup:
        label = escape(self.model.label(iri))
        href = self.href(iri)
        if href:
            return Markup(f'<a href="{escape(href)}" title="{escape(compress(iri))}">{label}</a>')
        return Markup(f'<a href="{escape(external_url(iri))}">{label}</a>')

    def linkify(self, value: str) -> Markup:
        if value.startswith(("http://", "https://")):
            href = self.href(value)
            if href:
                return self.term(value)
            return Markup(f'<a href="{escape(external_url(value))}">{escape(compress(value))}</a>')
        return Markup(escape(value))

    def organ(self, iri: str) -> str:
        return "systemic" if iri == SYSTEMIC else self.model.label(iri)


def build_site(graph, out: Path, inputs: SiteInputs | None = None) -> list[Path]:
    """Render the site for the merged ``graph`` into ``out`` (replaced as a whole on success)."""
    inputs = inputs or SiteInputs()
    out = out.resolve()
    check_target(out)
    model = read_model(graph)
    staging = out.parent / f".{out.name}.tmp"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        written = _render_all(model, staging, inputs)
        (staging / SITE_MARKER).write_text("written by evonto docs\n", encoding="utf-8")
        backup = out.parent / f".{out.name}.old"
        if out.exists():
            if backup.exists():
                shutil.rmtree(backup)
            out.rename(backup)
        staging.rename(out)
        if backup.exists():
            shutil.rmtree(backup)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return [out / p.relative_to(staging) for p in written]


def check_target(out: Path) -> None:
    """Refuse to replace a folder that is not a site evonto wrote (it would be deleted)."""
    if out.exists() and not out.is_dir():
        raise EvontoError(f"{display_path(out)} is a file; --out needs a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        raise EvontoError(
            f"{display_path(out)} is not empty and was not written by evonto docs; "
            "choose a new or empty folder (the site replaces it as a whole)"
        )


def _environment(model: SiteModel, root: str):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("evonto.docs", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    links = Links(model, root)
    env.filters["termlink"] = links.term
    env.filters["linkify"] = links.linkify
    env.filters["organname"] = links.organ
    env.globals.update(root=root, version=__version__, evonto_ns=EVONTO_TERM)
    return env


def _render_all(model: SiteModel, out: Path, inputs: SiteInputs) -> list[Path]:
    written: list[Path] = []

    def write(rel: str, data: str | bytes) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        written.append(path)

    assets = resources.files("evonto.docs") / "assets"
    for name in ("style.css", "favicon.svg", "browse.js"):
        write(f"assets/{name}", (assets / name).read_bytes())

    findings = [f for f in model.findings if not f.is_claim]
    claims = [f for f in model.findings if f.is_claim]
    cargo = organ_by_cargo(model)
    mechanism = organ_by_mechanism(model)
    svgs = {
        "flow": flow_svg(flow(model)),
        "organ-cargo": heatmap_svg(cargo, model.label, "cargo kind"),
        "organ-mechanism": heatmap_svg(mechanism, model.label, "mechanism"),
    }
    figures = []
    for name, svg in svgs.items():
        write(f"figures/{name}.svg", svg)
        figures.append(f"figures/{name}.svg")

    organs = []
    for row in cargo.rows:
        rows = [f for f in findings if organ_of(f) == row]
        name = "systemic" if row == SYSTEMIC else model.label(row)
        organs.append({"iri": row, "name": name, "href": f"organs/{slug(name)}.html", "rows": rows})

    top = _environment(model, "")
    nested = _environment(model, "../")
    common = {
        "terms": model.terms,
        "imported": model.imported,
        "findings": findings,
        "claims": claims,
        "queries": inputs.queries,
    }

    def page(env, template: str, rel: str, title: str, **extra) -> None:
        write(rel, env.get_template(template).render(title=title, **common, **extra))

    description = next(iter(model.header.get("dcterms:description", [])), "")
    header = sorted(model.header.items())
    organ_summary = [
        {"name": o["name"], "href": o["href"], "count": len(o["rows"])} for o in organs
    ]
    page(
        top,
        "index.html.j2",
        "index.html",
        "evonto",
        description=description,
        header=header,
        organs=organ_summary,
    )
    page(top, "ontology.html.j2", "ontology.html", "Ontology reference", source="")
    page(top, "imported.html.j2", "imported.html", "Imported terms")
    page(
        top,
        "atlas.html.j2",
        "atlas.html",
        "Organotropism atlas",
        figures=figures,
        top_mechanisms=TOP_MECHANISMS,
        flow_svg=Markup(svgs["flow"]),
        cargo_svg=Markup(svgs["organ-cargo"]),
        mechanism_svg=Markup(svgs["organ-mechanism"]),
    )
    filters, data = browser_data(model, external_url)
    page(top, "browse.html.j2", "browse.html", "Findings browser", filters=filters, data=data)
    page(top, "findings.html.j2", "findings.html", "Findings and translational claims")
    for organ in organs:
        iri = "" if organ["iri"] == SYSTEMIC else organ["iri"]
        page(
            nested,
            "organ.html.j2",
            organ["href"],
            f"Organ: {organ['name']}",
            rows=organ["rows"],
            organ_iri=iri,
        )
    page(top, "queries.html.j2", "queries.html", "Competency questions")
    page(top, "qc.html.j2", "qc.html", "QC report", report=inputs.qc_report or "(not run)")
    manifest = (
        json.dumps(inputs.manifest, indent=2, sort_keys=True)
        if inputs.manifest
        else "(no release built)"
    )
    page(top, "release.html.j2", "release.html", "Release", manifest=manifest)
    return written
