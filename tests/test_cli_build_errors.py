"""Bad input to ``evonto build``: located messages, exit code 2, no traceback, dist/ intact."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from evonto.cli import cli

EDIT = Path("ontology") / "evonto-edit.ttl"
MISSING_IMPORT = "https://w3id.org/evonto/imports/not_in_catalog.ttl"


def _run_cli(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args], catch_exceptions=False)


def _run_subprocess(project: Path, *args: str, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "evonto", "--project", str(project), *args],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
        check=False,
    )


def _break_turtle(project: Path) -> int:
    """Leave a string literal unterminated on some line; return that line number (1-based)."""
    lines = (project / EDIT).read_text().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if 'rdfs:label "' in line)
    lines[number] = lines[number].replace('rdfs:label "', 'rdfs:label "unterminated\n', 1)
    (project / EDIT).write_text("".join(lines))
    return number + 1


def _add_import(project: Path) -> None:
    text = (project / EDIT).read_text()
    new = re.sub(r"owl:imports ", f"owl:imports <{MISSING_IMPORT}>, ", text, count=1)
    assert new != text
    (project / EDIT).write_text(new)


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("runner", ["clirunner", "subprocess"])
def test_broken_turtle_is_located(project_copy, runner):
    line = _break_turtle(project_copy)
    if runner == "clirunner":
        result = _run_cli(project_copy, "build", "--no-reasoner")
        code, output = result.exit_code, result.output
    else:
        done = _run_subprocess(project_copy, "build", "--no-reasoner")
        code, output = done.returncode, done.stdout + done.stderr
    assert code == 2
    assert re.search(rf"ontology/evonto-edit\.ttl:{line}:\d+: ", output), output
    assert "Traceback" not in output
    assert not (project_copy / "dist").exists()


@pytest.mark.parametrize("runner", ["clirunner", "subprocess"])
def test_import_missing_from_catalog_is_named(project_copy, runner):
    _add_import(project_copy)
    if runner == "clirunner":
        result = _run_cli(project_copy, "build", "--no-reasoner")
        code, output = result.exit_code, result.output
    else:
        done = _run_subprocess(project_copy, "build", "--no-reasoner")
        code, output = done.returncode, done.stdout + done.stderr
    assert code == 2
    assert MISSING_IMPORT in output
    assert "catalog-v001.xml" in output
    assert "Traceback" not in output


def test_failed_build_leaves_previous_dist_intact(project_copy):
    first = _run_subprocess(project_copy, "build", "--no-reasoner")
    assert first.returncode == 0, first.stderr
    dist = project_copy / "dist"
    before = _snapshot(dist)
    assert "evonto.owl" in before and "manifest.json" in before
    _break_turtle(project_copy)
    failed = _run_subprocess(project_copy, "build", "--no-reasoner")
    assert failed.returncode == 2
    assert _snapshot(dist) == before
    leftovers = [p.name for p in project_copy.iterdir() if p.name.startswith(".dist.")]
    assert leftovers == [".dist.releases"]  # the releases, the lock and the cache
    assert not list((project_copy / ".dist.releases").glob(".new-*"))


def test_rebuild_replaces_the_whole_folder(project_copy):
    out = project_copy / "release"
    out.mkdir()
    (out / "manifest.json").write_text("{}")  # an older release
    (out / "stale.txt").write_text("left over from an older release")
    result = _run_cli(project_copy, "-q", "build", "--no-reasoner", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not (out / "stale.txt").exists()
    assert (out / "manifest.json").is_file()


def test_cache_folder_survives_and_does_not_block_the_first_build(project_copy):
    """``evonto query`` may create dist/.cache before any build; a build keeps it."""
    cache = project_copy / "dist" / ".cache"
    cache.mkdir(parents=True)
    (cache / "store-key").write_text("derived data")
    result = _run_cli(project_copy, "-q", "build", "--no-reasoner")
    assert result.exit_code == 0, result.output
    assert (project_copy / "dist" / "manifest.json").is_file()
    assert (cache / "store-key").read_text() == "derived data"


@pytest.mark.parametrize("target", ["other", "project", "ontology"])
def test_refuses_to_replace_a_folder_that_is_not_a_release(project_copy, target):
    out = {
        "other": project_copy / "notes",
        "project": project_copy,
        "ontology": project_copy / "ontology",
    }[target]
    out.mkdir(exist_ok=True)
    (out / "keep.txt").write_text("not a release")
    before = sorted(p.name for p in project_copy.rglob("*"))
    result = _run_cli(project_copy, "build", "--no-reasoner", "--out", str(out))
    assert result.exit_code == 2
    assert "release folder" in result.output or "not an evonto release" in result.output
    assert sorted(p.name for p in project_copy.rglob("*")) == before


def test_without_java_the_message_says_what_to_do(project_copy):
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir}
    if any((Path(bindir) / name).exists() for name in ("java", "java.exe")):
        pytest.skip("java lives next to python; cannot hide it")
    done = _run_subprocess(project_copy, "build", env=env)
    assert done.returncode == 2
    assert "Java" in done.stderr and "--no-reasoner" in done.stderr
    assert "Traceback" not in done.stderr
    skipped = _run_subprocess(project_copy, "-q", "build", "--no-reasoner", env=env)
    assert skipped.returncode == 0, skipped.stderr


def _undated_version(project: Path) -> str:
    text = (project / EDIT).read_text()
    new = re.sub(r"/releases/\d{4}-\d{2}-\d{2}/evonto\.owl", "/releases/latest/evonto.owl", text)
    assert new != text
    (project / EDIT).write_text(new)
    return (
        r"ontology/evonto-edit\.ttl: owl:versionIRI <[^>]*latest[^>]*> is not a dated release IRI"
    )


def _broken_module(project: Path) -> str:
    module = project / "ontology" / "imports" / "so_import.ttl"
    module.write_text(module.read_text() + "\nSO:0000276 rdfs:label .\n")
    return r"ontology/imports/so_import\.ttl:\d+:\d+: "


def _catalog_to_missing_file(project: Path) -> str:
    catalog = project / "ontology" / "catalog-v001.xml"
    text = catalog.read_text().replace('uri="imports/so_import.ttl"', 'uri="imports/so_gone.ttl"')
    catalog.write_text(text)
    return r"ontology/catalog-v001\.xml: catalog maps <[^>]+> to .*so_gone\.ttl, which does not"


def _malformed_catalog(project: Path) -> str:
    catalog = project / "ontology" / "catalog-v001.xml"
    catalog.write_text(catalog.read_text().replace("</catalog>", "</catalo>"))
    return r"ontology/catalog-v001\.xml:\d+:\d+: malformed XML"


@pytest.mark.parametrize(
    "breaker", [_undated_version, _broken_module, _catalog_to_missing_file, _malformed_catalog]
)
def test_bad_sources_give_located_messages(project_copy, breaker):
    expected = breaker(project_copy)
    result = _run_cli(project_copy, "build", "--no-reasoner")
    assert result.exit_code == 2, result.output
    assert re.search(expected, result.output), result.output
    assert "Traceback" not in result.output
    assert not (project_copy / "dist").exists()


def test_build_says_what_each_file_is(tmp_path: Path) -> None:
    """The file list names each artefact; the JSON-LD context is not '0 triples'."""
    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "dist"
    result = CliRunner().invoke(
        cli, ["--project", str(root), "build", "--no-reasoner", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if "context.jsonld:" in x]
    assert line.strip().endswith("bytes (JSON-LD @context)"), line
    assert "triples" not in line
    assert "evonto.ttl:" in result.output and "triples (merged ontology" in result.output
