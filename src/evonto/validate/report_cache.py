"""A second ``evonto validate`` of an unchanged project answers from the first run's report.

The report is kept under a SHA-256 key over every byte it is computed from: the project's
sources (edit file, catalog, import modules, assertion tables, mapping set), its shapes, QC
queries and exceptions file, evonto's own code, the versions of the libraries that check
them, the options and reasoner limits, and the working folder (reports show paths relative to
it). Only complete reports are kept: one with an unreadable input is computed again each time.
``EVONTO_VALIDATE_CACHE=off`` bypasses the cache; a path moves it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import EvontoError
from evonto.validate.report import Accepted, Issue, Report, StageRun

if TYPE_CHECKING:
    from evonto.project import Project
    from evonto.validate.pipeline import Options

FORMAT = 1  #: bump when what a report holds, or how it is computed, changes
ENV = "EVONTO_VALIDATE_CACHE"
LIBRARIES = ("rdflib", "pyoxigraph", "pyshacl", "owlready2")
#: environment variables that change a report (reasoner limits, the reasoner's own cache)
SETTINGS = ("EVONTO_REASONER_TIMEOUT", "EVONTO_REASONER_MEMORY")


def project_inputs(project: Project, options: Options) -> list[Path]:
    """Every file a project validate reads, in a stable order."""
    from evonto.validate.exceptions import PROJECT_FILE
    from evonto.validate.pipeline import _project_files

    def below(folder: Path) -> list[Path]:
        return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []

    return [
        *_project_files(project),
        *below(options.shapes_dir or project.shapes_dir),
        *below(options.qc_dir or project.queries_dir / "qc"),
        options.exceptions or project.root / PROJECT_FILE,
    ]


def project_key(project: Project, options: Options) -> str:
    from evonto.cache import add_files, code_files, new_digest

    digest = new_digest(f"evonto-validate-report/{FORMAT}", LIBRARIES)
    settings = [
        f"cwd={os.getcwd()}",
        f"reasoner={options.reasoner}",
        f"max_mb={options.max_mb!r}",
        f"shacl_engine={options.shacl_engine}",
        *(f"{name}={os.environ.get(name, '')}" for name in SETTINGS),
    ]
    digest.update("\0".join(settings).encode() + b"\0")
    add_files(digest, code_files())
    add_files(digest, project_inputs(project, options), names=True)
    return digest.hexdigest()


def cached_project_report(
    project: Project, options: Options, compute: Callable[[], Report]
) -> Report:
    """``compute()``'s report, or the one stored for the same inputs by an earlier run."""
    from evonto.cache import cache_dir, read_entry, write_entry

    folder = cache_dir(ENV, "validate")
    if folder is None:
        return compute()
    try:
        key = project_key(project, options)
    except EvontoError:  # a source that cannot even be listed: validate reports it, uncached
        return compute()
    path = folder / f"{key}.json"
    body = read_entry(path, key)
    if body is not None:
        found = _from_json(body)
        if found is not None:
            return found
    report = compute()
    if not report.unreadable:
        write_entry(path, key, asdict(report))
    return report


def _from_json(body: dict) -> Report | None:
    """The report a body holds (``None`` for a body this version cannot read: recompute)."""
    try:
        return Report(
            inputs=[str(i) for i in body["inputs"]],
            stages=[StageRun(**run) for run in body["stages"]],
            issues=[Issue(**issue) for issue in body["issues"]],
            unreadable=[str(u) for u in body["unreadable"]],
            accepted=[
                Accepted(Issue(**a["issue"]), a["reason"], a["file"], a["line"])
                for a in body["accepted"]
            ],
        )
    except (KeyError, TypeError, ValueError):
        return None
