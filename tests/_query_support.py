"""Helpers for the query tests: a project around a release, and running a pack query on it."""

from __future__ import annotations

import shutil
from pathlib import Path

from evonto.project import Project
from evonto.query import local
from evonto.query.packs import find
from evonto.query.params import bind
from evonto.query.results import Results

ROOT = Path(__file__).resolve().parents[1]
MINI_RELEASE = ROOT / "tests" / "data" / "query" / "mini-release.ttl"


def project_with_files(folder: Path, files: dict[str, Path]) -> Project:
    """The checkout's sources with ``dist/`` (and its cache) in ``folder``."""
    dist = folder / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    for name, source in files.items():
        shutil.copy(source, dist / name)
    return Project(ROOT, dist=dist)


def answer(project: Project, query_id: str, **values: str) -> Results:
    """Run a pack query (parameters bound) on the project's embedded release store."""
    query = find(project.queries_dir, query_id)
    return local.run(local.release_store(project), bind(query, values))


def rows(results: Results) -> list[tuple[str, ...]]:
    """Rows as tuples of display strings (CURIEs, literal values; '' when unbound)."""
    return [tuple(t.display() if t else "" for t in row) for row in results.rows]
