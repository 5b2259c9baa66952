"""Accepted gaps: true, known absences that a check reports but the project cannot fill.

A TSV file (the project's default: ``ontology/fair-exceptions.tsv``) with the columns
``check`` (a check ID, e.g. ``OM3``), ``part`` (what is missing, as the check names it, e.g.
``doi``; ``*`` for all) and ``reason``. A gap is shown as accepted, with its reason; the check's
score still counts it as missing. Lines that match nothing are reported.
"""

from __future__ import annotations

from pathlib import Path

from evonto.errors import Location, SourceError, display_path
from evonto.fair.model import Gap

COLUMNS = ("check", "part", "reason")


def read_gaps(path: Path, known: set[str]) -> list[Gap]:
    """The gaps of ``path``; a bad line is an error naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(
            f"cannot read the accepted gaps: {exc}", Location(display_path(path))
        ) from None
    gaps: list[Gap] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = Location(display_path(path), number)
        if not header_seen:
            if tuple(c.strip() for c in cells) != COLUMNS:
                raise SourceError(
                    f"the header must be {' | '.join(COLUMNS)} (tab-separated)", where
                )
            header_seen = True
            continue
        if len(cells) != 3 or not all(c.strip() for c in cells):
            raise SourceError("expected 3 tab-separated cells: check, part, reason", where)
        check, part, reason = (c.strip() for c in cells)
        if check not in known:
            raise SourceError(f"unknown check {check!r} (known: {', '.join(sorted(known))})", where)
        gaps.append(Gap(check, part, reason, number))
    return gaps
