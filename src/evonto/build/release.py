"""The release: what ``evonto build`` makes from the sources, and how it lands in ``dist/``.

:func:`prepare_release` turns the loaded sources into a :class:`Release` (the merged graph with
one ontology header and no ``owl:imports``, the base graph, the version from the edit file);
:func:`build_release` renders every artefact of :data:`evonto.build.artefacts.ARTEFACTS` into a
new release folder beside ``dist/``, optionally runs HermiT on ``evonto.owl``, writes
``manifest.json`` and only then points ``dist`` at it in one atomic step
(:mod:`evonto.build.releases`), so a failed or killed build leaves ``dist/`` as it was.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import Location, SourceError, display_path
from evonto.prefixes import EVONTO, ONTOLOGY_IRI

if TYPE_CHECKING:
    import rdflib

    from evonto.build.reasoner import ReasonerLimits, ReasonerReport
    from evonto.project import Project
    from evonto.sources import Sources

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: the dated version IRI the edit file must declare
VERSION_IRI = re.compile(re.escape(EVONTO) + r"releases/(\d{4}-\d{2}-\d{2})/evonto\.owl")
BASE_IRI = EVONTO + "evonto-base.owl"


_CANONICAL_FULL = "canonical:full"  #: the cache key of :meth:`Release.canonical_full`


@dataclass
class Release:
    """Everything an artefact writer needs; writers must not modify the graphs."""

    project: Project
    sources: Sources
    full: rdflib.Graph  #: edit file + imports + mappings + assertions, one header, no owl:imports
    base: rdflib.Graph  #: edit file + assertions only (OBO "base"), header renamed to BASE_IRI
    version: str  #: e.g. ``2026-11-29``, from the edit file's owl:versionIRI
    version_iri: str
    inferred: rdflib.Graph | None = None  #: types materialised from HermiT (None: not reasoned)
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def date(self) -> str:
        """The release date (the dated version)."""
        return self.version

    def canonical_full(self) -> rdflib.Graph:
        """``full`` with canonical blank-node labels, computed once for all writers."""
        from evonto.rdfio import canonical_graph

        return self.cached(_CANONICAL_FULL, lambda: canonical_graph(self.full))  # type: ignore[return-value]

    def add_inferred(self, extra: rdflib.Graph) -> None:
        """Add HermiT's materialised types to ``full`` and ``base``. Copies derived from the
        graphs before are dropped, but for the canonical graph: the added triples name no
        blank node, so its labels still hold and it only gains them too."""
        canonical = self._cache.get(_CANONICAL_FULL)
        self.full += extra
        self.base += extra
        self.inferred = extra
        self._cache.clear()
        if canonical is not None:
            canonical += extra  # type: ignore[operator]
            self._cache[_CANONICAL_FULL] = canonical

    def cached(self, key: str, make: Callable[[], object]) -> object:
        """A value computed once per release and shared between writers (e.g. a store)."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


@dataclass
class BuildResult:
    """What a build wrote, and how long its steps took (seconds)."""

    out_dir: Path
    files: dict[str, Path]
    manifest: dict
    timings: dict[str, float]
    reasoner: ReasonerReport | None


def _header_version(edit: rdflib.Graph, edit_file: Path) -> tuple[str, str]:
    """(version, versionIRI) from the edit file's ontology header."""
    import rdflib

    where = Location(display_path(edit_file))
    ontologies = set(edit.subjects(rdflib.RDF.type, rdflib.OWL.Ontology))
    if rdflib.URIRef(ONTOLOGY_IRI) not in ontologies:
        raise SourceError(f"no ontology header: expected <{ONTOLOGY_IRI}> a owl:Ontology", where)
    version_iris = sorted(
        str(v) for v in edit.objects(rdflib.URIRef(ONTOLOGY_IRI), rdflib.OWL.versionIRI)
    )
    if len(version_iris) != 1:
        raise SourceError(
            f"the ontology header needs exactly one owl:versionIRI, found {len(version_iris)}",
            where,
        )
    match = VERSION_IRI.fullmatch(version_iris[0])
    if match is None:
        raise SourceError(
            f"owl:versionIRI <{version_iris[0]}> is not a dated release IRI "
            f"({EVONTO}releases/YYYY-MM-DD/evonto.owl)",
            where,
        )
    return match.group(1), version_iris[0]


def _strip_headers(graph: rdflib.Graph, keep: str) -> rdflib.Graph:
    """Remove ``owl:imports`` and every ontology header but ``keep`` (as ROBOT merge does)."""
    import rdflib

    graph.remove((None, rdflib.OWL.imports, None))
    for other in set(graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology)):
        if str(other) != keep:
            graph.remove((other, None, None))
    return graph


def rdf11_literals(graph: rdflib.Graph) -> rdflib.Graph:
    """Write ``"x"^^xsd:string`` as ``"x"`` (the same literal in RDF 1.1; rdflib keeps both)."""
    import rdflib

    typed = [
        t for t in graph if isinstance(t[2], rdflib.Literal) and str(t[2].datatype) == XSD_STRING
    ]
    for s, p, o in typed:
        graph.remove((s, p, o))
        graph.add((s, p, rdflib.Literal(str(o))))
    return graph


def _rename(graph: rdflib.Graph, old: str, new: str) -> rdflib.Graph:
    import rdflib

    for p, o in list(graph.predicate_objects(rdflib.URIRef(old))):
        graph.remove((rdflib.URIRef(old), p, o))
        graph.add((rdflib.URIRef(new), p, o))
    return graph


def prepare_release(sources: Sources) -> Release:
    """The merged and base graphs, and the version, for ``sources``."""
    import rdflib

    from evonto.prefixes import bind_all

    version, version_iri = _header_version(sources.edit, sources.project.edit_file)
    full = rdf11_literals(_strip_headers(sources.merged(), ONTOLOGY_IRI))
    base = bind_all(rdflib.Graph())
    base += sources.edit
    if sources.assertions is not None:
        base += sources.assertions
    base = rdf11_literals(_strip_headers(base, ONTOLOGY_IRI))
    _rename(base, ONTOLOGY_IRI, BASE_IRI)
    base.set(
        (
            rdflib.URIRef(BASE_IRI),
            rdflib.OWL.versionIRI,
            rdflib.URIRef(version_iri.replace("/evonto.owl", "/evonto-base.owl")),
        )
    )
    return Release(sources.project, sources, full, base, version, version_iri)


def build_release(
    project: Project,
    out_dir: Path | None = None,
    *,
    reasoner: bool = True,
    progress: Callable[[str], None] | None = None,
    limits: ReasonerLimits | None = None,
) -> BuildResult:
    """Load, merge, reason and write the release into ``out_dir`` (default ``dist/``).

    Raises :class:`SourceError` (exit 2) for unreadable sources, a missing Java, a read-only
    or full disk, and :class:`BuildError` (exit 1) when HermiT finds the ontology inconsistent
    or a class unsatisfiable. In every failure case, even a killed build, ``out_dir`` is the
    complete previous release (see :mod:`evonto.build.releases`).
    """
    from evonto.build.artefacts import render_artefacts
    from evonto.build.checkpoints import checkpoint
    from evonto.build.manifest import make_manifest, manifest_bytes
    from evonto.build.releases import (
        absolute,
        build_lock,
        check_writable,
        clean,
        new_staging,
        switch,
        write_failure,
    )
    from evonto.rdfio import WRITE_ERRNOS
    from evonto.sources import load_sources

    say = progress or (lambda _msg: None)
    out_dir = absolute(out_dir or project.dist_dir)
    check_target(out_dir, project)
    check_writable(out_dir)
    timings: dict[str, float] = {}
    if reasoner:
        from evonto.build.reasoner import require_java

        require_java()  # fail early, before the slow steps

    start = time.perf_counter()
    sources = load_sources(project)
    _refuse_undeclared_references(project, sources)
    release = prepare_release(sources)
    timings["load"] = time.perf_counter() - start
    say(f"loaded sources: {len(release.full)} triples merged, version {release.version}")

    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(out_dir) as releases:
            checkpoint("locked")
            staging = new_staging(releases)
            try:
                report = None
                if reasoner:
                    report = reason_release(release, staging, limits, releases.pidfile)
                    timings["HermiT"] = report.seconds
                    inferred = _inferred_count(report)
                    say(report.summary() + f", {inferred} inferred types materialised")
                start = time.perf_counter()
                rendered = render_artefacts(release, staging)
                timings["artefacts"] = time.perf_counter() - start
                manifest = make_manifest(release, rendered, report)
                (staging / "manifest.json").write_bytes(manifest_bytes(manifest))
                checkpoint("staged")
                switch(releases, staging, release.version)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            clean(releases)
    except OSError as exc:
        if exc.errno in WRITE_ERRNOS:
            raise write_failure(exc, out_dir) from None
        raise
    files = {name: out_dir / name for name in [*rendered, "manifest.json"]}
    return BuildResult(out_dir, files, manifest, timings, report)


def _refuse_undeclared_references(project: Project, sources: Sources) -> None:
    """A term the edit file uses but no module declares (a typo, a term not imported) stops the
    build before anything is written, as ``validate`` reports it."""
    from evonto.errors import ProblemsError
    from evonto.validate.references import edit_file_errors

    errors = edit_file_errors(project.edit_file, sources.ontology())
    if errors:
        raise ProblemsError(errors, f"{len(errors)} undeclared reference(s) in the edit file")


def reason_release(
    release: Release,
    scratch: Path,
    limits: ReasonerLimits | None = None,
    pidfile: Path | None = None,
) -> ReasonerReport:
    """HermiT over the merged release; its inferred individual types are materialised.

    Raises :class:`BuildError` (exit 1) when the ontology is inconsistent or a class is
    unsatisfiable, before any artefact is written.
    """
    from evonto.build.materialize import materialize
    from evonto.build.reasoner import check_with_hermit
    from evonto.build.serializers import rdf_xml

    owl_file = scratch / ".reasoner-input.owl"
    # canonical (stable bytes: the result cache's key), from the graph the artefacts use too
    owl_file.write_bytes(rdf_xml(release.canonical_full(), find_labels=False))
    try:
        report = check_with_hermit(owl_file, release.full, limits=limits, pidfile=pidfile)
    finally:
        owl_file.unlink(missing_ok=True)
    materialize(release, report.inferred_types)
    return report


def _inferred_count(report: ReasonerReport) -> int:
    return sum(len(types) for types in report.inferred_types.values())


def check_target(out_dir: Path, project: Project) -> None:
    """Refuse a release folder whose replacement would delete something else.

    The folder is replaced as a whole, so it must be new, empty (but for hidden entries such as
    ``.cache/``), or a previous release (it holds a ``manifest.json``), and it must not contain
    the project's sources.
    """
    where = display_path(out_dir)
    sources = project.edit_file.resolve()
    if out_dir == sources.parent or out_dir in sources.parents:
        raise SourceError(f"{where}: the release folder must not contain the project's sources")
    if out_dir.exists() and not out_dir.is_dir():
        raise SourceError(f"{where}: exists and is not a folder")
    visible = (
        [e for e in out_dir.iterdir() if not e.name.startswith(".")] if out_dir.is_dir() else []
    )
    if visible and not (out_dir / "manifest.json").is_file():
        raise SourceError(
            f"{where}: not empty and not an evonto release (no manifest.json); "
            "choose another --out folder, since a build replaces it entirely"
        )
