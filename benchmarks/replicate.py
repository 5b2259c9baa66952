"""A large release-shaped file: the release's findings and claims copied with fresh IDs.

``python -m benchmarks.replicate dist/evonto.ttl -o benchmarks/results/release-300k.ttl``

The release file (``evonto build``'s ``dist/evonto.ttl``) is written out whole, then its records
(every subject under ``finding/``: findings, claims and their instance-graph individuals, with
the blank nodes they reach) are copied until the file holds about ``--triples`` triples. Copy
``c`` renames ``EVBC-A001`` to ``EVBC-A{c}001`` (``EVBC-A1001``, ``EVBC-A2001``, ...) wherever
the ID is written (IRIs and string literals) and appends `` (copy c)`` to the records' labels,
so the copies are distinct findings that validate like the originals.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pyoxigraph as ox

from evonto.prefixes import FINDING, PREFIX_MAP

LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
}
_ID = re.compile(r"\bEVBC-([A-Z])(\d{3})\b")


def _records(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The triples about records (IRIs under ``finding/``) and the blank nodes they reach."""
    by_bnode: dict[ox.BlankNode, list[ox.Quad]] = {}
    for q in quads:
        if isinstance(q.subject, ox.BlankNode):
            by_bnode.setdefault(q.subject, []).append(q)
    out = [
        q
        for q in quads
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(FINDING)
    ]
    seen: set[ox.BlankNode] = set()
    stack = [q.object for q in out if isinstance(q.object, ox.BlankNode)]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for q in by_bnode.get(node, []):
            out.append(q)
            if isinstance(q.object, ox.BlankNode):
                stack.append(q.object)
    return out


def _renamer(copy: int):
    def rename(text: str) -> str:
        return _ID.sub(lambda m: f"EVBC-{m.group(1)}{copy}{m.group(2)}", text)

    bnodes: dict[ox.BlankNode, ox.BlankNode] = {}

    def term(node, predicate: str | None = None):
        if isinstance(node, ox.NamedNode):
            return ox.NamedNode(rename(node.value)) if node.value.startswith(FINDING) else node
        if isinstance(node, ox.BlankNode):
            if node not in bnodes:
                bnodes[node] = ox.BlankNode(f"c{copy}_{node.value}")
            return bnodes[node]
        if node.language:
            value = rename(node.value)
            if predicate in LABELS:
                value += f" (copy {copy})"
            return ox.Literal(value, language=node.language)
        if node.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            value = rename(node.value)
            if predicate in LABELS:
                value += f" (copy {copy})"
            return ox.Literal(value)
        return node

    def quad(q: ox.Quad) -> ox.Triple:
        return ox.Triple(term(q.subject), q.predicate, term(q.object, q.predicate.value))

    return quad


def replicate(release: Path, out: Path, triples: int = 300_000) -> tuple[int, int]:
    """Write ``out``; return (copies, triples written)."""
    quads = list(ox.parse(path=str(release), format=ox.RdfFormat.TURTLE))
    records = _records(quads)
    copies = max(1, (triples - len(quads)) // max(1, len(records)))
    rows: list[ox.Triple] = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    for copy in range(1, copies + 1):
        rename = _renamer(copy)
        rows.extend(rename(q) for q in records)
    out.parent.mkdir(parents=True, exist_ok=True)
    ox.serialize(rows, output=str(out), format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIX_MAP))
    return copies, len(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", type=Path, help="the release's evonto.ttl")
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--triples", type=int, default=300_000, help="about this many triples")
    args = parser.parse_args(argv)
    copies, count = replicate(args.release, args.out, args.triples)
    print(f"{args.out}: {count} triples ({copies} copies of the release's records)")


if __name__ == "__main__":
    main()
