"""Where a term is written: the file and line of a subject, or the TSV row and column of a finding.

RDF parsers do not keep positions, so the text is indexed instead: the line where a node first
appears as a subject (a Turtle statement starting with it, an ``rdf:about`` in RDF/XML, an
``@id`` in JSON-LD), else the first line that mentions it at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TURTLE_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
_XMLNS = re.compile(r"xmlns:([\w.-]+)=\"([^\"]+)\"")
_XML_ENTITY = re.compile(r"<!ENTITY\s+([\w.-]+)\s+\"([^\"]+)\"")
_JSON_PREFIX = re.compile(r"\"([\w.-]+)\"\s*:\s*\"(https?://[^\"]+)\"")
_ABOUT = re.compile(r"rdf:(?:about|ID)=\"([^\"]+)\"")
_JSON_ID = re.compile(r"\"@id\"\s*:\s*\"([^\"]+)\"")
_NAME_CHAR = re.compile(r"[\w.:-]")


@dataclass
class _TextIndex:
    """Subject lines of one RDF text, built on first use."""

    file: str
    lines: list[str]
    prefixes: dict[str, str] = field(default_factory=dict)
    _subjects: dict[str, int] | None = None

    def expand(self, token: str) -> str | None:
        if token.startswith("<") and token.endswith(">"):
            return token[1:-1]
        if token.startswith("&"):  # RDF/XML entity: &obo;GO_0005575
            name, _, rest = token[1:].partition(";")
            ns = self.prefixes.get("&" + name)
            return ns + rest if ns is not None else None
        if token.startswith(("http://", "https://")):
            return token
        prefix, sep, local = token.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return None

    def subjects(self) -> dict[str, int]:
        if self._subjects is None:
            found: dict[str, int] = {}
            for number, line in enumerate(self.lines, start=1):
                for token in _subject_tokens(line):
                    iri = self.expand(token)
                    if iri is not None and iri not in found:
                        found[iri] = number
            self._subjects = found
        return self._subjects

    def mention(self, iri: str) -> int | None:
        """The first line mentioning ``iri`` in full or as a CURIE of this file's prefixes."""
        needles = [iri]
        needles += [
            f"{p}:{iri[len(ns) :]}"
            for p, ns in self.prefixes.items()
            if not p.startswith("&") and iri.startswith(ns) and len(iri) > len(ns)
        ]
        for number, line in enumerate(self.lines, start=1):
            for needle in needles:
                at = line.find(needle)
                while at >= 0:
                    before = line[at - 1] if at else " "
                    after = line[at + len(needle)] if at + len(needle) < len(line) else " "
                    if not _NAME_CHAR.match(before) and not (
                        _NAME_CHAR.match(after) and after not in ".:"
                    ):
                        return number
                    at = line.find(needle, at + 1)
        return None


def _subject_tokens(line: str) -> list[str]:
    tokens = [m for m in _ABOUT.findall(line)]
    tokens += _JSON_ID.findall(line)
    if line and not line[0].isspace() and not line.startswith(("@", "#", "PREFIX", "BASE")):
        first = line.split(None, 1)[0] if line.strip() else ""
        if (first and first[0] not in "[(\"'{}<") or first.startswith("<"):
            tokens.append(first.rstrip(";,"))
    return tokens


def _prefixes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for regex in (_XMLNS, _JSON_PREFIX):
        for prefix, ns in regex.findall(text):
            found.setdefault(prefix, ns)
    for name, ns in _XML_ENTITY.findall(text):
        found.setdefault("&" + name, ns)
    for line in text.splitlines():
        m = _TURTLE_PREFIX.match(line)
        if m:
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

    def add_text(self, file: str, text: str) -> None:
        """Index an RDF file's text (Turtle, N-Triples, RDF/XML or JSON-LD)."""
        self._texts.append(_TextIndex(file, text.splitlines(), _prefixes(text)))

    def add_rows(self, file: str, rows: dict[str, int], columns: dict[str, str]) -> None:
        """Record that each IRI in ``rows`` was compiled from a TSV row of ``file``."""
        for iri, row in rows.items():
            self._rows.setdefault(iri, (file, row))
        self._columns.update(columns)

    def locate(self, iri: str | None, path: str | None = None) -> Place | None:
        """Where ``iri`` is written; ``path`` (a property IRI) picks the TSV column."""
        if not iri:
            return None
        if iri in self._rows:
            file, row = self._rows[iri]
            return Place(file, row, self._columns.get(path or ""))
        for index in self._texts:
            line = index.subjects().get(iri)
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


def _record_of(iri: str) -> str | None:
    """The finding an instance-graph individual (``finding/<id>/ev``) belongs to."""
    from evonto.prefixes import FINDING

    if not iri.startswith(FINDING):
        return None
    owner, sep, _ = iri[len(FINDING) :].partition("/")
    return FINDING + owner if sep and owner else None
