"""The bad-input catalogue (tests/bad_inputs/cases.tsv): every case runs ``evonto validate`` (or
the command its row names) as a real subprocess and must give the expected exit code and message,
no traceback, and no network, within a time and an address-space bound (``RLIMIT_AS``).

Network access is caught two ways: a ``sitecustomize`` module (first on PYTHONPATH) replaces
``socket.connect`` and ``getaddrinfo`` so that any non-loopback attempt is logged and refused; and,
where the kernel allows it, the subprocess runs in a new network namespace (``unshare -rn``),
which has no route anywhere.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest

from tests._bounds import limit_memory
from tests._validate_support import ROOT, fixture_project

CATALOGUE = ROOT / "tests" / "bad_inputs"
SCHEMA = ROOT / "src" / "evonto" / "validate" / "report.schema.json"
#: bounds of a case whose row leaves them empty: wall-clock seconds, address space in MB
DEFAULT_SECONDS = 300
DEFAULT_MEGABYTES = 2048
OPTIONAL_COLUMNS = ("seconds", "megabytes", "command")

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
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        lacking = len(header) - len(cells)  # the optional columns may be left off
        assert 0 <= lacking <= len(OPTIONAL_COLUMNS), line
        rows.append(dict(zip(header, cells + [""] * lacking, strict=True)))
    return rows


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


def _literal_file(tmp: Path, spec: str) -> Path:
    """A file with one term of ``MB`` megabytes: ``MB:ttl`` (a literal on one line), ``MB:long``
    (a triple-quoted literal over many lines), ``MB:iri``, ``MB:comment``, ``MB:nt``."""
    megabytes, kind = spec.split(":")
    body = "x" * (int(megabytes) * 1024 * 1024)
    head = (CATALOGUE / "good_finding.ttl").read_text(encoding="utf-8")
    suffix = ".nt" if kind == "nt" else ".ttl"
    if kind == "nt":
        text = (
            f'<https://example.org/a> <http://www.w3.org/2000/01/rdf-schema#comment> "{body}" .\n'
        )
    elif kind == "long":
        lines = "\n".join(body[i : i + 80] for i in range(0, len(body), 80))
        text = head + f'\nfinding:EVBC-A901 rdfs:comment """\n{lines}\n""" .\n'
    elif kind == "iri":
        text = head + f"\nfinding:EVBC-A901 rdfs:seeAlso <https://example.org/{body}> .\n"
    elif kind == "comment":
        text = head + f"\n# {body}\n"
    else:
        text = head + f'\nfinding:EVBC-A901 rdfs:comment "{body}" .\n'
    path = tmp / f"literal_{megabytes}mb_{kind}{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


def _special(tmp: Path, spec: str) -> Path:
    """A file that is not a regular file: ``fifo:NAME``, ``socket:NAME``, ``link:NAME=TARGET``
    (a symlink to TARGET, e.g. /dev/zero, or to a FIFO when TARGET is ``fifo``)."""
    kind, _, name = spec.partition(":")
    path = tmp / name.split("=")[0]
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))  # the file stays after the test process closes it
        server.close()
    elif kind == "link":
        target = name.split("=", 1)[1]
        if target == "fifo":
            os.mkfifo(tmp / "the-fifo")
            target = str(tmp / "the-fifo")
        path.symlink_to(target)
    else:
        raise AssertionError(f"unknown special file kind {kind!r}")
    return path


def _edited_project(tmp: Path, name: str) -> Path:
    """The fixture project (tests/_validate_support.py) changed by ``bad_inputs/edit/NAME``:
    a ``.ttl`` file is appended to its edit file; a folder is laid over the project, each
    ``*.append`` file appended to the file of the same name without the suffix, and each empty
    ``*.fifo`` file making that file a FIFO."""
    root = fixture_project(tmp)
    change = CATALOGUE / "edit" / name
    if change.is_file():
        with (root / "ontology" / "evonto-edit.ttl").open("a", encoding="utf-8") as fh:
            fh.write(change.read_text(encoding="utf-8"))
        return root
    for path in sorted(p for p in change.rglob("*") if p.is_file()):
        target = root / path.relative_to(change)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".append":
            with target.with_suffix("").open("ab") as fh:
                fh.write(path.read_bytes())
        elif path.suffix == ".fifo":  # an empty marker: that file becomes a FIFO
            target.with_suffix("").unlink(missing_ok=True)
            os.mkfifo(target.with_suffix(""))
        else:
            shutil.copyfile(path, target)
    return root


@dataclass
class Run:
    """How to run one case: the command line, and modules the subprocess cannot import."""

    argv: list[str]
    missing: list[str] = field(default_factory=list)


def _command(case: dict[str, str], tmp: Path) -> Run:
    """The command line of a case (see the header of cases.tsv for the INPUT forms)."""
    specials: dict[str, Path] = {}

    def placeholder(arg: str) -> str:
        if arg.startswith("{") and arg.endswith("}"):
            spec = arg[1:-1]
            specials.setdefault(spec, _special(tmp, spec))
            return str(specials[spec])
        return arg.replace("{tmp}", str(tmp))

    args = [] if case["args"] == "-" else [placeholder(a) for a in case["args"].split()]
    where = case["input"]
    command = (case.get("command") or "validate").split()
    prefix = [sys.executable, "-m", "evonto"]
    run = Run([])
    targets: list[str] = []
    if where.startswith("@project:"):
        prefix += ["--project", str(CATALOGUE / where.removeprefix("@project:"))]
    elif where.startswith("@edit:"):
        prefix += ["--project", str(_edited_project(tmp, where.removeprefix("@edit:")))]
    elif where == "@fixture":
        prefix += ["--project", str(fixture_project(tmp))]
    elif where.startswith("@without:"):
        run.missing = where.removeprefix("@without:").split(",")
    elif where == "@missing":
        targets = [str(tmp / "does-not-exist.ttl")]
    elif where.startswith("@large:"):
        targets = [str(_large_file(tmp, int(where.removeprefix("@large:"))))]
    elif where.startswith("@literal:"):
        targets = [str(_literal_file(tmp, where.removeprefix("@literal:")))]
    elif where.startswith("@special:"):
        targets = [str(_special(tmp, where.removeprefix("@special:")))]
    elif where != "-":
        targets = [str((CATALOGUE / where).relative_to(ROOT))]
    if command == ["validate"]:
        command.append("--no-reasoner")
    run.argv = [*prefix, *command, *args, *targets]
    return run


def test_catalogue_is_big_enough() -> None:
    assert len(CASES) >= 30
    assert len({c["case"] for c in CASES}) == len(CASES), "case names are unique"
    for case in CASES:
        where = case["input"]
        if where.startswith("@edit:"):
            assert (CATALOGUE / "edit" / where.removeprefix("@edit:")).exists(), where
        elif where.startswith("@project:") and "missing" not in where:
            assert (CATALOGUE / where.removeprefix("@project:")).is_dir(), where
        elif not where.startswith("@") and where != "-":
            assert (CATALOGUE / where).exists(), where


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input(case: dict[str, str], tmp_path: Path, guard_dir: Path) -> None:
    log = tmp_path / "network.log"
    run = _command(case, tmp_path)
    paths = [str(guard_dir), os.environ.get("PYTHONPATH", "")]
    if run.missing:  # a stand-in for an environment without these optional packages
        block = tmp_path / "without"
        block.mkdir()
        hide = "".join(f"sys.modules[{name!r}] = None\n" for name in run.missing)
        guard = (guard_dir / "sitecustomize.py").read_text(encoding="utf-8")
        (block / "sitecustomize.py").write_text(guard + "import sys\n" + hide, encoding="utf-8")
        paths.insert(0, str(block))
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "EVONTO_NET_LOG": str(log),
        "COLUMNS": "200",
    }
    env.pop("EVONTO_PROJECT", None)
    seconds = int(case.get("seconds") or DEFAULT_SECONDS)
    megabytes = int(case.get("megabytes") or DEFAULT_MEGABYTES)
    try:
        done = subprocess.run(
            [*UNSHARE, *run.argv],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=seconds,
            check=False,
            stdin=subprocess.DEVNULL,
            preexec_fn=limit_memory(megabytes),
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case['case']}: still running after {seconds} s")
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert "MemoryError" not in output, f"over the {megabytes} MB bound: {output}"
    assert done.returncode == int(case["exit"]), output
    assert case["fragment"] in output, output
    if "--format json" in case["args"]:  # a report in the documented form, whatever went wrong
        report = json.loads(done.stdout)
        jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
        assert report["summary"]["exit_code"] == done.returncode
    if "--format junit" in case["args"]:
        assert done.stdout.startswith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites')
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
