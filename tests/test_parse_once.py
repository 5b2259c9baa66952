"""Each source is parsed once per command, counted at the RDF libraries' own entry points.

The counters wrap ``pyoxigraph.parse``, ``pyoxigraph.Store.load``/``bulk_load`` and rdflib's
``Graph.parse`` (not evonto's helpers), so any code path that parses a file again, or
serialises a graph and parses it back, shows up.
"""

from __future__ import annotations

import collections
import hashlib
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner

from evonto.cli import cli
from evonto.project import Project
from evonto.sources import import_iris, resolve_imports

ROOT = Path(__file__).resolve().parent.parent


class Parses:
    """Source -> number of parses; a parse of in-memory data with no base IRI is ``<data>``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, files: list[str]) -> None:
        self.counts: collections.Counter[str] = collections.Counter()
        #: a file parsed from its bytes (no path, no base IRI) is recognised by its content
        self.contents = {_digest(Path(f).read_bytes()): f for f in files}
        real_parse, real_store, real_graph_parse = (
            pyoxigraph.parse,
            pyoxigraph.Store,
            rdflib.Graph.parse,
        )
        parses = self

        def parse(input=None, format=None, *, path=None, base_iri=None, **kw):
            parses.note(path, base_iri, input)
            return real_parse(input, format, path=path, base_iri=base_iri, **kw)

        class Store:
            """pyoxigraph.Store (not subclassable) with its loading methods counted."""

            def __init__(self, *args, **kwargs) -> None:
                object.__setattr__(self, "_store", real_store(*args, **kwargs))

            def __getattr__(self, name: str):
                return getattr(self._store, name)

            def __len__(self) -> int:
                return len(self._store)

            def __iter__(self):
                return iter(self._store)

            def __contains__(self, quad) -> bool:
                return quad in self._store

            def load(self, input=None, format=None, *, path=None, base_iri=None, **kw):
                parses.note(path, base_iri, input)
                return self._store.load(input, format, path=path, base_iri=base_iri, **kw)

            def bulk_load(self, input=None, format=None, *, path=None, base_iri=None, **kw):
                parses.note(path, base_iri, input)
                return self._store.bulk_load(input, format, path=path, base_iri=base_iri, **kw)

        def graph_parse(graph, source=None, publicID=None, format=None, location=None, **kw):
            where = location or (str(source) if isinstance(source, (str, Path)) else None)
            parses.note(where, publicID, kw.get("data"))
            return real_graph_parse(
                graph, source, publicID=publicID, format=format, location=location, **kw
            )

        monkeypatch.setattr(pyoxigraph, "parse", parse)
        monkeypatch.setattr(pyoxigraph, "Store", Store)
        monkeypatch.setattr(rdflib.Graph, "parse", graph_parse)

    def note(self, path, base_iri, data=None) -> None:
        if path is not None:
            self.counts[str(Path(path).resolve())] += 1
        elif base_iri and base_iri.startswith("file://"):
            self.counts[base_iri.removeprefix("file://")] += 1
        elif isinstance(data, (bytes, str)) and _digest(data) in self.contents:
            self.counts[self.contents[_digest(data)]] += 1
        else:
            self.counts["<data>"] += 1


def _digest(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw.removeprefix(b"\xef\xbb\xbf")).hexdigest()


def _sources(project: Project) -> list[str]:
    files = [project.edit_file]
    files += resolve_imports(project, import_iris(project.edit_file)).values()
    files += sorted(project.shapes_dir.glob("*.ttl"))
    return sorted(str(p.resolve()) for p in files)


@pytest.mark.parametrize("report_cache", ["off", "cold"])
def test_validate_parses_each_project_source_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, report_cache: str
) -> None:
    # with the report cache on, its key lists the import modules first: still one parse each
    monkeypatch.setenv("EVONTO_VALIDATE_CACHE", "off" if report_cache == "off" else str(tmp_path))
    expected = _sources(Project.locate(ROOT))
    parses = Parses(monkeypatch, expected)
    result = CliRunner().invoke(
        cli, ["--project", str(ROOT), "-q", "validate", "--no-reasoner", "--fail-on", "none"]
    )
    assert result.exit_code == 0, result.output
    assert {f: parses.counts[f] for f in expected} == dict.fromkeys(expected, 1)
    assert parses.counts["<data>"] == 0, "a graph was serialised and parsed back"
    assert set(parses.counts) == set(expected)


def test_validate_of_a_file_parses_it_and_the_project_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "finding.ttl"
    data.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/evonto/finding/EVBC-A901> rdfs:label "a finding"@en .\n',
        encoding="utf-8",
    )
    expected = sorted([*_sources(Project.locate(ROOT)), str(data.resolve())])
    parses = Parses(monkeypatch, expected)
    result = CliRunner().invoke(
        cli,
        ["--project", str(ROOT), "-q", "validate", str(data), "--no-reasoner", "--fail-on", "none"],
    )
    assert result.exit_code == 0, result.output
    assert {f: parses.counts[f] for f in expected} == dict.fromkeys(expected, 1)
    assert parses.counts["<data>"] == 0, "a graph was serialised and parsed back"
