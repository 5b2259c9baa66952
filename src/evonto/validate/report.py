"""The validation report: every problem found, by stage and check, and the exit code it implies."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evonto.errors import EvontoError

#: The stages of DESIGN §6, in the order they run.
STAGES = ("syntax", "references", "reasoning", "shacl", "qc")
#: Problem levels, most severe first.
LEVELS = ("error", "warn", "info")
#: ``--fail-on`` value -> the levels that make the run fail.
FAIL_ON = {"error": {"error"}, "warn": {"error", "warn"}, "none": set()}


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
    def where(self) -> str:
        """``file:line:column`` (as much of it as is known), or ``-`` when no file applies."""
        if self.file is None:
            return "-"
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

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


@dataclass(frozen=True)
class Accepted:
    """A problem accepted by a line of an exceptions file (:mod:`evonto.validate.exceptions`)."""

    issue: Issue
    reason: str
    file: str  #: the exceptions file
    line: int  #: its line


@dataclass
class StageRun:
    """What one stage did: ``run`` or ``skipped`` (with why), and the checks it ran."""

    name: str
    status: str = "run"
    note: str = ""
    checks: list[str] = field(default_factory=list)


@dataclass
class Report:
    """All problems of one ``evonto validate`` run."""

    inputs: list[str] = field(default_factory=list)
    stages: list[StageRun] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  #: inputs that could not be read
    accepted: list[Accepted] = field(default_factory=list)  #: not counted for --fail-on

    @classmethod
    def stopped(cls, exc: EvontoError, inputs: list[str]) -> Report:
        """The report of a run that an error stopped before any check (an unreadable exceptions
        file, shapes or query, a folder that is not a project): the error, every stage skipped."""
        where = exc.location.file if exc.location else "-"
        report = cls(inputs=inputs, unreadable=[where])
        issue = Issue.unreadable(exc, where)
        report.add(issue if exc.location else replace(issue, file=None))
        for name in STAGES:
            run = report.stage(name)
            run.status = "skipped"
            run.note = "not run: validation stopped at an error"
        return report

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def stage(self, name: str) -> StageRun:
        """The record of stage ``name`` (created on first use)."""
        for run in self.stages:
            if run.name == name:
                return run
        run = StageRun(name)
        self.stages.append(run)
        return run

    def sorted_issues(self) -> list[Issue]:
        """Issues in a stable order: by file and line, then stage, level and check."""
        return sorted(set(self.issues), key=Issue.sort_key)

    def counts(self) -> dict[str, int]:
        """Number of distinct issues per level (every level present, zero when none)."""
        found = Counter(issue.level for issue in set(self.issues))
        return {level: found.get(level, 0) for level in LEVELS}

    def exit_code(self, fail_on: str = "error") -> int:
        """2 when an input is unreadable, 1 when a problem is at or above ``fail_on``, else 0."""
        if self.unreadable:
            return 2
        failing = FAIL_ON[fail_on]
        return 1 if any(issue.level in failing for issue in self.issues) else 0

    def sorted_accepted(self) -> list[Accepted]:
        """Accepted problems in the order of :meth:`sorted_issues`."""
        return sorted(set(self.accepted), key=lambda a: a.issue.sort_key())

    def issues_of(self, stage: str, check: str | None = None) -> list[Issue]:
        """The sorted issues of one stage (and check)."""
        return [
            i
            for i in self.sorted_issues()
            if i.stage == stage and (check is None or i.check == check)
        ]
