"""Start-up: the light commands do not load the heavy RDF, SHACL or OWL libraries.

``evonto --help``, ``evonto --version``, a subcommand's ``--help`` and ``evonto query --list``
run in a fresh interpreter; the modules loaded by the time it exits must not include rdflib,
pyshacl, owlready2 (nor pyoxigraph, which only the commands that touch RDF need).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("rdflib", "pyshacl", "owlready2", "pyoxigraph")

PROBE = """
import atexit, json, sys
def report():
    loaded = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
    sys.__stderr__.write("HEAVY=" + json.dumps(loaded) + "\\n")
atexit.register(report)
sys.argv = ["evonto", *%r]
from evonto.cli import main
main()
"""


def loaded_heavy(args: list[str]) -> tuple[list[str], subprocess.CompletedProcess]:
    """Run ``evonto ARGS`` in a fresh interpreter; the heavy top-level modules it imported."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("HEAVY="))
    return json.loads(line.removeprefix("HEAVY=")), proc


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["query", "--list"], ["validate", "--help"], ["query", "--help"]],
    ids=" ".join,
)
def test_light_commands_do_not_import_heavy_libraries(args: list[str]) -> None:
    heavy, proc = loaded_heavy(args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip(), "the command printed nothing"
    assert heavy == [], f"evonto {' '.join(args)} imported {heavy}"


def test_probe_sees_heavy_imports() -> None:
    """The probe is not blind: a command that really validates loads the RDF libraries."""
    heavy, _ = loaded_heavy(["validate", "--no-reasoner", "/nonexistent/file.ttl"])
    assert "rdflib" in heavy or "pyoxigraph" in heavy
