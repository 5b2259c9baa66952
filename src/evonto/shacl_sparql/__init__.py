"""A fast SHACL Core validator: shapes compiled to SPARQL and run on an Oxigraph store.

pyshacl stays the reference: :func:`pyshacl_results` gives its results as the same records, and
a differential test checks that both agree focus node by focus node, constraint by constraint,
and the W3C SHACL Core test suite runs on both (``benchmarks/shacl_suite.py``). Every SHACL Core
constraint is compiled; shapes beyond Core (SHACL-SPARQL, SHACL-AF) raise
:class:`UnsupportedShapes`.
"""

from evonto.shacl_sparql.engine import UnsupportedShapes, compile_shapes, ontology_view, validate
from evonto.shacl_sparql.reference import pyshacl_report, pyshacl_results, report_results
from evonto.shacl_sparql.results import ShaclResult, sorted_results

__all__ = [
    "ShaclResult",
    "UnsupportedShapes",
    "compile_shapes",
    "ontology_view",
    "pyshacl_report",
    "pyshacl_results",
    "report_results",
    "sorted_results",
    "validate",
]
