"""The one loader: edit file, import modules and compiled assertions, merged into one graph.

Every command reads the project through these functions; nothing re-parses a source its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.catalog import read_catalog
from evonto.errors import Location, SourceError, display_path
from evonto.project import Project
from evonto.rdfio import load_graph, parse_quads

if TYPE_CHECKING:
    import rdflib

OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"


@dataclass
class Sources:
    """The parsed sources of a project, kept apart so a build can write base and full files."""

    project: Project
    edit: rdflib.Graph
    imports: dict[str, rdflib.Graph] = field(default_factory=dict)  # import IRI -> module
    import_files: dict[str, Path] = field(default_factory=dict)
    mappings: rdflib.Graph | None = None  # SSSOM mappings as triples, with MeSH labels
    assertions: rdflib.Graph | None = None

    def ontology(self) -> rdflib.Graph:
        """Edit file plus every import module (the TBox)."""
        import rdflib

        from evonto.prefixes import bind_all

        graph = bind_all(rdflib.Graph())
        graph += self.edit
        for module in self.imports.values():
            graph += module
        return graph

    def merged(self) -> rdflib.Graph:
        """TBox plus compiled assertions: the graph every artefact and check is made from."""
        graph = self.ontology()
        for extra in (self.mappings, self.assertions):
            if extra is not None:
                graph += extra
        return graph


def import_iris(edit_file: Path) -> list[str]:
    """The ``owl:imports`` IRIs the edit file declares, in file order."""
    return [q.object.value for q in parse_quads(edit_file) if q.predicate.value == OWL_IMPORTS]


def resolve_imports(project: Project, iris: list[str]) -> dict[str, Path]:
    """Map each import IRI to its local module through the catalog; never fetch from the web."""
    catalog = read_catalog(project.catalog)
    resolved: dict[str, Path] = {}
    for iri in iris:
        local = catalog.get(iri)
        if local is None:
            raise SourceError(
                f"owl:imports <{iri}> has no entry in {display_path(project.catalog)}; "
                "add one (imports are never fetched from the web)",
                Location(display_path(project.edit_file)),
            )
        if not local.is_file():
            raise SourceError(
                f"catalog maps <{iri}> to {display_path(local)}, which does not exist",
                Location(display_path(project.catalog)),
            )
        resolved[iri] = local
    return resolved


def load_sources(project: Project, *, assertions: bool = True) -> Sources:
    """Parse the edit file, its imports (through the catalog) and, optionally, the assertions."""
    edit = load_graph(project.edit_file)
    files = resolve_imports(project, import_iris(project.edit_file))
    sources = Sources(
        project=project,
        edit=edit,
        imports={iri: load_graph(path) for iri, path in files.items()},
        import_files=files,
    )
    if project.mappings_file.is_file():
        from evonto.mappings import mappings_graph

        sources.mappings = mappings_graph(project.mappings_file)
    if assertions:
        sources.assertions = compile_assertions(project, sources.ontology())
    return sources


def load_tbox(project: Project) -> rdflib.Graph:
    """The edit file plus every import module as one graph, each file parsed straight into it:
    :meth:`Sources.ontology` for a caller that needs only the merged TBox (half the rdflib
    work: no graph per module to copy from)."""
    import rdflib

    from evonto.prefixes import bind_all

    graph = load_graph(project.edit_file, bind_all(rdflib.Graph()))
    for path in resolve_imports(project, import_iris(project.edit_file)).values():
        load_graph(path, graph)
    return graph


def compile_assertions(project: Project, ontology: rdflib.Graph) -> rdflib.Graph | None:
    """Compile ``ontology/assertions/*.tsv`` to RDF (``None`` when the project has none)."""
    if not project.assertions_dir.is_dir() or not any(project.assertions_dir.glob("*.tsv")):
        return None
    from evonto.assertions import compile_project

    return compile_project(project, ontology)
