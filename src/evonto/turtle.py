"""Canonical Turtle: rdflib's Turtle writer with a total, stable order and exact literals.

rdflib's writer sorts terms with their rich comparison, which orders literals by value, so
``"1"^^xsd:integer`` and ``"1.0"^^xsd:decimal`` tie and come out in store (hash) order; it
orders subjects by how often they are referenced, so adding a child class moves its parent;
and it rewrites numeric and boolean literals from their value (``"1"^^xsd:double`` becomes
``1e+00``, ``"1"^^xsd:boolean`` the integer ``1``). Here every term sorts by its kind, text,
datatype and language, subjects by IRI (which is by ID), and a literal is written bare only
when that bare form is its exact lexical form.
"""

from __future__ import annotations

import re

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.plugin import register
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.serializer import Serializer

FORMAT = "evonto-turtle"
XSD = "http://www.w3.org/2001/XMLSchema#"
#: datatype -> the Turtle grammar of its bare (unquoted) form
BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}


def term_key(term: object) -> tuple[int, str, str, str]:
    """A total order on RDF terms that never compares values (IRIs, blank nodes, literals)."""
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, BNode):
        return (1, str(term), "", "")
    if isinstance(term, Literal):
        return (2, str(term), str(term.datatype or ""), term.language or "")
    return (3, str(term), "", "")


class CanonicalTurtleSerializer(TurtleSerializer):
    """Turtle in a deterministic order with every literal's lexical form kept."""

    def orderSubjects(self) -> list:
        """rdfs:Class members first (as rdflib does), then IRIs, then blank nodes, each sorted
        by :func:`term_key` only: never by reference counts, which an unrelated edit changes."""
        first: list = []
        for top in self.topClasses:
            members = sorted(self.store.subjects(RDF.type, top), key=term_key)
            for member in members:
                if member not in self._topLevels:
                    self._topLevels[member] = True
                    first.append(member)
        rest = sorted(
            (s for s in self._subjects if s not in self._topLevels),
            key=lambda s: (isinstance(s, BNode), self.content_key(s)),
        )
        return first + rest

    def sortProperties(self, properties: dict) -> list:
        for objects in properties.values():
            objects.sort(key=self.content_key)
        ordered = [p for p in self.predicateOrder if p in properties]
        rest = sorted((p for p in properties if p not in ordered), key=term_key)
        return ordered + rest

    def content_key(self, node: object) -> tuple:
        """:func:`term_key`, but a blank node sorts by what is said about it (recursively), not
        by its label: labels are hashes, so an edit elsewhere would reorder restrictions and
        lists, where their content keeps them in place. A node met again inside itself sorts
        by its label."""
        if not isinstance(node, BNode):
            return term_key(node)
        keys: dict = self.__dict__.setdefault("_content_keys", {})
        found = keys.get(node)
        if found is None:
            if node in keys:  # a cycle through blank nodes
                return term_key(node)
            keys[node] = None
            said = self.store.predicate_objects(node)
            found = (
                1,
                "",
                "",
                "",
                tuple(sorted((term_key(p), self.content_key(o)) for p, o in said)),
            )
            keys[node] = found
        return found

    def label(self, node: object, position: int) -> str:
        if not isinstance(node, Literal):
            return super().label(node, position)
        pattern = BARE.get(str(node.datatype or ""))
        if pattern is not None and pattern.fullmatch(str(node)):
            return str(node)
        return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt))


register(FORMAT, Serializer, "evonto.turtle", "CanonicalTurtleSerializer")
