"""The bad-input catalogue for ``build``, ``normalize`` and ``publish``
(tests/bad_inputs/build_cases.tsv): exit code, message, no secret, no traceback, and a time
and memory bound per case (issue 11, items 2, 3, 4, 8 and 9)."""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from evonto.build.releases import Releases

CATALOGUE = Path(__file__).resolve().parent / "bad_inputs"
FILES = CATALOGUE / "build"
EDIT = Path("ontology") / "evonto-edit.ttl"


def _cases() -> list[dict[str, str]]:
    lines = [
        line
        for line in (CATALOGUE / "build_cases.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


CASES = _cases()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _setup(setup: str, project: Path, tmp: Path, env: dict[str, str]) -> Iterator[Path]:
    """Apply SETUP; yield the release folder ``{out}`` stands for."""
    out = tmp / "release" / "dist"
    kind, _, arg = setup.partition(":")
    edit = project / EDIT
    if kind == "append":
        edit.write_text(edit.read_text() + (FILES / arg).read_text())
    elif kind == "replace":
        shutil.copy(FILES / arg, edit)
    elif kind == "env":
        name, _, value = arg.partition("=")
        env[name] = value
    if kind == "readonly-parent":
        out.parent.mkdir(parents=True)
        out.parent.chmod(0o555)
        try:
            yield out
        finally:
            out.parent.chmod(0o755)
    elif kind == "locked":
        releases = Releases(out)
        releases.root.mkdir(parents=True)
        with open(releases.lock_file, "a+") as held:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            yield out
    elif kind == "small-disk":
        disk = tmp / "disk"
        disk.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        try:
            yield disk / "dist"
        finally:
            subprocess.run(["umount", str(disk)], check=False)
    else:
        yield out


def _run(args: list[str], cwd: Path, env: dict[str, str], tmp: Path, limit: float):
    """Run to completion; return (exit code, output, seconds, peak resident MiB)."""
    log = tmp / "output.txt"
    start = time.perf_counter()
    with log.open("wb") as sink:
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            proc.returncode = 0  # reaped by wait4
    seconds = time.perf_counter() - start
    assert seconds < limit * 2, f"still running after {seconds:.0f} s"
    code = os.waitstatus_to_exitcode(status)
    return code, log.read_text(errors="replace"), seconds, usage.ru_maxrss / 1024


def test_catalogue_rows_are_well_formed() -> None:
    assert len(CASES) >= 15
    assert len({c["case"] for c in CASES}) == len(CASES)
    for case in CASES:
        kind, _, arg = case["setup"].partition(":")
        if kind in {"append", "replace"}:
            assert (FILES / arg).is_file(), arg


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input(case: dict[str, str], project_copy: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVONTO_REASONER")}
    env.pop("EVONTO_PROJECT", None)
    env["COLUMNS"] = "200"
    with ExitStack() as stack:
        out = stack.enter_context(_setup(case["setup"], project_copy, tmp_path, env))
        port = _closed_port()
        for step in case["command"].split(" && "):
            words = step.format(out=out, port=port).split()
            args = [sys.executable, "-m", "evonto", "--project", str(project_copy), *words]
            code, output, seconds, mib = _run(
                args, project_copy, env, tmp_path, float(case["seconds"])
            )
    assert "Traceback" not in output, output
    assert code == int(case["exit"]), output
    assert case["fragment"] in output, output
    if case["absent"] != "-":
        assert case["absent"] not in output, output
    assert seconds <= float(case["seconds"]), f"{seconds:.1f} s"
    assert mib <= float(case["mib"]), f"{mib:.0f} MiB"
