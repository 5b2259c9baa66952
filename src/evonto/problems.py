"""The one record of a problem, whatever found it: a table check, a parser, SHACL or a QC query.

An :class:`Issue` names the stage and check that found it, its level, a message, where it is
(file, line or TSV row, column), what it is about (focus node, property, value) and, for a SHACL
result, the constraint component. Validation reports, the TSV checks of ``build`` and the KGX
export's checks all produce issues.
"""

from __future__ import annotations

from dataclasses import dataclass

from evonto.errors import EvontoError, Location

#: The stages of DESIGN §6, in the order they run.
STAGES = ("syntax", "references", "reasoning", "shacl", "qc")
#: Problem levels, most severe first.
LEVELS = ("error", "warn", "info")


@dataclass(frozen=True)
class Issue:
    """One problem: where it is, what check found it, how severe it is and what it is about."""

    stage: str
    check: str
    level: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | str | None = None
    focus: str | None = None  #: the IRI the problem is about (a finding, a term, the ontology)
    path: str | None = None  #: the property involved, as an IRI
    value: str | None = None  #: the offending value, as text
    #: the SHACL constraint component of a SHACL result (``sh:PatternConstraintComponent``)
    component: str | None = None

    @classmethod
    def at(cls, location: Location, message: str, level: str = "error", check: str = "") -> Issue:
        """A problem of the syntax stage found in a source at ``location`` (a TSV cell ...)."""
        return cls(
            "syntax",
            check or "tsv",
            level,
            message,
            location.file,
            location.line,
            location.column,
        )

    @classmethod
    def unreadable(cls, exc: EvontoError, shown: str) -> Issue:
        """A syntax-stage error for a source that could not be read (located when known)."""
        loc = exc.location
        return cls(
            "syntax",
            "syntax",
            "error",
            exc.message,
            loc.file if loc else shown,
            loc.line if loc else None,
            loc.column if loc else None,
        )

    @property
    def tag(self) -> str:
        """``stage/check``, and the constraint component when there is one."""
        tag = f"{self.stage}/{self.check}"
        return f"{tag} {self.component}" if self.component else tag

    @property
    def location(self) -> Location:
        """Where the problem is (``-`` as the file when no file applies)."""
        return Location(self.file or "-", self.line, self.column)

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message} [{self.check}]"

    @property
    def where(self) -> str:
        """``file:line:column`` (as much of it as is known), or ``-`` when no file applies."""
        return "-" if self.file is None else str(self.location)

    def sort_key(self) -> tuple:
        return (
            self.file or "\uffff",
            self.line or 0,
            str(self.column or ""),
            STAGES.index(self.stage) if self.stage in STAGES else len(STAGES),
            LEVELS.index(self.level) if self.level in LEVELS else len(LEVELS),
            self.check,
            self.focus or "",
            self.path or "",
            self.value or "",
            self.component or "",
            self.message,
        )
