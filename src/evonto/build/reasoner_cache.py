"""A cache of HermiT results, keyed by the checksum of exactly what the reasoner reads.

Reasoning is the slow step of ``build``, ``validate`` and ``export``; the same input always
gives the same answer, so a result is kept as a small JSON file named by the SHA-256 of the
RDF/XML input, the owlready2 version and :data:`FORMAT`. An unreadable, truncated or
mismatching cache file is ignored and rewritten: the cache can only save time, never change
an answer. Set ``EVONTO_REASONER_CACHE=off`` to bypass it, or point it at another folder.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.build.reasoner import ReasonerLimits, ReasonerReport, reason

if TYPE_CHECKING:
    import rdflib

FORMAT = 2  #: bump when what a report holds, or how it is computed, changes
ENV = "EVONTO_REASONER_CACHE"


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is switched off."""
    from evonto.cache import cache_dir as folder

    return folder(ENV, "reasoner")


def input_key(owl_file: Path) -> str:
    """SHA-256 over the reasoner input and everything that could change its answer."""
    from evonto.cache import new_digest

    digest = new_digest(f"evonto-reasoner-cache/{FORMAT}", ["owlready2"])
    with owl_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _load(path: Path, key: str) -> ReasonerReport | None:
    from evonto.cache import read_entry

    report = read_entry(path, key)
    if report is None:
        return None  # missing, truncated or corrupt: reason again and rewrite it
    try:
        return ReasonerReport(
            consistent=bool(report["consistent"]),
            unsatisfiable=[tuple(pair) for pair in report["unsatisfiable"]],
            seconds=0.0,
            explanation=str(report["explanation"]),
            classes=int(report["classes"]),
            individuals=int(report["individuals"]),
            inferred_types={k: tuple(v) for k, v in report["inferred_types"].items()},
            cached=True,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _store(path: Path, key: str, report: ReasonerReport) -> None:
    from evonto.cache import write_entry

    body = asdict(report)
    body.pop("seconds", None)
    body.pop("cached", None)
    write_entry(path, key, body)


def cached_reason(
    owl_file: Path,
    graph: rdflib.Graph,
    *,
    limits: ReasonerLimits | None = None,
    pidfile: Path | None = None,
) -> ReasonerReport:
    """:func:`evonto.build.reasoner.reason`, answered from the cache when it can be."""
    folder = cache_dir()
    if folder is None:
        return reason(owl_file, graph, limits=limits, pidfile=pidfile)
    key = input_key(owl_file)
    path = folder / f"{key}.json"
    found = _load(path, key)
    if found is not None:
        return found
    report = reason(owl_file, graph, limits=limits, pidfile=pidfile)
    _store(path, key, report)
    return report


def sources_key(files: list[Path]) -> str:
    """SHA-256 over the bytes of the source files a reasoner input is made from, and of evonto's
    own code (which turns them into that input): the same key means the same input, so the
    merged RDF/XML need not even be written to find a cached answer."""
    from evonto.cache import add_files, code_files, new_digest

    digest = new_digest(f"evonto-reasoner-sources/{FORMAT}", ["owlready2"])
    add_files(digest, [*code_files(), *files])
    return digest.hexdigest()


def lookup(key: str) -> ReasonerReport | None:
    """The report cached under a :func:`sources_key` (``None``: absent, corrupt or off)."""
    folder = cache_dir()
    return None if folder is None else _load(folder / f"sources-{key}.json", key)


def remember(key: str, report: ReasonerReport) -> None:
    """Cache ``report`` under a :func:`sources_key` (a corrupt entry is simply rewritten)."""
    folder = cache_dir()
    if folder is not None:
        _store(folder / f"sources-{key}.json", key, report)
