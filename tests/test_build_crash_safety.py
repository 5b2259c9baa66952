"""``dist/`` is always one complete release: a build killed at any point, a concurrent build,
a read-only or full disk, a killed build's JVM (issue 11, items 3, 6 and 9)."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evonto.build.checkpoints import ENV, POINTS
from evonto.build.releases import (
    JVM_MARK,
    READERS,
    Releases,
    clean,
    reading,
    reap_reasoner,
)

EDIT = Path("ontology") / "evonto-edit.ttl"


def _build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evonto", "--project", str(project), "build", *args],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=600,
    )


def _complete(dist: Path) -> dict:
    """The manifest of the release ``dist`` shows, after checking every file it lists."""
    manifest = json.loads((dist / "manifest.json").read_text())
    for name, entry in manifest["files"].items():
        data = (dist / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
    return manifest


def _change_a_label(project: Path) -> None:
    text = (project / EDIT).read_text()
    new = text.replace('rdfs:label "', 'rdfs:label "changed ', 1)
    assert new != text
    (project / EDIT).write_text(new)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory, copy_sources) -> Path:
    project = copy_sources(tmp_path_factory.mktemp("built") / "project")
    done = _build(project, "--no-reasoner")
    assert done.returncode == 0, done.stderr
    return project


def _copy(built: Path, tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(built, target, symlinks=True)
    return target


@pytest.mark.parametrize("point", POINTS)
def test_a_killed_build_leaves_the_old_or_the_new_release(built_once, tmp_path, point):
    project = _copy(built_once, tmp_path)
    dist = project / "dist"
    old = _complete(dist)
    _change_a_label(project)
    killed = _build(project, "--no-reasoner", env={ENV: point})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    now = _complete(dist)  # a whole release, whichever it is
    if point == "switched":
        assert now["files"]["evonto.ttl"] != old["files"]["evonto.ttl"]
    else:
        assert now == old
    again = _build(project, "--no-reasoner")
    assert again.returncode == 0, again.stderr
    assert _complete(dist)["files"]["evonto.ttl"] != old["files"]["evonto.ttl"]
    root = Releases(dist).root
    assert not list(root.glob(".new-*")), "a killed build's staging folder was not removed"
    releases = [e for e in root.iterdir() if e.is_dir() and e.name != "cache"]
    assert len(releases) <= 2, releases  # the current one and the previous one


def test_query_after_a_killed_build_answers_from_the_release(built_once, tmp_path):
    project = _copy(built_once, tmp_path)
    _change_a_label(project)
    killed = _build(project, "--no-reasoner", env={ENV: "renamed"})
    assert killed.returncode == -signal.SIGKILL
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "evonto",
            "--project",
            str(project),
            "query",
            "alignment/mondo-terms",
        ],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "without reasoning" not in done.stderr and "not found" not in done.stderr
    assert "MONDO:" in done.stdout


def test_a_second_build_is_refused_while_one_runs(built_once, tmp_path):
    project = _copy(built_once, tmp_path)
    dist = project / "dist"
    before = _complete(dist)
    with open(Releases(dist).lock_file, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        done = _build(project, "--no-reasoner")
    assert done.returncode == 2
    assert "another `evonto build`" in done.stderr and "Traceback" not in done.stderr
    assert _complete(dist) == before


def test_a_read_only_release_folder_is_not_replaced(built_once, tmp_path):
    project = _copy(built_once, tmp_path)
    dist = project / "dist"
    before = _complete(dist)
    real = dist.resolve()
    real.chmod(0o555)
    try:
        done = _build(project, "--no-reasoner")
    finally:
        real.chmod(0o755)
    assert done.returncode == 2
    assert "read-only" in done.stderr and "dist" in done.stderr
    assert "Traceback" not in done.stderr
    assert dist.resolve() == real and _complete(dist) == before


def test_a_read_only_out_parent_gives_a_located_message(project_copy, tmp_path):
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        done = _build(project_copy, "--no-reasoner", "--out", str(parent / "release"))
    finally:
        parent.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert "read-only" in done.stderr and str(parent) in done.stderr
    assert "Traceback" not in done.stderr
    assert list(parent.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MiB tmpfs (a release is about 5 MB, the sources 1.3 MB), or a skip where mounting
    is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_gives_a_clear_message_and_writes_nothing(project_copy, small_disk):
    out = small_disk / "dist"
    done = _build(project_copy, "--no-reasoner", "--out", str(out))
    assert done.returncode == 2, done.stderr
    assert "No space left on device" in done.stderr
    assert "nothing was changed" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    root = Releases(out).root
    assert not list(root.glob(".new-*"))


def test_clean_keeps_the_previous_release_and_any_being_read(tmp_path):
    target = tmp_path / "dist"
    releases = Releases(target)
    names = ["a", "b", "c", "d"]
    for i, name in enumerate(names):
        folder = releases.root / name
        folder.mkdir(parents=True)
        (folder / READERS).touch()
        os.utime(folder, ns=(i * 10**9, i * 10**9))
    target.symlink_to(Path(releases.root.name) / "d")
    with reading(releases.root / "a"):  # a reader (serve, query) still uses "a"
        removed = clean(releases)
    assert [p.name for p in removed] == ["b"]
    assert sorted(p.name for p in releases.root.iterdir()) == ["a", "c", "d"]
    assert [p.name for p in clean(releases)] == ["a"]  # no longer read: removed next time


def _sleeper(tmp_path: Path, mark: str) -> subprocess.Popen:
    """A real process in its own group whose command line carries ``mark``."""
    return subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", mark], start_new_session=True
    )


def _record(pidfile: Path, pid: int) -> None:
    start = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[19]
    pidfile.write_text(f"{pid} {start}\n")


def test_a_recorded_reasoner_is_reaped_and_nothing_else(tmp_path):
    pidfile = tmp_path / "jvm.pid"
    jvm = _sleeper(tmp_path, JVM_MARK + ".cli.CommandLine")
    other = _sleeper(tmp_path, "something-else")
    try:
        _record(pidfile, jvm.pid)
        assert reap_reasoner(pidfile)
        assert jvm.wait(timeout=10) == -signal.SIGKILL
        _record(pidfile, other.pid)
        assert not reap_reasoner(pidfile)  # not a reasoner: never killed
        assert other.poll() is None
        assert not pidfile.exists()
    finally:
        for proc in (jvm, other):
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_jvm_dies_with_a_killed_build(project_copy):
    """SIGKILL the build while HermiT runs: its JVM must not outlive it."""
    dist = project_copy / "dist"
    pidfile = Releases(dist.parent.resolve() / "dist").pidfile
    env = {**os.environ, "EVONTO_REASONER_CACHE": "off"}
    build = subprocess.Popen(
        [sys.executable, "-m", "evonto", "--project", str(project_copy), "build"],
        cwd=project_copy,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not pidfile.exists() and time.monotonic() < deadline and build.poll() is None:
            time.sleep(0.05)
        assert pidfile.exists(), "the build never started HermiT"
        time.sleep(0.2)
        jvm = int(pidfile.read_text().split()[0])
        assert _alive(jvm) and JVM_MARK.encode() in Path(f"/proc/{jvm}/cmdline").read_bytes()
        build.kill()
        build.wait()
        deadline = time.monotonic() + 10
        while _alive(jvm) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(jvm), "HermiT's JVM outlived the killed build"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert not dist.exists()  # the killed first build left no release behind


def test_normalize_on_a_full_disk_leaves_the_edit_file_as_it_was(small_disk, copy_sources):
    project = copy_sources(small_disk / "project")
    edit = project / "ontology" / "evonto-edit.ttl"
    edit.write_text(
        edit.read_text()
        + "\n<https://w3id.org/evonto/EVONTO_9999004> a <https://w3id.org/evonto/EVONTO_0000004>"
        + " .\n"
    )
    before = edit.read_bytes()
    filler = small_disk / "filler"
    with filler.open("wb") as handle:  # fill the disk to the last block
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    done = subprocess.run(
        [sys.executable, "-m", "evonto", "--project", str(project), "normalize"],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "No space left on device" in done.stderr and "evonto-edit.ttl" in done.stderr
    assert "left unchanged" in done.stderr and "Traceback" not in done.stderr
    assert edit.read_bytes() == before
    assert [p.name for p in edit.parent.iterdir() if p.name.startswith(".evonto-edit")] == []
