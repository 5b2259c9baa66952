"""Problems that are one problem, reported once.

- A subject written as two blocks of one file (a copied block whose ID was not changed) gets
  two values of each property both blocks write, so every check of such a property fires, all
  at the first block. Those problems become one, naming the line of each block.
- A table cell that the table checks (stage syntax) and SHACL both flag is one problem: the
  SHACL result is kept, since it names the finding and property.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evonto.prefixes import compress
from evonto.validate.report import LEVELS, Issue, Report

if TYPE_CHECKING:
    from evonto.validate.locate import Locator


def fold(report: Report, locator: Locator) -> None:
    """Apply both folds to ``report`` (in place)."""
    _fold_split_subjects(report, locator)
    _fold_table_cells(report)


def _fold_split_subjects(report: Report, locator: Locator) -> None:
    by_focus: dict[tuple[str | None, str | None], list[Issue]] = {}
    for i in dict.fromkeys(report.issues):  # once each, in report order
        if i.stage in ("shacl", "qc"):
            by_focus.setdefault((i.focus, i.file), []).append(i)
    for file, iri, blocks in locator.split_subjects({iri for iri, _ in by_focus if iri}):
        about = by_focus.get((iri, file), [])
        symptoms = [
            i
            for i in about
            if i.path
            and sum(locator.written_in(file, i.path, first, last) for first, last in blocks) > 1
        ]
        if not symptoms:
            continue
        # shapes combining constraints (sh:or, sh:node) report no path: with a clash shown,
        # their results about the subject are taken as part of it (and named below)
        symptoms += [i for i in about if i.stage == "shacl" and not i.path]
        report.issues = [i for i in report.issues if i not in symptoms]
        level = min((i.level for i in symptoms), key=LEVELS.index)
        properties = ", ".join(sorted({compress(i.path) for i in symptoms if i.path}))
        checks = ", ".join(sorted({f"{i.stage}/{i.check}" for i in symptoms}))
        lines = " and ".join(str(first) for first, _ in blocks)
        report.add(
            Issue(
                "syntax",
                "duplicated_id",
                level,
                f"{compress(iri)} is written as {len(blocks)} blocks, at lines {lines}, each "
                f"giving it {properties}: was a block copied without a new ID? "
                f"(one problem, seen by {checks})",
                file,
                blocks[0][0],
                None,
                iri,
            )
        )


def _fold_table_cells(report: Report) -> None:
    flagged = {
        (i.file, i.line, i.column, i.level)
        for i in report.issues
        if i.stage == "shacl" and isinstance(i.column, str)
    }
    report.issues = [
        i
        for i in report.issues
        if not (
            i.stage == "syntax"
            and i.focus is None
            and isinstance(i.column, str)
            and (i.file, i.line, i.column, i.level) in flagged
        )
    ]
