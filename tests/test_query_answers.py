"""Every competency question, answered on the real release (built from the project's sources).

Exact rows where the answer is small; counts and key rows where it is large. The facts come
from the curated findings (see /work/shared/data digests, encoded in ontology/assertions).
"""

from __future__ import annotations

import pytest
from _query_support import answer, project_with_files, rows

from evonto.query.packs import discover

LUNG, BRAIN, BONE = "UBERON:0002048", "UBERON:0000955", "UBERON:0002481"
LIVER, LYMPH_NODE = "UBERON:0002107", "UBERON:0000029"
PRO, ANTI = "EVONTO:0000081", "EVONTO:0000082"
MIR_122, MIR_105, MIR_19A = (
    "mirbase.mature:MIMAT0000421",
    "mirbase.mature:MIMAT0000102",
    "mirbase.mature:MIMAT0000073",
)
#: the digest's findings from other cancers (kept, flagged)
CROSS_CANCER = {
    f"finding:EVBC-A{n}" for n in ("004", "021", "052", "054", "059", "061", "062", "063", "064")
}


@pytest.fixture(scope="module")
def release(built_release, tmp_path_factory):
    files = {name: built_release.files[name] for name in ("evonto.ttl", "examples.ttl")}
    return project_with_files(tmp_path_factory.mktemp("answers"), files)


def column(results, name: str) -> list[str]:
    return results.column(name)


def test_every_question_is_tested_here() -> None:
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    from _query_support import ROOT

    missing = [q.id for q in discover(ROOT / "queries") if f'"{q.id}"' not in source]
    assert not missing


def test_cargo_by_organ_lung(release) -> None:
    result = answer(release, "organotropism/cargo-by-organ")
    findings = set(column(result, "finding"))
    assert {"finding:EVBC-A001", "finding:EVBC-A005", "finding:EVBC-A007"} <= findings
    assert "finding:EVBC-A052" not in findings  # anti-metastatic (PEDF)
    assert ("finding:EVBC-A007", MIR_122) in {r[:2] for r in rows(result)}
    integrin = [r for r in rows(result) if r[0] == "finding:EVBC-A001" and r[2] == "ITGB4"]
    assert ("EVONTO:0000066", "PMID:26524530") in {(r[3], r[5]) for r in integrin}


def test_cargo_by_organ_brain(release) -> None:
    result = answer(release, "organotropism/cargo-by-organ", organ=BRAIN)
    pairs = {r[:2] for r in rows(result)}
    assert ("finding:EVBC-A008", MIR_122) in pairs
    assert ("finding:EVBC-A006", MIR_105) in pairs
    assert ("finding:EVBC-A035", "mirbase.mature:MIMAT0000258") in pairs  # miR-181c, BBB
    assert all(r[0] != "finding:EVBC-A007" for r in rows(result))  # that one is lung


def test_organ_by_cargo_type(release) -> None:
    result = {
        (r[0], r[2]): int(r[4]) for r in rows(answer(release, "organotropism/organ-cargo-matrix"))
    }
    assert result[(BONE, "EVONTO:0000022")] == 6  # miRNA cargo to bone
    assert result[(LUNG, "EVONTO:0000028")] == 3  # integrins to lung (Hoshino)
    assert result[(LIVER, "EVONTO:0000031")] == 1  # palmitic acid
    assert (BRAIN, "EVONTO:0000024") in result  # lncRNA GS1-600G8.5
    assert {organ for organ, _ in result} == {LUNG, BRAIN, BONE, LIVER, LYMPH_NODE}


def test_organ_by_mechanism(release) -> None:
    result = {
        (r[0], r[2]): int(r[4])
        for r in rows(answer(release, "organotropism/organ-mechanism-matrix"))
    }
    assert result[(BONE, "EVONTO:0000041")] == 4  # osteoclast activation
    assert result[(BONE, "GO:0030316")] == 6  # osteoclast differentiation
    # EVONTO:0000053 blood-brain barrier disruption was deprecated for GO's term
    assert result[(BRAIN, "GO:1905605")] == 3
    assert not [k for k in result if k[1] == "EVONTO:0000053"]
    assert (LUNG, "EVONTO:0000040") in result


def test_anti_metastatic_findings(release) -> None:
    result = rows(answer(release, "organotropism/anti-metastatic"))
    assert [(r[0], r[2], r[4]) for r in result] == [
        ("finding:EVBC-A031", BONE, "PMID:24985346"),
        ("finding:EVBC-A032", BONE, "PMID:33500249"),
        ("finding:EVBC-A033", BONE, "PMID:30627418"),
        ("finding:EVBC-A051", "UBERON:0001062", "PMID:11231627"),
        ("finding:EVBC-A052", LUNG, "PMID:29105655"),
        ("finding:EVBC-A063", LYMPH_NODE, "DOI:10.1126/science.aaf1328"),
        ("finding:EVBC-A072", "UBERON:0000310", "DOI:10.3892/mmr.2024.13316"),
    ]


def test_findings_by_organ_and_role(release) -> None:
    result = {
        (r[0], r[2]): int(r[4]) for r in rows(answer(release, "organotropism/findings-by-organ"))
    }
    assert result == {
        (BONE, ANTI): 3,
        (BONE, PRO): 8,
        (BRAIN, PRO): 8,
        (LIVER, PRO): 5,
        (LUNG, ANTI): 1,
        (LUNG, PRO): 11,
        (LYMPH_NODE, ANTI): 1,
        (LYMPH_NODE, PRO): 4,
    }


def test_target_cells_by_organ(release) -> None:
    result = {(r[0], r[2]) for r in rows(answer(release, "organotropism/target-cells-by-organ"))}
    assert (BONE, "CL:0000092") in result  # osteoclast
    assert (LIVER, "CL:0000091") in result  # Kupffer cell
    assert (BRAIN, "CL:0000129") in result  # microglia
    assert (LUNG, "CL:0000057") in result  # fibroblast


def test_zip_code_cargo(release) -> None:
    result = rows(answer(release, "organotropism/zip-code-cargo"))
    integrins = {(r[0], r[2]) for r in result if r[5] == "integrin cargo"}
    assert {(LUNG, "HGNC:6158"), (LUNG, "HGNC:6142"), (LIVER, "HGNC:6160")} <= integrins
    assert {r[4] for r in result} >= {"finding:EVBC-A001", "finding:EVBC-A004"}


def test_cargo_in_more_than_one_organ(release) -> None:
    result = rows(answer(release, "organotropism/multi-organ-cargo"))
    assert [(r[0], r[2]) for r in result] == [
        (MIR_19A, BONE),
        (MIR_19A, BRAIN),
        (MIR_105, BRAIN),
        (MIR_105, LUNG),
        (MIR_122, BRAIN),
        (MIR_122, LUNG),
    ]


def test_biomarkers_by_subtype(release) -> None:
    tnbc = {r[0] for r in rows(answer(release, "translational/biomarkers-by-subtype"))}
    assert {"finding:EVBC-T009", "finding:EVBC-T012"} <= tnbc
    assert "finding:EVBC-T013" not in tnbc  # breast cancer patients at large (Lin28B: TNBC highest)
    her2 = answer(release, "translational/biomarkers-by-subtype", subtype="MONDO:0006244")
    assert set(column(her2, "claim")).isdisjoint(tnbc)
    broad = answer(release, "translational/biomarkers-by-subtype", subtype="MONDO:0004989")
    assert tnbc < set(column(broad, "claim"))  # subtypes are found from their parent


def test_biomarkers_by_organ(release) -> None:
    result = {(r[0], r[2]) for r in rows(answer(release, "translational/biomarkers-by-organ"))}
    assert {(LUNG, "finding:EVBC-T001"), (LIVER, "finding:EVBC-T001")} <= result
    assert (BONE, "finding:EVBC-T004") in result  # circulating miR-218
    assert (LUNG, "finding:EVBC-T013") in result  # Lin28B / let-7


def test_strategies_by_kind(release) -> None:
    result = {(r[0], r[2]) for r in rows(answer(release, "translational/strategies-by-kind"))}
    assert ("EVONTO:0000097", "finding:EVBC-T019") in result  # sulfisoxazole: biogenesis
    assert ("EVONTO:0000099", "finding:EVBC-T036") in result  # GE11 exosomes deliver let-7a


def test_strategy_count(release) -> None:
    result = {r[0]: int(r[2]) for r in rows(answer(release, "translational/strategy-count"))}
    assert result["EVONTO:0000097"] == 9
    assert set(result) <= {f"EVONTO:{n:07d}" for n in range(97, 103)}
    assert sum(result.values()) == 23  # six more claims are typed by the general strategy class


def test_finding_provenance(release) -> None:
    result = rows(answer(release, "provenance/finding-provenance"))
    assert len({r[0] for r in result}) == 65
    assert {r[2] for r in result} == {"ECO:0000033"}
    assert {r[3] for r in result} == {"DOI:10.3390/ijms26125430"}
    assert ("finding:EVBC-A007", "PMID:25621950") in {r[:2] for r in result}
    assert ("finding:EVBC-A014", "DOI:10.1038/s41467-022-28438-x") in {r[:2] for r in result}


def test_findings_by_study(release) -> None:
    hoshino = [r[0] for r in rows(answer(release, "provenance/findings-by-study"))]
    assert hoshino == [f"finding:EVBC-A00{n}" for n in (1, 2, 3, 4)]
    fong = answer(release, "provenance/findings-by-study", source="PMID:25621950")
    assert column(fong, "finding") == ["finding:EVBC-A007", "finding:EVBC-A008"]


def test_studies_ranked(release) -> None:
    result = rows(answer(release, "provenance/studies-ranked"))
    assert result[0] == ("PMID:26524530", "4")
    assert ("PMID:27760789", "3") in result


def test_species_counts(release) -> None:
    result = rows(answer(release, "provenance/species-counts"))
    assert [(r[0], r[2]) for r in result] == [("NCBITaxon:9606", "97"), ("NCBITaxon:10090", "73")]


def test_species_only(release) -> None:
    mouse = column(answer(release, "provenance/species-only"), "finding")
    assert mouse == [
        "finding:EVBC-A010",
        "finding:EVBC-A011",
        "finding:EVBC-A012",
        "finding:EVBC-A013",
        "finding:EVBC-A018",
        "finding:EVBC-A039",
        "finding:EVBC-A061",
        "finding:EVBC-T018",
        "finding:EVBC-T030",
        "finding:EVBC-T031",
    ]
    human = column(answer(release, "provenance/species-only", species="NCBITaxon:9606"), "finding")
    assert set(human).isdisjoint(mouse) and "finding:EVBC-A020" in human  # in vitro, human


def test_mesh_terms(release) -> None:
    result = {(r[0], r[2], r[3]) for r in rows(answer(release, "alignment/mesh-terms"))}
    assert ("MESH:D001943", "MONDO:0021100", "skos:exactMatch") in result
    assert ("MESH:D055354", "GO:0070062", "skos:closeMatch") in result
    assert len(result) >= 50


def test_mondo_terms(release) -> None:
    result = rows(answer(release, "alignment/mondo-terms"))
    diseases = {r[0]: r for r in result}
    assert set(diseases) >= {"MONDO:0004989", "MONDO:0005494", "MONDO:0006244", "MONDO:0006512"}
    assert diseases["MONDO:0005494"][3:] == ("MESH:D064726", "skos:exactMatch")
    assert diseases["MONDO:0004989"][1] == "breast carcinoma"


def test_flagged_findings(release) -> None:
    result = rows(answer(release, "curation/flagged-findings"))
    flags = {}
    for item, flag in result:
        flags.setdefault(flag, set()).add(item)
    assert flags["contested"] == {"finding:EVBC-T019"}
    assert flags["cross-cancer"] >= CROSS_CANCER
    assert {"finding:EVBC-A021", "finding:EVBC-A034", "finding:EVBC-A070"} <= flags[
        "medium confidence"
    ]
    # A019's source was verified by the row audit (ontology/audit/rows.tsv): no longer medium
    assert not {"finding:EVBC-A001", "finding:EVBC-A019"} & flags["medium confidence"]


def test_contested_claims(release) -> None:
    result = rows(answer(release, "curation/contested-claims"))
    assert [r[0] for r in result] == ["finding:EVBC-T019"]
    assert result[0][2] == "PMID:30918259"


def test_cargo_depletion(release) -> None:
    result = rows(answer(release, "curation/cargo-depletion"))
    assert [r[0] for r in result] == ["finding:EVBC-A014"]  # let-7 depleted exosomes


# -- questions answered from the classes HermiT infers (materialised by the build) --------


def test_cargo_of_lung_tropic_vesicles(release) -> None:
    result = rows(answer(release, "reasoned/cargo-of-tropic-evs"))
    pairs = {(r[0], r[1]) for r in result}
    assert {
        ("finding:EVBC-A001", "HGNC:6158"),  # integrin beta-4, the zip-code finding
        ("finding:EVBC-A007", MIR_122),
        ("finding:EVBC-A005", MIR_105),
    } <= pairs
    assert {r[4] for r in result if r[1] == "HGNC:6158"} == {"integrin cargo"}
    # an unnamed cargo is the finding's own individual, named by its kind
    assert ("finding:EVBC-A003", "finding:EVBC-A003/cargo-EVONTO_0000028") in pairs
    # only vesicles tropic to the lung: never a bone or brain finding
    assert not {r[0] for r in result} & {"finding:EVBC-A008", "finding:EVBC-A031"}
    assert len({r[0] for r in result}) == 13


def test_cargo_of_bone_tropic_vesicles(release) -> None:
    result = rows(answer(release, "reasoned/cargo-of-tropic-evs", evClass="EVONTO:0000008"))
    assert ("finding:EVBC-A031", "mirbase.mature:MIMAT0000418") in {(r[0], r[1]) for r in result}
    assert len({r[0] for r in result}) == 11


def test_anti_metastatic_vesicles_and_their_processes(release) -> None:
    result = rows(answer(release, "reasoned/anti-metastatic-processes"))
    findings = {r[0] for r in result}
    # the seven anti-metastatic findings, each through the reasoner's class, not the slot
    assert findings == {f"finding:EVBC-A0{n}" for n in ("31", "32", "33", "51", "52", "63", "72")}
    assert ("finding:EVBC-A031", "EVONTO:0000062", BONE) in {(r[0], r[1], r[3]) for r in result}
    assert ("finding:EVBC-A072", "GO:0016525", "UBERON:0000310") in {
        (r[0], r[1], r[3]) for r in result
    }  # negative regulation of angiogenesis, in the breast


def test_breast_cancer_derived_vesicles_by_tropism(release) -> None:
    result = {r[0]: int(r[2]) for r in rows(answer(release, "reasoned/breast-derived-by-tropism"))}
    # the producers' diseases decide it: Cellosaurus lines (MDA-MB-231: breast adenocarcinoma)
    # or the finding's tumour cells; cross-cancer and stromal vesicles are not counted
    assert result == {
        "EVONTO:0000009": 10,  # lung: 13, less A018 (stromal), A021 and A052 (other cancers)
        "EVONTO:0000008": 7,
        "EVONTO:0000011": 7,
        "EVONTO:0000010": 3,
        "EVONTO:0000012": 2,
    }


def test_every_defined_vesicle_class_has_members(release) -> None:
    result = {r[0]: int(r[2]) for r in rows(answer(release, "reasoned/ev-class-members"))}
    defined = {f"EVONTO:{n:07d}" for n in (*range(3, 13), *range(15, 20), 83, 84)}
    assert defined - {"EVONTO:0000007"} <= set(result)  # organotropic: only via subclasses
    # one finding per target organ (checked against the association view, finding by finding,
    # in test_model_agreement.py); A015 and A016 (lung) have no metastatic role
    assert {
        c: result[c]
        for c in (
            "EVONTO:0000008",
            "EVONTO:0000009",
            "EVONTO:0000010",
            "EVONTO:0000011",
            "EVONTO:0000012",
        )
    } == {
        "EVONTO:0000008": 11,
        "EVONTO:0000009": 13,
        "EVONTO:0000010": 5,
        "EVONTO:0000011": 8,
        "EVONTO:0000012": 6,
    }
    assert result["EVONTO:0000083"] == 55 and result["EVONTO:0000084"] == 7
    # origin: 9 findings from other cancers, 7 from stromal or MSC cells, the rest breast
    assert (result["EVONTO:0000003"], result["EVONTO:0000004"]) == (9, 49)
    assert (result["EVONTO:0000005"], result["EVONTO:0000006"]) == (2, 5)


# -- the findings browser's filters: one question per filter (tests/test_docs_site.py holds
#    the browser's counts against these) ---------------------------------------------------
def finding_ids(result) -> list[str]:
    return column(result, "finding")


def test_findings_at_organ(release) -> None:
    lung = finding_ids(answer(release, "organotropism/findings-at-organ"))
    assert len(lung) == len(set(lung)) == 13  # 11 pro, 1 anti, A015 with no role
    assert {"finding:EVBC-A001", "finding:EVBC-A015", "finding:EVBC-A052"} <= set(lung)
    bone = finding_ids(answer(release, "organotropism/findings-at-organ", organ=BONE))
    assert len(bone) == 11 and "finding:EVBC-A031" in bone


def test_systemic_findings(release) -> None:
    systemic = finding_ids(answer(release, "organotropism/systemic-findings"))
    assert len(systemic) == 22
    assert "finding:EVBC-A051" in systemic and "finding:EVBC-A001" not in systemic
    assert not [f for f in systemic if f.startswith("finding:EVBC-T")]  # claims are not findings


def test_findings_with_cargo_kind(release) -> None:
    mirna = finding_ids(answer(release, "organotropism/findings-with-cargo-kind"))
    assert len(mirna) == 24 and "finding:EVBC-A007" in mirna  # miR-122
    integrin = answer(release, "organotropism/findings-with-cargo-kind", kind="EVONTO:0000028")
    assert finding_ids(integrin) == [
        "finding:EVBC-A001",
        "finding:EVBC-A002",
        "finding:EVBC-A003",
        "finding:EVBC-A004",
        "finding:EVBC-A047",
    ]


def test_findings_with_role(release) -> None:
    anti = finding_ids(answer(release, "organotropism/findings-with-role"))
    assert anti == [f"finding:EVBC-A{n}" for n in ("031", "032", "033", "051", "052", "063", "072")]
    assert len(finding_ids(answer(release, "organotropism/findings-with-role", role=PRO))) == 55


def test_findings_without_role(release) -> None:
    assert finding_ids(answer(release, "curation/findings-without-role")) == [
        "finding:EVBC-A015",
        "finding:EVBC-A016",
        "finding:EVBC-A020",
    ]


def test_findings_in_species(release) -> None:
    human = finding_ids(answer(release, "provenance/findings-in-species"))
    mouse = finding_ids(
        answer(release, "provenance/findings-in-species", species="NCBITaxon:10090")
    )
    assert (len(human), len(mouse)) == (58, 56)
    assert len(set(human) | set(mouse)) == 65  # every finding names a species


def test_findings_by_evidence(release) -> None:
    assert len(finding_ids(answer(release, "provenance/findings-by-evidence"))) == 65


def test_findings_by_confidence(release) -> None:
    medium = finding_ids(answer(release, "curation/findings-by-confidence"))
    assert medium == [
        f"finding:EVBC-A{n}"
        for n in ("021", "022", "026", "030", "033", "034", "039", "052", "055", "070")
    ]
    high = answer(release, "curation/findings-by-confidence", confidence="high")
    assert len(finding_ids(high)) == 55
