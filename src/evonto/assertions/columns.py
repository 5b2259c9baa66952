"""The column contract of the assertion tables: what each column holds and which slot it fills."""

from __future__ import annotations

from dataclasses import dataclass, field

#: EVONTO IDs allowed in each EVONTO-valued column, by range of the term ID plan.
EV_CLASSES = frozenset(f"EVONTO:{n:07d}" for n in range(1, 14))
CARGO_CLASSES = frozenset(f"EVONTO:{n:07d}" for n in range(20, 33))
MECHANISM_CLASSES = frozenset(f"EVONTO:{n:07d}" for n in range(40, 70))
ROLES = frozenset({"EVONTO:0000081", "EVONTO:0000082"})
CLAIM_CLASSES = frozenset(f"EVONTO:{n:07d}" for n in range(92, 104))
BIOMARKER_CLASSES = frozenset({"EVONTO:0000093", "EVONTO:0000094", "EVONTO:0000095"})
#: GO vesicle classes a curator may name directly (extracellular vesicle, exosome, microvesicle).
GO_VESICLES = frozenset({"GO:1903561", "GO:0070062", "GO:1990742"})

FINDING_CLASS = "EVONTO:0000091"
REVIEW_SLOT = "prov:wasDerivedFrom"


@dataclass(frozen=True)
class Column:
    """One column: its value kind, whether it is required or multi-valued, and its RDF slot.

    ``kind`` is ``id``, ``text``, ``term`` (CURIEs of ``prefixes``; values of a prefix listed
    in ``allowed`` must be among its IDs), ``source`` (``PMID:n`` or ``DOI:10.x/y``), ``bool``
    or ``choice`` (one of ``choices``). ``slot`` is the property the compiler emits (``None``:
    a column for curators only, or one the compiler handles itself).
    """

    name: str
    kind: str
    slot: str | None = None
    required: bool = False
    multi: bool = False
    prefixes: tuple[str, ...] = ()
    allowed: dict[str, frozenset[str]] = field(default_factory=dict)
    choices: tuple[str, ...] = ()
    what: str = ""  #: the expected value, for messages ("a UBERON organ")
    slot_note: str = ""  #: the slot row cell when the compiler fills the slot itself
    parallel: bool = False  #: one value per value of another column, so values may repeat

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
    allowed: dict[str, frozenset[str]] | None = None,
    slot_note: str = "",
    parallel: bool = False,
) -> Column:
    return Column(
        name, "term", slot, required, multi, prefixes, allowed or {}, (), what, slot_note, parallel
    )


TEXT_LABEL = Column("label", "text", "rdfs:label", required=True, what="a short English label")
TEXT_SUMMARY = Column(
    "summary", "text", "dcterms:description", required=True, what="a one-sentence summary"
)
EVIDENCE = _term("evidence", "EVONTO:0000211", ("ECO",), "an ECO evidence class", required=True)
PRIMARY = Column(
    "primary_source",
    "source",
    "EVONTO:0000212",
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
    "EVONTO:0000301",
    required=True,
    choices=("high", "medium"),
    what="high or medium",
)
CROSS = Column("cross_cancer", "bool", "EVONTO:0000302", required=True, what="true or false")
CONTESTED = Column("contested", "bool", "EVONTO:0000303", required=True, what="true or false")
CONTESTED_BY = Column(
    "contested_by",
    "source",
    "EVONTO:0000217",
    multi=True,
    what="PMID:<digits> or DOI:10.<registrant>/<suffix>",
)
NOTE = Column("note", "text", "IAO:0000232", what="a curator note")
DISEASE = _term("disease", "EVONTO:0000209", ("MONDO",), "a MONDO disease", required=True)
ORGAN = ("UBERON",)

FINDING_COLUMNS: tuple[Column, ...] = (
    Column("id", "id", required=True, what="an ID such as EVBC-A001"),
    TEXT_LABEL,
    TEXT_SUMMARY,
    _term(
        "vesicle",
        "EVONTO:0000201",
        ("EVONTO", "GO"),
        "an extracellular vesicle class",
        required=True,
        allowed={"EVONTO": EV_CLASSES, "GO": GO_VESICLES},
    ),
    _term(
        "produced_by",
        "EVONTO:0000202",
        ("cellosaurus", "CL", "MONDO"),
        "a Cellosaurus cell line, CL cell type or MONDO subtype",
        multi=True,
    ),
    _term(
        "cargo",
        "EVONTO:0000203",
        ("HGNC", "mirbase.mature", "CHEBI", "EVONTO"),
        "an HGNC, miRBase mature or ChEBI entity, or an evonto cargo class",
        required=True,
        multi=True,
        allowed={"EVONTO": CARGO_CLASSES},
    ),
    _term(
        "cargo_class",
        None,
        ("EVONTO",),
        "an evonto cargo class (EVONTO:0000020-0000032)",
        required=True,
        multi=True,
        allowed={"EVONTO": CARGO_CLASSES},
        slot_note="CI rdf:type of each cargo",
        parallel=True,
    ),
    Column("cargo_text", "text", what="the cargo as named in the review"),
    _term("target_organ", "EVONTO:0000204", ORGAN, "a UBERON organ"),
    _term("site", "EVONTO:0000205", ORGAN, "a UBERON site", required=True),
    _term("target_cell", "EVONTO:0000206", ("CL",), "a CL cell type", multi=True),
    _term(
        "mechanism",
        "EVONTO:0000207",
        ("EVONTO", "GO"),
        "an evonto mechanism class or a GO process",
        required=True,
        multi=True,
        allowed={"EVONTO": MECHANISM_CLASSES},
    ),
    _term(
        "role",
        "EVONTO:0000208",
        ("EVONTO",),
        "EVONTO:0000081 (pro-metastatic) or EVONTO:0000082 (anti-metastatic)",
        required=True,
        allowed={"EVONTO": ROLES},
    ),
    DISEASE,
    _term(
        "species",
        "EVONTO:0000210",
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
    Column("cargo_depleted", "bool", "EVONTO:0000304", required=True, what="true or false"),
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
        "an evonto translational claim class (EVONTO:0000092-0000103)",
        required=True,
        multi=True,
        allowed={"EVONTO": CLAIM_CLASSES},
        slot_note="TI",
    ),
    _term(
        "agent",
        "EVONTO:0000214",
        ("CHEBI", "HGNC", "mirbase.mature", "EVONTO", "CL"),
        "a ChEBI chemical, HGNC or miRBase marker, CL cell type or evonto vesicle class",
        multi=True,
        allowed={"EVONTO": EV_CLASSES},
    ),
    Column("agent_text", "text", required=True, what="the agent or marker as named"),
    _term(
        "target",
        "EVONTO:0000215",
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
    EVIDENCE,
    Column(
        "primary_source",
        "source",
        "EVONTO:0000212",
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
