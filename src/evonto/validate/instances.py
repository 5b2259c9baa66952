"""Instance graphs for findings given as association records only (users' files).

The build compiles each curated finding to its association record and the instance graph the
reasoner classifies (:mod:`evonto.assertions.instances`). Users write association records; this
module derives the missing instance graphs with the same function, straight from the parsed
quads, so one contract (shapes, reasoning, QC) holds for both. Findings that already carry one
(``IAO:0000136 is about``) are left as they are.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from evonto import vocab
from evonto.assertions.instances import CARGO_KIND, SLOTS, as_quads, instance_triples
from evonto.prefixes import expand

if TYPE_CHECKING:
    import pyoxigraph

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class InstanceGraphs:
    """Gathers, statement by statement of the parsed quads, what a finding's instance graph is
    made of; :meth:`derived` gives the graphs of the findings that lack one."""

    def __init__(self) -> None:
        import pyoxigraph

        self._finding_class = expand(vocab.ORGANOTROPISM_FINDING)
        self._is_about = expand(vocab.IS_ABOUT)
        self._slot_names = {iri: name for name, iri in SLOTS.items()}
        self._findings: set[str] = set()
        self._described: set[str] = set()
        self._slots: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._kinds: dict[str, str] = {}
        self._named = pyoxigraph.NamedNode
        #: the predicates :meth:`note` takes note of (other statements need not be given)
        self.predicates = frozenset({RDF_TYPE, self._is_about, CARGO_KIND, *self._slot_names})

    def note(self, subject: str, predicate: str, obj: object) -> None:
        """Take note of one statement about the named node ``subject`` (of a parsed quad); only
        those with one of :attr:`predicates` need be given."""
        if predicate == RDF_TYPE:
            if getattr(obj, "value", None) == self._finding_class:
                self._findings.add(subject)
        elif predicate == self._is_about:
            self._described.add(subject)
        elif predicate == CARGO_KIND:
            if type(obj) is self._named:
                self._kinds.setdefault(subject, obj.value)  # type: ignore[attr-defined]
        elif predicate in self._slot_names and type(obj) is self._named:
            self._slots[subject][self._slot_names[predicate]].append(obj.value)  # type: ignore[attr-defined]

    def derived(self) -> list[pyoxigraph.Quad]:
        """The instance graph of every finding seen that carries none, as quads."""
        derived = []
        for finding in sorted(self._findings - self._described):
            derived += instance_triples(finding, self._slots.get(finding, {}), self._kinds.get)
        return as_quads(derived)
