"""The W3C SHACL Core test suite (DASH form, from pyshacl's sdist) on both SHACL engines.

Each ``*.test.ttl`` file of ``dash_tests/core`` holds data, shapes and a
``dash:GraphValidationTestCase`` with its expected ``sh:ValidationReport``. A case passes for an
engine when the engine's results equal the expected ones, result by result (focus node, path,
value, constraint component, source shape, severity; blank nodes of the data match any blank
node). The compiled engine runs on an Oxigraph store loaded from the file, pyshacl on rdflib.

    python -m benchmarks.shacl_suite DIR      # DIR: the extracted sdist (or EVONTO_SHACL_SUITE)
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

DASH = "http://datashapes.org/dash#"
SUITE_ENV = "EVONTO_SHACL_SUITE"


@dataclass(frozen=True)
class CaseOutcome:
    """How each engine did on one suite file: ``pass``, ``fail`` or ``refused`` / ``error``."""

    name: str  # e.g. "node/and-001"
    compiled: str
    pyshacl: str
    detail: str = ""


def core_dir(root: Path) -> Path:
    """The ``dash_tests/core`` folder under ``root`` (an extracted pyshacl sdist, or inside)."""
    if root.name == "core" and root.parent.name == "dash_tests":
        return root
    found = sorted(root.glob("**/dash_tests/core"))
    if not found:
        raise FileNotFoundError(f"no dash_tests/core folder under {root}")
    return found[0]


def suite_files(root: Path) -> list[Path]:
    """Every test file of the core suite, sorted."""
    return sorted(core_dir(root).glob("*/*.test.ttl"))


def case_name(path: Path) -> str:
    return f"{path.parent.name}/{path.name.removesuffix('.test.ttl')}"


def _expected(graph) -> collections.Counter:
    import rdflib

    from evonto.shacl_sparql import report_results

    case = next(graph.subjects(rdflib.RDF.type, rdflib.URIRef(DASH + "GraphValidationTestCase")))
    report = graph.value(case, rdflib.URIRef(DASH + "expectedResult"))
    expected = rdflib.Graph()
    for s, p, o in graph:
        expected.add((s, p, o))
    others = [r for r in graph.subjects(rdflib.RDF.type, rdflib.URIRef(_SH + "ValidationReport"))]
    for other in others:  # only this case's report is read
        if other != report:
            expected.remove((other, None, None))
    return _keys(report_results(expected))


_SH = "http://www.w3.org/ns/shacl#"


def _keys(results) -> collections.Counter:
    return collections.Counter(r.key for r in results)


def run_case(path: Path) -> CaseOutcome:
    """Run one suite file on both engines and compare each with the expected report.

    Literals are compared as written (rdflib's normalisation is off, as in pyshacl's own run of
    the suite): ``"2011-01-01"^^xsd:dateTime`` is not ``"2011-01-01T00:00:00"``.
    """
    import rdflib

    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        return _run_case(path)
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


def _run_case(path: Path) -> CaseOutcome:
    import pyoxigraph
    import rdflib

    from evonto.shacl_sparql import UnsupportedShapes, pyshacl_results, validate

    base = path.resolve().as_uri()
    graph = rdflib.Graph().parse(path, format="turtle", publicID=base)
    expected = _expected(graph)
    triples = list(
        pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=base)
    )
    store = pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in triples)
    details = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ill-typed literals in the suite make rdflib warn
        try:
            got = _keys(validate(store, graph, literals=[t.object for t in triples]))
            compiled = "pass" if got == expected else "fail"
            if compiled == "fail":
                details.append(f"compiled: extra {got - expected}, missing {expected - got}")
        except UnsupportedShapes as exc:
            compiled = "refused"
            details.append(f"compiled refused: {exc}")
        try:
            ref = _keys(pyshacl_results(graph, graph))
            reference = "pass" if ref == expected else "fail"
            if reference == "fail":
                details.append(f"pyshacl: extra {ref - expected}, missing {expected - ref}")
        except Exception as exc:
            reference = "error"
            details.append(f"pyshacl error: {type(exc).__name__}: {exc}")
    return CaseOutcome(case_name(path), compiled, reference, "; ".join(details))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=os.environ.get(SUITE_ENV))
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per case")
    args = parser.parse_args(argv)
    if not args.root:
        parser.error(f"give the suite folder or set {SUITE_ENV}")
    outcomes = [run_case(p) for p in suite_files(Path(args.root))]
    for o in outcomes:
        if args.verbose or o.compiled != "pass" or o.pyshacl != "pass":
            print(f"{o.name:45} compiled={o.compiled:8} pyshacl={o.pyshacl:8} {o.detail}")
    for engine in ("compiled", "pyshacl"):
        counts = collections.Counter(getattr(o, engine) for o in outcomes)
        print(
            f"{engine}: {len(outcomes)} cases, "
            + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
