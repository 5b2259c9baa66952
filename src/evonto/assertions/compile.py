"""Compiling a project's assertion tables to RDF, or only checking them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evonto import vocab
from evonto.assertions.columns import TABLES
from evonto.assertions.rdfgen import add_row
from evonto.assertions.rowcheck import Checked, ProjectState, check_rows
from evonto.assertions.terms import TermIndex
from evonto.assertions.tsvread import Table, read_table
from evonto.errors import Location, ProblemsError, display_path
from evonto.prefixes import compress
from evonto.problems import Issue

if TYPE_CHECKING:
    import rdflib

    from evonto.project import Project

FINDINGS = "findings.tsv"


class AssertionProblems(ProblemsError):
    """Rows of the curated tables that cannot be compiled: a failed check (exit code 1)."""

    exit_code = 1


def table_paths(project: Project) -> list[Path]:
    """The assertion tables of a project, in a fixed order (findings first)."""
    folder = project.assertions_dir
    return [folder / name for name in TABLES if (folder / name).is_file()]


def table_kind(path: Path) -> str | None:
    """``findings.tsv`` or ``translational.tsv`` for a table named so (or ``<x>.findings.tsv``)."""
    for name in TABLES:
        if path.name == name or path.name.endswith("." + name):
            return name
    return None


def _check(
    paths: list[Path], ontology: rdflib.Graph
) -> tuple[list[Issue], list[tuple[str, list[Checked]]]]:
    index = TermIndex.of(ontology)
    state = ProjectState()
    problems: list[Issue] = []
    checked: list[tuple[str, list[Checked]]] = []
    for path in paths:
        name = table_kind(path)
        if name is None:
            problems.append(
                Issue.at(
                    Location(display_path(path)),
                    f"unknown assertion table; expected one of {sorted(TABLES)}",
                    "error",
                    "tsv",
                )
            )
            continue
        columns = TABLES[name]
        table: Table = read_table(path, display_path(path), columns)
        rows = check_rows(table, columns, index, state)
        order = {c.name: i for i, c in enumerate(columns)}
        problems += sorted(table.problems, key=lambda p: _position(p, order))
        checked.append((name, rows))
    return problems, checked


def _position(problem: Issue, order: dict[str, int]) -> tuple[int, int]:
    """Sort key: file line, then column in table order (numbered columns after named ones)."""
    column = problem.location.column
    col = order.get(column, len(order)) if isinstance(column, str) else len(order) + (column or 0)
    return (problem.location.line or 0, col)


def check_tsv(path: Path | list[Path], ontology: rdflib.Graph) -> list[Issue]:
    """Every problem (errors and warnings) in one table or several, without raising."""
    paths = [path] if isinstance(path, Path) else list(path)
    return _check(paths, ontology)[0]


def check_project(project: Project, ontology: rdflib.Graph) -> list[Issue]:
    """Every problem in all of a project's assertion tables, checked together."""
    extra = _unknown_tables(project)
    return check_tsv([*table_paths(project), *extra], ontology)


def _unknown_tables(project: Project) -> list[Path]:
    """Other ``*.tsv`` files in the assertions folder: reported, never silently skipped."""
    return sorted(p for p in project.assertions_dir.glob("*.tsv") if p.name not in TABLES)


def compile_tables(paths: list[Path], ontology: rdflib.Graph) -> rdflib.Graph:
    """RDF of the given tables; :class:`AssertionProblems` lists every error when any."""
    import rdflib

    from evonto.prefixes import bind_all

    problems, checked = _check(paths, ontology)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise AssertionProblems(errors, f"{len(errors)} problem(s) in the assertion tables")
    index = TermIndex.of(ontology)
    biomarkers = frozenset(
        compress(iri) for iri in index.declared if index.is_under(iri, vocab.BIOMARKER_CLAIM)
    )
    graph = bind_all(rdflib.Graph())
    for name, rows in checked:
        for item in rows:
            add_row(graph, item, TABLES[name], finding=name == FINDINGS, biomarkers=biomarkers)
    return graph


def compile_project(project: Project, ontology: rdflib.Graph) -> rdflib.Graph:
    """Compile ``ontology/assertions/*.tsv`` against the TBox and imports in ``ontology``."""
    extra = _unknown_tables(project)
    return compile_tables([*table_paths(project), *extra], ontology)
