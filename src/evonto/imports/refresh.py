"""Rebuilding every import module and the catalog from the snapshot wheels and seed lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from evonto.catalog import write_catalog
from evonto.errors import Location, SourceError, display_path
from evonto.imports import seeds as seeding
from evonto.imports.registry import (
    CELL_LINE_DISEASES_FILE,
    CURATED_FILE,
    MODULES,
    MODULES_BY_NAME,
    OBSOLETE_FILE,
    PARENT_EDGES_FILE,
    ModuleSpec,
)
from evonto.imports.render import module_bytes
from evonto.imports.snapshots import Snapshots
from evonto.imports.terms import CLASS, OBJECT_PROPERTY, Term, Upstream, closure, deprecate
from evonto.imports.upstream import (
    from_cellxgene,
    from_curated,
    from_go,
    from_hgnc,
    read_curated,
    read_tsv,
)
from evonto.project import Project
from evonto.rdfio import write_atomic


@dataclass
class ModuleResult:
    """What the refresh did for one module."""

    spec: ModuleSpec
    seeds: int
    terms: int
    version: str
    missing: list[str] = field(default_factory=list)
    deprecated_used: list[str] = field(default_factory=list)
    unreviewed: list[tuple[str, str]] = field(default_factory=list)
    changed: bool = False


@dataclass
class RefreshReport:
    """The outcome of a refresh, module by module."""

    modules: list[ModuleResult] = field(default_factory=list)
    catalog_changed: bool = False

    @property
    def missing(self) -> list[str]:
        return sorted(c for m in self.modules for c in m.missing)

    def lines(self) -> list[str]:
        out = []
        for m in self.modules:
            state = "written" if m.changed else "unchanged"
            out.append(
                f"{m.spec.file_name}: {m.terms} terms from {m.seeds} seeds "
                f"({m.spec.title} {m.version}) {state}"
            )
            for curie in m.deprecated_used:
                out.append(f"  warning: {curie} is obsolete upstream (kept, deprecated)")
            for curie in m.missing:
                out.append(f"  warning: {curie} not found in the {m.spec.name} upstream")
            for child, parent in m.unreviewed:
                out.append(
                    f"  warning: parent edge {child} -> {parent} not in {PARENT_EDGES_FILE} "
                    "(written as is-a; review it)"
                )
        return out


def referenced_terms(project: Project) -> set[str]:
    """External terms the edit file, assertion tables, mappings and curated tables mention."""
    paths = [project.edit_file, project.mappings_file]
    diseases = project.imports_dir / CELL_LINE_DISEASES_FILE
    if diseases.is_file():
        paths.append(diseases)
    if project.assertions_dir.is_dir():
        paths += sorted(project.assertions_dir.glob("*.tsv"))
    return seeding.scan_files(paths)


def read_parent_edges(path: Path) -> dict[tuple[str, str], str]:
    """Reviewed snapshot parent edges: (child, parent) -> ``is_a`` or ``part_of``."""
    if not path.is_file():
        return {}
    edges: dict[tuple[str, str], str] = {}
    for line, row in read_tsv(path, ("child", "parent", "relation")):
        if row["relation"] not in {"is_a", "part_of"}:
            raise SourceError(
                f"relation {row['relation']!r} is not is_a or part_of",
                Location(display_path(path), line, "relation"),
            )
        edges[(row["child"], row["parent"])] = row["relation"]
    return edges


def read_obsolete(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Terms a snapshot still shows live but upstream has since made obsolete."""
    if not path.is_file():
        return {}
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line, row in read_tsv(path, ("id", "replaced_by", "consider", "note")):
        if not row["id"]:
            raise SourceError("id is required", Location(display_path(path), line))
        found[row["id"]] = (row["replaced_by"], tuple(row["consider"].split()))
    return found


DISEASE_RELATION = "CLO:0000015"  # derives from patient having disease
CELL_LINE_DISEASE_COLUMNS = ("id", "label", "disease", "ncit", "mondo", "verified_from")


def read_cell_line_diseases(path: Path) -> dict[str, tuple[str, str]]:
    """``cell_line_diseases.tsv``: Cellosaurus CURIE -> (MONDO CURIE, note naming the source)."""
    if not path.is_file():
        return {}
    found: dict[str, tuple[str, str]] = {}
    for line, row in read_tsv(path, CELL_LINE_DISEASE_COLUMNS):
        where = Location(display_path(path), line)
        if not row["id"].startswith("cellosaurus:") or not row["mondo"].startswith("MONDO:"):
            raise SourceError("id must be a cellosaurus: CURIE and mondo a MONDO: CURIE", where)
        if not row["verified_from"]:
            raise SourceError(f"{row['id']}: verified_from is required", where)
        note = (
            f"Disease: {row['disease']}"
            + (f" (NCIt {row['ncit']})" if row["ncit"] else "")
            + f"; mapped to {row['mondo']}. Source: {row['verified_from']}"
        )
        found[row["id"]] = (row["mondo"], note)
    return found


DISEASE_RELATION_LABEL = "derives from patient having disease"


def _with_diseases(
    upstream: Upstream, diseases: dict[str, tuple[str, str]], mondo: Upstream
) -> Upstream:
    """Give each listed cell line ``CLO:0000015 some <its MONDO disease>``."""
    from dataclasses import replace

    overrides = {}
    for curie, (disease, note) in diseases.items():
        term = upstream.get(curie)
        known = mondo.get(disease)
        if term is None or known is None:
            continue
        uses = (
            (DISEASE_RELATION, OBJECT_PROPERTY, DISEASE_RELATION_LABEL),
            (disease, CLASS, known.label),
        )
        overrides[curie] = replace(
            term, some=((DISEASE_RELATION, disease),), uses=uses, comment=note
        )
    if not overrides:
        return upstream
    return replace(upstream, terms=_Overlay(upstream.terms, overrides))


def load_upstream(
    spec: ModuleSpec,
    snapshots: Snapshots | None,
    project: Project,
    curated: dict[str, dict[str, Term]],
    part_of: set[tuple[str, str]],
) -> Upstream:
    """The upstream data of one module."""
    if spec.kind == "curated":
        return from_curated(spec, curated, project.imports_dir / CURATED_FILE)
    if snapshots is None:  # pragma: no cover - refresh always passes snapshots
        raise SourceError(f"{spec.name} needs the snapshot wheels")
    if spec.kind == "cellxgene":
        return from_cellxgene(spec, snapshots, part_of)
    if spec.kind == "go":
        return from_go(spec, snapshots)
    return from_hgnc(spec, snapshots)


def refresh(
    project: Project,
    snapshot_dir: Path,
    *,
    only: list[str] | None = None,
    check: bool = False,
) -> RefreshReport:
    """Rebuild the import modules and the catalog; write only what changed, atomically.

    With ``check`` nothing is written: the report says which files would change.
    """
    snapshots = Snapshots(snapshot_dir)
    imports_dir = project.imports_dir
    curated = read_curated(imports_dir / CURATED_FILE)
    curated_home = {curie: name for name, terms in curated.items() for curie in terms}
    edges = read_parent_edges(imports_dir / PARENT_EDGES_FILE)
    part_of = {edge for edge, relation in edges.items() if relation == "part_of"}
    obsolete = read_obsolete(imports_dir / OBSOLETE_FILE)
    diseases = read_cell_line_diseases(imports_dir / CELL_LINE_DISEASES_FILE)
    used = seeding.by_module(referenced_terms(project), curated_home)

    report = RefreshReport()
    outputs: dict[Path, bytes] = {}
    for spec in MODULES:
        if only and spec.name not in only:
            continue
        seed_list = seeding.read_seed_file(imports_dir / spec.seed_file_name)
        wanted = set(seed_list) | used[spec.name]
        upstream = load_upstream(spec, snapshots, project, curated, part_of)
        upstream = _with_obsolete(upstream, obsolete)
        if spec.name == "cellosaurus":
            mondo = load_upstream(MODULES_BY_NAME["mondo"], snapshots, project, curated, part_of)
            upstream = _with_diseases(upstream, diseases, mondo)
        terms, missing = closure(wanted, upstream)
        result = ModuleResult(
            spec=spec,
            seeds=len(wanted),
            terms=len(terms),
            version=upstream.version,
            missing=missing,
            deprecated_used=sorted(c for c in wanted if c in terms and terms[c].deprecated),
            unreviewed=_unreviewed(spec, terms, edges),
        )
        outputs[imports_dir / spec.file_name] = module_bytes(spec, upstream, terms)
        report.modules.append(result)

    catalog = write_catalog(
        project.catalog,
        {spec.iri: f"imports/{spec.file_name}" for spec in MODULES},
    )
    for result in report.modules:
        path = imports_dir / result.spec.file_name
        result.changed = _differs(path, outputs[path])
    report.catalog_changed = _differs(project.catalog, catalog)
    if not check:
        for path, data in outputs.items():
            if _differs(path, data):
                write_atomic(path, data)
        if report.catalog_changed:
            write_atomic(project.catalog, catalog)
    return report


def _unreviewed(
    spec: ModuleSpec, terms: dict[str, Term], edges: dict[tuple[str, str], str]
) -> list[tuple[str, str]]:
    """Is-a edges of a module whose snapshot mixes is-a and part-of, not yet reviewed."""
    if not spec.reviewed_edges:
        return []
    return sorted(
        (curie, parent)
        for curie, term in terms.items()
        for parent in term.parents
        if (curie, parent) not in edges
    )


def _differs(path: Path, data: bytes) -> bool:
    return not path.is_file() or path.read_bytes() != data


def _with_obsolete(
    upstream: Upstream, obsolete: dict[str, tuple[str, tuple[str, ...]]]
) -> Upstream:
    """Mark the terms listed in ``obsolete_terms.tsv`` deprecated in this upstream."""
    overrides = {}
    for curie, (replaced_by, consider) in obsolete.items():
        term = upstream.get(curie)
        if term is not None and not term.deprecated:
            overrides[curie] = deprecate(term, replaced_by, consider)
    if not overrides:
        return upstream
    return Upstream(
        terms=_Overlay(upstream.terms, overrides),
        version=upstream.version,
        source_iri=upstream.source_iri,
        provenance=upstream.provenance,
        imported_from=upstream.imported_from,
        notes=upstream.notes,
    )


class _Overlay(dict):
    """Terms with a few replaced; everything else read through to the base mapping."""

    def __init__(self, base, overrides: dict[str, Term]) -> None:
        super().__init__(overrides)
        self._base = base

    def get(self, key, default=None):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        return self._base.get(key, default)

    def __missing__(self, key):
        return self._base[key]
