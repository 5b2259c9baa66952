"""Shared fixtures for every test module.

- ``repo_root``: the checkout (``Path``).
- ``built_release``: the real project's release, built ONCE per test session into a temporary
  folder with ``build_release(..., reasoner=True)`` (HermiT: the inferred types are materialised).
  It yields a
  :class:`BuiltRelease` with ``dir`` (the release folder), ``files`` (artefact name -> path,
  e.g. ``built_release.files["evonto.ttl"]``) and ``manifest`` (the parsed ``manifest.json``).
  Treat the folder as read-only; HermiT itself is tested in ``test_reasoner_hermit.py``.
- ``project_copy``: a fresh copy of ``ontology/``, ``shapes/`` and ``queries/`` in ``tmp_path``
  (returns its root) for tests that break or edit sources; pass it as ``--project``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_DIRS = ("ontology", "shapes", "queries")

# HermiT results are cached by input checksum (evonto.build.reasoner_cache); the tests share
# one fresh cache per run (inherited by the subprocesses they start), never the user's own.
if "EVONTO_REASONER_CACHE" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="evonto-test-reasoner-")
    os.environ["EVONTO_REASONER_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)
# A project validate's report is cached too (evonto.validate.report_cache): off in the tests, so
# each one runs the stages it checks; tests/test_validate_report_cache.py switches it on.
os.environ.setdefault("EVONTO_VALIDATE_CACHE", "off")


@dataclass(frozen=True)
class BuiltRelease:
    """A release folder built from the real project sources."""

    dir: Path
    files: dict[str, Path]
    manifest: dict


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_release(tmp_path_factory: pytest.TempPathFactory) -> BuiltRelease:
    from evonto.build import build_release
    from evonto.project import Project

    out = tmp_path_factory.mktemp("release") / "dist"
    result = build_release(Project.locate(ROOT), out, reasoner=True)
    return BuiltRelease(result.out_dir, result.files, result.manifest)


def copy_project(target: Path) -> Path:
    """Copy the project's sources (not dist/) into ``target``; return ``target``."""
    for name in PROJECT_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def copy_sources():
    """:func:`copy_project` as a fixture, for module- or session-scoped fixtures."""
    return copy_project
