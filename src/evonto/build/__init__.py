"""The release build: sources -> merged graph -> artefacts in ``dist/`` (+ HermiT).

- :mod:`evonto.build.release` — the :class:`Release` and :func:`build_release`.
- :mod:`evonto.build.releases` — ``dist`` as a link to one complete release: atomic switch,
  build lock, leftovers, the reasoner's pidfile.
- :mod:`evonto.build.artefacts` — the table of files a release holds; add one entry to add one.
- :mod:`evonto.build.serializers` — deterministic RDF/XML and JSON-LD.
- :mod:`evonto.build.reasoner` — HermiT through owlready2, within time and memory limits.
- :mod:`evonto.build.manifest` — ``manifest.json``: checksums, counts, versions.
"""

from evonto.build.release import BuildResult, Release, build_release, prepare_release

__all__ = ["BuildResult", "Release", "build_release", "prepare_release"]
