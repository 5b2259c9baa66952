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
import functools
import io
import os
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
#: defaults of the reasoner's limits, and the variables that change them
DEFAULT_TIMEOUT = 600.0  # seconds of wall-clock time for one HermiT run
DEFAULT_MEMORY = 2000  # MiB of Java heap (-Xmx), owlready2's own default
TIMEOUT_VARIABLE = "EVONTO_REASONER_TIMEOUT"
MEMORY_VARIABLE = "EVONTO_REASONER_MEMORY"
JAVA_HINT = (
    "the HermiT reasoner needs Java: install a Java runtime (for example "
    "`apt-get install default-jre-headless`) so that `java` is on PATH, "
    "or pass --no-reasoner to skip the reasoning step"
)


class JavaMissingError(EvontoError):
    """No ``java`` on PATH (exit 2: the environment, not the ontology, is at fault)."""


class ReasonerLimitError(EvontoError):
    """HermiT ran out of its time or memory limit (exit 2); the JVM has been killed."""


@dataclass(frozen=True)
class ReasonerLimits:
    """Wall-clock seconds and Java heap (MiB) one reasoner run may use."""

    timeout: float = DEFAULT_TIMEOUT
    memory: int = DEFAULT_MEMORY

    @classmethod
    def from_env(cls, timeout: float | None = None, memory: int | None = None) -> ReasonerLimits:
        """Options first, then ``$EVONTO_REASONER_TIMEOUT`` / ``$EVONTO_REASONER_MEMORY``."""
        return cls(
            timeout if timeout is not None else _env_number(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT),
            memory if memory is not None else int(_env_number(MEMORY_VARIABLE, DEFAULT_MEMORY)),
        )

    def exceeded(self, what: str, loading: float | None = None) -> ReasonerLimitError:
        """The message for a run stopped at a limit: what to raise, or how to skip
        (``loading``: the seconds the ontology's load took, when that used up the time)."""
        if what == "time":
            head = f"HermiT did not finish within {self.timeout:g} s and was stopped"
            if loading is not None:
                head += f" (loading the ontology took {loading:.1f} s of it)"
            raise_it = f"--reasoner-timeout SECONDS (or ${TIMEOUT_VARIABLE})"
        else:
            head = f"HermiT ran out of memory (Java heap limit {self.memory} MiB) and was stopped"
            raise_it = f"--reasoner-memory MIB (or ${MEMORY_VARIABLE})"
        return ReasonerLimitError(
            f"{head}; raise the limit with {raise_it}, or skip reasoning with --no-reasoner"
        )


def _env_number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value != value or value == float("inf"):
        raise EvontoError(f"${name}={text!r}: expected a positive number")
    return value


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


@contextlib.contextmanager
def _bounded_java(limits: ReasonerLimits, pidfile: Path | None, seconds: float | None = None):
    """owlready2's Java runs with ``limits`` (``seconds`` of them left, when less), in its own
    process group, dying with us."""
    from owlready2 import reasoning

    from evonto.build.releases import record_child

    saved = dict(reasoning._subprocess_kargs), reasoning.JAVA_MEMORY
    reasoning._subprocess_kargs.update(
        timeout=limits.timeout if seconds is None else seconds,
        preexec_fn=functools.partial(record_child, pidfile),
    )
    reasoning.JAVA_MEMORY = limits.memory
    try:
        yield
    finally:
        reasoning._subprocess_kargs.clear()
        reasoning._subprocess_kargs.update(saved[0])
        reasoning.JAVA_MEMORY = saved[1]
        if pidfile is not None:
            pidfile.unlink(missing_ok=True)


def _out_of_memory(text: str) -> bool:
    return "OutOfMemoryError" in text or "Too small maximum heap" in text


def reason(
    owl_file: Path,
    graph: rdflib.Graph,
    *,
    limits: ReasonerLimits | None = None,
    pidfile: Path | None = None,
) -> ReasonerReport:
    """Run HermiT on an RDF/XML file; ``graph`` (its content) supplies labels for messages.

    The time limit covers owlready2's load of the file as well as HermiT: the JVM gets what is
    left of it (none left: :class:`ReasonerLimitError` before Java starts) and the heap limit
    (:class:`ReasonerLimitError` when one is hit, the JVM killed), its own process group and
    ``PR_SET_PDEATHSIG``; its pid goes to ``pidfile``.
    """
    import owlready2

    limits = limits or ReasonerLimits.from_env()
    require_java()
    owlready2.JAVA_EXE = java_executable()
    world = owlready2.World()
    noise = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(noise), contextlib.redirect_stderr(noise):
        with owl_file.open("rb") as handle:
            world.get_ontology(owl_file.resolve().as_uri()).load(fileobj=handle)
        loading = time.perf_counter() - start
        left = limits.timeout - loading
        if left <= 0:
            world.close()
            raise limits.exceeded("time", loading)
        try:
            with _bounded_java(limits, pidfile, left):
                owlready2.sync_reasoner_hermit(world, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            seconds = time.perf_counter() - start
            explanation = explain(world, limits)
            return ReasonerReport(
                False, seconds=seconds, explanation=with_legend(explanation, graph)
            )
        except subprocess.TimeoutExpired:
            raise limits.exceeded("time") from None
        except owlready2.OwlReadyJavaError as exc:
            if _out_of_memory(str(exc)):
                raise limits.exceeded("memory") from None
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


def check_with_hermit(
    owl_file: Path,
    graph: rdflib.Graph,
    *,
    limits: ReasonerLimits | None = None,
    pidfile: Path | None = None,
) -> ReasonerReport:
    """:func:`reason` (through the result cache), raising :class:`BuildError` (exit 1) when
    the ontology fails."""
    from evonto.build.reasoner_cache import cached_reason

    report = cached_reason(owl_file, graph, limits=limits, pidfile=pidfile)
    if not report.ok:
        raise BuildError(report.message())
    return report


def explain(world: object, limits: ReasonerLimits | None = None) -> str:
    """Pellet's explanation of an inconsistency (owlready2 bundles Pellet), best effort."""
    import owlready2
    from owlready2 import reasoning

    from evonto.build.releases import record_child

    limits = limits or ReasonerLimits.from_env()
    with tempfile.TemporaryDirectory(prefix="evonto-explain-") as tmp:
        path = Path(tmp) / "release.nt"
        world.save(str(path), format="ntriples")  # type: ignore[attr-defined]
        command = [
            owlready2.JAVA_EXE,
            f"-Xmx{limits.memory}M",
            "-cp",
            reasoning._PELLET_CLASSPATH,
            "pellet.Pellet",
            "explain",
            "--ignore-imports",
            str(path),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=min(EXPLAIN_TIMEOUT, limits.timeout),
                check=False,
                preexec_fn=functools.partial(record_child, None),
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
