"""The column contract of the assertion tables: what each column holds and which slot it fills."""

from __future__ import annotations

from dataclasses import dataclass, field

from evonto import vocab

FINDING_CLASS = vocab.ORGANOTROPISM_FINDING
REVIEW_SLOT = vocab.REVIEW_SLOT


@dataclass(frozen=True)
class Column:
    """One column: its value kind, whether it is required or multi-valued, and its RDF slot.

    ``kind`` is ``id``, ``text``, ``term`` (CURIEs of ``prefixes``; a value of a prefix listed
    in ``under`` must be that class or one of its subclasses in the ontology), ``source``
    (``PMID:n`` or ``DOI:10.x/y``), ``bool`` or ``choice`` (one of ``choices``). ``slot`` is the
    property the compiler emits (``None``: a column for curators only, or one the compiler
    handles itself). ``asserted_only`` refuses defined classes (their members are inferred).
    """

    name: str
    kind: str
    slot: str | None = None
    required: bool = False
    multi: bool = False
    prefixes: tuple[str, ...] = ()
    under: dict[str, str] = field(default_factory=dict)  #: prefix -> root class CURIE
    choices: tuple[str, ...] = ()
    what: str = ""  #: the expected value, for messages ("a UBERON organ")
    slot_note: str = ""  #: the slot row cell when the compiler fills the slot itself
    parallel: bool = False  #: one value per value of another column, so values may repeat
    asserted_only: bool = False  #: a defined class is refused: the reasoner infers it

    @property
    def template(self) -> str:
        """The ROBOT-template-style slot cell of the table's second row."""
        if self.slot_note:
            return f"{self.slot_note} SPLIT=|" if self.multi else self.slot_note
        if self.kind == "id":
            return "ID"
        head = self.slot or "text"
        if self.kind == "text" and self.slot:
            head = f"A {self.slot}"
        elif self.kind in {"term", "source"} and self.slot:
            head = f"I {self.slot}"
        elif self.kind in {"bool", "choice"} and self.slot:
            head = f"DP {self.slot}"
        return f"{head} SPLIT=|" if self.multi else head


def _term(
    name: str,
    slot: str | None,
    prefixes: tuple[str, ...],
    what: str,
    *,
    required: bool = False,
    multi: bool = False,
    under: dict[str, str] | None = None,
    slot_note: str = "",
    parallel: bool = False,
    asserted_only: bool = False,
) -> Column:
    return Column(
        name,
        "term",
        slot,
        required,
        multi,
        prefixes,
        under or {},
        (),
        what,
        slot_note,
        parallel,
        asserted_only,
    )


TEXT_LABEL = Column("label", "text", "rdfs:label", required=True, what="a short English label")
TEXT_SUMMARY = Column(
    "summary", "text", "dcterms:description", required=True, what="a one-sentence summary"
)
EVIDENCE = _term("evidence", vocab.HAS_EVIDENCE, ("ECO",), "an ECO evidence class", required=True)
PRIMARY = Column(
    "primary_source",
    "source",
    vocab.HAS_PRIMARY_SOURCE,
    required=True,
    multi=True,
    what="PMID:<digits> or DOI:10.<registrant>/<suffix>",
)
CITATION = Column(
    "citation",
    "text",
    "dcterms:bibliographicCitation",
    required=True,
    what="the primary study as cited in the review",
)
CONFIDENCE = Column(
    "confidence",
    "choice",
    vocab.HAS_CONFIDENCE,
    required=True,
    choices=("high", "medium"),
    what="high or medium",
)
CROSS = Column("cross_cancer", "bool", vocab.IS_CROSS_CANCER, required=True, what="true or false")
CONTESTED = Column("contested", "bool", vocab.IS_CONTESTED, required=True, what="true or false")
CONTESTED_BY = Column(
    "contested_by",
    "source",
    vocab.CONTESTED_BY,
    multi=True,
    what="PMID:<digits> or DOI:10.<registrant>/<suffix>",
)
NOTE = Column("note", "text", "IAO:0000232", what="a curator note")
DISEASE = _term("disease", vocab.ABOUT_DISEASE, ("MONDO",), "a MONDO disease", required=True)
ORGAN = ("UBERON",)

FINDING_COLUMNS: tuple[Column, ...] = (
    Column("id", "id", required=True, what="an ID such as EVBC-A001"),
    TEXT_LABEL,
    TEXT_SUMMARY,
    _term(
        "vesicle",
        vocab.HAS_VESICLE,
        ("EVONTO", "GO"),
        "the kind of extracellular vesicle the study reported (MISEV2023: GO:1903561 EV, "
        "EVONTO:0000001 small EV, EVONTO:0000014 large EV, GO:0070062 exosome, "
        "GO:1990742 microvesicle, ...)",
        required=True,
        under={"EVONTO": vocab.EXTRACELLULAR_VESICLE, "GO": vocab.EXTRACELLULAR_VESICLE},
        asserted_only=True,
    ),
    Column(
        "vesicle_basis",
        "text",
        vocab.VESICLE_KIND_BASIS,
        required=True,
        what="why the vesicles have this kind (size, separation, biogenesis evidence)",
    ),
    _term(
        "produced_by",
        vocab.VESICLE_PRODUCED_BY,
        ("cellosaurus", "CL", "MONDO"),
        "a Cellosaurus cell line, a CL cell type, or a MONDO cancer whose tumour cells "
        "released the vesicles when the study names no line",
        required=True,
        multi=True,
        under={"MONDO": "MONDO:0004992"},
    ),
    _term(
        "cargo",
        vocab.HAS_CARGO,
        ("HGNC", "mirbase.mature", "CHEBI", "EVONTO"),
        "an HGNC, miRBase mature or ChEBI entity, or an evonto cargo class",
        required=True,
        multi=True,
        under={"EVONTO": vocab.EV_CARGO},
    ),
    _term(
        "cargo_class",
        None,
        ("EVONTO",),
        "an evonto cargo kind (EVONTO:0000020 or one of its subclasses)",
        required=True,
        multi=True,
        under={"EVONTO": vocab.EV_CARGO},
        slot_note="AI EVONTO:0000403 of each cargo",
        parallel=True,
    ),
    Column("cargo_text", "text", what="the cargo as named in the review"),
    _term("target_organ", vocab.HAS_TARGET_ORGAN, ORGAN, "a UBERON organ"),
    _term("site", vocab.ACTS_AT_SITE, ORGAN, "a UBERON site", required=True),
    _term("target_cell", vocab.HAS_TARGET_CELL, ("CL",), "a CL cell type", multi=True),
    _term(
        "mechanism",
        vocab.HAS_MECHANISM,
        ("EVONTO", "GO"),
        "an evonto mechanism class or a GO process",
        required=True,
        multi=True,
        under={"EVONTO": vocab.BIOLOGICAL_PROCESS, "GO": vocab.BIOLOGICAL_PROCESS},
    ),
    _term(
        "role",
        vocab.HAS_METASTATIC_ROLE,
        ("EVONTO",),
        "EVONTO:0000081 (pro-metastatic) or EVONTO:0000082 (anti-metastatic)",
        under={"EVONTO": vocab.METASTATIC_ROLE},
        asserted_only=True,
    ),
    DISEASE,
    _term(
        "species",
        vocab.IN_MODEL_SPECIES,
        ("NCBITaxon",),
        "an NCBITaxon species",
        required=True,
        multi=True,
    ),
    EVIDENCE,
    PRIMARY,
    CITATION,
    CONFIDENCE,
    CROSS,
    Column(
        "cargo_depleted", "bool", vocab.REPORTS_CARGO_DEPLETION, required=True, what="true or false"
    ),
    CONTESTED,
    CONTESTED_BY,
    NOTE,
)

CLAIM_COLUMNS: tuple[Column, ...] = (
    Column("id", "id", required=True, what="an ID such as EVBC-T001"),
    TEXT_LABEL,
    TEXT_SUMMARY,
    _term(
        "claim_class",
        "rdf:type",
        ("EVONTO",),
        "an evonto translational claim class (EVONTO:0000092 or a subclass)",
        required=True,
        multi=True,
        under={"EVONTO": vocab.CLAIM},
        slot_note="TI",
    ),
    _term(
        "agent",
        vocab.HAS_AGENT,
        ("CHEBI", "HGNC", "mirbase.mature", "EVONTO", "CL"),
        "a ChEBI chemical, HGNC or miRBase marker, CL cell type or evonto vesicle class",
        multi=True,
        under={"EVONTO": vocab.EXTRACELLULAR_VESICLE},
    ),
    Column("agent_text", "text", required=True, what="the agent or marker as named"),
    _term(
        "target",
        vocab.HAS_THERAPEUTIC_TARGET,
        ("HGNC", "mirbase.mature", "CHEBI", "GO", "CL"),
        "an HGNC, miRBase, ChEBI, GO or CL term",
        multi=True,
    ),
    Column("target_text", "text", what="the target as named"),
    _term(
        "organ",
        None,
        ORGAN,
        "a UBERON organ",
        multi=True,
        slot_note="I EVONTO:0000216 (biomarker) or EVONTO:0000204",
    ),
    Column("context", "text", what="the organ or clinical context as named"),
    DISEASE,
    _term(
        "species",
        vocab.IN_MODEL_SPECIES,
        ("NCBITaxon",),
        "an NCBITaxon species (of the patients or models of the primary study)",
        multi=True,
    ),
    EVIDENCE,
    Column(
        "primary_source",
        "source",
        vocab.HAS_PRIMARY_SOURCE,
        multi=True,
        what="PMID:<digits> or DOI:10.<registrant>/<suffix>",
    ),
    CITATION,
    CONFIDENCE,
    CROSS,
    CONTESTED,
    CONTESTED_BY,
    NOTE,
)

#: table file name -> its columns
TABLES: dict[str, tuple[Column, ...]] = {
    "findings.tsv": FINDING_COLUMNS,
    "translational.tsv": CLAIM_COLUMNS,
}
