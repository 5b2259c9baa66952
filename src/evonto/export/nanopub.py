"""One nanopublication per finding and claim (head, assertion, provenance, pubinfo; TriG).

Nanopublication IRIs are ``https://w3id.org/evonto/np/<id>``; the four graphs are
``<np>#Head``, ``<np>#assertion``, ``<np>#provenance`` and ``<np>#pubinfo``. They are unsigned
(signing needs a private key and gives trusty IRIs; a publisher can sign them with ``np sign``).
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING

from evonto.export import slots
from evonto.export.records import Record, Release, finding_records, release_info
from evonto.prefixes import EVONTO, FINDING, PREFIX_MAP, REVIEW_DOI, bind_all

if TYPE_CHECKING:
    import rdflib

NP_BASE = EVONTO + "np/"
NP = PREFIX_MAP["np"]
PROV = PREFIX_MAP["prov"]
DCTERMS = PREFIX_MAP["dcterms"]
PAV_VERSION = PREFIX_MAP["pav"] + "version"


def nanopub_iri(record: Record) -> str:
    return NP_BASE + record.local_id


def build_nanopubs(graph: rdflib.Graph) -> rdflib.Dataset:
    """A dataset holding one nanopublication per finding or claim of ``graph``."""
    import rdflib

    release = release_info(graph)
    dataset = rdflib.Dataset()
    bind_all(dataset)
    dataset.bind("this", NP_BASE)
    parts = instance_parts(graph)
    for record in finding_records(graph):
        add_nanopub(dataset, graph, record, release, parts.get(record.iri, []))
    return dataset


def instance_parts(graph: rdflib.Graph) -> dict[str, list[rdflib.URIRef]]:
    """Record IRI -> the individuals of its instance graph (``<record>/ev``, ``/cargo-…``)."""
    import rdflib

    parts: dict[str, set[rdflib.URIRef]] = {}
    for subject in graph.subjects():
        if isinstance(subject, rdflib.URIRef) and str(subject).startswith(FINDING):
            owner, sep, _ = str(subject)[len(FINDING) :].partition("/")
            if sep:
                parts.setdefault(FINDING + owner, set()).add(subject)
    return {owner: sorted(nodes) for owner, nodes in parts.items()}


def add_nanopub(
    dataset: rdflib.Dataset,
    graph: rdflib.Graph,
    record: Record,
    release: Release,
    parts: list[rdflib.URIRef] = (),  # type: ignore[assignment]
) -> None:
    """Add the four graphs of one record's nanopublication to ``dataset``."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS, XSD

    np_iri = URIRef(nanopub_iri(record))
    head, assertion, provenance, pubinfo = (
        URIRef(f"{np_iri}#{name}") for name in ("Head", "assertion", "provenance", "pubinfo")
    )
    g_head = dataset.graph(head)
    g_head.add((np_iri, RDF.type, URIRef(NP + "Nanopublication")))
    g_head.add((np_iri, URIRef(NP + "hasAssertion"), assertion))
    g_head.add((np_iri, URIRef(NP + "hasProvenance"), provenance))
    g_head.add((np_iri, URIRef(NP + "hasPublicationInfo"), pubinfo))

    g_assertion = dataset.graph(assertion)
    for triple in assertion_triples(graph, record, parts):
        g_assertion.add(triple)

    g_prov = dataset.graph(provenance)
    for source in record.iris(slots.PRIMARY_SOURCE):
        g_prov.add((assertion, URIRef(PROV + "hadPrimarySource"), URIRef(source)))
        g_prov.add((assertion, URIRef(PROV + "wasDerivedFrom"), URIRef(source)))
    g_prov.add((assertion, URIRef(PROV + "wasDerivedFrom"), URIRef(REVIEW_DOI)))
    activity = URIRef(f"{np_iri}#curation")
    g_prov.add((assertion, URIRef(PROV + "wasGeneratedBy"), activity))
    g_prov.add((activity, RDF.type, URIRef(PROV + "Activity")))
    for evidence in record.iris(slots.EVIDENCE):
        g_prov.add((activity, RDF.type, URIRef(evidence)))
    g_prov.add((activity, URIRef(PROV + "used"), URIRef(REVIEW_DOI)))

    g_info = dataset.graph(pubinfo)
    g_info.add((np_iri, URIRef(DCTERMS + "license"), URIRef(release.license)))
    created = Literal(
        f"{release.date.isoformat()}T00:00:00Z", datatype=XSD.dateTime, normalize=False
    )
    g_info.add((np_iri, URIRef(DCTERMS + "created"), created))
    for creator in release.creators:
        value = URIRef(creator) if creator.startswith(("http://", "https://")) else Literal(creator)
        g_info.add((np_iri, URIRef(DCTERMS + "creator"), value))
    g_info.add((np_iri, URIRef(DCTERMS + "subject"), URIRef(record.iri)))
    g_info.add((np_iri, URIRef(PROV + "wasDerivedFrom"), URIRef(REVIEW_DOI)))
    g_info.add((np_iri, URIRef(PAV_VERSION), Literal(release.version)))
    label = record.first(slots.RDFS_LABEL)
    g_info.add((np_iri, RDFS.label, Literal(f"{record.local_id}: {label or record.local_id}")))


def assertion_triples(
    graph: rdflib.Graph,
    record: Record,
    parts: list[rdflib.URIRef] = (),  # type: ignore[assignment]
) -> list[tuple]:
    """The record's own triples (its association record), its instance graph (the individuals
    under its IRI, with their class restrictions), the cargo kinds of the entities it names
    and the classes of its agents."""
    from rdflib import BNode, URIRef
    from rdflib.namespace import RDF

    subject = URIRef(record.iri)
    triples = [(subject, URIRef(p), o) for p, values in record.values.items() for o in values]
    todo: list[rdflib.term.Node] = list(parts)
    seen: set[rdflib.term.Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in graph.predicate_objects(node):
            triples.append((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    kind_of = URIRef(slots.CARGO_KIND)
    for entity in record.iris(slots.CARGO):
        triples.extend((URIRef(entity), kind_of, k) for k in graph.objects(URIRef(entity), kind_of))
    for entity in record.iris(slots.AGENT):
        node = URIRef(entity)
        triples.extend(
            (node, RDF.type, t)
            for t in graph.objects(node, RDF.type)
            if not str(t).startswith((PREFIX_MAP["owl"], PREFIX_MAP["rdfs"]))
        )
    return sorted(set(triples))


def nanopubs_trig(graph: rdflib.Graph) -> bytes:
    """Every nanopublication of ``graph`` as one TriG document (sorted, deterministic)."""
    return canonical_trig(build_nanopubs(graph))


def canonical_trig(dataset: rdflib.Dataset) -> bytes:
    """TriG with graphs in IRI order and triples sorted within each graph."""
    names = {**PREFIX_MAP, "this": NP_BASE}
    out = ["".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(names.items()))]
    for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(context) == 0:
            continue
        body = sorted(
            f"  {turtle_term(s)} {turtle_term(p)} {turtle_term(o)} .\n" for s, p, o in context
        )
        out.extend([f"\n{turtle_term(context.identifier)} {{\n", *body, "}\n"])
    return "".join(out).encode("utf-8")


_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")
_NAMESPACES = sorted(
    ((ns, p) for p, ns in {**PREFIX_MAP, "this": NP_BASE}.items()),
    key=lambda item: (-len(item[0]), item[1]),
)


def turtle_term(term: rdflib.term.Node) -> str:
    """A term in Turtle: a prefixed name when the local part is plainly safe, else ``<IRI>``."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        iri = str(term)
        for ns, prefix in _NAMESPACES:
            if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"
    return term.n3()


def split_nanopubs(data: bytes) -> dict[str, rdflib.Dataset]:
    """Parse a TriG document of nanopublications into one dataset per nanopublication IRI."""
    import rdflib

    whole = rdflib.Dataset()
    whole.parse(data=data, format="trig")
    head_of = rdflib.URIRef(NP + "hasAssertion")
    out: dict[str, rdflib.Dataset] = {}
    for np_iri, _, _, head in whole.quads((None, head_of, None, None)):
        parts = [head, *(o for _, _, o in whole.graph(head).triples((np_iri, None, None)))]
        single = rdflib.Dataset()
        for part in {p for p in parts if isinstance(p, rdflib.URIRef)}:
            target = single.graph(part)
            for triple in whole.graph(part):
                target.add(triple)
        out[str(np_iri)] = single
    return dict(sorted(out.items()))


def check_nanopubs(data: bytes) -> dict[str, str]:
    """Check each nanopublication with the ``nanopub`` library; IRI -> problem (empty: valid).

    Runs offline: nanopubs are built from local RDF and never signed, fetched or published.
    """
    import rdflib
    from nanopub import Nanopub, NanopubConf
    from nanopub.utils import MalformedNanopubError

    problems: dict[str, str] = {}
    for np_iri, single in split_nanopubs(data).items():
        with warnings.catch_warnings():  # the library is built on ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            conjunctive = rdflib.ConjunctiveGraph()
        for quad in single.quads((None, None, None, None)):
            conjunctive.add(quad)
        try:
            publication = Nanopub(rdf=conjunctive, conf=NanopubConf())
            if str(publication.metadata.np_uri) != np_iri:
                problems[np_iri] = f"the library read it as {publication.metadata.np_uri}"
            elif not publication.is_valid:
                problems[np_iri] = "not valid"
        except MalformedNanopubError as exc:
            problems[np_iri] = str(exc)
    return problems
