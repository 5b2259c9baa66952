"""Problems point at the line where a node is written as a subject, in every RDF syntax."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from tests._validate_support import ROOT, run_cli

SOURCE = ROOT / "tests" / "bad_inputs" / "two_roles.ttl"
FINDING = "https://w3id.org/evonto/finding/EVBC-A901"


@pytest.mark.parametrize(
    ("suffix", "fmt"),
    [(".ttl", "turtle"), (".rdf", "pretty-xml"), (".jsonld", "json-ld"), (".nt", "nt11")],
)
def test_problem_line_is_the_subject_line(suffix: str, fmt: str, tmp_path: Path) -> None:
    graph = rdflib.Graph().parse(SOURCE)
    path = tmp_path / f"two_roles{suffix}"
    path.write_bytes(graph.serialize(format=fmt, encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    done = run_cli(["validate", "--no-reasoner", str(path)])
    assert done.returncode == 1
    hit = next(line for line in done.stdout.splitlines() if "evonto-sh:Finding-role" in line)
    line = int(hit.split(f"{path.name}:", 1)[1].split(":", 1)[0])
    written = lines[line - 1]
    assert FINDING in written or "finding:EVBC-A901" in written
    # and it is the first line naming the finding as a subject, not some later mention
    assert all(
        FINDING not in earlier and "EVBC-A901" not in earlier for earlier in lines[: line - 1]
    )
