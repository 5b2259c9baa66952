"""Exports of the findings, each from the merged release graph and each checked by its reference.

- :mod:`~evonto.export.nanopub` — nanopublications (TriG), checked with the ``nanopub`` library
- :mod:`~evonto.export.kgx` — Biolink KGX nodes/edges TSV; :mod:`~evonto.export.biolink` checks
  them against the ``biolink-model`` package's schema and pydantic classes
- :mod:`~evonto.export.jsonld` — the published ``@context`` and the findings as JSON-LD
- :mod:`~evonto.export.sssom` — the SSSOM mapping set, checked and converted with ``sssom``
- :mod:`~evonto.export.void` — VoID/DCAT description of the release
- :mod:`~evonto.export.writers` — the ``Release -> bytes`` writers the build table lists
"""

from __future__ import annotations

from evonto.errors import EvontoError


def require(module: str, purpose: str) -> None:
    """Raise a usage error (exit 2) naming the optional package when ``module`` is missing."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        package = module.replace("_", "-")
        raise EvontoError(
            f"{purpose} needs the optional {package} package: pip install 'evonto[export]'"
        )
