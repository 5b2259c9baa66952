"""Import modules: MIREOT extracts of external ontologies, rebuilt from pinned snapshots.

The committed modules under ``ontology/imports/`` are what builds use; :func:`refresh` rebuilds
them (and the catalog) from the snapshot wheels named in :mod:`evonto.imports.registry`.
"""

from evonto.imports.refresh import RefreshReport, refresh
from evonto.imports.registry import MODULES, import_iri

__all__ = ["MODULES", "RefreshReport", "import_iri", "refresh"]
