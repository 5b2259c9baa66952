"""Seed lists: the terms each module must hold, from its ``*_terms.txt`` and from usage.

A refresh seeds every module with its list plus every external term the project's sources
mention (edit file, assertion tables, SSSOM mappings), so a new reference never lacks a label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from evonto.errors import Location, SourceError, display_path
from evonto.imports.registry import MODULES, ModuleSpec, module_for_prefix

#: The local-ID shape of each imported prefix (anything else is not a term reference).
ID_PATTERNS: dict[str, str] = {
    "MONDO": r"\d{7}",
    "UBERON": r"\d{7}",
    "CL": r"\d{7}",
    "GO": r"\d{7}",
    "CHEBI": r"\d+",
    "SO": r"\d{7}",
    "NCBITaxon": r"\d+",
    "ECO": r"\d{7}",
    "RO": r"\d{7}",
    "BFO": r"\d{7}",
    "IAO": r"\d{7}",
    "CLO": r"\d{7}",
    "HGNC": r"\d+",
    "mirbase.mature": r"MIMAT\d{7}",
    "cellosaurus": r"CVCL_[A-Z0-9]{4}",
    "oboInOwl": r"[A-Za-z][A-Za-z_]*",
}
OBO_PREFIXES = (
    "MONDO",
    "UBERON",
    "CL",
    "GO",
    "CHEBI",
    "SO",
    "NCBITaxon",
    "ECO",
    "RO",
    "BFO",
    "IAO",
    "CLO",
)
IDENTIFIERS_ORG = {
    "hgnc": "HGNC",
    "mirbase.mature": "mirbase.mature",
    "cellosaurus": "cellosaurus",
}

_BOUNDARY = r"(?<![\w.:/#-])"
_CURIE = re.compile(
    _BOUNDARY
    + r"(?P<prefix>"
    + "|".join(re.escape(p) for p in ID_PATTERNS)
    + r"):(?P<local>[A-Za-z0-9_]+)"
)
_OBO_IRI = re.compile(
    r"(?:http://purl\.obolibrary\.org/obo/|"
    + _BOUNDARY
    + r"obo:)(?P<prefix>"
    + "|".join(OBO_PREFIXES)
    + r")_(?P<local>[0-9]+)"
)
_IDORG_IRI = re.compile(
    r"https?://identifiers\.org/(?P<prefix>hgnc|mirbase\.mature|cellosaurus)[:/]"
    r"(?P<local>[A-Za-z0-9_]+)"
)


def normalise(prefix: str, local: str) -> str | None:
    """A CURIE when ``local`` has the shape of a ``prefix`` ID, else ``None``."""
    pattern = ID_PATTERNS.get(prefix)
    if pattern is None or not re.fullmatch(pattern, local):
        return None
    return f"{prefix}:{local}"


def references(text: str) -> set[str]:
    """Every imported-source term a text mentions, as CURIEs (CURIE or full IRI form)."""
    found: set[str] = set()
    for match in _CURIE.finditer(text):
        curie = normalise(match["prefix"], match["local"])
        if curie:
            found.add(curie)
    for match in _OBO_IRI.finditer(text):
        curie = normalise(match["prefix"], match["local"])
        if curie:
            found.add(curie)
    for match in _IDORG_IRI.finditer(text):
        curie = normalise(IDENTIFIERS_ORG[match["prefix"]], match["local"])
        if curie:
            found.add(curie)
    return found


def scan_files(paths: Iterable[Path]) -> set[str]:
    """The term references of several files (missing files are skipped)."""
    found: set[str] = set()
    for path in paths:
        if path.is_file():
            found |= references(path.read_text(encoding="utf-8", errors="replace"))
    return found


def read_seed_file(path: Path) -> list[str]:
    """The CURIEs of a seed list: one per line, ``#`` starts a comment."""
    if not path.is_file():
        return []
    seeds: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        prefix, _, local = text.partition(":")
        if normalise(prefix, local) is None:
            raise SourceError(
                f"{text!r} is not a CURIE of an imported source",
                Location(display_path(path), number),
            )
        seeds.append(text)
    return seeds


def by_module(curies: Iterable[str], curated_home: dict[str, str]) -> dict[str, set[str]]:
    """Group CURIEs by the module that holds them (a curated row's module wins)."""
    grouped: dict[str, set[str]] = {spec.name: set() for spec in MODULES}
    for curie in curies:
        home = curated_home.get(curie)
        if home is None:
            spec: ModuleSpec | None = module_for_prefix(curie.split(":", 1)[0])
            home = spec.name if spec else None
        if home is not None:
            grouped[home].add(curie)
    return grouped
