"""The wheel carries the sources (ontology, shapes, queries) and works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (found,) = out.glob("evonto-*.whl")
    return found


def _expected_data_files() -> list[str]:
    expected = []
    for folder in ("ontology", "shapes", "queries"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                expected.append("evonto/data/" + path.relative_to(ROOT).as_posix())
    return expected


def test_wheel_contains_the_sources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "evonto/data/ontology/evonto-edit.ttl" in names
    assert "evonto/data/ontology/catalog-v001.xml" in names
    assert any(
        n.startswith("evonto/data/ontology/imports/") and n.endswith("_import.ttl") for n in names
    )
    assert any(n.startswith("evonto/data/shapes/") for n in names)
    assert any(n.startswith("evonto/data/queries/") for n in names)
    missing = [n for n in _expected_data_files() if n not in names]
    assert missing == []
    assert "evonto/cli.py" in names and "evonto/build/release.py" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "evonto = evonto.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_layout_finds_its_bundled_project(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "EVONTO_PROJECT"}
    env["PYTHONPATH"] = str(site)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    code = (
        "import evonto, sys\n"
        "from evonto.project import Project\n"
        "from evonto.sources import load_sources\n"
        "p = Project.locate()\n"
        "assert str(p.root).startswith(sys.argv[1]), (p.root, evonto.__file__)\n"
        "s = load_sources(p, assertions=False)\n"
        "print(p.root, p.dist_dir, len(s.edit), len(s.imports))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(site)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    root, dist, edit_triples, modules = done.stdout.split()
    assert root == str(site / "evonto" / "data")
    assert dist.startswith(str(tmp_path / "cache"))
    assert int(edit_triples) > 100 and int(modules) >= 1


def test_installed_package_builds_its_bundled_release(wheel, tmp_path):
    """``evonto build`` outside any checkout: bundled sources in, release in the user cache."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "EVONTO_PROJECT"}
    env["PYTHONPATH"] = str(site)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    done = subprocess.run(
        [sys.executable, "-m", "evonto", "-q", "build", "--no-reasoner"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    release = tmp_path / "cache" / "evonto" / "dist"
    assert (release / "evonto.owl").is_file() and (release / "manifest.json").is_file()
    assert list(elsewhere.iterdir()) == []
