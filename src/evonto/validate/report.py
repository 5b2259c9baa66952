"""The validation report: every problem found, by stage and check, and the exit code it implies."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from evonto.problems import LEVELS, STAGES, Issue

if TYPE_CHECKING:
    from evonto.errors import EvontoError

__all__ = ["FAIL_ON", "LEVELS", "STAGES", "Accepted", "Issue", "Report", "StageRun"]

#: ``--fail-on`` value -> the levels that make the run fail.
FAIL_ON = {"error": {"error"}, "warn": {"error", "warn"}, "none": set()}


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
