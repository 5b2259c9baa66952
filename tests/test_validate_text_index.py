"""The text index that locates problems (offsets, not lists of lines) and the streamed intake
of parsed triples (batch by batch into the store) give what a whole-file reading gives."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from evonto.errors import SourceError
from evonto.rdfio import parse_batches
from evonto.validate import locate
from evonto.validate.inputs import Triples, stream_rdf

TEXT = (
    "@prefix ex: <http://example.org/> .\n"
    "ex:a ex:p ex:b ;\n"
    '    ex:label "a" .\n'
    "\n"
    "ex:b ex:p ex:a .\r\n"
    "<http://example.org/c> ex:q ex:a .\n"
    "ex:a ex:r 1 .\n"
    "# ex:z is only in a comment\n"
    "ex:d ex:p ex:e"
)


def naive_mention(text: str, needle: str, first: int = 1, last: int | None = None) -> int | None:
    """A plain reading: the first line in first..last holding the needle as a whole token."""
    lines = text.split("\n")
    for number in range(first, (last or len(lines)) + 1):
        line = lines[number - 1]
        at = line.find(needle)
        while at >= 0:
            before = line[at - 1] if at else " "
            end = at + len(needle)
            after = line[end] if end < len(line) else " "
            if not locate._NAME_CHAR.match(before) and not (
                locate._NAME_CHAR.match(after) and after not in ".:"
            ):
                return number
            at = line.find(needle, at + 1)
    return None


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 22])
def test_line_offsets_match_the_lines_at_any_chunk_size(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locate, "_CHUNK", chunk)
    for text in (TEXT, TEXT + "\n", "", "one line", "\n\n\n", "a\nb\n\nc"):
        index = locate._TextIndex("f.ttl", text)
        expected = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text)]
        assert list(index.offsets()) == (expected if text else [])
        assert index.line_count() == len(text.splitlines())


def test_subject_lines_and_blocks() -> None:
    index = locate._TextIndex("f.ttl", TEXT, locate._prefixes(TEXT), turtle=True)
    ex = "http://example.org/"
    assert index.blocks() == {ex + "a": [2, 7], ex + "b": [5], ex + "c": [6], ex + "d": [9]}
    assert index.block_end(2) == 4 and index.block_end(7) == 8 and index.block_end(9) == 9


@pytest.mark.parametrize(
    ("iri", "first", "last"),
    [
        ("http://example.org/a", 1, None),
        ("http://example.org/a", 3, None),
        ("http://example.org/a", 3, 4),
        ("http://example.org/b", 3, 5),
        ("http://example.org/z", 1, None),  # in a comment: still a mention
        ("http://example.org/e", 1, None),  # on the last line, which has no newline
        ("http://example.org/", 1, None),  # the namespace alone: only inside <...>
        ("http://example.org/label", 1, 2),
        ("http://example.org/nothing", 1, None),
    ],
)
def test_mention_is_the_first_whole_token_in_the_range(iri: str, first: int, last: int | None):
    prefixes = locate._prefixes(TEXT)
    index = locate._TextIndex("f.ttl", TEXT, prefixes, turtle=True)
    needles = [iri] + [f"{p}:{iri[len(ns) :]}" for p, ns in prefixes.items() if iri.startswith(ns)]
    found = [naive_mention(TEXT, n, first, last) for n in needles if len(n) > len("ex:")]
    expected = min((f for f in found if f is not None), default=None)
    assert index.mention(iri, first, last) == expected


def test_a_syntax_error_in_a_later_batch_is_located(tmp_path: Path) -> None:
    lines = [f'<http://example.org/s{i}> <http://example.org/p> "{i}" .' for i in range(50)]
    lines[41] = "<http://example.org/s41> <http://example.org/p> ."  # no object
    path = tmp_path / "late.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batches = []
    with pytest.raises(SourceError) as err:
        for batch in parse_batches(path, path.read_bytes(), size=10):
            batches.append(len(batch))
    assert batches == [10, 10, 10, 10]  # the batches before the error were delivered
    assert err.value.location.line == 42


def test_streamed_batches_gather_what_one_batch_does(tmp_path: Path) -> None:
    ttl = (
        "@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        + "".join(
            f'ex:s{i} ex:p ex:o{i % 7} ; ex:n "0{i % 5}"^^xsd:int ; ex:l "t{i % 3}"@en .\n'
            for i in range(40)
        )
        + "_:b ex:p ex:s1 .\n"
    )
    path = tmp_path / "data.ttl"
    path.write_text(ttl, encoding="utf-8")
    described = frozenset({"http://example.org/s3", "http://example.org/o1"})
    whole = Triples.streamed(described)
    whole.add(list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)))
    streamed = Triples.streamed(described)
    for batch in parse_batches(path, path.read_bytes(), size=7):
        streamed.add(batch)
    assert stream_rdf(path, Triples.streamed(), 1) == ttl
    for triples in (whole, streamed):
        triples.finish()  # what the data states about the ontology's subjects
        assert len(triples.subjects) == 40
        assert "http://example.org/s7" in triples.subjects
        assert "http://example.org/o1" not in triples.subjects  # an object only
        assert "not an IRI" not in triples.subjects
        assert triples.stated == {
            ("http://example.org/s3", "http://example.org/" + p) for p in ("p", "n", "l")
        }
    assert set(streamed.literals()) == set(whole.literals())
    assert (
        pyoxigraph.Literal(
            "1", datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#int")
        )
        in streamed.literals()
    )  # as rdflib spells 01
    assert set(streamed.store) == set(whole.store) and len(streamed.store) == 121
    assert len(streamed.graph) == 121 and bool(streamed) and not Triples.streamed()
