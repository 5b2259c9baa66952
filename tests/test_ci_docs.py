"""docs/ci.md's "first green run", run as written: the docs cannot drift from what works.

The commands of the block under ``<!-- run: ... -->`` are run one by one in an empty folder:
``pip install evonto`` installs the wheel built from this checkout (``--no-deps``: the test
environment has the dependencies), ``cd`` changes folder and ``evonto ...`` runs the installed
package; any other command fails the test. Each ``<!-- file: NAME -->`` block must be the
file ``evonto init`` wrote, byte for byte, and the last command must pass with no warning.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ci.md"
BLOCK = re.compile(r"```[a-z]*\n(.*?)```", re.DOTALL)


def _block_after(text: str, marker: str) -> str:
    start = text.index(marker)
    match = BLOCK.search(text, start)
    assert match and text[start : match.start()].count("\n") == 1, f"no block right after {marker}"
    return match.group(1)


def _commands(text: str) -> list[list[str]]:
    block = _block_after(text, "<!-- run:")
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return [shlex.split(line) for line in lines if line]


def _files(text: str) -> dict[str, str]:
    names = re.findall(r"<!-- file: (\S+) -->", text)
    return {name: _block_after(text, f"<!-- file: {name} -->") for name in names}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    done = subprocess.run(
        [*argv, "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (found,) = out.glob("evonto-*.whl")
    return found


def test_the_docs_name_the_commands_and_files():
    text = DOC.read_text(encoding="utf-8")
    commands = _commands(text)
    assert commands[0] == ["pip", "install", "evonto"]
    assert commands[-1][:2] == ["evonto", "validate"] and "--fail-on" in commands[-1]
    assert set(_files(text)) == {"findings.ttl", "terms.tsv", "pyproject.toml"}


def test_first_green_run_as_written(wheel, tmp_path):
    text = DOC.read_text(encoding="utf-8")
    site, here = tmp_path / "site", tmp_path / "user"
    here.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("EVONTO_PROJECT", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    last = None
    for command in _commands(text):
        if command[:2] == ["pip", "install"]:
            assert command[2:] == ["evonto"]
            argv = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet"]
            argv += ["--target", str(site), str(wheel)]
        elif command[0] == "cd":
            here = here / command[1]
            continue
        elif command[0] == "evonto":
            argv = [sys.executable, "-m", "evonto", *command[1:]]
        else:
            pytest.fail(f"docs/ci.md runs {command[0]!r}, which this test does not know")
        last = subprocess.run(
            argv, cwd=here, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert last.returncode == 0, (command, last.stdout, last.stderr)
    assert "passed: 0 error(s), 0 warning(s), 0 info" in last.stdout
    for name, shown in _files(text).items():
        assert (here / name).read_text(encoding="utf-8") == shown, name
