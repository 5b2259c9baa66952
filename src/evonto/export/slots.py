"""The finding slots (DESIGN §5) by IRI, with the short names the JSON-LD context gives them."""

from __future__ import annotations

from dataclasses import dataclass

from evonto import vocab
from evonto.prefixes import EVONTO_TERM, PREFIX_MAP, REVIEW_DOI, expand

RDF_TYPE = PREFIX_MAP["rdf"] + "type"
RDFS_LABEL = PREFIX_MAP["rdfs"] + "label"
RDFS_SUBCLASS = PREFIX_MAP["rdfs"] + "subClassOf"
DESCRIPTION = PREFIX_MAP["dcterms"] + "description"
DERIVED_FROM = PREFIX_MAP["prov"] + "wasDerivedFrom"
DEFINITION = PREFIX_MAP["IAO"] + "0000115"
CURATOR_NOTE = PREFIX_MAP["IAO"] + "0000232"
OWL = PREFIX_MAP["owl"]
XSD = PREFIX_MAP["xsd"]


def evonto(number: int) -> str:
    """The IRI of ``EVONTO:<number>`` (zero-padded to seven digits)."""
    return f"{EVONTO_TERM}{number:07d}"


#: the slot IRIs, from the one vocabulary module
VESICLE = expand(vocab.HAS_VESICLE)
PRODUCED_BY = expand(vocab.VESICLE_PRODUCED_BY)
CARGO = expand(vocab.HAS_CARGO)
TARGET_ORGAN = expand(vocab.HAS_TARGET_ORGAN)
SITE = expand(vocab.ACTS_AT_SITE)
TARGET_CELL = expand(vocab.HAS_TARGET_CELL)
MECHANISM = expand(vocab.HAS_MECHANISM)
ROLE = expand(vocab.HAS_METASTATIC_ROLE)
DISEASE = expand(vocab.ABOUT_DISEASE)
SPECIES = expand(vocab.IN_MODEL_SPECIES)
EVIDENCE = expand(vocab.HAS_EVIDENCE)
PRIMARY_SOURCE = expand(vocab.HAS_PRIMARY_SOURCE)
TROPIC_TO = expand(vocab.TROPIC_TO)
AGENT = expand(vocab.HAS_AGENT)
THERAPEUTIC_TARGET = expand(vocab.HAS_THERAPEUTIC_TARGET)
PREDICTS_ORGAN = expand(vocab.PREDICTS_METASTASIS_TO)
CONTESTED_BY = expand(vocab.CONTESTED_BY)
CONFIDENCE = expand(vocab.HAS_CONFIDENCE)
CROSS_CANCER = expand(vocab.IS_CROSS_CANCER)
CONTESTED = expand(vocab.IS_CONTESTED)
CARGO_DEPLETION = expand(vocab.REPORTS_CARGO_DEPLETION)
CARGO_KIND = expand(vocab.HAS_CARGO_KIND)
VESICLE_BASIS = expand(vocab.VESICLE_KIND_BASIS)
IS_ABOUT = expand(vocab.IS_ABOUT)

FINDING_CLASS = expand(vocab.FINDING)
ORGANOTROPISM_FINDING = expand(vocab.ORGANOTROPISM_FINDING)
TRANSLATIONAL_CLAIM = expand(vocab.CLAIM)
BIOMARKER_CLAIM = expand(vocab.BIOMARKER_CLAIM)
THERAPEUTIC_STRATEGY = evonto(96)
THERAPEUTIC_TARGET_CLAIM = evonto(103)
PRO_METASTATIC = evonto(81)
ANTI_METASTATIC = evonto(82)


@dataclass(frozen=True)
class Slot:
    """A property used on findings and the JSON-LD term that names it."""

    term: str
    iri: str
    iri_valued: bool  # values are IRIs (``"@type": "@id"`` in the context)


#: JSON-LD term -> property, for every slot of DESIGN §5 and the claims' extra slots.
SLOTS: tuple[Slot, ...] = (
    Slot("vesicle", VESICLE, True),
    Slot("producedBy", PRODUCED_BY, True),
    Slot("cargo", CARGO, True),
    Slot("targetOrgan", TARGET_ORGAN, True),
    Slot("site", SITE, True),
    Slot("targetCell", TARGET_CELL, True),
    Slot("mechanism", MECHANISM, True),
    Slot("metastaticRole", ROLE, True),
    Slot("disease", DISEASE, True),
    Slot("species", SPECIES, True),
    Slot("evidence", EVIDENCE, True),
    Slot("primarySource", PRIMARY_SOURCE, True),
    Slot("tropicTo", TROPIC_TO, True),
    Slot("agent", AGENT, True),
    Slot("therapeuticTarget", THERAPEUTIC_TARGET, True),
    Slot("predictsMetastasisTo", PREDICTS_ORGAN, True),
    Slot("contestedBy", CONTESTED_BY, True),
    Slot("confidence", CONFIDENCE, False),
    Slot("crossCancer", CROSS_CANCER, False),
    Slot("contested", CONTESTED, False),
    Slot("cargoDepletion", CARGO_DEPLETION, False),
    Slot("cargoKind", CARGO_KIND, True),
    Slot("vesicleKindBasis", VESICLE_BASIS, False),
    Slot("isAbout", IS_ABOUT, True),
    Slot("derivedFrom", DERIVED_FROM, True),
    Slot("label", RDFS_LABEL, False),
    Slot("summary", DESCRIPTION, False),
    Slot("curatorNote", CURATOR_NOTE, False),
)

SLOT_BY_IRI: dict[str, Slot] = {slot.iri: slot for slot in SLOTS}

__all__ = ["REVIEW_DOI", "SLOTS", "SLOT_BY_IRI", "Slot"]
