"""Problems point at the line where a node is written as a subject, in every RDF syntax."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import rdflib

from evonto.validate import locate
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


def test_an_index_built_in_the_background_is_built_once_and_answers_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "".join(
        f"<https://ex.org/s{n}> <https://ex.org/p> <https://ex.org/o{n}> .\n" for n in range(5000)
    )
    expected = locate.Locator()
    expected.add_text("a.nt", text)
    builds: list[str] = []
    started, release = threading.Event(), threading.Event()
    original = locate._TextIndex._subject_blocks

    def slow_build(index: locate._TextIndex) -> dict[str, list[int]]:
        builds.append(threading.current_thread().name)
        started.set()
        release.wait(10)  # the lookup below arrives while this build is under way
        return original(index)

    monkeypatch.setattr(locate._TextIndex, "_subject_blocks", slow_build)
    locator = locate.Locator()
    locator.add_text("a.nt", text)
    locator.index_in_background()
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()
    found = [locator.locate(f"https://ex.org/{n}") for n in ("s4999", "o17", "s0")]
    monkeypatch.setattr(locate._TextIndex, "_subject_blocks", original)
    assert builds == ["evonto-locate"]  # the lookup waited for it, and built nothing itself
    assert found == [expected.locate(f"https://ex.org/{n}") for n in ("s4999", "o17", "s0")]
    assert [p.line for p in found] == [5000, 18, 1]
