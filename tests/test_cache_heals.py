"""A damaged cache is rebuilt with a notice, never a traceback (issue 11, item 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from evonto.build import reasoner_cache

QUERY = "alignment/mondo-terms"


def _query(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evonto", "--project", str(project), "query", QUERY],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
        timeout=600,
    )


def _truncate_tables(store: Path) -> None:
    for table in store.glob("*.sst"):
        with table.open("r+b") as handle:
            handle.truncate(100)


def _garble_current(store: Path) -> None:
    (store / "CURRENT").write_bytes(b"\x00garbage")


def _wrong_count(store: Path) -> None:
    key, count = (store / "READY").read_text().split()
    (store / "READY").write_text(f"{key} {int(count) + 7}\n")


def _remove_everything_but_ready(store: Path) -> None:
    for entry in store.iterdir():
        if entry.name != "READY":
            entry.unlink()


@pytest.mark.parametrize(
    "damage", [_truncate_tables, _garble_current, _wrong_count, _remove_everything_but_ready]
)
def test_a_damaged_query_store_is_rebuilt(project_copy, damage):
    first = _query(project_copy)
    assert first.returncode == 0, first.stderr
    stores = [p for p in (project_copy / "dist" / ".cache" / "query-store").iterdir()]
    (store,) = [p for p in stores if not p.name.startswith(".")]
    damage(store)
    healed = _query(project_copy)
    assert healed.returncode == 0, healed.stderr
    assert "Traceback" not in healed.stderr
    assert "is damaged" in healed.stderr and "rebuilding" in healed.stderr
    assert healed.stdout == first.stdout
    again = _query(project_copy)  # rebuilt once: no notice the next time
    assert again.returncode == 0 and "damaged" not in again.stderr
    assert again.stdout == first.stdout


TINY = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:owl="http://www.w3.org/2002/07/owl#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <owl:Ontology rdf:about="https://example.org/tiny"/>
  <owl:Class rdf:about="https://example.org/A"/>
  <owl:Class rdf:about="https://example.org/B">
    <rdfs:subClassOf rdf:resource="https://example.org/A"/>
  </owl:Class>
</rdf:RDF>
"""


@pytest.mark.parametrize("damage", [b"", b'{"key": ', b"\xff\xfe not json", b'{"key": 1}'])
def test_a_damaged_reasoner_cache_entry_is_recomputed(tmp_path, monkeypatch, damage):
    owl = tmp_path / "tiny.owl"
    owl.write_text(TINY)
    monkeypatch.setenv(reasoner_cache.ENV, str(tmp_path / "cache"))
    first = reasoner_cache.cached_reason(owl, rdflib.Graph())
    assert first.ok and not first.cached
    (entry,) = (tmp_path / "cache").glob("*.json")
    entry.write_bytes(damage)
    again = reasoner_cache.cached_reason(owl, rdflib.Graph())
    assert again.ok and not again.cached  # reasoned again, not read from the broken file
    assert json.loads(entry.read_text())["key"] == entry.stem  # and the entry rewritten
    assert reasoner_cache.cached_reason(owl, rdflib.Graph()).cached
