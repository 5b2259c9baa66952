"""pyshacl, the reference implementation, giving the same records as the fast path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto.shacl_sparql.paths import sparql_path
from evonto.shacl_sparql.results import SH, ShaclResult, rdflib_term_text, sorted_results

if TYPE_CHECKING:
    import rdflib


def pyshacl_report(
    data_graph: rdflib.Graph, shapes: rdflib.Graph, ont_graph: rdflib.Graph | None = None
) -> rdflib.Graph:
    """pyshacl's validation report graph, with pyshacl's defaults (no inference, no SHACL-AF)."""
    import pyshacl

    _conforms, report, _text = pyshacl.validate(
        data_graph,
        shacl_graph=shapes,
        ont_graph=ont_graph,
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=False,
    )
    return report


def report_results(report: rdflib.Graph) -> list[ShaclResult]:
    """Read the top-level results of a SHACL validation report (not nested ``sh:detail``)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    out = []
    results = [
        r
        for report_node in report.subjects(rdflib.RDF.type, sh.ValidationReport)
        for r in report.objects(report_node, sh.result)
    ]
    for r in results:
        path = report.value(r, sh.resultPath)
        value = report.value(r, sh.value)
        message = report.value(r, sh.resultMessage)
        out.append(
            ShaclResult(
                focus=rdflib_term_text(report.value(r, sh.focusNode)),
                path=sparql_path(report, path) if path is not None else None,
                value=rdflib_term_text(value) if value is not None else None,
                component=str(report.value(r, sh.sourceConstraintComponent)),
                shape=rdflib_term_text(report.value(r, sh.sourceShape), shapes_bnode=True),
                severity=str(report.value(r, sh.resultSeverity)),
                message=str(message) if message is not None else None,
            )
        )
    return sorted_results(out)


def pyshacl_results(
    data_graph: rdflib.Graph, shapes: rdflib.Graph, ont_graph: rdflib.Graph | None = None
) -> list[ShaclResult]:
    """Validate with pyshacl and return its results as :class:`ShaclResult` records."""
    return report_results(pyshacl_report(data_graph, shapes, ont_graph))
