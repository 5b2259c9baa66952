"""Where a term is written: the file and line of a subject, or the TSV row and column of a finding.

RDF parsers do not keep positions, so the text is indexed instead: the line where a node first
appears as a subject (a Turtle statement starting with it, an ``rdf:about`` in RDF/XML, an
``@id`` in JSON-LD), else the first line that mentions it at all. The index also knows every
block a subject starts (a Turtle file may describe one subject in several blocks: a copied
block whose ID was not changed), and the cells of tables whose rows are not findings (the
labels of a mapping set's rows).
"""

from __future__ import annotations

import bisect
import heapq
import re
import threading
from array import array
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, chain

_PREFIX_DIRECTIVE = r"[ \t]*(?:@prefix|PREFIX)[ \t]+([\w.-]*):[ \t]*<([^>]*)>"
#: a Turtle prefix directive at the start of the text, and after each newline (a literal
#: first character lets the regex engine skip from newline to newline)
_FIRST_PREFIX = re.compile(_PREFIX_DIRECTIVE, re.IGNORECASE)
_TURTLE_PREFIX = re.compile("\n" + _PREFIX_DIRECTIVE, re.IGNORECASE)
_XMLNS = re.compile(r"xmlns:([\w.-]+)=\"([^\"]+)\"")
_XML_ENTITY = re.compile(r"<!ENTITY\s+([\w.-]+)\s+\"([^\"]+)\"")
_JSON_PREFIX = re.compile(r"\"([\w.-]+)\"\s*:\s*\"(https?://[^\"]+)\"")
_ABOUT = re.compile(r"rdf:(?:about|ID)=\"([^\"]+)\"")
_JSON_ID = re.compile(r"\"@id\"\s*:\s*\"([^\"]+)\"")
#: a Turtle or N-Triples line starting with a subject: not indented, not a directive, a
#: comment, a collection, a blank node's brackets or a literal
#: (after a newline: a literal first character lets the regex engine skip from newline to
#: newline instead of trying every offset; the first line is matched on its own)
_LINE_SUBJECT = re.compile(r"\n(?!PREFIX|BASE)([^\s\[(\"'{}@#]\S*)")
_NAME_CHAR = re.compile(r"[\w.:-]")
_CHUNK = 1 << 22  #: characters split into lines at a time
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class _TextIndex:
    """Subject lines of one RDF text, built on first use.

    The text is kept whole and searched with ``str.find``; lines are known by their start
    offsets (an array, built once when a line range is needed), never as a list of strings.
    Lines end at ``\\n``, as parsers count them.
    """

    file: str
    text: str
    prefixes: dict[str, str] = field(default_factory=dict)
    turtle: bool = False  #: Turtle: a subject's blocks are statements (N-Triples: every line)
    _blocks: dict[str, list[int]] | None = None
    _starts: list[int] | None = None  #: every block's first line, sorted
    _offsets: array[int] | None = None  #: where each line starts in the text
    #: held while an index is built, so a lookup waits for one being built in the background
    _building: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def expand(self, token: str) -> str | None:
        first = token[:1]
        if first == "<":
            return token[1:-1] if token.endswith(">") else None
        if first == "&":  # RDF/XML entity: &obo;GO_0005575
            name, _, rest = token[1:].partition(";")
            ns = self.prefixes.get("&" + name)
            return ns + rest if ns is not None else None
        prefix, sep, local = token.partition(":")
        if sep and not local.startswith("//"):
            ns = self.prefixes.get(prefix)
            if ns is not None:
                return ns + local
        if token.startswith(("http://", "https://")):
            return token
        return None

    def offsets(self) -> array[int]:
        """The offset in the text where each line starts (line ``n`` at index ``n - 1``)."""
        if self._offsets is None:
            with self._building:
                if self._offsets is None:
                    self._offsets = self._line_offsets()
        return self._offsets

    def _line_offsets(self) -> array[int]:
        text, found, at = self.text, array("q"), 0
        while at < len(text):  # in chunks: no list of every line, even for a moment
            end = text.find("\n", min(at + _CHUNK, len(text)))
            end = len(text) if end < 0 else end + 1
            parts = text[at:end].split("\n")
            starts = list(accumulate((len(part) + 1 for part in parts[:-1]), initial=at))
            found.extend(starts if parts[-1] else starts[:-1])
            at = end
        return found

    def line_count(self) -> int:
        return len(self.offsets())

    def blocks(self) -> dict[str, list[int]]:
        """Subject IRI -> the lines where a block (statement, element, object) about it starts."""
        if self._blocks is None:
            with self._building:
                if self._blocks is None:
                    self._blocks = self._subject_blocks()
        return self._blocks

    def _subject_blocks(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        text, expand, line, seen = self.text, self.expand, 1, 0
        token_before, iri = None, None
        for at, token in self._subject_tokens():
            line += text.count("\n", seen, at)
            seen = at
            if token != token_before:  # lines about one subject often come together
                token_before, iri = token, expand(token)
            if iri is not None:
                lines = found.get(iri)
                if lines is None:
                    found[iri] = [line]
                else:
                    lines.append(line)
        return found

    def _subject_tokens(self) -> Iterator[tuple[int, str]]:
        """(offset, token) of every subject written in the text, in the text's order (merged
        from each kind's matches as they come: no list of them all)."""
        text = self.text
        kinds = []
        if "rdf:about" in text or "rdf:ID" in text:
            kinds.append((m.start(), m.group(1)) for m in _ABOUT.finditer(text))
        if '"@id"' in text:
            kinds.append((m.start(), m.group(1)) for m in _JSON_ID.finditer(text))
        first = _LINE_SUBJECT.match("\n" + text[:_CHUNK].partition("\n")[0])
        lines = ((m.start(1), m.group(1).rstrip(";,")) for m in _LINE_SUBJECT.finditer(text))
        kinds.append(chain([(0, first.group(1).rstrip(";,"))], lines) if first else lines)
        return heapq.merge(*kinds) if len(kinds) > 1 else kinds[0]

    def subject_line(self, iri: str) -> int | None:
        """The first line where a block about ``iri`` starts."""
        lines = self.blocks().get(iri)
        return lines[0] if lines else None

    def block_end(self, start: int) -> int:
        """The last line of the block starting at line ``start``: up to the next block's start."""
        if self._starts is None:
            self._starts = sorted({n for lines in self.blocks().values() for n in lines})
        at = bisect.bisect_right(self._starts, start)
        return self._starts[at] - 1 if at < len(self._starts) else self.line_count()

    def mention(self, iri: str, first: int = 1, last: int | None = None) -> int | None:
        """The first line (of ``first``..``last``) mentioning ``iri`` in full or as a CURIE."""
        needles = [iri]
        needles += [
            f"{p}:{iri[len(ns) :]}"
            for p, ns in self.prefixes.items()
            if not p.startswith("&") and iri.startswith(ns) and len(iri) > len(ns)
        ]
        if iri == _RDF_TYPE:
            needles.append("a")
        text = self.text
        begin, stop = 0, len(text)
        if first > 1 or last is not None:
            offsets = self.offsets()
            if first > len(offsets):
                return None
            begin = offsets[first - 1]
            if last is not None and last < len(offsets):
                stop = offsets[last] - 1  # the newline that ends line ``last``
        best = None
        for needle in needles:  # each looked for only before the best place found so far
            end_of_search = stop if best is None else min(stop, best + len(needle))
            at = text.find(needle, begin, end_of_search)
            while at >= 0 and (best is None or at < best):
                before = text[at - 1] if at else " "
                end = at + len(needle)
                after = text[end] if end < len(text) else " "
                if not _NAME_CHAR.match(before) and not (
                    _NAME_CHAR.match(after) and after not in ".:"
                ):
                    best = at
                    break
                at = text.find(needle, at + 1, end_of_search)
        return None if best is None else bisect.bisect_right(self.offsets(), best)


def _prefixes(text: str) -> dict[str, str]:
    """The prefixes a text declares: XML namespaces and entities, JSON-LD context terms and
    Turtle prefixes (each kind looked for only when the text has its keyword)."""
    found: dict[str, str] = {}
    for regex, keyword in ((_XMLNS, "xmlns:"), (_JSON_PREFIX, '"@context"')):
        if keyword in text:
            for prefix, ns in regex.findall(text):
                found.setdefault(prefix, ns)
    if "<!ENTITY" in text:
        for name, ns in _XML_ENTITY.findall(text):
            found.setdefault("&" + name, ns)
    first = _FIRST_PREFIX.match(text)
    for m in [first] if first else []:
        found[m.group(1)] = m.group(2)
    for m in _TURTLE_PREFIX.finditer(text):  # one scan of the text, not a match per line
        found[m.group(1)] = m.group(2)
    return found


@dataclass(frozen=True)
class Place:
    """A located place: file, line (or TSV row) and column (a TSV column name)."""

    file: str
    line: int | None = None
    column: int | str | None = None


class Locator:
    """Finds where a node (and, for TSV rows, a property) is written in the validated sources."""

    def __init__(self) -> None:
        self._texts: list[_TextIndex] = []
        self._rows: dict[str, tuple[str, int]] = {}
        self._columns: dict[str, str] = {}  # property IRI -> TSV column name
        self._cells: dict[tuple[str, str, str], Place] = {}  # (IRI, property, value) -> cell

    def add_text(self, file: str, text: str) -> None:
        """Index an RDF file's text (Turtle, N-Triples, RDF/XML or JSON-LD)."""
        turtle = file.lower().endswith((".ttl", ".trig", ".n3"))
        self._texts.append(_TextIndex(file, text, _prefixes(text), turtle))

    def index_in_background(self) -> None:
        """Build the texts' indexes in a thread, for when the caller is about to wait on work
        that releases the GIL (Oxigraph's queries); a lookup meanwhile waits for the index it
        needs instead of building it again."""

        def build() -> None:
            for index in self._texts:
                index.blocks()
                index.offsets()

        threading.Thread(target=build, name="evonto-locate", daemon=True).start()

    def add_rows(self, file: str, rows: dict[str, int], columns: dict[str, str]) -> None:
        """Record that each IRI in ``rows`` was compiled from a TSV row of ``file``."""
        for iri, row in rows.items():
            self._rows.setdefault(iri, (file, row))
        self._columns.update(columns)

    def add_cell(self, file: str, row: int, column: str, iri: str, path: str, value: str) -> None:
        """Record that the value ``value`` of ``path`` for ``iri`` is written in a table cell."""
        self._cells.setdefault((iri, path, value), Place(file, row, column))

    def locate(
        self, iri: str | None, path: str | None = None, value: str | None = None
    ) -> Place | None:
        """Where ``iri`` is written; ``path`` (a property IRI) picks the TSV column, and with
        ``value`` a table cell recorded by :meth:`add_cell`."""
        if not iri:
            return None
        cell = self._cells.get((iri, path or "", value or ""))
        if cell is not None:
            return cell
        if iri in self._rows:
            file, row = self._rows[iri]
            return Place(file, row, self._columns.get(path or ""))
        for index in self._texts:
            line = index.subject_line(iri)
            if line is not None:
                return Place(index.file, line)
        for index in self._texts:
            line = index.mention(iri)
            if line is not None:
                return Place(index.file, line)
        owner = _record_of(iri)
        if owner is not None:  # an individual of a finding's derived instance graph
            return self.locate(owner, path)
        return None

    def mention_lines(self, file: str, iri: str) -> list[int]:
        """Every line of ``file`` that mentions ``iri`` (in full or as a CURIE), in order."""
        found: list[int] = []
        for index in (i for i in self._texts if i.file == file):
            line = index.mention(iri)
            while line is not None:
                found.append(line)
                line = index.mention(iri, line + 1) if line < index.line_count() else None
        return found

    def split_subjects(
        self, among: Collection[str] | None = None
    ) -> list[tuple[str, str, list[tuple[int, int]]]]:
        """(file, IRI, [(first, last) line of each block]) for subjects that two or more
        statements of a Turtle file describe (only those ``among``, when given)."""
        found = []
        for index in (i for i in self._texts if i.turtle):
            blocks = index.blocks()
            if among is not None:
                pairs = ((iri, blocks[iri]) for iri in among if iri in blocks)
            else:
                pairs = iter(blocks.items())
            split = sorted((iri, s) for iri, s in pairs if len(s) > 1)
            for iri, starts in split:
                found.append((index.file, iri, [(s, index.block_end(s)) for s in starts]))
        return found

    def written_in(self, file: str, path: str, first: int, last: int) -> bool:
        """Whether the property ``path`` is written between lines ``first`` and ``last``."""
        return any(
            index.mention(path, first, last) is not None
            for index in self._texts
            if index.file == file
        )


def _record_of(iri: str) -> str | None:
    """The finding an instance-graph individual (``finding/<id>/ev``) belongs to."""
    from evonto.prefixes import FINDING

    if not iri.startswith(FINDING):
        return None
    owner, sep, _ = iri[len(FINDING) :].partition("/")
    return FINDING + owner if sep and owner else None
