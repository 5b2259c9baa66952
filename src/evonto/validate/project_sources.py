"""Stage 1 for the project itself: every source parsed on its own, then the one loader.

Each file is parsed separately first so that every syntax problem is reported, not only the
first the loader meets; when all parse, :func:`evonto.sources.load_sources` builds the graphs
the later stages check, exactly as ``evonto build`` sees them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import EvontoError, SourceError, display_path
from evonto.validate.inputs import DEFAULT_MAX_MB
from evonto.validate.locate import Locator
from evonto.validate.report import Issue, Report

if TYPE_CHECKING:
    import rdflib

    from evonto.project import Project


def rdf_sources(project: Project, report: Report) -> list[Path]:
    """The edit file and the import modules its ``owl:imports`` name (through the catalog)."""
    from evonto.sources import import_iris, resolve_imports

    files = [project.edit_file]
    try:
        files += list(resolve_imports(project, import_iris(project.edit_file)).values())
    except SourceError as exc:
        report.add(Issue.unreadable(exc, display_path(project.edit_file)))
        report.unreadable.append(display_path(project.edit_file))
    return files


def load_project(
    project: Project, report: Report, max_mb: float = DEFAULT_MAX_MB
) -> tuple[rdflib.Graph, rdflib.Graph, Locator] | None:
    """(ontology, data, locator) of the project, or ``None`` when a source cannot be read."""
    from evonto.validate.inputs import read_rdf

    locator = Locator()
    run = report.stage("syntax")
    for path in rdf_sources(project, report):
        shown = display_path(path)
        run.checks.append(shown)
        report.inputs.append(shown)
        try:
            loaded = read_rdf(path, max_mb)
        except SourceError as exc:
            report.add(Issue.unreadable(exc, shown))
            report.unreadable.append(shown)
            continue
        locator.add_text(shown, loaded.text)
    if not _within_limit(project, report, max_mb):
        return None
    from evonto.sources import load_sources

    try:
        sources = load_sources(project, assertions=False)
    except EvontoError as exc:
        report.add(Issue.unreadable(exc, display_path(project.edit_file)))
        report.unreadable.append(display_path(project.edit_file))
        return None
    ontology = sources.ontology()
    if not _assertions(project, sources, ontology, report, locator):
        return None
    import rdflib

    data = rdflib.Graph()
    for extra in (sources.mappings, sources.assertions):
        if extra is not None:
            data += extra
    return ontology, data, locator


def _within_limit(project: Project, report: Report, max_mb: float) -> bool:
    """Whether every source was read and the tables and mapping set are regular files within
    ``max_mb`` (the loader reads them next); what is not is reported as unreadable."""
    from evonto.validate.inputs import check_size

    tables = sorted(project.assertions_dir.glob("*.tsv")) if project.assertions_dir.is_dir() else []
    mappings = [project.mappings_file] if project.mappings_file.exists() else []
    for path in [*tables, *mappings]:
        try:
            check_size(path, max_mb)
        except SourceError as exc:
            report.add(Issue.unreadable(exc, display_path(path)))
            report.unreadable.append(display_path(path))
    return not report.unreadable


def _assertions(project, sources, ontology, report: Report, locator: Locator) -> bool:
    """Check the TSV tables (every problem reported), then compile them into ``sources``."""
    from evonto.sources import compile_assertions

    tables = sorted(project.assertions_dir.glob("*.tsv")) if project.assertions_dir.is_dir() else []
    if not tables:
        return True
    from evonto.assertions import check_project
    from evonto.validate.tsv_input import row_index

    run = report.stage("syntax")
    for path in tables:
        shown = display_path(path)
        run.checks.append(shown)
        report.inputs.append(shown)
        rows, columns = row_index(path)
        locator.add_rows(shown, rows, columns)
    problems = check_project(project, ontology)
    for p in problems:
        report.add(p)
    if any(p.level == "error" for p in problems):
        return False
    sources.assertions = compile_assertions(project, ontology)
    return True
