"""The release is OWL 2 DL as the OWL API (Protégé's library) sees it: no profile violation.

The checker is tests/owlapi/DlProfile.java, compiled against Debian's ``libowlapi-java``
(``.ci/run`` installs it with a JDK). A release with a DL violation makes it fail: a second
case breaks the release on purpose (an undeclared object property in an axiom).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "owlapi"
OWLAPI = Path("/usr/share/java/owlapi-distribution.jar")


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if not (shutil.which("javac") and OWLAPI.is_file()):
        if os.environ.get("CI"):
            pytest.fail("the OWL API check needs javac and libowlapi-java (apt-get install)")
        pytest.skip("javac or Debian libowlapi-java is not installed")
    out = tmp_path_factory.mktemp("owlapi")
    classpath = "/usr/share/java/*"
    subprocess.run(
        ["javac", "-nowarn", "-cp", classpath, "-d", str(out), str(HERE / "DlProfile.java")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return ["java", "-cp", f"{classpath}:{out}", "DlProfile"]


def _check(checker: list[str], path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*checker, str(path)], capture_output=True, text=True, timeout=600, check=False
    )


def test_release_is_in_the_owl2_dl_profile(checker, built_release) -> None:
    done = _check(checker, built_release.files["evonto.owl"])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert done.stdout.strip().endswith("violations=0")


def test_a_dl_violation_is_reported(checker, built_release, tmp_path) -> None:
    broken = tmp_path / "broken.owl"
    data = built_release.files["evonto.owl"].read_text(encoding="utf-8")
    # an object property used in an axiom but never declared breaks OWL 2 DL
    extra = (
        '  <rdf:Description rdf:about="https://w3id.org/evonto/EVONTO_0000009">\n'
        "    <owl:disjointWith><owl:Restriction>"
        '<owl:onProperty rdf:resource="https://example.org/undeclared"/>'
        '<owl:someValuesFrom rdf:resource="http://purl.obolibrary.org/obo/GO_1903561"/>'
        "</owl:Restriction></owl:disjointWith>\n"
        "  </rdf:Description>\n"
    )
    broken.write_text(data.replace("</rdf:RDF>", extra + "</rdf:RDF>"), encoding="utf-8")
    done = _check(checker, broken)
    assert done.returncode == 1
    assert "UseOfUndeclaredObjectProperty" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]
    assert "violations=0" not in done.stdout
