"""HermiT, through owlready2: is the release consistent, and is every class satisfiable?

The input is the release's ``evonto.owl`` (RDF/XML: TBox, imports and findings merged, no
``owl:imports``, so nothing is fetched). Findings use class IRIs as values (OWL 2 punning);
HermiT reads them as individuals, which is what OWL 2 DL punning means. owlready2 and Java
write progress to the terminal; that output is captured and only shown when it is the error.
When HermiT finds the ontology inconsistent, owlready2's bundled Pellet is asked for an
explanation (``pellet explain``), since HermiT itself gives none.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import BuildError, EvontoError

if TYPE_CHECKING:
    import rdflib

EXPLAIN_TIMEOUT = 300  # seconds; Pellet's explanation only runs after a failure
JAVA_HINT = (
    "the HermiT reasoner needs Java: install a Java runtime (for example "
    "`apt-get install default-jre-headless`) so that `java` is on PATH, "
    "or pass --no-reasoner to skip the reasoning step"
)


class JavaMissingError(EvontoError):
    """No ``java`` on PATH (exit 2: the environment, not the ontology, is at fault)."""


@dataclass
class ReasonerReport:
    """The outcome of one HermiT run."""

    consistent: bool
    unsatisfiable: list[tuple[str, str]] = field(default_factory=list)  #: (CURIE, label)
    seconds: float = 0.0
    explanation: str = ""
    classes: int = 0  #: named classes HermiT saw
    individuals: int = 0  #: named individuals HermiT saw (findings, punned class IRIs)
    #: finding-namespace individual IRI -> its inferred direct named types (not asserted ones)
    inferred_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cached: bool = False  #: answered from the reasoner cache (evonto.build.reasoner_cache)

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def summary(self) -> str:
        """One line for the terminal (with the time taken)."""
        if not self.consistent:
            state = "INCONSISTENT"
        elif self.unsatisfiable:
            state = f"consistent, {len(self.unsatisfiable)} unsatisfiable class(es)"
        else:
            state = "consistent, 0 unsatisfiable classes"
        seen = f"{self.classes} classes, {self.individuals} individuals, " if self.classes else ""
        took = "cached result" if self.cached else f"{self.seconds:.1f} s"
        return f"HermiT: {state} ({seen}{took})"

    def message(self) -> str:
        """The failure message: the unsatisfiable classes, or the inconsistency explanation."""
        if not self.consistent:
            text = "HermiT: the ontology is inconsistent"
            return f"{text}\n{self.explanation}" if self.explanation else text
        lines = [f"HermiT: {len(self.unsatisfiable)} unsatisfiable class(es):"]
        lines += [f"  {curie} {label!r}" for curie, label in self.unsatisfiable]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """For the manifest (no timing: the manifest must not change between runs)."""
        return {
            "name": "HermiT (owlready2)",
            "consistent": self.consistent,
            "unsatisfiable": [curie for curie, _ in self.unsatisfiable],
        }


def java_executable() -> str | None:
    """The ``java`` owlready2 will run, when it is on PATH."""
    return shutil.which("java")


def require_java() -> None:
    """Raise :class:`JavaMissingError` when no Java runtime is available."""
    if java_executable() is None:
        raise JavaMissingError(JAVA_HINT)


def reason(owl_file: Path, graph: rdflib.Graph) -> ReasonerReport:
    """Run HermiT on an RDF/XML file; ``graph`` (its content) supplies labels for messages."""
    import owlready2

    require_java()
    owlready2.JAVA_EXE = java_executable()
    world = owlready2.World()
    noise = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(noise), contextlib.redirect_stderr(noise):
        with owl_file.open("rb") as handle:
            world.get_ontology(owl_file.resolve().as_uri()).load(fileobj=handle)
        try:
            owlready2.sync_reasoner_hermit(world, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            seconds = time.perf_counter() - start
            explanation = explain(world)
            return ReasonerReport(
                False, seconds=seconds, explanation=with_legend(explanation, graph)
            )
        except owlready2.OwlReadyJavaError as exc:
            raise BuildError(f"HermiT failed to run: {_trim(str(exc))}") from None
    seconds = time.perf_counter() - start
    with contextlib.redirect_stdout(noise), contextlib.redirect_stderr(noise):
        classes = sum(1 for _ in world.classes())
        individuals = sum(1 for _ in world.individuals())
        unsatisfiable = sorted(
            (_curie(cls.iri), _label(graph, cls.iri))
            for cls in world.inconsistent_classes()
            if cls.iri != "http://www.w3.org/2002/07/owl#Nothing"
        )
        from evonto.build.materialize import inferred_types

        inferred = inferred_types(world, graph)
        world.close()
    return ReasonerReport(
        True,
        unsatisfiable,
        seconds,
        classes=classes,
        individuals=individuals,
        inferred_types=inferred,
    )


def check_with_hermit(owl_file: Path, graph: rdflib.Graph) -> ReasonerReport:
    """:func:`reason` (through the result cache), raising :class:`BuildError` (exit 1) when
    the ontology fails."""
    from evonto.build.reasoner_cache import cached_reason

    report = cached_reason(owl_file, graph)
    if not report.ok:
        raise BuildError(report.message())
    return report


def explain(world: object) -> str:
    """Pellet's explanation of an inconsistency (owlready2 bundles Pellet), best effort."""
    import owlready2
    from owlready2 import reasoning

    with tempfile.TemporaryDirectory(prefix="evonto-explain-") as tmp:
        path = Path(tmp) / "release.nt"
        world.save(str(path), format="ntriples")  # type: ignore[attr-defined]
        command = [
            owlready2.JAVA_EXE,
            f"-Xmx{owlready2.reasoning.JAVA_MEMORY}M",
            "-cp",
            reasoning._PELLET_CLASSPATH,
            "pellet.Pellet",
            "explain",
            "--ignore-imports",
            str(path),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=EXPLAIN_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"(no explanation: Pellet could not run: {exc})"
    text = done.stdout.decode("utf-8", "replace").strip()
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return "(no explanation: " + _trim(done.stderr.decode("utf-8", "replace")) + ")"
    return "explanation (Pellet):\n" + "\n".join(f"  {line.strip()}" for line in lines[:60])


def with_legend(explanation: str, graph: rdflib.Graph) -> str:
    """Pellet names entities by their local names; add their CURIEs and labels below."""
    import re

    import rdflib

    tokens = set(re.findall(r"[A-Za-z][\w.-]*", explanation))
    legend = set()
    for subject in set(graph.subjects(rdflib.RDFS.label, None)):
        iri = str(subject)
        local = re.split(r"[/#]", iri)[-1]
        if isinstance(subject, rdflib.URIRef) and local in tokens:
            legend.add(f"  {local} = {_curie(iri)} {_label(graph, iri)!r}")
    if not legend:
        return explanation
    return explanation + "\nwhere:\n" + "\n".join(sorted(legend))


def _trim(text: str, limit: int = 2000) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + " ..."


def _curie(iri: str) -> str:
    from evonto.prefixes import compress

    return compress(iri)


def _label(graph: rdflib.Graph, iri: str) -> str:
    import rdflib

    labels = sorted(str(v) for v in graph.objects(rdflib.URIRef(iri), rdflib.RDFS.label))
    return labels[0] if labels else ""
