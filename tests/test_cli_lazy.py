"""The CLI starts light: ``--help`` of the group and of build/normalize loads no RDF stack."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("rdflib", "owlready2", "pyoxigraph", "pyshacl")
PROBE = """
import sys
from click.testing import CliRunner
from evonto.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
assert result.exit_code == 0, result.output
print(result.output)
print("LOADED", *sorted(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["normalize", "--help"]])
def test_help_does_not_import_heavy_libraries(args):
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    *output, loaded = done.stdout.strip().splitlines()
    assert loaded == "LOADED"
    text = "\n".join(output)
    if args == ["--help"]:
        assert "build" in text and "normalize" in text
    else:
        assert "Usage:" in text
    if args[0] == "build":
        assert "--no-reasoner" in text and "--out" in text
    if args[0] == "normalize":
        assert "--check" in text
