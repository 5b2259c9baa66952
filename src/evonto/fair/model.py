"""What a FAIR check is and what it found: :class:`Check`, :class:`Result`, :class:`FairReport`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evonto.fair.context import Context

FOOPS = "https://w3id.org/foops/metric/"
DWBP = "https://www.w3.org/TR/dwbp/#"
#: result statuses, worst first
STATUSES = ("fail", "accepted", "pass", "not run")


@dataclass(frozen=True)
class Check:
    """One check: its ID (a FOOPS! metric or a DWBP best practice), title, source and test."""

    id: str
    title: str
    source: str  #: the document that defines the check (a FOOPS! metric page, a DWBP section)
    principle: str  #: the FAIR principle it measures (F1, A1, I2, R1.1, ...)
    group: str  #: "ontology", "online" (needs a server) or "dataset"
    test: Callable[[Context], Result]


@dataclass(frozen=True)
class Result:
    """What one check found: a score (``passed`` of ``total`` parts) and why it failed."""

    status: str  #: "pass", "fail" or "not run" ("accepted" is set by the report)
    passed: int = 0
    total: int = 1
    reason: str = ""  #: why it failed, or why it was not run; what was found when it passed
    missing: tuple[str, ...] = ()  #: the parts not found (metadata names, term or finding IRIs)
    notes: tuple[str, ...] = ()  #: optional parts missing (no penalty), deviations, caveats

    @classmethod
    def of(cls, parts: dict[str, bool], found: str, lacking: str, **extra) -> Result:
        """A result from named parts: passes when all are present."""
        missing = tuple(name for name, ok in parts.items() if not ok)
        passed = len(parts) - len(missing)
        if missing:
            return cls(
                "fail", passed, len(parts), f"{lacking}: {', '.join(missing)}", missing, **extra
            )
        return cls("pass", passed, len(parts), found, **extra)

    @classmethod
    def not_run(cls, why: str) -> Result:
        return cls("not run", 0, 0, why)


@dataclass(frozen=True)
class Gap:
    """A known, true gap accepted by a line of the exceptions file (its check and part)."""

    check: str
    part: str
    reason: str
    line: int


@dataclass
class Outcome:
    """A check, its result, and the accepted gaps that cover its missing parts."""

    check: Check
    result: Result
    accepted: list[Gap] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.result.status == "fail" and self.accepted and not self.unaccepted:
            return "accepted"
        return self.result.status

    @property
    def unaccepted(self) -> list[str]:
        covered = {gap.part for gap in self.accepted}
        return [part for part in self.result.missing if part not in covered and "*" not in covered]

    @property
    def score(self) -> float | None:
        """``passed / total`` (``None`` when not run)."""
        if self.result.status == "not run" or self.result.total == 0:
            return None
        return self.result.passed / self.result.total


@dataclass
class FairReport:
    """Every check of one ``evonto fair`` run, in the order they ran."""

    target: str  #: the ontology IRI checked
    inputs: list[str]
    served_by: str | None  #: the base URL the online checks asked (None: not run)
    outcomes: list[Outcome] = field(default_factory=list)
    unused_gaps: list[Gap] = field(default_factory=list)  #: exception lines that matched nothing
    notes: list[str] = field(default_factory=list)  #: about the run as a whole

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for o in self.outcomes if o.status == s) for s in STATUSES}

    def score(self) -> float | None:
        """The mean score of the checks that ran, from 0 to 1 (accepted gaps count as failed)."""
        scores = [o.score for o in self.outcomes if o.score is not None]
        return sum(scores) / len(scores) if scores else None

    def exit_code(self) -> int:
        """1 when a check failed (gaps not accepted), else 0."""
        return 1 if any(o.status == "fail" for o in self.outcomes) else 0
