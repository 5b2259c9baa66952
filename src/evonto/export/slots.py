"""The finding slots (DESIGN §5) by IRI, with the short names the JSON-LD context gives them."""

from __future__ import annotations

from dataclasses import dataclass

from evonto.prefixes import EVONTO_TERM, PREFIX_MAP, REVIEW_DOI

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


VESICLE = evonto(201)
PRODUCED_BY = evonto(202)
CARGO = evonto(203)
TARGET_ORGAN = evonto(204)
SITE = evonto(205)
TARGET_CELL = evonto(206)
MECHANISM = evonto(207)
ROLE = evonto(208)
DISEASE = evonto(209)
SPECIES = evonto(210)
EVIDENCE = evonto(211)
PRIMARY_SOURCE = evonto(212)
TROPIC_TO = evonto(213)
AGENT = evonto(214)
THERAPEUTIC_TARGET = evonto(215)
PREDICTS_ORGAN = evonto(216)
CONTESTED_BY = evonto(217)
CONFIDENCE = evonto(301)
CROSS_CANCER = evonto(302)
CONTESTED = evonto(303)
CARGO_DEPLETION = evonto(304)

FINDING_CLASS = evonto(90)
ORGANOTROPISM_FINDING = evonto(91)
TRANSLATIONAL_CLAIM = evonto(92)
BIOMARKER_CLAIM = evonto(93)
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
    Slot("derivedFrom", DERIVED_FROM, True),
    Slot("label", RDFS_LABEL, False),
    Slot("summary", DESCRIPTION, False),
    Slot("curatorNote", CURATOR_NOTE, False),
)

SLOT_BY_IRI: dict[str, Slot] = {slot.iri: slot for slot in SLOTS}

__all__ = ["REVIEW_DOI", "SLOTS", "SLOT_BY_IRI", "Slot"]
