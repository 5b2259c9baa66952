"""Errors that carry the place they come from, so the CLI can report them without a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evonto.problems import Issue


@dataclass(frozen=True)
class Location:
    """A place in a source: a file, and optionally a line (or TSV row) and a column."""

    file: str
    line: int | None = None
    column: int | str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class EvontoError(Exception):
    """A problem a user can act on. ``exit_code`` 2 is bad input or usage, 1 a failed check."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class SourceError(EvontoError):
    """A source file that cannot be read or parsed."""


class BuildError(EvontoError):
    """The release could not be built (for example an inconsistent ontology)."""

    exit_code = 1


def display_path(path: Path | str) -> str:
    """A path relative to the working directory when it is below it, else as given."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


class ProblemsError(EvontoError):
    """Several located problems at once (all of them, not just the first)."""

    def __init__(self, problems: list[Issue], summary: str = "") -> None:
        self.problems = problems
        lines = [str(p) for p in problems]
        head = summary or f"{len(problems)} problem(s) found"
        super().__init__("\n".join([head, *lines]))

    def __str__(self) -> str:
        return self.message
