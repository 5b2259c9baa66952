"""A second ``evonto validate`` of unchanged sources reuses the first run's reasoning result.

The result is keyed by the checksums of the source files (and evonto's code), so the second run
neither merges the graphs for HermiT nor writes RDF/XML; a corrupt cache entry is rewritten.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import evonto.build.serializers as serializers
from evonto.project import Project
from evonto.validate import Options, validate_project
from evonto.validate.formatters import render_json

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


def _run(monkeypatch: pytest.MonkeyPatch, project: Project) -> tuple[str, int]:
    """The JSON report of one validate, and how often the reasoner input was written."""
    written = []
    real = serializers.rdf_xml

    def counted(*args, **kwargs):
        written.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(serializers, "rdf_xml", counted)
    return render_json(validate_project(project, Options(reasoner=True))), len(written)


def test_second_validate_reuses_reasoning_and_heals_a_corrupt_entry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from evonto.build.reasoner_cache import sources_key
    from evonto.validate.pipeline import _project_files

    monkeypatch.setenv("EVONTO_REASONER_CACHE", str(tmp_path))
    project = Project.locate(ROOT)
    first, writes = _run(monkeypatch, project)
    assert writes == 1
    entry = tmp_path / f"sources-{sources_key(_project_files(project))}.json"
    assert json.loads(entry.read_text())["body"]["consistent"] is True

    second, writes = _run(monkeypatch, project)
    assert (second, writes) == (first, 0)

    entry.write_text('{"key": "trunc', encoding="utf-8")  # a half-written cache file
    third, _ = _run(monkeypatch, project)
    assert third == first
    assert json.loads(entry.read_text())["body"]["consistent"] is True


def test_hermits_input_gets_no_canonical_blank_node_labels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """HermiT reads its input once, so validate does not relabel its blank nodes canonically:
    on the release merged with the project that took 150 s of 155."""

    def refused(graph):
        raise AssertionError("canonical blank-node labels computed for HermiT's input")

    monkeypatch.setenv("EVONTO_REASONER_CACHE", "off")
    monkeypatch.setattr(serializers, "canonical_graph", refused)
    report = validate_project(Project.locate(ROOT), Options(reasoner=True))
    assert report.stage("reasoning").note == "HermiT: consistent, 0 unsatisfiable classes"
    assert not [i for i in report.issues if i.stage == "reasoning"]
