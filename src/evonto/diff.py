"""A semantic diff of two versions of evonto, as Markdown for pull-request review.

Each side is an RDF file (a release such as ``dist/evonto.ttl``, or an edit file), a release
folder (its ``evonto.ttl``), or a project checkout (its sources merged by the one loader, so the
findings compiled from the TSV tables are compared too). Terms are compared by IRI: added,
removed, relabelled, redefined, reparented (named superclasses) and newly deprecated; findings
(instances of EVONTO:0000090 and below) are added, removed or changed slot by slot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import Location, SourceError, display_path
from evonto.prefixes import compress, expand

if TYPE_CHECKING:
    import rdflib

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
SUBPROPERTY = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"
DEFINITION = expand("IAO:0000115")
REPLACED_BY = expand("IAO:0100001")
FINDING_ROOT = expand("EVONTO:0000090")
TERM_TYPES = {
    "http://www.w3.org/2002/07/owl#" + kind
    for kind in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty")
}


def load_side(path: Path) -> rdflib.Graph:
    """The graph one side of the diff stands for (file, release folder or project checkout)."""
    from evonto.rdfio import load_graph

    if path.is_dir():
        if (path / "ontology" / "evonto-edit.ttl").is_file():
            from evonto.project import Project
            from evonto.sources import load_sources

            return load_sources(Project(path)).merged()
        for name in ("evonto.ttl", "evonto.owl"):
            if (path / name).is_file():
                return load_graph(path / name)
        raise SourceError(
            "not a release folder (no evonto.ttl) nor a project (no ontology/evonto-edit.ttl)",
            Location(display_path(path)),
        )
    return load_graph(path)


@dataclass
class TermChange:
    """What changed about one term."""

    iri: str
    label: str
    old: str = ""
    new: str = ""


@dataclass
class FindingChange:
    """The slots of one finding whose values changed: property -> (removed, added)."""

    iri: str
    label: str
    slots: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)


@dataclass
class Diff:
    """Everything that differs between two versions, each list sorted by IRI."""

    added: list[TermChange] = field(default_factory=list)
    removed: list[TermChange] = field(default_factory=list)
    relabelled: list[TermChange] = field(default_factory=list)
    redefined: list[TermChange] = field(default_factory=list)
    reparented: list[TermChange] = field(default_factory=list)
    deprecated: list[TermChange] = field(default_factory=list)
    findings_added: list[TermChange] = field(default_factory=list)
    findings_removed: list[TermChange] = field(default_factory=list)
    findings_changed: list[FindingChange] = field(default_factory=list)
    #: labels of the IRIs the changes mention (properties, values, parents), new side first
    labels: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in SECTIONS}

    @property
    def empty(self) -> bool:
        return not any(self.counts().values())


#: attribute -> Markdown heading, in the order they are shown
SECTIONS = {
    "added": "Terms added",
    "removed": "Terms removed",
    "relabelled": "Terms relabelled",
    "redefined": "Terms redefined",
    "reparented": "Terms reparented",
    "deprecated": "Terms deprecated",
    "findings_added": "Findings added",
    "findings_removed": "Findings removed",
    "findings_changed": "Findings changed",
}


class _View:
    """Fast lookups over one graph: IRI-keyed values of one property, terms, findings."""

    def __init__(self, graph: rdflib.Graph) -> None:
        import rdflib

        self.graph = graph
        self.types: dict[str, set[str]] = {}
        for s, o in graph.subject_objects(rdflib.RDF.type):
            if isinstance(s, rdflib.URIRef):
                self.types.setdefault(str(s), set()).add(str(o))

    def values(self, iri: str, prop: str) -> list[str]:
        import rdflib

        return sorted(_text(o) for o in self.graph.objects(rdflib.URIRef(iri), rdflib.URIRef(prop)))

    def parents(self, iri: str) -> list[str]:
        import rdflib

        return sorted(
            str(o)
            for prop in (SUBCLASS, SUBPROPERTY)
            for o in self.graph.objects(rdflib.URIRef(iri), rdflib.URIRef(prop))
            if isinstance(o, rdflib.URIRef)
        )

    def label(self, iri: str) -> str:
        labels = self.values(iri, RDFS_LABEL)
        return labels[0] if labels else ""

    def terms(self) -> set[str]:
        return {iri for iri, kinds in self.types.items() if kinds & TERM_TYPES}

    def findings(self) -> set[str]:
        import rdflib

        roots = {
            str(c)
            for c in self.graph.transitive_subjects(
                rdflib.RDFS.subClassOf, rdflib.URIRef(FINDING_ROOT)
            )
        }
        return {iri for iri, kinds in self.types.items() if kinds & roots}

    def deprecated(self, iri: str) -> bool:
        return "true" in self.values(iri, DEPRECATED)

    def slots(self, iri: str) -> dict[str, list[str]]:
        import rdflib

        out: dict[str, list[str]] = {}
        for p, o in self.graph.predicate_objects(rdflib.URIRef(iri)):
            if not isinstance(o, rdflib.BNode):
                out.setdefault(str(p), []).append(_text(o))
        return {p: sorted(v) for p, v in out.items()}


def _text(term: rdflib.term.Node) -> str:
    """IRIs and literals compared by their text (language tags and xsd:string ignored)."""
    return str(term)


def semantic_diff(old: rdflib.Graph, new: rdflib.Graph) -> Diff:
    """Compare two graphs term by term and finding by finding."""
    a, b = _View(old), _View(new)
    diff = Diff()

    def named(iris: list[str]) -> str:
        for iri in iris:
            if iri not in diff.labels and (label := b.label(iri) or a.label(iri)):
                diff.labels[iri] = label
        return _curies(iris, diff.labels)

    old_terms, new_terms = a.terms(), b.terms()
    for iri in sorted(new_terms - old_terms):
        diff.added.append(TermChange(iri, b.label(iri)))
    for iri in sorted(old_terms - new_terms):
        diff.removed.append(TermChange(iri, a.label(iri)))
    for iri in sorted(old_terms & new_terms):
        label = b.label(iri) or a.label(iri)
        if a.values(iri, RDFS_LABEL) != b.values(iri, RDFS_LABEL):
            diff.relabelled.append(TermChange(iri, label, a.label(iri), b.label(iri)))
        if a.values(iri, DEFINITION) != b.values(iri, DEFINITION):
            diff.redefined.append(
                TermChange(
                    iri,
                    label,
                    " | ".join(a.values(iri, DEFINITION)),
                    " | ".join(b.values(iri, DEFINITION)),
                )
            )
        if a.parents(iri) != b.parents(iri):
            diff.reparented.append(
                TermChange(iri, label, named(a.parents(iri)), named(b.parents(iri)))
            )
        if b.deprecated(iri) and not a.deprecated(iri):
            diff.deprecated.append(TermChange(iri, label, "", named(b.values(iri, REPLACED_BY))))
    old_findings, new_findings = a.findings(), b.findings()
    for iri in sorted(new_findings - old_findings):
        diff.findings_added.append(TermChange(iri, b.label(iri)))
    for iri in sorted(old_findings - new_findings):
        diff.findings_removed.append(TermChange(iri, a.label(iri)))
    for iri in sorted(old_findings & new_findings):
        before, after = a.slots(iri), b.slots(iri)
        change = FindingChange(iri, b.label(iri))
        for prop in sorted(set(before) | set(after)):
            gone = sorted(set(before.get(prop, [])) - set(after.get(prop, [])))
            came = sorted(set(after.get(prop, [])) - set(before.get(prop, [])))
            if gone or came:
                change.slots[prop] = (gone, came)
                named([prop, *(v for v in gone + came if v.startswith(("http://", "https://")))])
        if change.slots:
            diff.findings_changed.append(change)
    return diff


def _curies(iris: list[str], labels: dict[str, str]) -> str:
    return ", ".join(_named(i, labels) for i in iris) or "(none)"


def _named(iri: str, labels: dict[str, str]) -> str:
    """A CURIE with its label when known: ``EVONTO:0000301`` *has confidence level*."""
    label = labels.get(iri)
    return f"`{compress(iri)}` {_cell(label, 120)}" if label else f"`{compress(iri)}`"


def _cell(text: str, limit: int = 300) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value(text: str, labels: dict[str, str]) -> str:
    if text.startswith(("http://", "https://")):
        return _named(text, labels)
    return f'"{_cell(text, 120)}"'


def render_markdown(diff: Diff, old_name: str, new_name: str) -> str:
    """The diff as Markdown: a summary table, then one section per kind of change."""
    out = [f"# evonto diff: `{old_name}` → `{new_name}`", ""]
    if diff.empty:
        out.append(
            "No semantic differences: same terms, labels, definitions, parents and findings."
        )
        return "\n".join(out) + "\n"
    out += ["| change | count |", "|---|---:|"]
    out += [f"| {SECTIONS[name]} | {n} |" for name, n in diff.counts().items() if n]
    for name, heading in SECTIONS.items():
        items = getattr(diff, name)
        if not items:
            continue
        out += ["", f"## {heading} ({len(items)})", ""]
        if name in ("added", "removed", "findings_added", "findings_removed"):
            out += ["| term | label |", "|---|---|"]
            out += [f"| `{compress(i.iri)}` | {_cell(i.label)} |" for i in items]
        elif name == "deprecated":
            out += ["| term | label | replaced by |", "|---|---|---|"]
            out += [f"| `{compress(i.iri)}` | {_cell(i.label)} | {i.new} |" for i in items]
        elif name == "findings_changed":
            for change in items:
                out.append(f"- `{compress(change.iri)}` {_cell(change.label)}")
                for prop, (gone, came) in change.slots.items():
                    parts = [f"removed {_value(v, diff.labels)}" for v in gone]
                    parts += [f"added {_value(v, diff.labels)}" for v in came]
                    out.append(f"  - {_named(prop, diff.labels)}: " + "; ".join(parts))
        else:
            out += ["| term | label | before | after |", "|---|---|---|---|"]
            out += [
                f"| `{compress(i.iri)}` | {_cell(i.label)} | {_cell(i.old)} | {_cell(i.new)} |"
                for i in items
            ]
    return "\n".join(out) + "\n"
