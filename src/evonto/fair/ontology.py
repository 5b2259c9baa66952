"""The FOOPS! metrics that read the ontology document alone (no network, no server).

Each function implements the test its FOOPS! metric page documents
(https://w3id.org/foops/metric/<ID>); which properties count for which piece of metadata
follows FOOPS!'s own list (:data:`METADATA`). Where evonto deviates it says so in the result's
notes (VOC4 also counts the OBO definition property, IAO:0000115).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from evonto.fair.context import OWL, RDF_TYPE, Context
from evonto.fair.model import FOOPS, Check, Result

DC = "http://purl.org/dc/elements/1.1/"
DCT = "http://purl.org/dc/terms/"
SCHEMA = ("https://schema.org/", "http://schema.org/")
VANN = "http://purl.org/vocab/vann/"
PROV = "http://www.w3.org/ns/prov#"
PAV = "http://purl.org/pav/"
FOAF = "http://xmlns.com/foaf/0.1/"
DOAP = "http://usefulinc.com/ns/doap#"
BIBO = "http://purl.org/ontology/bibo/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
CC = "http://creativecommons.org/ns#"
OBO = "http://purl.obolibrary.org/obo/"


def _schema(*names: str) -> list[str]:
    return [ns + n for ns in SCHEMA for n in names]


#: metadata name (as FOOPS! reports it) -> the header properties that give it
METADATA: dict[str, list[str]] = {
    "title": [DC + "title", DCT + "title", *_schema("name")],
    "description": [
        DCT + "abstract",
        DC + "abstract",
        DCT + "description",
        DC + "description",
        *_schema("description"),
        RDFS + "comment",
        DOAP + "description",
        DOAP + "shortdesc",
        SKOS + "note",
    ],
    "license": [DCT + "license", *_schema("license"), DOAP + "license", CC + "license"],
    "rights": [DC + "rights", DCT + "rights", DCT + "accessRights"],
    "version iri": [OWL + "versionIRI"],
    "author": [
        DC + "creator",
        DCT + "creator",
        PAV + "createdBy",
        PAV + "authoredBy",
        FOAF + "maker",
        PROV + "wasAttributedTo",
        *_schema("creator"),
        DOAP + "developer",
    ],
    "contributor": [
        DC + "contributor",
        DCT + "contributor",
        *_schema("contributor"),
        PAV + "contributedBy",
        DOAP + "documenter",
        DOAP + "maintainer",
        DOAP + "helper",
        DOAP + "translator",
    ],
    "publisher": [DC + "publisher", DCT + "publisher", *_schema("publisher")],
    "creation date": [
        DCT + "created",
        *_schema("dateCreated"),
        DOAP + "created",
        PROV + "generatedAtTime",
        PAV + "createdOn",
    ],
    "modified": [DCT + "modified", *_schema("dateModified")],
    "issued": [DCT + "issued", DCT + "submitted", *_schema("datePublished")],
    "namespace URI": [VANN + "preferredNamespaceUri"],
    "namespace prefix": [VANN + "preferredNamespacePrefix"],
    "version info": [OWL + "versionInfo", *_schema("schemaVersion")],
    "citation": [DCT + "bibliographicCitation", *_schema("citation")],
    "doi": [BIBO + "doi"],
    "logo": [FOAF + "logo", *_schema("logo")],
    "status": [BIBO + "status"],
    "source": [DC + "source", DCT + "source", PROV + "hadOriginalSource"],
    "previous version": [
        DCT + "replaces",
        DC + "replaces",
        PROV + "wasRevisionOf",
        OWL + "priorVersion",
        PAV + "previousVersion",
    ],
    "backwards compatibility": [OWL + "backwardCompatibleWith"],
}
#: FOOPS!'s white list of metadata vocabularies (VOC1)
METADATA_VOCABULARIES = (DC, *SCHEMA, DCT, VANN, PROV, BIBO, PAV, FOAF, RDFS, OWL, DOAP)
#: hosts of persistent-URL services (PURL1)
PERSISTENT_HOSTS = ("w3id.org", "doi.org", "linked.data.gov.au", "www.w3.org")
LABELS = (RDFS + "label", SKOS + "prefLabel", OBO + "IAO_0000118")
DEFINITIONS = (RDFS + "comment", SKOS + "definition")
OBO_DEFINITION = OBO + "IAO_0000115"
TERM_TYPES = (OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty")
NOT_REUSE = (OWL, "http://www.w3.org/1999/02/22-rdf-syntax-ns#", RDFS)


def has(ctx: Context, name: str) -> bool:
    """Whether the header gives metadata ``name`` (:data:`METADATA`)."""
    if name == "doi":  # FOOPS! also takes an identifier that is a DOI
        ids = ctx.values(DCT + "identifier", *_schema("identifier"))
        if any("doi." in str(v) for v in ids):
            return True
    return bool(ctx.values(*METADATA[name]))


def _no_header(ctx: Context) -> Result | None:
    if ctx.ontology is None:
        return Result("fail", 0, 1, "no owl:Ontology is declared: there is no header to read")
    return None


def _metadata(ctx: Context, required: list[str], optional: list[str] = ()) -> Result:
    if (bad := _no_header(ctx)) is not None:
        return bad
    parts = {name: has(ctx, name) for name in required}
    absent = [name for name in optional if not has(ctx, name)]
    notes = (f"optional, not found (no penalty): {', '.join(absent)}",) if absent else ()
    return Result.of(parts, "all found", "not found in the ontology header", notes=notes)


def om1(ctx: Context) -> Result:
    """OM1 minimum metadata: title, description, license, version IRI, creator, creation date,
    namespace URI."""
    names = ["title", "description", "license", "version iri", "author", "creation date"]
    return _metadata(ctx, [*names, "namespace URI"])


def om2(ctx: Context) -> Result:
    """OM2 recommended metadata: namespace prefix, version info, creation date, citation;
    contributor without penalty."""
    required = ["namespace prefix", "version info", "creation date", "citation"]
    return _metadata(ctx, required, ["contributor"])


def om3(ctx: Context) -> Result:
    """OM3 detailed metadata: DOI, publisher, logo, status, source, issued date; previous
    version, backward compatibility and modified without penalty."""
    required = ["doi", "publisher", "logo", "status", "source", "issued"]
    return _metadata(ctx, required, ["previous version", "backwards compatibility", "modified"])


def om4_1(ctx: Context) -> Result:
    """OM4.1 license availability: a license (or, failing that, a rights statement)."""
    if (bad := _no_header(ctx)) is not None:
        return bad
    licenses = ctx.values(*METADATA["license"])
    if licenses:
        return Result("pass", 1, 1, f"license: {', '.join(sorted(map(str, licenses)))}")
    rights = ctx.values(*METADATA["rights"])
    if rights:
        return Result("pass", 1, 1, f"no license, but a rights statement: {rights[0]}")
    return Result("fail", 0, 1, "no license or rights statement in the header", ("license",))


def om5_1(ctx: Context) -> Result:
    """OM5.1 basic provenance: author and creation date; contributor and previous version
    without penalty."""
    return _metadata(ctx, ["author", "creation date"], ["contributor", "previous version"])


def om5_2(ctx: Context) -> Result:
    """OM5.2 detailed provenance: issued date and publisher."""
    return _metadata(ctx, ["issued", "publisher"])


def find1(ctx: Context) -> Result:
    """FIND1 ontology prefix: a preferred namespace prefix is declared."""
    if (bad := _no_header(ctx)) is not None:
        return bad
    prefixes = ctx.values(*METADATA["namespace prefix"])
    if prefixes:
        return Result("pass", 1, 1, f"prefix declaration found: {prefixes[0]}")
    return Result("fail", 0, 1, "no vann:preferredNamespacePrefix in the header", ("prefix",))


def purl1(ctx: Context) -> Result:
    """PURL1 persistent URL: the ontology IRI is a w3id, purl, DOI or W3C URL."""
    if (bad := _no_header(ctx)) is not None:
        return bad
    host = urlsplit(ctx.ontology).hostname or ""
    purl = host.startswith("purl.") and host.endswith(".org")
    if host in PERSISTENT_HOSTS or purl:
        return Result("pass", 1, 1, f"the ontology IRI is persistent ({host})")
    return Result(
        "fail",
        0,
        1,
        f"the ontology IRI {ctx.ontology} is not under a persistent-URL service "
        "(w3id.org, purl.*.org, doi.org, www.w3.org, linked.data.gov.au)",
        ("persistent IRI",),
    )


def rdf1(ctx: Context) -> Result:
    """RDF1 RDF availability: the ontology is an RDF document that declares an owl:Ontology."""
    if (bad := _no_header(ctx)) is not None:
        return bad
    return Result("pass", 1, 1, f"RDF document with {len(ctx.graph)} triples")


def ver1(ctx: Context) -> Result:
    """VER1 version IRI: declared, and different from the ontology IRI."""
    if (bad := _no_header(ctx)) is not None:
        return bad
    versions = ctx.values(OWL + "versionIRI")
    if not versions:
        return Result("fail", 0, 1, "no owl:versionIRI in the header", ("version iri",))
    if any(str(v) == ctx.ontology for v in versions):
        return Result(
            "fail", 0, 1, "the version IRI is the ontology IRI", ("distinct version iri",)
        )
    return Result("pass", 1, 1, f"version IRI {versions[0]}")


def voc1(ctx: Context) -> Result:
    """VOC1 vocabulary reuse (metadata): the header's annotations use known metadata
    vocabularies (FOOPS!'s list: DC, DCTERMS, schema.org, VANN, PROV, BIBO, PAV, FOAF, RDFS,
    OWL, DOAP)."""
    if (bad := _no_header(ctx)) is not None:
        return bad
    structural = {RDF_TYPE, OWL + "versionIRI", OWL + "imports"}
    annotations = [p for p, _ in ctx.header() if p not in structural]
    used = sorted({v for p in annotations for v in METADATA_VOCABULARIES if p.startswith(v)})
    if used:
        return Result("pass", 1, 1, f"metadata from: {', '.join(used)}")
    return Result(
        "fail", 0, 1, "the header reuses no common metadata vocabulary", ("metadata vocabulary",)
    )


def _own_namespace(ctx: Context) -> str:
    for value in ctx.values(*METADATA["namespace URI"]):
        return str(value)
    iri = ctx.ontology or ""
    return iri.rsplit("#", 1)[0] + "#" if "#" in iri else iri.rsplit("/", 1)[0] + "/"


def terms(ctx: Context) -> tuple[list[str], list[str]]:
    """(the ontology's own classes and properties, the namespaces of the terms it reuses)."""
    import rdflib

    own_ns = _own_namespace(ctx)
    own, reused = set(), set()
    for kind in TERM_TYPES:
        for term in ctx.graph.subjects(rdflib.RDF.type, rdflib.URIRef(kind)):
            if not isinstance(term, rdflib.URIRef):
                continue
            iri = str(term)
            if iri.startswith(own_ns) or (ctx.ontology and iri.startswith(ctx.ontology)):
                own.add(iri)
            elif not iri.startswith(NOT_REUSE):
                reused.add(_namespace(iri))
    return sorted(own), sorted(reused)


def _namespace(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            head, _, tail = iri.rpartition(sep)
            if sep == "/" and "_" in tail:  # OBO-style: http://purl.obolibrary.org/obo/GO_
                return f"{head}/{tail.split('_', 1)[0]}_"
            return head + sep
    return iri


def voc2(ctx: Context) -> Result:
    """VOC2 vocabulary reuse: the ontology imports or extends vocabularies besides OWL/RDFS."""
    if (bad := _no_header(ctx)) is not None:
        return bad
    imports = sorted(str(o) for o in ctx.values(OWL + "imports"))
    if imports:
        return Result("pass", 1, 1, f"imports {len(imports)} vocabularies")
    _, reused = terms(ctx)
    if reused:
        shown = ", ".join(reused[:8]) + (" ..." if len(reused) > 8 else "")
        return Result("pass", 1, 1, f"reuses/extends {len(reused)} vocabularies: {shown}")
    return Result("fail", 0, 1, "imports and reuses no vocabulary", ("reused vocabulary",))


def _coverage(ctx: Context, properties: tuple[str, ...], what: str, notes=()) -> Result:
    import rdflib

    if (bad := _no_header(ctx)) is not None:
        return bad
    own, _ = terms(ctx)
    if not own:
        return Result("fail", 0, 1, "no ontology terms found in its own namespace", ("terms",))
    wanted = [rdflib.URIRef(p) for p in properties]
    missing = tuple(
        iri
        for iri in own
        if not any(
            isinstance(o, rdflib.Literal)
            for p in wanted
            for o in ctx.graph.objects(rdflib.URIRef(iri), p)
        )
    )
    done = len(own) - len(missing)
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        reason = f"{what} found for {done} of {len(own)} terms; without: {shown}"
        return Result("fail", done, len(own), reason, missing, notes)
    return Result("pass", done, len(own), f"{what} found for all {len(own)} terms", (), notes)


def voc3(ctx: Context) -> Result:
    """VOC3 documentation, labels: every term has rdfs:label, skos:prefLabel or IAO:0000118."""
    return _coverage(ctx, LABELS, "labels")


def voc4(ctx: Context) -> Result:
    """VOC4 documentation, definitions: every term has rdfs:comment or skos:definition.

    evonto, like every OBO ontology, gives definitions with IAO:0000115; that counts too, and
    the result says so (FOOPS! itself would count rdfs:comment and skos:definition only)."""
    note = (
        "IAO:0000115 (OBO definition) is counted as a definition besides rdfs:comment and "
        "skos:definition; FOOPS! counts only the latter two",
    )
    return _coverage(ctx, (*DEFINITIONS, OBO_DEFINITION), "definitions", note)


def _foops(metric: str, title: str, principle: str, test) -> Check:
    return Check(metric, title, FOOPS + metric, principle, "ontology", test)


CHECKS: list[Check] = [
    _foops("FIND1", "Ontology prefix", "F3", find1),
    _foops("OM1", "Minimum metadata", "F2", om1),
    _foops("OM2", "Recommended metadata", "R1", om2),
    _foops("OM3", "Detailed metadata", "R1", om3),
    _foops("OM4.1", "License availability", "R1.1", om4_1),
    _foops("OM5.1", "Basic provenance metadata", "R1.2", om5_1),
    _foops("OM5.2", "Detailed provenance metadata", "R1.2", om5_2),
    _foops("PURL1", "Persistent URL", "F1", purl1),
    _foops("RDF1", "RDF availability", "A1", rdf1),
    _foops("VER1", "Version IRI", "F1", ver1),
    _foops("VOC1", "Vocabulary reuse (metadata)", "I2", voc1),
    _foops("VOC2", "Vocabulary reuse", "I2", voc2),
    _foops("VOC3", "Documentation: labels", "R1", voc3),
    _foops("VOC4", "Documentation: definitions", "R1", voc4),
]
