"""evonto's caches of derived results: where they live and how their keys are made.

A cached result is a small JSON file named by a SHA-256 key over everything that could change
it (input bytes, evonto's own code, library versions). An entry that is unreadable, truncated
or holds another key is ignored and rewritten, so a cache can only save time, never change an
answer. Each cache has an environment variable: ``off`` bypasses it, a path moves it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path


def cache_dir(variable: str, kind: str) -> Path | None:
    """The folder of cache ``kind`` (``$XDG_CACHE_HOME/evonto/KIND``), or ``None`` when
    ``$VARIABLE`` switches it off; ``$VARIABLE`` set to a path puts it there."""
    setting = os.environ.get(variable, "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    if setting:
        return Path(setting)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "evonto" / kind


def new_digest(label: str, packages: Iterable[str] = ()) -> hashlib._Hash:
    """A SHA-256 started with ``label`` and the installed versions of ``packages``."""
    digest = hashlib.sha256()
    digest.update(label.encode() + b"\0")
    for name in packages:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode() + b"\0")
    return digest


def add_files(digest: hashlib._Hash, files: Iterable[Path], *, names: bool = False) -> None:
    """Add each file's name (or, with ``names``, its full path) and the SHA-256 of its bytes."""
    for path in files:
        digest.update((str(path) if names else path.name).encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"missing")


def code_files() -> list[Path]:
    """evonto's own modules: a change to the code that derives a result changes its key."""
    import evonto

    return sorted(Path(evonto.__file__).resolve().parent.rglob("*.py"))


def read_entry(path: Path, key: str) -> dict | None:
    """The body stored under ``key`` at ``path`` (``None``: absent, corrupt or another key)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        body = data.get("body")
        return body if isinstance(body, dict) else None
    except (OSError, ValueError):
        return None


def write_entry(path: Path, key: str, body: dict) -> None:
    """Store ``body`` under ``key`` at ``path`` atomically; a read-only or full disk only costs
    time."""
    from evonto.rdfio import write_atomic

    data = json.dumps({"key": key, "body": body}, sort_keys=True).encode("utf-8")
    with contextlib.suppress(OSError):
        write_atomic(path, data)
