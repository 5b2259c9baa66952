"""The vocabulary of findings: slot properties, instance-graph relations and anchor classes.

Every reader and writer of findings takes these CURIEs from here (expand them with
:func:`evonto.prefixes.expand`), so a slot is named in one place only.
"""

from __future__ import annotations

# -- association view: the n-ary finding and its slots (DESIGN §5) -----------------------
FINDING = "EVONTO:0000090"
ORGANOTROPISM_FINDING = "EVONTO:0000091"
CLAIM = "EVONTO:0000092"
BIOMARKER_CLAIM = "EVONTO:0000093"

HAS_VESICLE = "EVONTO:0000201"
VESICLE_PRODUCED_BY = "EVONTO:0000202"
HAS_CARGO = "EVONTO:0000203"
HAS_TARGET_ORGAN = "EVONTO:0000204"
ACTS_AT_SITE = "EVONTO:0000205"
HAS_TARGET_CELL = "EVONTO:0000206"
HAS_MECHANISM = "EVONTO:0000207"
HAS_METASTATIC_ROLE = "EVONTO:0000208"
ABOUT_DISEASE = "EVONTO:0000209"
IN_MODEL_SPECIES = "EVONTO:0000210"
HAS_EVIDENCE = "EVONTO:0000211"
HAS_PRIMARY_SOURCE = "EVONTO:0000212"
TROPIC_TO = "EVONTO:0000213"
HAS_AGENT = "EVONTO:0000214"
HAS_THERAPEUTIC_TARGET = "EVONTO:0000215"
PREDICTS_METASTASIS_TO = "EVONTO:0000216"
CONTESTED_BY = "EVONTO:0000217"
HAS_CONFIDENCE = "EVONTO:0000301"
IS_CROSS_CANCER = "EVONTO:0000302"
IS_CONTESTED = "EVONTO:0000303"
REPORTS_CARGO_DEPLETION = "EVONTO:0000304"
EXPECTED_VALUE_CLASS = "EVONTO:0000402"
HAS_CARGO_KIND = "EVONTO:0000403"  #: annotation: cargo entity -> its cargo kind class
VESICLE_KIND_BASIS = "EVONTO:0000404"  #: annotation: finding -> why this vesicle kind
REVIEW_SLOT = "prov:wasDerivedFrom"

# -- instance view: the GO-CAM-style graph the reasoner classifies (DESIGN §5b) -----------
IS_ABOUT = "IAO:0000136"  #: finding (information content entity) -> its EV individual
PRODUCED_BY = "RO:0003001"  #: EV -> producer cell
CONTAINS = "RO:0001019"  #: EV -> cargo
HAS_ROLE = "RO:0000087"  #: EV -> metastatic role
ACTS_UPSTREAM_POSITIVE = "RO:0004034"  #: EV -> process it promotes
OCCURS_IN = "BFO:0000066"  #: process -> anatomical site
HAS_PARTICIPANT = "RO:0000057"  #: process -> target cell
GENE_PRODUCT_OF = "RO:0002204"  #: protein / RNA cargo -> its HGNC gene (in a restriction)
DERIVES_FROM_PATIENT_WITH = "CLO:0000015"  #: cell (line) -> disease (in a restriction)

# -- anchor classes ---------------------------------------------------------------------
EXTRACELLULAR_VESICLE = "GO:1903561"
EV_CARGO = "EVONTO:0000020"
METASTATIC_ROLE = "EVONTO:0000080"
BIOLOGICAL_PROCESS = "GO:0008150"
ANATOMICAL_ENTITY = "UBERON:0001062"
CELL = "CL:0000000"
MALIGNANT_CELL = "CL:0001064"
MICRORNA_CARGO = "EVONTO:0000022"
