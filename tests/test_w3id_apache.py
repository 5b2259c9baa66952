"""The w3id redirect rules, run by a real Apache (Debian ``apache2``, mod_rewrite).

The test starts its own Apache (its own ServerRoot in a temporary folder, a random port on
127.0.0.1) with ``w3id/evonto/.htaccess`` where the w3id project puts it, and asks it for every
IRI the build mints (terms, findings and their individuals, the ontology and version IRIs, the
VoID dataset IRIs and release files) with each Accept header of :data:`ACCEPTS`. The Location
it answers must be what :func:`evonto.w3id.target` reads from the same table. A few cases are
also written out by hand, so the table itself is held to what the README promises.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from evonto import w3id

APACHE = shutil.which("apache2") or (
    "/usr/sbin/apache2" if Path("/usr/sbin/apache2").exists() else None
)
MODULES = Path("/usr/lib/apache2/modules")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPTS = (
    "text/turtle",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-triples",
    "text/html",
    BROWSER,
    "*/*",
    "",
)
B = w3id.DEFAULT_BASE


@pytest.fixture(scope="module")
def release():
    from evonto.build import prepare_release
    from evonto.project import Project
    from evonto.sources import load_sources

    return prepare_release(load_sources(Project.locate(Path(__file__).resolve().parents[1])))


@pytest.fixture(scope="module")
def minted(release) -> list[str]:
    """Every evonto-namespace IRI of the release graph, its VoID description and its files."""
    import rdflib

    from evonto.build.artefacts import ARTEFACTS
    from evonto.export.void import void_graph

    files = [a.name for a in ARTEFACTS] + ["manifest.json"]
    iris: set[str] = set()
    for graph in (release.full, void_graph(release, files)):
        for triple in graph:
            iris.update(
                str(t)
                for t in triple
                if isinstance(t, rdflib.URIRef) and str(t).startswith("https://w3id.org/evonto/")
            )
    return sorted(iris)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def apache(repo_root: Path) -> Iterator[tuple[str, int]]:
    if APACHE is None or not (MODULES / "mod_rewrite.so").is_file():
        if os.environ.get("CI"):
            pytest.fail("the w3id rules test needs Debian apache2 (apt-get install apache2)")
        pytest.skip("Debian apache2 (with mod_rewrite) is not installed")
    root = Path(tempfile.mkdtemp(prefix="evonto-apache-"))
    try:
        root.chmod(0o755)  # the server's worker user reads the rules
        docs = root / "htdocs" / "evonto"
        docs.mkdir(parents=True)
        shutil.copy(repo_root / w3id.HTACCESS, docs / ".htaccess")
        port = _free_port()
        user = "User nobody\nGroup nogroup\n" if os.geteuid() == 0 else ""
        (root / "httpd.conf").write_text(
            f'ServerRoot "{root}"\nServerName 127.0.0.1\nListen 127.0.0.1:{port}\n'
            f"PidFile {root}/httpd.pid\nErrorLog {root}/error.log\nLogLevel warn\n{user}"
            f"LoadModule mpm_event_module {MODULES}/mod_mpm_event.so\n"
            f"LoadModule authz_core_module {MODULES}/mod_authz_core.so\n"
            f"LoadModule rewrite_module {MODULES}/mod_rewrite.so\n"
            f'DocumentRoot "{root}/htdocs"\n'
            f'<Directory "{root}/htdocs">\n  AllowOverride All\n  Require all granted\n'
            "</Directory>\n",
            encoding="utf-8",
        )
        proc = subprocess.Popen(
            [APACHE, "-f", str(root / "httpd.conf"), "-DFOREGROUND"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log = (
                            (root / "error.log").read_text()
                            if (root / "error.log").exists()
                            else ""
                        )
                        pytest.fail(f"apache2 did not start: {proc.stderr.read()!r} {log}")
                    time.sleep(0.1)
            yield "127.0.0.1", port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _ask(conn: http.client.HTTPConnection, path: str, accept: str) -> tuple[int, str | None]:
    headers = {"Accept": accept} if accept else {}
    conn.request("GET", "/evonto/" + path, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status, response.getheader("Location")


def test_committed_rules_are_what_the_release_needs(repo_root: Path, release) -> None:
    committed = (repo_root / w3id.HTACCESS).read_text(encoding="utf-8")
    assert committed == w3id.htaccess(release.version), "run `evonto w3id` and commit"


def test_every_minted_iri_has_a_rule(minted, release) -> None:
    kinds = {w3id.path_of(i).split("/", 1)[0].split("_", 1)[0] for i in minted}
    assert {"EVONTO", "finding", "releases", "evonto.owl", "dataset", "imports"} <= kinds
    missing = [i for i in minted if w3id.target(w3id.path_of(i), "", release.version) is None]
    assert missing == []


def test_the_table_says_what_the_readme_promises(release) -> None:
    v = release.version
    assert w3id.target("EVONTO_0000001", "text/turtle", v) == f"{B}releases/{v}/evonto.ttl"
    assert w3id.target("EVONTO_0000001", BROWSER, v) == f"{B}docs/ontology.html#EVONTO_0000001"
    assert w3id.target("finding/EVBC-A001/ev", "text/html", v) == f"{B}docs/findings.html#EVBC-A001"
    assert w3id.target("evonto.owl", "*/*", v) == f"{B}releases/{v}/evonto.owl"
    assert w3id.target("finding/EVBC-A001", "*/*", v) == f"{B}releases/{v}/evonto.ttl"
    assert w3id.target("evonto.owl", "application/n-triples", v) == f"{B}releases/{v}/evonto.nt"
    old = "releases/2025-01-31/evonto.owl"
    assert w3id.target(old, "application/ld+json", v) == f"{B}releases/2025-01-31/evonto.jsonld"
    assert w3id.target("EVONTO_12", "text/turtle", v) is None


def test_apache_redirects_every_minted_iri_as_the_table_says(apache, minted, release) -> None:
    host, port = apache
    conn = http.client.HTTPConnection(host, port, timeout=10)
    wrong = []
    try:
        for iri in minted:
            path = w3id.path_of(iri)
            for accept in ACCEPTS:
                status, location = _ask(conn, path, accept)
                expected = w3id.target(path, accept, release.version)
                if (status, location) != (303, expected):
                    wrong.append((path, accept, status, location, expected))
    finally:
        conn.close()
    assert wrong == [], wrong[:10]
    assert len(minted) * len(ACCEPTS) > 5000  # the whole release was asked, not a sample


def test_apache_answers_404_for_unknown_paths(apache, release) -> None:
    conn = http.client.HTTPConnection(*apache, timeout=10)
    try:
        for path in ("EVONTO_12", "nothing-here", "finding/", "releases/latest/evonto.owl"):
            assert _ask(conn, path, "text/turtle")[0] == 404, path
        # an earlier release's files keep resolving
        status, location = _ask(conn, "releases/2025-01-31/evonto.owl", "text/turtle")
        assert (status, location) == (303, f"{B}releases/2025-01-31/evonto.ttl")
    finally:
        conn.close()


def test_w3id_command_checks_and_refuses_a_bad_base(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from evonto.cli import cli

    out = tmp_path / "htaccess"
    run = CliRunner().invoke(cli, ["-q", "w3id", "--output", str(out), "--base", "http://x.org/d"])
    assert run.exit_code == 0 and "RewriteRule ^(?:(EVONTO_" in out.read_text()
    assert "http://x.org/d/docs/ontology.html#$1" in out.read_text()
    run = CliRunner().invoke(cli, ["-q", "w3id", "--output", str(out), "--check"])
    assert run.exit_code == 1 and "out of date" in run.output  # it was written for another base
    run = CliRunner().invoke(cli, ["-q", "w3id", "--output", str(out), "--base", "not a url"])
    assert run.exit_code == 2 and "--base" in run.output and "Traceback" not in run.output
