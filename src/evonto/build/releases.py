"""Where releases live, so that ``dist/`` is always one complete release.

``dist`` is a symbolic link to a folder in ``.dist.releases/``; a build writes the new release
beside the old one and switches the link with a single ``rename`` of a new link over it, so a
reader (or a killed build) sees the whole old release or the whole new one, never neither::

    dist -> .dist.releases/2026-11-29-k3j9x2/   the current release
    .dist.releases/lock                          the build lock (flock) and the builder's pid
    .dist.releases/jvm.pid                       the reasoner's JVM while it runs
    .dist.releases/cache/                        dist/.cache of every release (query stores)
    .dist.releases/.new-*                        a build in progress (removed if left over)

An older ``dist/`` that is a plain folder is swapped for the link in one ``renameat2`` exchange
where the kernel has it. Old releases are removed by the next build, except the previous one
and any that a reader holds (:func:`reading`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from evonto.errors import EvontoError, Location, SourceError, display_path

STAGING = ".new-"
READERS = ".readers"  #: in every release: readers hold a shared lock on it (:func:`reading`)
CACHE_LINK = ".cache"
JVM_MARK = "org.semanticweb.HermiT"  #: what a recorded reasoner pid must be running


class BuildLockedError(EvontoError):
    """Another build is writing the same release folder."""


@dataclass(frozen=True)
class Releases:
    """The paths that belong to one release folder (``target``, usually ``dist``)."""

    target: Path

    @property
    def root(self) -> Path:
        return self.target.parent / f".{self.target.name}.releases"

    @property
    def lock_file(self) -> Path:
        return self.root / "lock"

    @property
    def pidfile(self) -> Path:
        return self.root / "jvm.pid"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def current(self) -> Path | None:
        """The release folder ``target`` points to (``None`` when it is not a link)."""
        if not self.target.is_symlink():
            return None
        return (self.target.parent / os.readlink(self.target)).resolve()


def absolute(target: Path) -> Path:
    """``target`` made absolute without following a final symbolic link (``dist`` itself)."""
    target = Path(os.path.abspath(target))
    return target.parent.resolve() / target.name


def check_writable(target: Path) -> None:
    """Refuse a read-only release folder or parent before any work (exit 2), saying so.

    The mode bits are checked as well as access, so a folder made read-only on purpose is
    respected even by a user (root) whom the kernel would let write.
    """
    parent = target.parent
    while not parent.exists():
        parent = parent.parent
    for folder, what in ((parent, "the folder it is written in"), (target, "the release folder")):
        if not folder.is_dir():
            continue
        real = folder.resolve()
        if not os.access(real, os.W_OK | os.X_OK) or real.stat().st_mode & 0o222 == 0:
            raise SourceError(
                f"{what} is read-only; nothing was changed. Make it writable "
                f"(chmod u+w {display_path(real)}) or choose another --out folder",
                Location(display_path(folder)),
            )


def write_failure(exc: OSError, target: Path) -> SourceError:
    """A located exit-2 message for a write that failed (full disk, permissions)."""
    reason = exc.strerror or str(exc)
    where = display_path(exc.filename) if exc.filename else display_path(target)
    kept = "still holds the previous release" if target.exists() else "was not created"
    return SourceError(
        f"cannot write the release: {reason}; nothing was changed ({display_path(target)} {kept})",
        Location(where),
    )


@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[Releases]:
    """Hold the build lock of ``target``; reap a killed build's JVM and its leftovers first."""
    releases = Releases(target)
    releases.root.mkdir(parents=True, exist_ok=True)
    handle = open(releases.lock_file, "a+", encoding="utf-8")  # noqa: SIM115 (held open)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise BuildLockedError(
                f"another `evonto build` (pid {holder}) is writing this release folder; "
                "wait for it to finish, or build into another --out folder",
                Location(display_path(target)),
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        reap_reasoner(releases.pidfile)
        remove_staging(releases)
        yield releases
    finally:
        handle.close()  # closing releases the lock


def new_staging(releases: Releases) -> Path:
    """A fresh folder for the release being built (the usual mode, not mkdtemp's 0700)."""
    staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=releases.root))
    mask = os.umask(0)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)
    (staging / READERS).touch()
    return staging


def remove_staging(releases: Releases) -> None:
    """Remove builds in progress left by a killed build (only called under the lock)."""
    for entry in releases.root.glob(STAGING + "*"):
        shutil.rmtree(entry, ignore_errors=True)


def switch(releases: Releases, staging: Path, name: str) -> Path:
    """Make ``staging`` the release ``target`` points to, in one atomic step; return it."""
    from evonto.build.checkpoints import checkpoint

    final = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=releases.root))
    final.rmdir()
    releases.cache.mkdir(exist_ok=True)
    (staging / CACHE_LINK).symlink_to(Path("..") / releases.cache.name)
    os.rename(staging, final)
    checkpoint("renamed")
    link = releases.target.parent / f".{releases.target.name}.link-{final.name}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(releases.root.name) / final.name)
    try:
        if releases.target.is_symlink() or not releases.target.exists():
            os.replace(link, releases.target)
        else:
            _replace_folder(releases, link)
    finally:
        link.unlink(missing_ok=True)
    checkpoint("switched")
    return final


def _replace_folder(releases: Releases, link: Path) -> None:
    """Swap a plain ``target`` folder (an older layout) for ``link``, keeping its ``.cache``."""
    target = releases.target
    old_cache = target / CACHE_LINK
    if old_cache.is_dir() and not old_cache.is_symlink():
        for entry in old_cache.iterdir():
            with contextlib.suppress(OSError):
                os.replace(entry, releases.cache / entry.name)
    aside = Path(tempfile.mkdtemp(prefix="old-", dir=releases.root))
    if _exchange(link, target):  # link now names the old folder
        os.rename(link, aside / "release")
    else:
        os.rename(target, aside / "release")
        os.rename(link, target)
    (aside / READERS).touch()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux ``renameat2(RENAME_EXCHANGE)``); False if absent."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP}:
        return False
    raise OSError(code, os.strerror(code), str(b))


def clean(releases: Releases, keep: int = 1) -> list[Path]:
    """Remove old releases, keeping the current one, ``keep`` previous ones and any in use.

    Returns the folders removed. A release is in use while a reader holds :func:`reading`.
    """
    current = releases.current()
    candidates = [
        entry
        for entry in releases.root.iterdir()
        if entry.is_dir() and not entry.name.startswith(".") and entry.name != "cache"
    ]
    old = sorted(
        (e for e in candidates if e.resolve() != current), key=lambda e: e.stat().st_mtime_ns
    )
    removed = []
    for entry in old[: max(0, len(old) - keep)]:
        if _remove_unless_read(entry):
            removed.append(entry)
    return removed


def _remove_unless_read(folder: Path) -> bool:
    lock = folder / READERS
    try:
        handle = open(lock, "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return True
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a reader still uses it; the next build tries again
        shutil.rmtree(folder, ignore_errors=True)
    return True


@contextlib.contextmanager
def reading(folder: Path) -> Iterator[None]:
    """Hold a shared lock on the release ``folder`` points to, so no build removes it."""
    lock = folder.resolve() / READERS
    try:
        handle = open(lock, "rb")  # noqa: SIM115
    except OSError:
        yield  # no release, or an older layout without the lock file
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        yield


def record_child(pidfile: Path | None) -> None:
    """In a reasoner's child process, before ``exec``: own process group, die with the parent.

    Called as ``preexec_fn``; writes the child's pid to ``pidfile`` when given.
    """
    os.setpgid(0, 0)
    with contextlib.suppress(OSError, AttributeError):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if pidfile is not None:
        with contextlib.suppress(OSError):  # the run matters more than its record
            fd = os.open(pidfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.write(fd, f"{os.getpid()} {_start_time(os.getpid())}\n".encode())
            os.close(fd)


def reap_reasoner(pidfile: Path) -> bool:
    """Kill the process group of a reasoner a killed build left running (checked by pid,
    start time and command line, never by name). Returns whether one was found."""
    try:
        pid_text, started = pidfile.read_text(encoding="utf-8").split()
        pid = int(pid_text)
    except (OSError, ValueError):
        pidfile.unlink(missing_ok=True)
        return False
    alive = (
        _start_time(pid) == started
        and JVM_MARK.encode() in _cmdline(pid)
        and _pgid(pid) == pid
        and pid != os.getpid()
    )
    if alive:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
    pidfile.unlink(missing_ok=True)
    return alive


def _start_time(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _pgid(pid: int) -> int:
    try:
        return os.getpgid(pid)
    except OSError:
        return -1
