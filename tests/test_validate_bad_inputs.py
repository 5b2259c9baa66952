"""The bad-input catalogue (tests/bad_inputs/cases.tsv): every case runs ``evonto validate`` as a
real subprocess and must give the expected exit code and message, no traceback, and no network.

Network access is caught two ways: a ``sitecustomize`` module (first on PYTHONPATH) replaces
``socket.connect`` and ``getaddrinfo`` so that any non-loopback attempt is logged and refused; and,
where the kernel allows it, the subprocess runs in a new network namespace (``unshare -rn``),
which has no route anywhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests._validate_support import ROOT

CATALOGUE = ROOT / "tests" / "bad_inputs"

GUARD = """
import os
import socket

_LOG = os.environ.get("EVONTO_NET_LOG", "")
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")


def _record(what):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(what + "\\n")


def _local(address):
    host = address[0] if isinstance(address, tuple) else address
    return isinstance(host, (str, bytes)) and str(host).startswith(_LOCAL)


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def connect(self, address):
    if self.family != getattr(socket, "AF_UNIX", None) and not _local(address):
        _record(f"connect {address!r}")
        raise OSError("network access blocked by the evonto test guard")
    return _connect(self, address)


def connect_ex(self, address):
    if self.family != getattr(socket, "AF_UNIX", None) and not _local(address):
        _record(f"connect_ex {address!r}")
        return 111
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _local((host,)):
        _record(f"getaddrinfo {host!r}")
        raise socket.gaierror("name lookup blocked by the evonto test guard")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
"""


def _cases() -> list[dict[str, str]]:
    lines = [
        line
        for line in (CATALOGUE / "cases.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


CASES = _cases()


def _unshare_prefix() -> list[str]:
    """``unshare -rn`` when this kernel lets us make a network namespace, else nothing."""
    tool = shutil.which("unshare")
    if tool is None:
        return []
    probe = subprocess.run([tool, "-rn", "true"], capture_output=True, check=False)
    return [tool, "-rn"] if probe.returncode == 0 else []


UNSHARE = _unshare_prefix()


@pytest.fixture(scope="module")
def guard_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("netguard")
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    return folder


def _large_file(tmp: Path, megabytes: int) -> Path:
    path = tmp / f"large_{megabytes}mb.nt"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    chunk = []
    size = 0
    i = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < megabytes * 1024 * 1024:
            line = f'<https://example.org/item/{i}> {label} "generated item number {i}" .\n'
            chunk.append(line)
            size += len(line)
            i += 1
            if len(chunk) >= 10000:
                fh.write("".join(chunk))
                chunk.clear()
        fh.write("".join(chunk))
    return path


def _command(case: dict[str, str], tmp: Path) -> list[str]:
    args = [] if case["args"] == "-" else case["args"].split()
    where = case["input"]
    prefix = [sys.executable, "-m", "evonto"]
    if where.startswith("@project:"):
        project = CATALOGUE / where.removeprefix("@project:")
        return [*prefix, "--project", str(project), "validate", "--no-reasoner", *args]
    if where == "@missing":
        target = str(tmp / "does-not-exist.ttl")
    elif where.startswith("@large:"):
        target = str(_large_file(tmp, int(where.removeprefix("@large:"))))
    else:
        target = str((CATALOGUE / where).relative_to(ROOT))
    return [*prefix, "validate", "--no-reasoner", *args, target]


def test_catalogue_is_big_enough() -> None:
    assert len(CASES) >= 30
    assert len({c["case"] for c in CASES}) == len(CASES), "case names are unique"
    for case in CASES:
        where = case["input"]
        if not where.startswith("@"):
            assert (CATALOGUE / where).exists(), where


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input(case: dict[str, str], tmp_path: Path, guard_dir: Path) -> None:
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard_dir), os.environ.get("PYTHONPATH", "")]),
        "EVONTO_NET_LOG": str(log),
        "COLUMNS": "200",
    }
    env.pop("EVONTO_PROJECT", None)
    done = subprocess.run(
        [*UNSHARE, *_command(case, tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert done.returncode == int(case["exit"]), output
    assert case["fragment"] in output, output
    assert not log.exists() or log.read_text() == "", f"network access: {log.read_text()}"


def test_guard_catches_network_access(tmp_path: Path, guard_dir: Path) -> None:
    """The guard itself works: a plain connection attempt is logged and refused."""
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": str(guard_dir), "EVONTO_NET_LOG": str(log)}
    code = (
        "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
        "except OSError as exc:\n    print('refused', exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert "refused" in done.stdout
    assert "192.0.2.1" in log.read_text()
