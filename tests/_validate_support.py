"""Helpers for the validate, QC, diff and bad-input tests.

``fixture_project(tmp)`` makes a small evonto project: the stand-in ontology of
``tests/fixtures/validate/ontology.ttl`` as its edit file (no imports), with the repository's
real ``shapes/`` and ``queries/``. ``run_cli`` runs ``evonto`` as a real subprocess.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "validate"
GOOD = FIXTURES / "good_findings.ttl"
CATALOG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<catalog prefer="public" xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
    "</catalog>\n"
)


def fixture_project(tmp: Path, ontology: Path | None = None) -> Path:
    """A project folder in ``tmp`` with the fixture ontology and the real shapes and queries."""
    root = tmp / "project"
    (root / "ontology").mkdir(parents=True)
    shutil.copyfile(ontology or FIXTURES / "ontology.ttl", root / "ontology" / "evonto-edit.ttl")
    (root / "ontology" / "catalog-v001.xml").write_text(CATALOG, encoding="utf-8")
    shutil.copytree(ROOT / "shapes", root / "shapes")
    shutil.copytree(ROOT / "queries", root / "queries")
    return root


def run_cli(
    args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """``python -m evonto ARGS`` as a subprocess (text output, never raising on failure)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("EVONTO_PROJECT", None)
    if env and "EVONTO_PROJECT" in env:
        full_env["EVONTO_PROJECT"] = env["EVONTO_PROJECT"]
    return subprocess.run(
        [sys.executable, "-m", "evonto", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
