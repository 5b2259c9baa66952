"""Exports of the findings, each from the merged release graph and each checked by its reference.

- :mod:`~evonto.export.nanopub` — nanopublications (TriG), checked with the ``nanopub`` library
- :mod:`~evonto.export.kgx` — Biolink KGX nodes/edges TSV; :mod:`~evonto.export.biolink` checks
  them against the ``biolink-model`` package's schema and pydantic classes
- :mod:`~evonto.export.jsonld` — the published ``@context`` and the findings as JSON-LD
- :mod:`~evonto.export.sssom` — the SSSOM mapping set, checked and converted with ``sssom``
- :mod:`~evonto.export.void` — VoID/DCAT description of the release
- :mod:`~evonto.export.writers` — the ``Release -> bytes`` writers the build table lists
"""
