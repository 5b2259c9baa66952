"""Reviewed QC exceptions: problems a project accepts, each with its reason.

An exceptions file is a TSV table (``ontology/qc-exceptions.tsv`` for the project, or any file
given with ``evonto validate --exceptions FILE``). Lines starting with ``#`` are comments; the
first other line names the columns:

- ``check`` — the check as ``evonto validate`` prints it in brackets: ``stage/check``
  (``qc/missing_definition``, ``shacl/evonto-sh:Claim-agent``);
- ``entity`` — the term or finding the problem is about, as a CURIE or an IRI, or ``*`` for
  every entity;
- ``level`` (optional column) — empty to accept the problem; ``error``, ``warn`` or ``info`` to
  report it at that level instead, as a ROBOT report profile sets a check's level;
- ``reason`` — why the problem is accepted or re-levelled (required).

Accepted problems are not counted for ``--fail-on`` but are listed as accepted in every
report format. A line that matches no problem of a stage that ran is itself reported, as a
warning at its line, so the file cannot silently outlive what it excuses.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

from evonto.errors import EvontoError, Location, display_path
from evonto.validate.report import LEVELS, STAGES, Accepted, Issue, Report

PROJECT_FILE = Path("ontology") / "qc-exceptions.tsv"
COLUMNS = ("check", "entity", "level", "reason")
REQUIRED = ("check", "entity", "reason")
ANY = "*"


@dataclass(frozen=True)
class QcException:
    """One line of an exceptions file."""

    file: str
    line: int
    stage: str
    check: str
    entity: str  #: an IRI, or ``*``
    level: str | None  #: None: accept; else the level to report the problem at
    reason: str

    @property
    def key(self) -> str:
        return f"{self.stage}/{self.check}"

    def matches(self, issue: Issue) -> bool:
        return (
            issue.stage == self.stage
            and issue.check == self.check
            and (self.entity == ANY or issue.focus == self.entity)
        )


def read_exceptions(path: Path, max_mb: float | None = None) -> list[QcException]:
    """Parse an exceptions file; a bad line is an :class:`EvontoError` naming it."""
    from evonto.rdfio import decode_utf8, read_bytes

    shown = display_path(path)
    text = decode_utf8(read_bytes(path, max_mb), shown)
    header: list[str] | None = None
    found: list[QcException] = []
    seen: dict[tuple[str, str], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = next(csv.reader(io.StringIO(line), delimiter="\t"))
        where = Location(shown, number)
        if header is None:
            header = [c.strip() for c in cells]
            unknown = [c for c in header if c not in COLUMNS]
            lacking = [c for c in REQUIRED if c not in header]
            if unknown or lacking:
                raise EvontoError(
                    "the header must name the columns check, entity, (level,) reason"
                    + (f"; unknown: {', '.join(unknown)}" if unknown else "")
                    + (f"; missing: {', '.join(lacking)}" if lacking else ""),
                    where,
                )
            continue
        if len(cells) > len(header):
            raise EvontoError(f"{len(cells)} cells but {len(header)} columns", where)
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        exception = _parse_row(row, shown, number)
        previous = seen.setdefault((exception.key, exception.entity), number)
        if previous != number:
            raise EvontoError(
                f"{exception.key} {row['entity']} is already excepted at line {previous}", where
            )
        found.append(exception)
    return found


def _parse_row(row: dict[str, str], file: str, number: int) -> QcException:
    from evonto.prefixes import expand

    for column in REQUIRED:
        if not row.get(column):
            raise EvontoError(f"the {column} cell is empty", Location(file, number, column))
    stage, sep, check = row["check"].partition("/")
    if not sep or stage not in STAGES or not check:
        raise EvontoError(
            f"check {row['check']!r} is not stage/check (stage one of {', '.join(STAGES)}), "
            "as evonto validate prints it in brackets",
            Location(file, number, "check"),
        )
    entity = row["entity"]
    if entity != ANY:
        if entity.startswith("<") and entity.endswith(">"):
            entity = entity[1:-1]
        elif not entity.startswith(("http://", "https://")):
            try:
                entity = expand(entity)
            except ValueError:
                raise EvontoError(
                    f"entity {row['entity']!r} is not a known CURIE, an IRI or *",
                    Location(file, number, "entity"),
                ) from None
    level = row.get("level") or None
    if level is not None and level not in LEVELS:
        raise EvontoError(
            f"level {level!r} is not one of {', '.join(LEVELS)} (or empty to accept)",
            Location(file, number, "level"),
        )
    return QcException(file, number, stage, check, entity, level, row["reason"])


def apply_exceptions(report: Report, exceptions: list[QcException]) -> None:
    """Accept or re-level the problems ``exceptions`` match; report the lines matching none.

    A problem takes the first line naming its entity, else the first ``*`` line of its check.
    """
    used: set[int] = set()
    kept: list[Issue] = []
    for issue in report.sorted_issues():
        matching = [e for e in exceptions if e.matches(issue)]
        matching.sort(key=lambda e: (e.entity == ANY, e.line))
        if not matching:
            kept.append(issue)
            continue
        exception = matching[0]
        used.add(id(exception))
        if exception.level is None:
            report.accepted.append(
                Accepted(issue, exception.reason, exception.file, exception.line)
            )
        else:
            kept.append(replace(issue, level=exception.level))
    ran = {run.name for run in report.stages if run.status == "run"}
    for exception in exceptions:
        if id(exception) not in used and exception.stage in ran:
            entity = exception.entity if exception.entity == ANY else _shown(exception.entity)
            kept.append(
                Issue(
                    "qc",
                    "stale_exception",
                    "warn",
                    f"exception {exception.key} {entity} matches no problem any more: "
                    "remove the line (or fix its check or entity)",
                    exception.file,
                    exception.line,
                )
            )
    report.issues = kept


def _shown(iri: str) -> str:
    from evonto.prefixes import compress

    return compress(iri)
