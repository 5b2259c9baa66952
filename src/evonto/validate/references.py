"""Dangling references in RDF sources (stage 2): terms used but declared nowhere, and IRIs that
look like evonto's namespace with a typo.

An IRI is a *term reference* when it lies in OBO's PURL space (``obo:PREFIX_ID``), in evonto's
term namespace, or in another namespace of :data:`evonto.prefixes.PREFIX_MAP` from which the
ontology declares at least one term (HGNC, miRBase, Cellosaurus...). Such an IRI must be
declared (typed) by the ontology or its import modules, wherever it is used: as a superclass, in
a restriction, as a mapping or annotation value. Not term references: the reserved vocabulary
(rdf, rdfs, owl, xsd), the sources a term cites (PubMed, DOI), ontology and version IRIs, and
namespaces nothing is imported from (MeSH: a mapping target, never imported).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from evonto.prefixes import EVONTO, EVONTO_TERM, OBO, PREFIX_MAP, compress
from evonto.validate.locate import Locator
from evonto.validate.report import Issue, Report

if TYPE_CHECKING:
    import rdflib

UNDECLARED = "undeclared_reference"
MISTYPED = "mistyped_evonto_iri"
_NOT_TERMS = {"rdf", "rdfs", "owl", "xsd", "PMID", "DOI", "evonto", "finding", "obo"}
_OBO_TERM = re.compile(r"[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9]+")
_EVONTO_LOCAL = re.compile(r"(?i)evonto[_:-]?\d")
_OWL = "http://www.w3.org/2002/07/owl#"
_ONTOLOGY_LINKS = {
    _OWL + name for name in ("imports", "versionIRI", "priorVersion", "backwardCompatibleWith")
} | {_OWL + "incompatibleWith"}
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_MAX_LINES = 10  #: lines reported per undeclared IRI (the rest are counted)


@cache
def _namespace_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex matching the longest prefix-map namespace at the start of an IRI, and
    namespace -> prefix."""
    by_namespace = {ns: p for p, ns in PREFIX_MAP.items()}
    longest_first = sorted(by_namespace, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, longest_first))), by_namespace


def prefix_of(iri: str) -> str | None:
    """The prefix-map prefix whose namespace ``iri`` lies in (the longest match)."""
    pattern, by_namespace = _namespace_pattern()
    match = pattern.match(iri)
    return by_namespace[match.group(0)] if match else None


def term_prefixes(declared: Iterable[str]) -> frozenset[str]:
    """Prefixes (besides OBO and evonto's terms) from which the ontology declares a term."""
    found = {prefix_of(iri) for iri in declared}
    return frozenset(p for p in found if p is not None and p not in _NOT_TERMS)


def is_term_reference(iri: str, prefixes: frozenset[str]) -> bool:
    """Whether ``iri`` names a term that the ontology or its imports must declare."""
    if iri.startswith(EVONTO_TERM):
        return True
    if iri.startswith(OBO):
        return _OBO_TERM.fullmatch(iri[len(OBO) :]) is not None
    prefix = prefix_of(iri)
    return prefix is not None and prefix not in _NOT_TERMS and prefix in prefixes


def mistyped_evonto(iri: str) -> str | None:
    """Why ``iri`` looks like a mistyped evonto IRI, or ``None`` when it does not."""
    if iri.startswith(EVONTO):
        local = iri[len(EVONTO) :]
        if _EVONTO_LOCAL.match(local) and not local.startswith("EVONTO_"):
            return (
                "looks like an evonto term with a mistyped name; evonto terms are "
                f"{EVONTO_TERM}NNNNNNN"
            )
        return None
    try:
        parts = urlsplit(iri)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = (parts.hostname or "").removeprefix("www.")
    first = parts.path.lstrip("/").split("/", 1)[0]
    here = f"{host}/{first}".lower()
    if (
        here == "w3id.org/evonto"
        or difflib.SequenceMatcher(None, here, "w3id.org/evonto").ratio() >= 0.85
    ):
        return f"looks like evonto's namespace with a typo; evonto's IRIs start with {EVONTO}"
    return None


def check_references(
    report: Report,
    file: str,
    triples: Iterable[tuple[str, str, str | None]],
    declared: set[str],
    labels: dict[str, str],
    locator: Locator,
) -> None:
    """Report the undeclared term references and mistyped evonto IRIs of one source.

    ``triples`` are (subject, predicate, object) with IRIs as strings (``None`` for an object
    that is not an IRI); ``declared`` the IRIs the ontology and its imports type; ``labels``
    their labels, for suggestions. Each problem is reported at every line that uses the IRI.
    """
    run = report.stage("references")
    run.checks += [UNDECLARED, MISTYPED]
    prefixes = term_prefixes(declared)
    used: set[str] = set()
    for s, p, o in triples:
        used.update(i for i in (s, p) if i is not None)
        if o is not None and p not in _ONTOLOGY_LINKS:
            used.add(o)
    used -= declared
    undeclared = {iri for iri in used if is_term_reference(iri, prefixes)}
    mistyped = {iri: why for iri in used if (why := mistyped_evonto(iri)) is not None}
    for iri in sorted(undeclared):
        hint = _suggestion(iri, declared, labels)
        message = (
            f"{compress(iri)} is used but neither the ontology nor its imports declare it "
            f"(a typo, or a term missing from an import module){hint}"
        )
        _add(report, locator, file, iri, UNDECLARED, "error", message)
    for iri, why in sorted(mistyped.items()):
        _add(report, locator, file, iri, MISTYPED, "warn", f"<{iri}> {why}")


def _add(
    report: Report, locator: Locator, file: str, iri: str, check: str, level: str, message: str
) -> None:
    lines = locator.mention_lines(file, iri)
    shown = lines[:_MAX_LINES] or [None]
    more = len(lines) - len(shown) if lines else 0
    for line in shown:
        text = message + (f" (and {more} more line(s))" if more and line == shown[-1] else "")
        report.add(Issue("references", check, level, text, file, line, None, iri))


def _suggestion(iri: str, declared: set[str], labels: dict[str, str]) -> str:
    """``; did you mean UBERON:0002048 'lung'?`` for the declared IRI one keystroke away (a
    character added, dropped, changed or two swapped), else nothing."""
    close = sorted(
        d for d in declared if len(d) - 1 <= len(iri) <= len(d) + 1 and _one_edit(iri, d)
    )
    if not close:
        return ""
    label = labels.get(close[0])
    return f"; did you mean {compress(close[0])}" + (f" {label!r}?" if label else "?")


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one insertion, deletion, substitution or swap
    of two neighbouring characters."""
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
    return swapped and a[i + 2 :] == b[i + 2 :]


def check_edit_file(
    report: Report, edit_file: Path, ontology: rdflib.Graph, locator: Locator
) -> None:
    """:func:`check_references` on the project's edit file against the ontology and imports."""
    import pyoxigraph
    import rdflib

    from evonto.errors import display_path
    from evonto.rdfio import parse_quads

    declared = {str(s) for s in ontology.subjects(rdflib.RDF.type) if isinstance(s, rdflib.URIRef)}
    labels = {
        str(s): str(o) for s, o in ontology.subject_objects(rdflib.RDFS.label) if str(s) in declared
    }

    def iri(term: object) -> str | None:
        return term.value if isinstance(term, pyoxigraph.NamedNode) else None

    triples = ((iri(q.subject), q.predicate.value, iri(q.object)) for q in parse_quads(edit_file))
    check_references(report, display_path(edit_file), triples, declared, labels, locator)


def edit_file_errors(edit_file: Path, ontology: rdflib.Graph) -> list[Issue]:
    """The edit file's undeclared term references, located: what ``build`` refuses (the same
    check as ``validate``'s references stage)."""
    from evonto.errors import display_path
    from evonto.rdfio import decode_utf8, read_bytes

    shown = display_path(edit_file)
    locator = Locator()
    locator.add_text(shown, decode_utf8(read_bytes(edit_file), shown))
    report = Report()
    check_edit_file(report, edit_file, ontology, locator)
    return [issue for issue in report.issues if issue.level == "error"]
