"""Gather what the site shows besides the graph: answered queries, QC report and manifest."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from evonto.docs.site import QueryResult
from evonto.project import Project

if TYPE_CHECKING:
    import pyoxigraph


def answered_queries(project: Project, store: pyoxigraph.Store) -> list[QueryResult]:
    """Every competency question of the packs, run with its defaults on ``store`` (the graph
    the site is made from, so pages and answers never mix two releases)."""
    from evonto.query.local import run
    from evonto.query.packs import discover
    from evonto.query.params import bind

    out = []
    for query in discover(project.queries_dir):
        results = run(store, bind(query, {}), str(query.path))
        if results.boolean is not None:
            columns, rows = ["answer"], [["true" if results.boolean else "false"]]
        else:
            columns = list(results.variables)
            rows = [[t.display() if t else "" for t in row] for row in results.rows]
        out.append(
            QueryResult(
                anchor=query.id.replace("/", "-"),
                title=query.title,
                question=query.question,
                path=f"queries/{query.pack}/{query.path.name}",
                sparql=query.text,
                columns=columns,
                rows=rows,
            )
        )
    return out


def qc_report(project: Project) -> str:
    """The text report of ``evonto validate`` on the project sources (no reasoner)."""
    from evonto.validate import Options, validate_project
    from evonto.validate.formatters import render_text

    return render_text(validate_project(project, Options(reasoner=False)))


def manifest(project: Project) -> dict | None:
    """The release manifest, when a release has been built."""
    path = project.dist_dir / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
