"""The stages of ``evonto validate`` (DESIGN §6), run in order, all problems collected.

1. syntax — every source parses (file:line:column);
2. references — every IRI a finding uses is declared and not deprecated;
3. reasoning — HermiT: consistency and unsatisfiable classes (skippable: ``--no-reasoner``);
4. SHACL — the shapes of ``shapes/`` with the ontology available for subclass reasoning;
5. QC — the ROBOT-style queries of ``queries/qc/``.

With no paths the project's own sources are checked; with paths, the given files are checked
against the project's ontology, and only problems about what those files describe are reported.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import EvontoError, SourceError, display_path
from evonto.prefixes import EVONTO, ONTOLOGY_IRI, compress
from evonto.validate.exceptions import apply_exceptions
from evonto.validate.fold import fold
from evonto.validate.inputs import DEFAULT_MAX_MB, Triples, is_tsv, stream_rdf
from evonto.validate.locate import Locator
from evonto.validate.report import Issue, Report

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from evonto.build.reasoner import ReasonerLimits
    from evonto.project import Project
    from evonto.validate.exceptions import QcException
    from evonto.validate.qc import QcCheck


@dataclass
class Options:
    """How to validate: reasoner on or off, the size limit, where shapes and queries live."""

    reasoner: bool = True
    limits: ReasonerLimits | None = None  #: HermiT's time and heap (default: the variables')
    max_mb: float = DEFAULT_MAX_MB
    shacl_engine: str = "fast"
    shapes_dir: Path | None = None
    qc_dir: Path | None = None
    exceptions: Path | None = None  #: default for the project: ontology/qc-exceptions.tsv
    namespaces: tuple[str, ...] = ()  #: the user's own namespaces (files only)
    terms: tuple[Path, ...] = ()  #: files declaring extra terms (files only)
    progress: Callable[[str], None] = field(default=lambda _stage: None)


@dataclass
class Subject:
    """What the validated data is about, for scoping results (see :mod:`evonto.validate.qc`).

    For the project: evonto's own namespace (and its ontology header). For given files: the
    subjects of their triples, except terms in the namespaces of the ontologies, databases and
    vocabularies evonto builds on (a release file carries thousands of upstream terms; their gaps
    are upstream's), and with scope ``data`` those too.
    """

    project_mode: bool
    subjects: Container[str] = frozenset()  #: for given files (looked up in their store)

    def keep(self, entity: str, scope: str = "base") -> bool:
        if scope == "all":
            return True
        if self.project_mode:
            return entity == ONTOLOGY_IRI if scope == "ontology" else entity.startswith(EVONTO)
        if scope == "data":
            return entity in self.subjects
        return entity in self.subjects and not entity.startswith(_external_namespaces())


@cache
def _external_namespaces() -> tuple[str, ...]:
    """Namespaces of the prefix map that are not evonto's: upstream ontologies, vocabularies."""
    from evonto.prefixes import PREFIX_MAP

    return tuple(sorted({ns for ns in PREFIX_MAP.values() if not ns.startswith(EVONTO)}))


def validate_project(project: Project, options: Options) -> Report:
    """Check the project's own sources: edit file, import modules, mappings and assertion TSVs."""
    from evonto.validate.exceptions import PROJECT_FILE
    from evonto.validate.project_sources import load_project

    report = Report()
    _require_java(options)
    exceptions = _exceptions(options.exceptions or project.root / PROJECT_FILE, options)
    options.progress("syntax")
    loaded = load_project(project, report, options.max_mb)
    if loaded is None:
        _skip_after_syntax(report)
        return report
    ontology, data, locator = loaded
    from evonto.validate.mapping_records import mapping_records
    from evonto.validate.references import check_edit_file

    check_edit_file(report, project.edit_file, ontology, locator)

    records = mapping_records(project.mappings_file, locator)
    _check(
        report,
        ontology,
        Triples(graph=data),
        locator,
        Subject(True),
        project,
        options,
        records=records,
        sources=_project_files(project),
    )
    fold(report, locator)
    apply_exceptions(report, exceptions)
    return report


def validate_paths(paths: list[Path], project: Callable[[], Project], options: Options) -> Report:
    """Check the given files against the project's shapes, with its ontology for reasoning.

    Each file is parsed once by Oxigraph, in batches that go straight into the store the
    SHACL and QC stages query (:meth:`Triples.streamed`); an rdflib copy is made, from that
    store, only for the stages that need one (HermiT, ``--shacl-engine pyshacl``).
    """

    from evonto.validate.inputs import expand_folders

    paths = expand_folders(paths, exclude=options.terms)
    report = Report(inputs=[display_path(p) for p in paths])
    _require_java(options)
    exceptions = _exceptions(options.exceptions, options)
    options.progress("syntax")
    the_project = project()
    ontology = _project_ontology(the_project)
    locator = Locator()
    run = report.stage("syntax")
    _add_terms(report, ontology, options)
    data = Triples.streamed(_named_subjects(ontology))
    for path in paths:
        shown = display_path(path)
        run.checks.append(shown)
        try:
            if is_tsv(path):
                from evonto.validate.tsv_input import read_tsv

                graph, problems, rows, columns = read_tsv(path, ontology, options.max_mb)
                for problem in problems:
                    report.add(problem)
                locator.add_rows(shown, rows, columns)
                data.add(_quads_of(graph))
            else:
                locator.add_text(shown, stream_rdf(path, data, options.max_mb))
        except SourceError as exc:
            report.unreadable.append(shown)
            report.add(Issue.unreadable(exc, shown))
    if report.unreadable or any(i.level == "error" for i in report.issues_of("syntax")):
        _skip_after_syntax(report)
        return report
    data.finish()  # association records get their instance graphs
    subject = Subject(False, data.subjects)
    from evonto.validate.view_cache import view_key

    ontology_files = _project_files(the_project, assertions=False)
    _check(
        report,
        _background(ontology, data.stated),
        data,
        locator,
        subject,
        the_project,
        options,
        declared=ontology,
        namespaces=options.namespaces,
        sources=[*paths, *ontology_files],
        view_key=view_key([*ontology_files, *options.terms], data.stated),
    )
    fold(report, locator)
    apply_exceptions(report, exceptions)
    return report


def _add_terms(report: Report, ontology: rdflib.Graph, options: Options) -> None:
    """Merge the user's terms files into ``ontology``; a file that fails is unreadable input."""
    from evonto.validate.user_terms import load_terms

    run = report.stage("syntax")
    for path in options.terms:
        shown = display_path(path)
        run.checks.append(shown)
        try:
            load_terms(path, options.max_mb, ontology)
        except SourceError as exc:
            report.unreadable.append(shown)
            report.add(Issue.unreadable(exc, shown))


def _exceptions(path: Path | None, options: Options) -> list[QcException]:
    """The lines of the exceptions file: one given with the option must exist, the project's
    default may be absent."""
    from evonto.validate.exceptions import read_exceptions

    if path is None or (options.exceptions is None and not path.is_file()):
        return []
    return read_exceptions(path, options.max_mb)


def _quads_of(graph: rdflib.Graph) -> list[pyoxigraph.Quad]:
    """The triples of an rdflib graph as Oxigraph quads (default graph), term by term."""
    from evonto.rdfio import from_rdflib

    return list(from_rdflib(graph))


def _named_subjects(graph: rdflib.Graph) -> frozenset[str]:
    """The IRIs ``graph`` says something about (what a file's statements may override)."""
    import rdflib

    return frozenset(str(s) for s in graph.subjects() if isinstance(s, rdflib.URIRef))


def _background(ontology: rdflib.Graph, stated: set[tuple[str, str]]) -> rdflib.Graph:
    """The ontology with the data's own statements taking precedence.

    Where the files state a property of a node (a label, a definition, an equivalent class),
    the ontology's values of that property for that node are left out, so a file that restates
    or changes evonto's terms (a release, an edited copy) is checked as written, not as the
    union of two versions (two labels, two copies of an axiom with different blank nodes).
    """
    import rdflib

    if not stated:
        return ontology
    out = rdflib.Graph()
    for triple in ontology:
        s, p, _ = triple
        if not (isinstance(s, rdflib.URIRef) and (str(s), str(p)) in stated):
            out.add(triple)
    return out


def _project_files(project: Project, assertions: bool = True) -> list[Path]:
    """The files the project's ontology (and, with ``assertions``, its data) is read from."""
    from evonto.sources import import_iris, resolve_imports

    files = [project.edit_file, project.catalog]
    files += resolve_imports(project, import_iris(project.edit_file)).values()
    if assertions:
        if project.assertions_dir.is_dir():
            files += sorted(project.assertions_dir.glob("*.tsv"))
        files.append(project.mappings_file)
    return files


def _require_java(options: Options) -> None:
    if options.reasoner:
        from evonto.build.reasoner import require_java

        require_java()


def _project_ontology(project: Project) -> rdflib.Graph:
    """The project's TBox and imports, the background against which files are checked."""
    from evonto.sources import load_tbox

    try:
        return load_tbox(project)
    except EvontoError as exc:
        raise EvontoError(f"cannot load the project ontology to validate against: {exc}") from None


def _skip_after_syntax(report: Report) -> None:
    for name in ("references", "reasoning", "shacl", "qc"):
        run = report.stage(name)
        run.status = "skipped"
        run.note = "not run: the sources have syntax or table errors"


def _check(
    report: Report,
    ontology: rdflib.Graph,
    data: Triples,
    locator: Locator,
    subject: Subject,
    project: Project,
    options: Options,
    declared: rdflib.Graph | None = None,
    records: rdflib.Graph | None = None,
    namespaces: tuple[str, ...] = (),
    sources: list[Path] | None = None,
    view_key: str | None = None,
) -> None:
    """Stages 2 to 5 on parsed sources (``declared``: the full ontology, for references;
    ``records``: the project's mapping rows, see :mod:`evonto.validate.mapping_records`;
    ``namespaces``: the user's own, known besides evonto's prefix map; ``sources``: the files
    all of it was read from, keying the reasoner's cached result; ``view_key``: the key the
    background's SHACL view is kept under, :mod:`evonto.validate.view_cache`)."""
    from evonto.validate.qc import load_checks, qc_store

    qc_dir = options.qc_dir or project.queries_dir / "qc"
    checks = load_checks(qc_dir)
    options.progress("references")
    store = qc_store(ontology, data, declared, records, namespaces)
    locator.index_in_background()  # while the references queries run (they free the GIL)
    _run_queries(
        report,
        store,
        [c for c in checks if c.stage == "references"],
        "references",
        locator,
        subject,
    )
    options.progress("reasoning")
    _reason(report, ontology, data, locator, options, sources)
    options.progress("shacl")
    _shacl(report, store, ontology, data, locator, subject, options, project.shapes_dir, view_key)
    options.progress("qc")
    _run_queries(
        report, store, [c for c in checks if c.stage != "references"], "qc", locator, subject
    )


def _run_queries(
    report: Report, store, checks: list[QcCheck], stage: str, locator: Locator, subject: Subject
) -> None:
    from evonto.validate.qc import run_checks

    run = report.stage(stage)
    for check, issues in run_checks(store, checks):
        run.checks.append(check.name)
        for issue in issues:
            if not subject.keep(issue.focus or "", check.scope):
                continue
            place = locator.locate(issue.focus, issue.path, issue.value)
            if place is not None:
                issue = replace(issue, file=place.file, line=place.line, column=place.column)
            report.add(issue)


def _reason(
    report: Report,
    ontology: rdflib.Graph,
    data: Triples,
    locator: Locator,
    options: Options,
    sources: list[Path] | None = None,
) -> None:
    run = report.stage("reasoning")
    if not options.reasoner:
        run.status = "skipped"
        run.note = "skipped (--no-reasoner)"
        return
    from evonto.validate.reasoning import reason_over

    run.checks += ["consistency", "unsatisfiable_classes"]
    result = reason_over(ontology, data.graph, sources, options.limits)
    run.note = result.summary().rsplit(" (", 1)[0]  # without the time: reports are stable
    if not result.consistent:
        report.add(
            Issue(
                "reasoning",
                "consistency",
                "error",
                "the ontology and data are inconsistent (HermiT)"
                + (f"\n{result.explanation}" if result.explanation else ""),
            )
        )
    for curie, label in result.unsatisfiable:
        from evonto.prefixes import expand

        try:
            iri = expand(curie)
        except ValueError:
            iri = curie
        place = locator.locate(iri)
        report.add(
            Issue(
                "reasoning",
                "unsatisfiable_classes",
                "error",
                f"unsatisfiable class {curie} {label!r}: it can have no members",
                place.file if place else None,
                place.line if place else None,
                None,
                iri,
            )
        )


def _shacl(
    report: Report,
    store: pyoxigraph.Store,
    ontology: rdflib.Graph,
    data: Triples,
    locator: Locator,
    subject: Subject,
    options: Options,
    project_shapes: Path,
    view_key: str | None = None,
) -> None:
    from evonto.validate.qc import DATA_GRAPH, ONTOLOGY_GRAPH
    from evonto.validate.shacl import load_shapes, named_shapes, run_shacl, short_shape

    run = report.stage("shacl")
    shapes = load_shapes(options.shapes_dir or project_shapes)
    owners = named_shapes(shapes)
    run.checks += shape_checks(shapes)
    if subject.project_mode:  # the ontology is part of what is validated
        results, engine = run_shacl(
            store,
            [ONTOLOGY_GRAPH, DATA_GRAPH],
            shapes,
            lambda: (_merged(ontology, data.graph), None),
            options.shacl_engine,
            literals=data.literals(),
        )
    else:  # the ontology is background: subclass axioms and types only (pyshacl ont_graph)
        results, engine = run_shacl(
            store,
            [DATA_GRAPH],
            shapes,
            lambda: (data.graph, ontology),
            options.shacl_engine,
            view_of=ontology,
            literals=data.literals(),
            view_key=view_key,
        )
    run.note = f"engine: {engine}"
    for r in results:
        focus = _iri_of(r.focus)
        if focus is not None and not subject.keep(focus):
            continue
        path = _iri_of(r.path) if r.path else None
        owner = owners.get(r.shape, r.shape)
        check = short_shape(owner[1:-1]) if owner.startswith("<") else owner
        place = locator.locate(focus, path)
        value = _display_term(r.value, ontology) if r.value and r.value != r.focus else None
        detail = f" (value: {value})" if value else ""
        report.add(
            Issue(
                "shacl",
                check,
                r.level,
                f"{compress(focus) if focus else 'a blank node'}: "
                f"{r.message or r.component.rsplit('#', 1)[-1]}{detail}",
                place.file if place else None,
                place.line if place else None,
                place.column if place else None,
                focus,
                path,
                r.value,
                "sh:" + r.component.rsplit("#", 1)[-1],
            )
        )


def _merged(*graphs: rdflib.Graph) -> rdflib.Graph:
    import rdflib

    merged = rdflib.Graph()
    for graph in graphs:
        merged += graph
    return merged


def shape_checks(shapes: rdflib.Graph) -> list[str]:
    """Named shapes that are checks: node shapes with a target, and named property shapes."""
    import rdflib

    from evonto.validate.shacl import SH, short_shape

    sh = rdflib.Namespace(SH)
    targets = (sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf)
    names = {s for t in targets for s in shapes.subjects(t, None)}
    names |= set(shapes.subjects(rdflib.RDF.type, sh.PropertyShape))
    return sorted(short_shape(str(n)) for n in names if isinstance(n, rdflib.URIRef))


def _iri_of(text: str | None) -> str | None:
    if text and text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    return None


def _display_term(text: str, ontology: rdflib.Graph) -> str:
    """A CURIE with the term's label when the ontology has one (``UBERON:0002048 'lung'``), so
    a wrong kind of term for a slot shows what it is."""
    import rdflib

    iri = _iri_of(text)
    if not iri:
        return text
    label = ontology.value(rdflib.URIRef(iri), rdflib.RDFS.label)
    return f"{compress(iri)} {str(label)!r}" if label is not None else compress(iri)
