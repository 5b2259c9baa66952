"""The guides point only at what the repository holds: no notes outside it, no missing files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDES = [ROOT / "README.md", ROOT / "ontology" / "assertions" / "README.md"]
GUIDES += sorted((ROOT / "docs").glob("*.md"))
PATH = re.compile(r"`((?:[A-Za-z0-9_.-]+/)+[A-Za-z0-9_.-]+\.[a-z]+)`")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_reference_to_notes_outside_the_repository(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    assert "DESIGN §" not in text and "/work/" not in text


def test_the_assertions_readme_names_files_that_exist() -> None:
    text = (ROOT / "ontology" / "assertions" / "README.md").read_text(encoding="utf-8")
    paths = PATH.findall(text)
    assert "ontology/audit/rows.tsv" in paths
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert missing == []
