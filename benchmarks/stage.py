"""One benchmark run in its own process: load, validate (SHACL + QC) and the query pack.

``python -m benchmarks.stage --engine fast|naive --data FILE --out RESULT.json``

``fast`` is evonto's path: Oxigraph parses and loads the files, the shapes run compiled to SPARQL
(:mod:`evonto.shacl_sparql`), QC and the query pack run on the same store. ``naive`` is the
textbook path: rdflib parses into a Dataset, pyshacl validates with its defaults (the ontology as
``ont_graph``), QC and the query pack run on rdflib's SPARQL engine. Both use the same named
graphs (ontology, data, context) and the same query texts.

The result file is rewritten after every stage, so a run stopped by a time limit still reports
the stages it finished. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from benchmarks.generate import ontology_files, stubs_file


def peak_mb() -> float:
    """Maximum resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StageTimeout(BaseException):
    """A stage ran past its budget (SIGALRM; a BaseException, so library code cannot eat it)."""


class Recorder:
    """Stage timings written to a JSON file as they complete."""

    def __init__(self, out: Path, meta: dict, budget: float | None = None) -> None:
        self.out = out
        self.budget = budget
        self.data = dict(meta, stages={}, counts={}, lower_bounds={})

    def bounded(self, name: str, work) -> None:
        """Run ``work()`` as stage ``name`` within the budget; past it, record a lower bound."""
        import signal

        def alarm(_signum, _frame):
            raise StageTimeout

        self.begin(name)
        start = time.perf_counter()
        if self.budget:
            signal.signal(signal.SIGALRM, alarm)
            signal.setitimer(signal.ITIMER_REAL, self.budget)
        try:
            work()
        except StageTimeout:
            self.data["lower_bounds"][name] = round(time.perf_counter() - start, 1)
            self.data.pop("running", None)
            self._write()
        finally:
            if self.budget:
                signal.setitimer(signal.ITIMER_REAL, 0)

    def begin(self, name: str) -> None:
        """Note the stage now running (a runner that stops this process reports it)."""
        self.data["running"] = name
        self.data["running_since"] = time.time()
        self._write()

    def _write(self) -> None:
        self.out.write_text(json.dumps(self.data, indent=2, sort_keys=True), encoding="utf-8")

    def stage(self, name: str, seconds: float, **counts: int) -> None:
        self.data["stages"][name] = round(seconds, 4)
        self.data["counts"].update(counts)
        self.data["peak_mb"] = round(peak_mb(), 1)
        self.data.pop("running", None)
        self.data.pop("running_since", None)
        self._write()


def _files(data: Path) -> tuple[list[Path], Path]:
    ontology = ontology_files()
    stubs = stubs_file(data)
    if stubs.is_file():
        ontology.append(stubs)
    return ontology, data


def _project():
    from evonto.project import Project

    return Project.locate()


SHACL_VIEW_GRAPH = "https://w3id.org/evonto/benchmarks/shacl-ontology"


def run_fast(data: Path, rec: Recorder) -> None:
    """evonto's path: Oxigraph store, compiled SHACL, QC and queries on the store."""
    import pyoxigraph

    from evonto.query.packs import discover
    from evonto.rdfio import load_graph
    from evonto.shacl_sparql import UnsupportedShapes, ontology_view, validate
    from evonto.validate.qc import (
        CONTEXT_GRAPH,
        DATA_GRAPH,
        DECLARATIONS_GRAPH,
        ONTOLOGY_GRAPH,
        context_graph,
        declared_namespaces,
        fill_placeholders,
        load_checks,
    )
    from evonto.validate.shacl import load_shapes

    project = _project()
    ontology, data_file = _files(data)
    fmt = pyoxigraph.RdfFormat.TURTLE
    nt = pyoxigraph.RdfFormat.N_TRIPLES

    rec.begin("parse")
    t = time.perf_counter()
    triples = sum(1 for _ in pyoxigraph.parse(path=str(data_file), format=fmt))
    rec.stage("parse", time.perf_counter() - t, data_triples=triples)

    rec.begin("load")
    t = time.perf_counter()
    store = pyoxigraph.Store()
    for path in ontology:
        store.load(path=str(path), format=fmt, to_graph=pyoxigraph.NamedNode(ONTOLOGY_GRAPH))
    store.load(path=str(data_file), format=fmt)  # DATA_GRAPH: the default graph
    for name, graph in ((CONTEXT_GRAPH, context_graph()), (SHACL_VIEW_GRAPH, None)):
        if graph is None:  # what pyshacl mixes in from its ont_graph (a small TBox subset)
            tbox = load_graph(ontology[0])
            for path in ontology[1:]:
                load_graph(path, tbox)
            graph = ontology_view(tbox)
        data_nt = graph.serialize(format="nt", encoding="utf-8")
        store.load(data_nt, format=nt, to_graph=pyoxigraph.NamedNode(name))
    store.update(  # what evonto.validate.qc.declarations gives: the typed named terms
        f"INSERT {{ GRAPH <{DECLARATIONS_GRAPH}> {{ ?s a ?o }} }} "
        f"WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s a ?o FILTER(isIRI(?s)) }} }}"
    )
    rec.stage("load", time.perf_counter() - t, store_quads=len(store))

    shapes = load_shapes(project.shapes_dir)
    rec.begin("shacl")
    t = time.perf_counter()
    try:
        results = validate(store, shapes, graphs=[DATA_GRAPH, SHACL_VIEW_GRAPH])
        rec.stage("shacl", time.perf_counter() - t, shacl_results=len(results))
    except UnsupportedShapes as exc:  # not timed: evonto would hand these shapes to pyshacl
        rec.data["shacl_unsupported"] = exc.reasons
        rec.data.pop("running", None)

    qc_names = (ONTOLOGY_GRAPH, DATA_GRAPH, DECLARATIONS_GRAPH, CONTEXT_GRAPH)
    qc_graphs = [  # evonto validate's QC store
        pyoxigraph.NamedNode(g) if g is not None else pyoxigraph.DefaultGraph() for g in qc_names
    ]
    rec.begin("qc")
    t = time.perf_counter()
    hits = 0
    for check in load_checks(project.queries_dir / "qc"):
        sparql = fill_placeholders(check.sparql, lambda: declared_namespaces(store))
        for row in store.query(sparql, default_graph=qc_graphs):
            hits += not isinstance(row["entity"], pyoxigraph.BlankNode)
    rec.stage("qc", time.perf_counter() - t, qc_hits=hits)

    rec.begin("queries")
    t = time.perf_counter()
    rows = 0
    per_query = rec.data.setdefault("per_query", {})
    for query in discover(project.queries_dir):
        q = time.perf_counter()
        rows += sum(1 for _ in store.query(query.text, default_graph=qc_graphs))
        per_query[query.id] = round(time.perf_counter() - q, 4)
    rec.stage("queries", time.perf_counter() - t, query_rows=rows)


def run_naive(data: Path, rec: Recorder) -> None:
    """The naive path: rdflib parse, pyshacl defaults, rdflib SPARQL (each stage in budget)."""
    import rdflib

    from evonto.query.packs import discover
    from evonto.shacl_sparql import pyshacl_results
    from evonto.validate.qc import (
        CONTEXT_GRAPH,
        DECLARATIONS_GRAPH,
        ONTOLOGY_GRAPH,
        context_graph,
        declarations,
        fill_placeholders,
        load_checks,
    )
    from evonto.validate.shacl import SH, load_shapes

    project = _project()
    ontology, data_file = _files(data)
    dataset = rdflib.Dataset(default_union=True)
    onto = dataset.graph(rdflib.URIRef(ONTOLOGY_GRAPH))
    graph = dataset.default_context  # DATA_GRAPH: the default graph, as in evonto validate

    rec.begin("load")
    t = time.perf_counter()
    for path in ontology:
        onto.parse(path, format="turtle")
    graph.parse(data_file, format="turtle")
    context = context_graph()
    dataset.graph(rdflib.URIRef(CONTEXT_GRAPH)).__iadd__(context)
    dataset.graph(rdflib.URIRef(DECLARATIONS_GRAPH)).__iadd__(declarations(onto))
    rec.stage("load", time.perf_counter() - t, data_triples=len(graph))

    shapes = load_shapes(project.shapes_dir)

    def shacl() -> None:
        t = time.perf_counter()
        results = pyshacl_results(graph, shapes, onto)
        rec.stage("shacl", time.perf_counter() - t, shacl_results=len(results))

    def qc() -> None:
        t = time.perf_counter()
        hits = 0
        namespace = rdflib.URIRef(SH + "namespace")
        for check in load_checks(project.queries_dir / "qc"):
            rec.data["current_check"] = check.name
            rec._write()
            sparql = fill_placeholders(check.sparql, lambda: context.objects(None, namespace))
            for row in dataset.query(sparql):
                hits += not isinstance(row["entity"], rdflib.BNode)
        rec.data.pop("current_check", None)
        rec.stage("qc", time.perf_counter() - t, qc_hits=hits)

    def queries() -> None:
        t = time.perf_counter()
        rows = 0
        per_query = rec.data.setdefault("per_query", {})
        for query in discover(project.queries_dir):
            rec.data["current_query"] = query.id
            rec._write()
            q = time.perf_counter()
            try:
                rows += sum(1 for _ in dataset.query(query.text))
            except Exception as exc:  # rdflib fails on some valid SPARQL (ORDER BY unbound)
                per_query[query.id] = f"error: {type(exc).__name__}"
                continue
            per_query[query.id] = round(time.perf_counter() - q, 4)
        rec.data.pop("current_query", None)
        rec.stage("queries", time.perf_counter() - t, query_rows=rows)

    for name, work in (("shacl", shacl), ("qc", qc), ("queries", queries)):
        rec.bounded(name, work)


def main(argv: list[str] | None = None) -> None:
    """Command line of one run (the runner starts it as a subprocess)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("fast", "naive"), required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stage-budget", type=float, help="seconds per naive stage")
    args = parser.parse_args(argv)
    meta = {"engine": args.engine, "data": str(args.data)}
    rec = Recorder(args.out, meta, args.stage_budget)
    import warnings

    warnings.simplefilter("ignore")  # rdflib warns about the deliberately ill-typed literals
    (run_fast if args.engine == "fast" else run_naive)(args.data, rec)
    rec.data["complete"] = True
    rec._write()


if __name__ == "__main__":
    sys.exit(main())
