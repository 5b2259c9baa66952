"""Commands that need an optional package say which one and how to install it (exit 2, no
traceback) when it is missing; the commands that do not need it keep working.

The packages are hidden from a real ``python -m evonto`` subprocess by a ``sitecustomize``
module on its ``PYTHONPATH``: imports of them fail and ``importlib.util.find_spec`` does not
see them, as in an environment where they were never installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HIDDEN = ("sssom", "nanopub", "biolink_model", "zstandard")

SITECUSTOMIZE = f"""
import importlib.util, sys
HIDDEN = {set(HIDDEN)!r}

class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, Hide())
_find_spec = importlib.util.find_spec

def find_spec(name, package=None):
    return None if name.split(".")[0] in HIDDEN else _find_spec(name, package)

importlib.util.find_spec = find_spec
"""


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a process that cannot see the optional packages."""
    folder = tmp_path_factory.mktemp("hide")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(folder)}
    env.pop("EVONTO_PROJECT", None)
    return env


def _evonto(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evonto", "--project", str(ROOT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("package", HIDDEN)
def test_the_packages_are_installed_but_hidden(hidden: dict[str, str], package: str) -> None:
    code = f"import {package}"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
    hid = subprocess.run([sys.executable, "-c", code], env=hidden, capture_output=True, check=False)
    assert hid.returncode == 1 and b"ModuleNotFoundError" in hid.stderr


@pytest.mark.parametrize(
    ("args", "package"),
    [
        (("sssom",), "sssom"),
        (("nanopub", "--check"), "nanopub"),
        (("kgx", "--check"), "biolink-model"),
    ],
)
def test_a_command_that_needs_a_missing_package_names_it(
    hidden: dict[str, str], tmp_path: Path, args: tuple[str, ...], package: str
) -> None:
    out = tmp_path / "out"
    done = _evonto(hidden, "export", "--no-reasoner", *args, "--out", str(out))
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"the optional {package} package" in done.stderr
    assert "pip install 'evonto[export]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())  # nothing half-written


def test_exports_that_need_no_optional_package_still_run(
    hidden: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "all"
    done = _evonto(hidden, "export", "--no-reasoner", "all", "--out", str(out))
    assert done.returncode == 0, done.stderr
    written = {p.name for p in out.rglob("*") if p.is_file()}
    assert {"findings.jsonld", "void.ttl", "nanopubs.trig"} <= written
    assert not any(".sssom." in name for name in written)  # sssom hidden: skipped
