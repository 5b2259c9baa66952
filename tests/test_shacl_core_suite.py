"""The W3C SHACL Core test suite as data: the compiled engine passes exactly where pyshacl does.

The suite ships in DASH form in pyshacl's source distribution; ``.ci/run`` downloads the
installed version's sdist and points ``EVONTO_SHACL_SUITE`` at it. One test per suite file: the
compiled engine must never refuse the shapes, and must pass exactly where pyshacl passes (both
judged against the file's expected ``sh:ValidationReport``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests._validate_support import ROOT

if str(ROOT) not in sys.path:  # benchmarks/ is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))
from benchmarks.shacl_suite import SUITE_ENV, case_name, run_case, suite_files

SUITE = os.environ.get(SUITE_ENV, "")
FILES = suite_files(Path(SUITE)) if SUITE and Path(SUITE).is_dir() else []


def test_suite_is_present() -> None:
    """Under CI the suite must be there (and whole); locally it may be absent."""
    if not FILES:
        message = f"the SHACL Core suite is missing: set {SUITE_ENV} (see .ci/run)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert len(FILES) >= 80
    names = {case_name(p) for p in FILES}
    assert {"node/closed-001", "property/qualifiedValueShape-001", "property/lessThan-001"} <= names


@pytest.mark.parametrize("path", FILES, ids=[case_name(p) for p in FILES])
def test_suite_case(path: Path) -> None:
    outcome = run_case(path)
    assert outcome.compiled != "refused", outcome.detail
    assert (outcome.compiled == "pass") == (outcome.pyshacl == "pass"), outcome.detail
