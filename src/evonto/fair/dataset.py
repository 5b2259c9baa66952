"""Dataset checks for the findings, after the W3C Data on the Web Best Practices (DWBP,
W3C Recommendation 2017, https://www.w3.org/TR/dwbp/): each check is named by its Best Practice
number (BP2, BP3, BP4, BP5, BP7, BP10, BP11, BP19) and reads the VoID/DCAT description of the
release (``void.ttl``) and the findings themselves.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from evonto.assertions.rdfgen import SOURCE_TEXT
from evonto.fair.context import Context
from evonto.fair.model import DWBP, Check, Result
from evonto.fair.online import RDF_MEDIA, describe, needs_server, parse
from evonto.fair.ontology import DCT, PERSISTENT_HOSTS
from evonto.prefixes import PREFIX_MAP, expand, record_id
from evonto.vocab import HAS_PRIMARY_SOURCE, REVIEW_SLOT

VOID = PREFIX_MAP["void"]
DCAT = PREFIX_MAP["dcat"]
PROV = PREFIX_MAP["prov"]
VERSION_PROPERTIES = (
    DCAT + "version",
    PREFIX_MAP["owl"] + "versionInfo",
    PREFIX_MAP["pav"] + "version",
)


def _dataset(ctx: Context):
    """(the description graph, the dataset node) or (None, None)."""
    import rdflib

    for graph in (ctx.dataset, ctx.graph):
        if graph is None:
            continue
        nodes = sorted(
            {
                s
                for kind in (VOID + "Dataset", DCAT + "Dataset")
                for s in graph.subjects(rdflib.RDF.type, rdflib.URIRef(kind))
            },
            key=str,
        )
        # the top dataset: not a subset of another one
        tops = [n for n in nodes if (None, rdflib.URIRef(VOID + "subset"), n) not in graph]
        if tops:
            return graph, tops[0]
    return None, None


def _has(graph, node, *properties: str) -> bool:
    import rdflib

    return any(True for p in properties for _ in graph.objects(node, rdflib.URIRef(p)))


def _no_description() -> Result:
    return Result(
        "fail",
        0,
        1,
        "no VoID or DCAT dataset description (void:Dataset, dcat:Dataset)",
        ("dataset description",),
    )


def findings(ctx: Context) -> list[str]:
    """The IRIs of the findings and claims in the graph."""
    return sorted({str(s) for s in ctx.graph.subjects() if record_id(str(s))})


def bp2(ctx: Context) -> Result:
    """BP2 descriptive metadata: title, description, issue date and a distribution."""
    graph, ds = _dataset(ctx)
    if graph is None:
        return _no_description()
    parts = {
        "title": _has(graph, ds, DCT + "title"),
        "description": _has(graph, ds, DCT + "description"),
        "issued": _has(graph, ds, DCT + "issued", DCT + "modified"),
        "distribution": _has(graph, ds, DCAT + "distribution", VOID + "dataDump"),
    }
    absent = [
        n
        for n, p in (
            ("keyword", DCAT + "keyword"),
            ("publisher", DCT + "publisher"),
            ("landing page", DCAT + "landingPage"),
        )
        if not _has(graph, ds, p)
    ]
    notes = (f"also suggested by BP2, not found: {', '.join(absent)}",) if absent else ()
    return Result.of(parts, f"{ds} is described", "not in the dataset description", notes=notes)


def bp3(ctx: Context) -> Result:
    """BP3 structural metadata: size, vocabularies and class/property partitions (VoID)."""
    graph, ds = _dataset(ctx)
    if graph is None:
        return _no_description()
    parts = {
        "void:triples": _has(graph, ds, VOID + "triples"),
        "void:vocabulary": _has(graph, ds, VOID + "vocabulary"),
        "partitions": _has(graph, ds, VOID + "classPartition", VOID + "propertyPartition"),
    }
    return Result.of(
        parts, "VoID statistics, vocabularies and partitions", "not in the dataset description"
    )


def bp4(ctx: Context) -> Result:
    """BP4 data license: the dataset names its license by IRI."""
    import rdflib

    graph, ds = _dataset(ctx)
    if graph is None:
        return _no_description()
    licenses = [
        o for o in graph.objects(ds, rdflib.URIRef(DCT + "license")) if isinstance(o, rdflib.URIRef)
    ]
    if licenses:
        return Result("pass", 1, 1, f"license {licenses[0]}")
    return Result("fail", 0, 1, "the dataset description gives no dct:license IRI", ("license",))


def bp5(ctx: Context) -> Result:
    """BP5 provenance: the dataset names its source, and every finding its review
    (prov:wasDerivedFrom) and its primary studies (by PubMed/DOI IRI, or by citation text
    when the study has no verified identifier)."""
    import rdflib

    graph, ds = _dataset(ctx)
    records = findings(ctx)
    if graph is None and not records:
        return Result.not_run("not run: no findings and no dataset description in the input")
    derived = rdflib.URIRef(expand(REVIEW_SLOT))
    primary = rdflib.URIRef(expand(HAS_PRIMARY_SOURCE))
    by_text = rdflib.URIRef(expand(SOURCE_TEXT))

    def has(iri: str, prop) -> bool:
        return any(True for _ in ctx.graph.objects(rdflib.URIRef(iri), prop))

    lacking = tuple(
        iri
        for iri in records
        if not (has(iri, derived) and (has(iri, primary) or has(iri, by_text)))
    )
    textual = [iri for iri in records if not has(iri, primary) and has(iri, by_text)]
    notes = (
        (
            f"{len(textual)} cite their primary study by text only (no verified PMID or DOI): "
            + ", ".join(textual),
        )
        if textual
        else ()
    )
    source = graph is not None and _has(graph, ds, DCT + "source", PROV + "wasDerivedFrom")
    passed = len(records) - len(lacking) + (1 if source else 0)
    total = len(records) + 1
    missing = lacking + (() if source else ("dataset source",))
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        reason = f"provenance missing for {len(missing)} of {total}: {shown}"
        return Result("fail", passed, total, reason, missing, notes)
    return Result(
        "pass",
        passed,
        total,
        f"the dataset and all {len(records)} findings give their sources",
        (),
        notes,
    )


def bp7(ctx: Context) -> Result:
    """BP7 version indicator: the dataset states its version."""
    graph, ds = _dataset(ctx)
    if graph is None:
        return _no_description()
    if _has(graph, ds, *VERSION_PROPERTIES):
        return Result("pass", 1, 1, "the dataset states its version")
    return Result("fail", 0, 1, "no dcat:version, owl:versionInfo or pav:version", ("version",))


def bp10(ctx: Context) -> Result:
    """BP10 persistent URIs within the dataset: every finding has a persistent IRI."""
    records = findings(ctx)
    if not records:
        return Result.not_run("not run: no findings in the input")
    lacking = tuple(i for i in records if (urlsplit(i).hostname or "") not in PERSISTENT_HOSTS)
    if lacking:
        return Result(
            "fail",
            len(records) - len(lacking),
            len(records),
            f"{len(lacking)} findings lack a persistent IRI, e.g. {lacking[0]}",
            lacking,
        )
    return Result("pass", len(records), len(records), f"all {len(records)} findings have w3id IRIs")


def bp11(ctx: Context) -> Result:
    """BP11 URIs for dataset versions: each distribution is under a versioned IRI."""
    import rdflib

    graph, ds = _dataset(ctx)
    if graph is None:
        return _no_description()
    versions = [str(v) for p in VERSION_PROPERTIES for v in graph.objects(ds, rdflib.URIRef(p))]
    dists = sorted(str(d) for d in graph.objects(ds, rdflib.URIRef(DCAT + "distribution")))
    if not versions or not dists:
        return Result(
            "fail",
            0,
            1,
            "no version or no distribution to give a versioned IRI",
            ("versioned IRI",),
        )
    unversioned = tuple(d for d in dists if not any(f"/{v}/" in d for v in versions))
    if unversioned:
        return Result(
            "fail",
            len(dists) - len(unversioned),
            len(dists),
            f"distributions without the version in their IRI: {', '.join(unversioned[:3])}",
            unversioned,
        )
    return Result(
        "pass", len(dists), len(dists), f"all {len(dists)} distributions have versioned IRIs"
    )


def bp19(ctx: Context) -> Result:
    """BP19 content negotiation: a finding's IRI gives its RDF, with its provenance, in each
    RDF serialisation."""
    if (bad := needs_server(ctx)) is not None:
        return bad
    records = findings(ctx)
    if not records:
        return Result.not_run("not run: no findings in the input")
    iri = records[0]
    derived = expand(REVIEW_SLOT)
    parts = {}
    for media in RDF_MEDIA:
        response = ctx.client.get(iri, media)
        triples = parse(response) or []
        ok = response.media == media and any(s == iri and p == derived for s, p, _ in triples)
        parts[f"{media}" + ("" if ok else f" ({describe(response)})")] = ok
    return Result.of(
        parts,
        f"{iri} gives its RDF with provenance",
        f"{iri} not served with its provenance as",
    )


def _bp(
    number: int, anchor: str, title: str, principle: str, test, group: str = "dataset"
) -> Check:
    return Check(f"DWBP-BP{number}", title, DWBP + anchor, principle, group, test)


CHECKS: list[Check] = [
    _bp(2, "DescriptiveMetadata", "Provide descriptive metadata", "F2", bp2),
    _bp(3, "StructuralMetadata", "Provide structural metadata", "R1", bp3),
    _bp(4, "DataLicense", "Provide data license information", "R1.1", bp4),
    _bp(5, "DataProvenance", "Provide data provenance information", "R1.2", bp5),
    _bp(7, "VersioningInfo", "Provide a version indicator", "R1", bp7),
    _bp(10, "identifiersWithinDatasets", "Use persistent URIs within datasets", "F1", bp10),
    _bp(11, "VersionIdentifiers", "Assign URIs to dataset versions", "F1", bp11),
    _bp(19, "Conneg", "Use content negotiation", "A1", bp19, "online"),
]
