"""A second ``evonto validate`` of an unchanged project answers from the first run's report
(:mod:`evonto.validate.report_cache`); any changed input, a damaged entry or an unreadable
source makes it validate again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._validate_support import run_cli


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "validate-cache"


def _validate(project: Path, cache: Path, *args: str):
    return run_cli(
        ["--project", str(project), "validate", "--no-reasoner", *args],
        env={"EVONTO_VALIDATE_CACHE": str(cache)},
    )


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json")) if cache.is_dir() else []


def test_the_second_run_answers_from_the_stored_report(project_copy: Path, cache: Path) -> None:
    first = _validate(project_copy, cache, "--format", "json")
    assert first.returncode == 0, first.stderr
    [entry] = _entries(cache)
    stored = json.loads(entry.read_text())
    assert stored["key"] == entry.stem
    second = _validate(project_copy, cache, "--format", "json")
    assert (second.returncode, second.stdout) == (0, first.stdout)
    # the stored report is what a run prints: mark it and see the mark come back
    for run in stored["body"]["stages"]:
        if run["name"] == "reasoning":
            run["note"] = "marked in the cache"
    entry.write_text(json.dumps(stored))
    third = _validate(project_copy, cache)
    assert third.returncode == 0
    assert "marked in the cache" in third.stdout


def test_a_changed_table_is_validated_again(project_copy: Path, cache: Path) -> None:
    table = project_copy / "ontology" / "assertions" / "findings.tsv"
    clean = _validate(project_copy, cache)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    original = table.read_text(encoding="utf-8")
    table.write_text(original.replace("EVBC-A002\t", "EVBC-A001\t", 1), encoding="utf-8")
    broken = _validate(project_copy, cache)
    assert broken.returncode == 1, broken.stdout
    assert "EVBC-A001" in broken.stdout
    table.write_text(original, encoding="utf-8")  # back as it was: the first report again
    assert _validate(project_copy, cache).stdout == clean.stdout
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize("changed", ["queries/qc/missing_label.rq", "shapes"])
def test_a_changed_check_is_run_again(project_copy: Path, cache: Path, changed: str) -> None:
    assert _validate(project_copy, cache).returncode == 0
    target = project_copy / changed
    if target.is_dir():
        target = sorted(target.glob("*.ttl"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _validate(project_copy, cache).returncode == 0
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize("damage", [b"", b'{"key": ', b"\xff\xfe", b'{"key": "x", "body": {}}'])
def test_a_damaged_entry_is_validated_again_and_rewritten(
    project_copy: Path, cache: Path, damage: bytes
) -> None:
    first = _validate(project_copy, cache)
    [entry] = _entries(cache)
    entry.write_bytes(damage)
    again = _validate(project_copy, cache)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    assert json.loads(entry.read_text())["key"] == entry.stem


def test_a_report_with_an_unreadable_source_is_not_kept(project_copy: Path, cache: Path) -> None:
    edit = project_copy / "ontology" / "evonto-edit.ttl"
    edit.write_text(edit.read_text(encoding="utf-8") + "\nthis is not turtle\n", encoding="utf-8")
    done = _validate(project_copy, cache)
    assert done.returncode == 2, done.stdout
    assert "evonto-edit.ttl" in done.stdout
    assert _entries(cache) == []


def test_off_switches_the_cache_off(project_copy: Path, tmp_path: Path) -> None:
    done = run_cli(
        ["--project", str(project_copy), "validate", "--no-reasoner"],
        cwd=tmp_path,
        env={"EVONTO_VALIDATE_CACHE": "off", "XDG_CACHE_HOME": str(tmp_path / "xdg")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (tmp_path / "xdg" / "evonto" / "validate").exists()
