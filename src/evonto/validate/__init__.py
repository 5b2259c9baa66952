"""``evonto validate``: syntax, references, reasoning, SHACL and QC checks, with reports.

- :mod:`evonto.validate.pipeline` — the stages, for the project or for given files;
- :mod:`evonto.validate.report` — the report model and the exit code;
- :mod:`evonto.validate.formatters` — text, JSON (``report.schema.json``) and JUnit XML;
- :mod:`evonto.validate.qc`, :mod:`~evonto.validate.shacl`, :mod:`~evonto.validate.reasoning`
  — the checking stages; :mod:`~evonto.validate.inputs`, :mod:`~evonto.validate.tsv_input`,
  :mod:`evonto.xmlguard` (shared), :mod:`~evonto.validate.locate` — reading and locating.
"""

from evonto.validate.pipeline import Options, validate_paths, validate_project
from evonto.validate.report import Issue, Report

__all__ = ["Issue", "Options", "Report", "validate_paths", "validate_project"]
