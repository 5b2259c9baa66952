"""The SSSOM mapping set: valid, loaded as SKOS triples with MeSH labels, bad rows located."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from evonto.errors import SourceError
from evonto.mappings import PREDICATES, mappings_graph, read_mapping_set
from evonto.prefixes import expand
from evonto.project import Project
from evonto.rdfio import load_graph

ROOT = Path(__file__).resolve().parents[1]
SSSOM = Project(ROOT).mappings_file
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")

HEADER = (
    "# curie_map:\n"
    "#   MESH: http://id.nlm.nih.gov/mesh/\n"
    "#   MONDO: http://purl.obolibrary.org/obo/MONDO_\n"
    "# mapping_set_id: https://example.org/test.sssom.tsv\n"
    "# license: https://creativecommons.org/licenses/by/4.0/\n"
    "subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\n"
)
GOOD_ROW = (
    "MONDO:0021100\tbreast neoplasm\tskos:exactMatch\tMESH:D001943\tBreast Neoplasms\t"
    "semapv:ManualMappingCuration\n"
)


def node(curie: str) -> rdflib.URIRef:
    return rdflib.URIRef(expand(curie))


def test_real_mapping_set_loads_as_skos_with_mesh_labels() -> None:
    graph = mappings_graph(SSSOM)
    assert (node("MONDO:0021100"), SKOS.exactMatch, node("MESH:D001943")) in graph
    assert str(graph.value(node("MESH:D001943"), RDFS.label)) == "Breast Neoplasms"
    assert str(graph.value(node("MESH:D009362"), RDFS.label)) == "Neoplasm Metastasis"
    assert str(graph.value(node("MESH:D008055"), RDFS.label)) == "Lipids"
    for predicate in set(graph.predicates()) & {SKOS.exactMatch, SKOS.closeMatch}:
        assert (predicate, RDF.type, OWL.AnnotationProperty) in graph


def test_real_mapping_set_metadata_and_rows() -> None:
    mapping_set = read_mapping_set(SSSOM)
    for key in ("mapping_set_id", "mapping_set_version", "license", "curie_map"):
        assert key in mapping_set.metadata
    assert len(mapping_set.mappings) >= 40
    assert {m.mapping_justification for m in mapping_set.mappings} == {
        "semapv:ManualMappingCuration"
    }
    pairs = {(m.subject_id, m.object_id) for m in mapping_set.mappings}
    assert len(pairs) == len(mapping_set.mappings), "duplicate mapping rows"
    for m in mapping_set.mappings:
        if m.object_id.startswith("MESH:"):
            assert m.object_label, f"line {m.line}: MeSH object without its label"


def test_every_mapped_mesh_label_is_unique_per_id() -> None:
    labels: dict[str, set[str]] = {}
    for m in read_mapping_set(SSSOM).mappings:
        labels.setdefault(m.object_id, set()).add(m.object_label)
    assert {k: v for k, v in labels.items() if len(v) > 1} == {}


def test_evonto_subjects_are_declared_in_the_edit_file() -> None:
    edit = load_graph(Project(ROOT).edit_file)
    subjects = {m.subject_id for m in read_mapping_set(SSSOM).mappings}
    undeclared = sorted(
        s for s in subjects if s.startswith("EVONTO:") and edit.value(node(s), RDFS.label) is None
    )
    assert undeclared == []


def test_real_file_is_valid_for_the_sssom_toolkit() -> None:
    sssom = pytest.importorskip("sssom.parsers")
    msdf = sssom.parse_sssom_table(SSSOM)
    assert len(msdf.df) == len(read_mapping_set(SSSOM).mappings)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            GOOD_ROW.replace("skos:exactMatch", "skos:sameAs"),
            "predicate_id",
            "is not one of",
        ),
        (GOOD_ROW.replace("MESH:D001943", "MeSH:D001943"), "object_id", "curie_map"),
        (GOOD_ROW.replace("MONDO:0021100", ""), "subject_id", "is empty"),
        (GOOD_ROW.replace("semapv:", "sempav-"), "mapping_justification", "semapv"),
    ],
)
def test_bad_row_is_reported_with_its_line(
    tmp_path: Path, row: str, column: str, message: str
) -> None:
    path = tmp_path / "bad.sssom.tsv"
    path.write_text(HEADER + GOOD_ROW + row, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        mappings_graph(path)
    assert caught.value.location.line == 8
    assert caught.value.location.column == column
    assert message in caught.value.message
    assert f":8:{column}: " in str(caught.value)


def test_wrong_cell_count_and_missing_header(tmp_path: Path) -> None:
    path = tmp_path / "short.sssom.tsv"
    path.write_text(HEADER + GOOD_ROW + "MONDO:0021100\tbreast neoplasm\n", encoding="utf-8")
    with pytest.raises(SourceError, match="2 cells but 6 columns") as caught:
        read_mapping_set(path)
    assert caught.value.location.line == 8
    bare = tmp_path / "bare.sssom.tsv"
    bare.write_text(HEADER.replace("# license: https://creativecommons.org/licenses/by/4.0/\n", ""))
    with pytest.raises(SourceError, match="license"):
        read_mapping_set(bare)


def test_folded_metadata_lines_are_read(tmp_path: Path) -> None:
    path = tmp_path / "folded.sssom.tsv"
    folded = HEADER.replace(
        "# license:", "# mapping_set_description: a long\n#   folded text\n# license:"
    )
    path.write_text(folded + GOOD_ROW, encoding="utf-8")
    mapping_set = read_mapping_set(path)
    assert mapping_set.metadata["mapping_set_description"] == "a long folded text"
    assert set(PREDICATES) >= {m.predicate_id for m in mapping_set.mappings}
