"""The curated assertion tables (findings, translational claims) compiled to RDF.

``compile_project`` is what the loader calls; ``check_tsv``/``check_project`` report every
problem without raising, for ``evonto validate``.
"""

from evonto.assertions.compile import (
    AssertionProblems,
    check_project,
    check_tsv,
    compile_project,
    compile_tables,
)

__all__ = [
    "AssertionProblems",
    "check_project",
    "check_tsv",
    "compile_project",
    "compile_tables",
]
