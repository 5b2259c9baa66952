"""The QC report as a TSV table, for committing beside the sources (as ODK projects commit
ROBOT's report) so that the drift of their problems shows in diffs.

One row per problem, accepted ones included and marked: level, ``stage/check``, subject,
property and value as CURIEs, the file, and the exception's reason. There are no line numbers
and rows are sorted by check and subject, so an edit elsewhere in a file changes no row; the
same sources give the same bytes. Regenerate the project's copy with::

    evonto validate --no-reasoner --format tsv --output ontology/reports/qc-report.tsv
"""

from __future__ import annotations

from evonto.prefixes import compress
from evonto.validate.report import LEVELS, Issue, Report

COLUMNS = ("level", "check", "subject", "property", "value", "file", "accepted")
#: Where the project keeps its committed report, relative to the project root.
PROJECT_REPORT = "ontology/reports/qc-report.tsv"
#: The one command that rewrites it (run in the checkout).
REGENERATE = f"evonto validate --no-reasoner --format tsv --output {PROJECT_REPORT}"


def render_tsv(report: Report) -> str:
    """The report's problems, then its accepted ones, as TSV with a header row."""
    rows = [_row(issue, "") for issue in report.sorted_issues()]
    rows += [_row(a.issue, a.reason) for a in report.sorted_accepted()]
    rows.sort(key=lambda row: (LEVELS.index(row[0]), *row[1:]))
    lines = ["\t".join(COLUMNS), *("\t".join(row) for row in dict.fromkeys(rows))]
    return "\n".join(lines) + "\n"


def _row(issue: Issue, reason: str) -> tuple[str, ...]:
    if issue.focus:
        subject, value = compress(issue.focus), _term(issue.value)
    else:  # a problem about a file or a table cell: say what it is
        subject, value = "-", _cell(issue.message.splitlines()[0] if issue.message else "")
    return (
        issue.level,
        f"{issue.stage}/{issue.check}",
        subject,
        compress(issue.path) if issue.path else "",
        value,
        issue.file or "",
        _cell(reason),
    )


def _term(value: str | None) -> str:
    if not value:
        return ""
    if value.startswith(("http://", "https://", "urn:")):
        return compress(value)
    return _cell(value)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
