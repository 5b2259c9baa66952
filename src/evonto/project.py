"""Where a project's sources live: the checkout a user works in, or the copy inside the wheel."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from evonto.errors import EvontoError

EDIT_FILE = Path("ontology") / "evonto-edit.ttl"


@dataclass(frozen=True)
class Project:
    """The layout of an evonto project (DESIGN §2), rooted at ``root``."""

    root: Path
    dist: Path | None = None

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def edit_file(self) -> Path:
        return self.root / EDIT_FILE

    @property
    def catalog(self) -> Path:
        return self.ontology_dir / "catalog-v001.xml"

    @property
    def imports_dir(self) -> Path:
        return self.ontology_dir / "imports"

    @property
    def assertions_dir(self) -> Path:
        return self.ontology_dir / "assertions"

    @property
    def mappings_file(self) -> Path:
        return self.ontology_dir / "mappings" / "evonto.sssom.tsv"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def dist_dir(self) -> Path:
        """Release folder: ``dist/`` in a checkout, a user cache folder for bundled sources."""
        return self.dist or self.root / "dist"

    @property
    def cache_dir(self) -> Path:
        """Scratch space for derived stores (for example the embedded query store)."""
        return self.dist_dir / ".cache"

    @classmethod
    def locate(cls, root: Path | str | None = None) -> Project:
        """Find the project.

        In order: ``root`` when given (``--project``), ``$EVONTO_PROJECT``, the working
        directory or one of its parents when it holds ``ontology/evonto-edit.ttl``, and last the
        sources bundled with the installed package.
        """
        explicit = root or os.environ.get("EVONTO_PROJECT")
        if explicit:
            path = Path(explicit)
            if not (path / EDIT_FILE).is_file():
                raise EvontoError(f"{path}: not an evonto project (no {EDIT_FILE} there)")
            return cls(path)
        for candidate in (Path.cwd(), *Path.cwd().parents):
            if (candidate / EDIT_FILE).is_file():
                return cls(candidate)
        return cls.bundled()

    @classmethod
    def bundled(cls) -> Project:
        """The sources shipped with the package (``evonto/data`` in a wheel, the checkout else)."""
        data = Path(str(resources.files("evonto"))) / "data"
        if (data / EDIT_FILE).is_file():
            base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
            return cls(data, dist=base / "evonto" / "dist")
        checkout = Path(__file__).resolve().parents[2]
        if (checkout / EDIT_FILE).is_file():
            return cls(checkout)
        raise EvontoError("no evonto sources found: run inside a checkout or pass --project")
