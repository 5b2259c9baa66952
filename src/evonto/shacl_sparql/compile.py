"""Compile SHACL Core shapes into SPARQL SELECT queries, one per (shape, constraint, context).

Each query returns the focus nodes (``?this``) and, for value-based components, the offending
value nodes (``?value``) of exactly the results pyshacl reports for that constraint. Nested
shapes (``sh:node``, ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone``) become boolean SPARQL
expressions built from ``EXISTS``, so a value node is checked against a whole shape in the store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evonto.shacl_sparql.literals import DATATYPE, ORIGINALS_GRAPH, STORED, WELL_FORMED
from evonto.shacl_sparql.paths import nullable_path, sparql_path
from evonto.shacl_sparql.results import SH, XSD_STRING, rdflib_term_text
from evonto.shacl_sparql.shapes import (
    FOCUS_COMPONENTS,
    PAIR_PARAMETERS,
    RANGE_PARAMETERS,
    Constraint,
    Shape,
    ShapesModel,
)

if TYPE_CHECKING:
    import rdflib

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDFS_LITERAL = "http://www.w3.org/2000/01/rdf-schema#Literal"
RDFS_RESOURCE = "<http://www.w3.org/2000/01/rdf-schema#Resource>"
_RANGE_OPERATORS = {
    "minInclusive": ">=",
    "maxInclusive": "<=",
    "minExclusive": ">",
    "maxExclusive": "<",
}
#: datatypes whose lexical forms are checked (ill-typed literals do not match sh:datatype)
CHECKED_DATATYPES = ("integer", "decimal", "boolean", "float", "double", "date", "dateTime", "time")

_NODE_KINDS = {
    SH + "IRI": "isIRI({x})",
    SH + "BlankNode": "isBlank({x})",
    SH + "Literal": "isLiteral({x})",
    SH + "BlankNodeOrIRI": "!isLiteral({x})",
    SH + "BlankNodeOrLiteral": "!isIRI({x})",
    SH + "IRIOrLiteral": "!isBlank({x})",
}


class CompileError(ValueError):
    """A construct the compiler cannot translate (the caller falls back to pyshacl)."""


@dataclass(frozen=True)
class CompiledQuery:
    """A query and what its rows mean."""

    sparql: str
    members: tuple[tuple[Shape, Constraint], ...]  # rows carry ?k (an index) when several
    has_value: bool  # whether rows carry ?value
    focus: str = ""  # the focus pattern, so a runner can skip queries whose focus set is empty
    row_path: bool = False  # rows carry their result path as ?path (sh:closed)
    weights: str | None = None  # ?this ?w: how often pyshacl visits a nested focus node


def term(node: object) -> str:
    """SPARQL spelling of a constant from the shapes graph."""
    text = rdflib_term_text(node, shapes_bnode=True)  # type: ignore[arg-type]
    if text.startswith("_:"):
        raise CompileError(f"a blank node {text} cannot be a constant in a query")
    return text


class Compiler:
    """Turns a :class:`ShapesModel` into :class:`CompiledQuery` objects."""

    def __init__(self, model: ShapesModel, originals: bool = False) -> None:
        """``originals``: the store has :data:`ORIGINALS_GRAPH` (literals as written)."""
        self.model = model
        self.originals = originals
        self.graph: rdflib.Graph = model.graph
        self._fresh = 0

    # -- helpers ------------------------------------------------------------------------------

    def var(self, stem: str = "v") -> str:
        self._fresh += 1
        return f"?_{stem}{self._fresh}"

    def path(self, shape: Shape) -> str:
        return sparql_path(self.graph, shape.path)

    def shape(self, node: object) -> Shape:
        try:
            return self.model.shapes[node]
        except KeyError:
            raise CompileError(f"{node} is used as a shape but is not one") from None

    def focus_chain(self, chain: tuple[Shape, ...]) -> str:
        """``?this`` bound to the focus nodes of a shape reached through ``chain``.

        ``chain[0]`` gives the targets; each later member is a property shape whose value nodes
        are the focus nodes of the next (``sh:property`` nested in a property shape).
        """
        focus = self.focus(chain[0])
        for prop in chain[1:]:
            f = self.var("f")
            start = f"{{ SELECT (?this AS {f}) WHERE {{ {focus} }} }}"
            plus = nullable_path(self.graph, prop.path)
            if plus is None:
                inner = f"{start} {f} {self.path(prop)} ?this ."
            else:
                inner = f"{{ {start} {f} {plus} ?this }} UNION {{ {focus} }}"
            focus = f"{{ SELECT DISTINCT ?this WHERE {{ {inner} }} }}"
        return focus

    def chain_weights(self, chain: tuple[Shape, ...]) -> str | None:
        """A query giving each focus node of a nested chain (``?this``) the number of times
        pyshacl validates it (``?w``): once per parent focus node it is a value node of."""
        if len(chain) == 1:
            return None
        level = f"{{ SELECT ?this (1 AS ?w) WHERE {{ {self.focus(chain[0])} }} }}"
        for prop in chain[1:]:
            f, w = self.var("f"), self.var("w")
            start = f"{{ SELECT (?this AS {f}) (?w AS {w}) WHERE {{ {level} }} }}"
            plus = nullable_path(self.graph, prop.path)
            if plus is None:
                pairs = f"{start} {f} {self.path(prop)} ?this ."
            else:
                pairs = f"{{ {start} {f} {plus} ?this }} UNION {{ {start} BIND({f} AS ?this) }}"
            distinct = f"{{ SELECT DISTINCT {f} {w} ?this WHERE {{ {pairs} }} }}"
            level = f"{{ SELECT ?this (SUM({w}) AS ?w) WHERE {{ {distinct} }} GROUP BY ?this }}"
        return f"SELECT ?this ?w WHERE {{ {level} FILTER(?w > 1) }}"

    def focus(self, shape: Shape) -> str:
        """A group pattern binding ``?this`` to every focus node of ``shape``'s targets."""
        parts = []
        if shape.target_nodes:
            parts.append("VALUES ?this { " + " ".join(term(n) for n in shape.target_nodes) + " }")
        for cls in shape.target_classes:
            c = self.var("c")
            parts.append(f"{c} {SUBCLASS}* {term(cls)} . ?this {RDF_TYPE} {c} .")
        for p in shape.target_subjects_of:
            parts.append(f"?this {term(p)} {self.var('o')} .")
        for p in shape.target_objects_of:
            parts.append(f"{self.var('s')} {term(p)} ?this .")
        union = " UNION ".join("{ " + p + " }" for p in parts)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    # -- value-level tests --------------------------------------------------------------------

    def value_violation(self, c: Constraint, x: str, stack: tuple = ()) -> str:
        """A boolean expression, true when value node ``x`` violates ``c``; never an error."""
        p, v = c.parameter, c.value
        if p == "class":
            return f"!EXISTS {{ {x} {RDF_TYPE}/{SUBCLASS}* {term(v)} }}"
        if p == "datatype":
            return f"!COALESCE({self.datatype_match(str(v), x)}, false)"
        if p == "nodeKind":
            if str(v) not in _NODE_KINDS:
                raise CompileError(f"unknown sh:nodeKind {v}")
            return "!" + _NODE_KINDS[str(v)].format(x=x)
        if p == "in":
            alternatives = " || ".join(f"sameTerm({x}, {term(i)})" for i in v) or "false"
            return f"!({alternatives})"
        if p == "pattern":
            flags = "".join(f for f in "im" if f in c.flags.lower())
            regex = f"regex(STR({x}), {term(_plain(v))}, {_string(flags)})"
            return f"!COALESCE(!isBlank({x}) && {regex}, false)"
        if p == "minLength":
            if int(v.value) == 0:
                return "false"
            return f"!COALESCE(!isBlank({x}) && STRLEN(STR({x})) >= {int(v.value)}, false)"
        if p == "maxLength":
            return f"!COALESCE(!isBlank({x}) && STRLEN(STR({x})) <= {int(v.value)}, false)"
        if p == "languageIn":
            tags = sorted({str(t).lower() for t in v})
            if "*" in tags:
                ok = f'LANG({x}) != ""'
            else:
                listed = ", ".join(_string(t) for t in tags) or '""'
                primary = f'LCASE(STRBEFORE(CONCAT(LANG({x}), "-"), "-"))'
                whole = f"LCASE(LANG({x})) IN ({listed})"
                ok = f'LANG({x}) != "" && ({whole} || {primary} IN ({listed}))'
            return f"!COALESCE(isLiteral({x}) && {ok}, false)"
        if p in RANGE_PARAMETERS:
            op = _RANGE_OPERATORS[p]
            return f"!COALESCE(isLiteral({x}) && {x} {op} {term(v)}, false)"
        if p == "node":
            return self.shape_violation(self.shape(v), x, stack)
        if p == "not":
            return f"!({self.shape_violation(self.shape(v), x, stack)})"
        if p == "and":
            return "(" + " || ".join(self.shape_violation(self.shape(s), x, stack) for s in v) + ")"
        if p == "or":
            return "(" + " && ".join(self.shape_violation(self.shape(s), x, stack) for s in v) + ")"
        if p == "xone":
            conforming = " + ".join(
                f"IF({self.shape_violation(self.shape(s), x, stack)}, 0, 1)" for s in v
            )
            return f"(({conforming}) != 1)"
        raise CompileError(f"sh:{p} is not a value-level constraint")

    def datatype_match(self, datatype: str, x: str) -> str:
        if datatype == RDFS_LITERAL:
            return f"isLiteral({x})"
        if datatype == RDF_LANGSTRING:
            return f'isLiteral({x}) && LANG({x}) != ""'
        if datatype == XSD_STRING:
            return f'isLiteral({x}) && LANG({x}) = "" && DATATYPE({x}) = <{XSD_STRING}>'
        test = f"isLiteral({x}) && DATATYPE({x}) = <{datatype}>"
        if datatype.startswith(XSD) and datatype[len(XSD) :] in CHECKED_DATATYPES:
            # a cast of an ill-typed lexical form is an error, which COALESCE turns into false
            test += f" && sameTerm(<{datatype}>(STR({x})), <{datatype}>(STR({x})))"
        if self.originals and datatype.startswith(XSD):
            # a literal the store rewrote or that is ill-formed: as written, not as stored
            k = self.var("k")
            graph, stored = f"GRAPH <{ORIGINALS_GRAPH}>", f"<{STORED}>"
            changed = f"EXISTS {{ {graph} {{ {k} {stored} {x} }} }}"
            written = (
                f"EXISTS {{ {graph} {{ {k} {stored} {x} ; <{DATATYPE}> <{datatype}> ; "
                f"<{WELL_FORMED}> true }} }}"
            )
            test = f"(({test}) && !{changed}) || {written}"
        return test

    # -- whole-shape conformance (for sh:node and the logical components) --------------------

    def shape_violation(self, shape: Shape, x: str, stack: tuple) -> str:
        """A boolean expression, true when node ``x`` does not conform to ``shape``."""
        if shape.node in stack:
            raise CompileError("recursive shapes")
        stack = (*stack, shape.node)
        if shape.deactivated:
            return "false"
        parts = []
        if shape.is_property:
            parts.extend(self.property_violations(shape, x, stack))
            if shape.properties:  # the nested property shapes apply to the value nodes
                nested = self.some_value(
                    shape, x, lambda w: self.properties_violation(shape, w, stack)
                )
                parts.append(nested)
        else:
            for c in shape.constraints:
                if c.parameter == "hasValue":
                    parts.append(f"!sameTerm({x}, {term(c.value)})")
                elif c.parameter in PAIR_PARAMETERS or c.parameter == "closed":
                    parts.append(self.pair_violation(shape, c, x))
                else:
                    parts.append(self.value_violation(c, x, stack))
            nested = self.properties_violation(shape, x, stack)
            if nested != "false":
                parts.append(nested)
        return "(" + " || ".join(parts) + ")" if parts else "false"

    def properties_violation(self, shape: Shape, x: str, stack: tuple) -> str:
        """True when ``x`` does not conform to one of the property shapes of ``shape``."""
        parts = []
        for node in shape.properties:
            prop = self.shape(node)
            if prop.node in stack:
                raise CompileError("recursive shapes")
            if not prop.deactivated:
                parts.append(self.shape_violation(prop, x, stack))
        return "(" + " || ".join(parts) + ")" if parts else "false"

    def some_value(self, shape: Shape, x: str, test) -> str:
        """True when a value node of ``x`` for ``shape`` passes ``test`` (a function of a var)."""
        if not shape.is_property:
            return test(x)
        w = self.var("w")
        plus = nullable_path(self.graph, shape.path)
        if plus is None:
            return f"EXISTS {{ {x} {self.path(shape)} {w} . FILTER({test(w)}) }}"
        return f"({test(x)} || EXISTS {{ {x} {plus} {w} . FILTER({test(w)}) }})"

    def is_value(self, shape: Shape, x: str, v: str) -> str:
        """True when ``v`` is a value node of ``x`` for ``shape``."""
        if not shape.is_property:
            return f"sameTerm({x}, {v})"
        plus = nullable_path(self.graph, shape.path)
        if plus is None:
            return f"EXISTS {{ {x} {self.path(shape)} {v} }}"
        return f"(sameTerm({x}, {v}) || EXISTS {{ {x} {plus} {v} }})"

    def pair_test(self, c: Constraint, x: str):
        """For a property pair constraint or sh:closed on focus node ``x``: a function from a
        value node variable to the test that the value node violates it."""
        p = c.parameter
        if p == "closed":
            q, o = self.var("p"), self.var("o")
            return lambda w: f"EXISTS {{ {w} {q} {o} . FILTER({self.closed_test(c, q, o)}) }}"
        other = term(c.value)
        if p == "equals":
            return lambda w: f"!EXISTS {{ {x} {other} {w} }}"
        if p == "disjoint":
            return lambda w: f"EXISTS {{ {x} {other} {w} }}"
        k = self.var("c")
        return lambda w: f"EXISTS {{ {x} {other} {k} . FILTER(!{_ordered(p, w, k)}) }}"

    def pair_violation(self, shape: Shape, c: Constraint, x: str) -> str:
        """True when focus node ``x`` violates a property pair constraint or sh:closed."""
        test = self.some_value(shape, x, self.pair_test(c, x))
        if c.parameter != "equals":
            return test
        k = self.var("e")
        missing = f"EXISTS {{ {x} {term(c.value)} {k} . FILTER(!{self.is_value(shape, x, k)}) }}"
        return f"({test} || {missing})"

    def closed_test(self, c: Constraint, q: str, o: str) -> str:
        """The triple ``(value, q, o)`` is not allowed by closed shape constraint ``c``."""
        allowed = ", ".join(term(i) for i in c.value)
        test = f"!({q} IN ({allowed}))" if allowed else "true"
        return f"{test} && !(sameTerm({q}, {RDF_TYPE}) && sameTerm({o}, {RDFS_RESOURCE}))"

    def property_violations(self, shape: Shape, x: str, stack: tuple) -> list[str]:
        plus = nullable_path(self.graph, shape.path)
        if plus is not None:
            return self.nullable_violations(shape, x, plus, stack)
        path = self.path(shape)
        parts = []
        for c in shape.constraints:
            p = c.parameter
            if p == "minCount":
                n = int(c.value.value)
                if n > 0:
                    parts.append(f"!EXISTS {{ {self.distinct_values(x, path, n)} }}")
            elif p == "maxCount":
                m = int(c.value.value)
                parts.append(f"EXISTS {{ {self.distinct_values(x, path, m + 1)} }}")
            elif p == "hasValue":
                parts.append(f"!EXISTS {{ {x} {path} {term(c.value)} }}")
            elif p in PAIR_PARAMETERS or p == "closed":
                parts.append(self.pair_violation(shape, c, x))
            elif p == "qualifiedMinCount":
                n = c.value.count
                if n > 0:
                    ok = self.qualified_ok(c, stack)
                    parts.append(f"!EXISTS {{ {self.distinct_values(x, path, n, ok)} }}")
            elif p == "qualifiedMaxCount":
                ok = self.qualified_ok(c, stack)
                parts.append(f"EXISTS {{ {self.distinct_values(x, path, c.value.count + 1, ok)} }}")
            elif p == "uniqueLang":
                if bool(c.value.value):
                    a, b = self.var("l"), self.var("l")
                    same = (
                        f'isLiteral({a}) && isLiteral({b}) && LANG({a}) != "" && '
                        f"LCASE(LANG({a})) = LCASE(LANG({b}))"
                    )
                    parts.append(
                        f"EXISTS {{ {x} {path} {a} . {x} {path} {b} . "
                        f"FILTER(!sameTerm({a}, {b}) && {same}) }}"
                    )
            else:
                w = self.var("w")
                parts.append(
                    f"EXISTS {{ {x} {path} {w} . FILTER({self.value_violation(c, w, stack)}) }}"
                )
        return parts

    def nullable_violations(self, shape: Shape, x: str, plus: str, stack: tuple) -> list[str]:
        """Like :meth:`property_violations` for a path whose values include ``x`` itself."""
        parts = []
        for c in shape.constraints:
            p = c.parameter
            if p == "minCount" and int(c.value.value) <= 1:
                continue
            if p == "maxCount" and int(c.value.value) == 0:
                parts.append("true")
            elif p in PAIR_PARAMETERS or p == "closed":
                parts.append(self.pair_violation(shape, c, x))
            elif p == "hasValue":
                h = term(c.value)
                parts.append(f"!(sameTerm({x}, {h}) || EXISTS {{ {x} {plus} {h} }})")
            elif p in (
                "minCount",
                "maxCount",
                "uniqueLang",
                "qualifiedMinCount",
                "qualifiedMaxCount",
            ):
                raise CompileError(f"sh:{p} on a zero-or-more path inside a nested shape")
            else:
                w = self.var("w")
                here = self.value_violation(c, x, stack)
                there = self.value_violation(c, w, stack)
                parts.append(f"({here} || EXISTS {{ {x} {plus} {w} . FILTER({there}) }})")
        return parts

    def distinct_values(self, x: str, path: str, n: int, ok=None) -> str:
        """A pattern matching when ``x`` has at least ``n`` distinct values along ``path``.

        With ``ok`` (a function from a variable to a boolean expression), only values for
        which it holds are counted.
        """
        if n > 4:
            raise CompileError("cardinality above 4 inside a nested shape")
        names = [self.var("n") for _ in range(n)]
        triples = " ".join(f"{x} {path} {w} ." for w in names)
        tests = [f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1 :]]
        if ok is not None:
            tests += [ok(w) for w in names]
        return triples + (f" FILTER({' && '.join(tests)})" if tests else "")

    def qualified_ok(self, c: Constraint, stack: tuple = ()):
        """For a qualified cardinality constraint: a function from a value variable to the test
        that the value counts (conforms to the qualified shape and to none of its siblings)."""
        q = c.value

        def ok(w: str) -> str:
            tests = [f"!{self.shape_violation(self.shape(q.shape), w, stack)}"]
            tests += [self.shape_violation(self.shape(s), w, stack) for s in q.siblings]
            return "(" + " && ".join(tests) + ")"

        return ok

    # -- conforming sets (for anti-joins) ----------------------------------------------------

    def conforming(self, shape: Shape, x: str, stack: tuple = ()) -> str | None:
        """A pattern matching exactly the nodes ``x`` that conform to ``shape``, when one exists.

        Only for shapes made of positive tests (``sh:class``, ``sh:hasValue`` along a path,
        ``sh:in``, ``sh:or`` / ``sh:and`` of such); ``None`` otherwise. Evaluated once as the
        right side of ``MINUS``, it replaces one ``EXISTS`` per value node.
        """
        if shape.node in stack or shape.deactivated:
            return None
        stack = (*stack, shape.node)
        parts = []
        for c in shape.constraints:
            part = self.conforming_constraint(shape, c, x, stack)
            if part is None:
                return None
            parts.append(part)
        for node in shape.properties:
            prop = self.shape(node)
            if prop.deactivated or prop.properties:
                return None
            for c in prop.constraints:
                if c.parameter != "hasValue":
                    return None
                parts.append(self.reaches(prop, x, term(c.value)))
        return " ".join(parts) if parts else None

    def conforming_constraint(
        self, shape: Shape, c: Constraint, x: str, stack: tuple
    ) -> str | None:
        if shape.is_property:
            if c.parameter == "hasValue":
                return self.reaches(shape, x, term(c.value))
            return None
        if c.parameter == "class":
            k = self.var("k")
            return f"{k} {SUBCLASS}* {term(c.value)} . {x} {RDF_TYPE} {k} ."
        if c.parameter == "in":
            return f"VALUES {x} {{ {' '.join(term(v) for v in c.value)} }}"
        if c.parameter == "hasValue":
            return f"VALUES {x} {{ {term(c.value)} }}"
        if c.parameter in ("or", "and", "node"):
            members = c.value if c.parameter != "node" else [c.value]
            patterns = [self.conforming(self.shape(m), x, stack) for m in members]
            if any(p is None for p in patterns):
                return None
            if c.parameter == "or":
                return " UNION ".join("{ " + p + " }" for p in patterns)
            return " ".join("{ " + p + " }" for p in patterns)
        return None

    def reaches(self, shape: Shape, x: str, h: str) -> str:
        """A pattern binding ``x`` to the nodes whose values along the path include ``h``."""
        plus = nullable_path(self.graph, shape.path)
        if plus is None:
            return f"{x} {self.path(shape)} {h} ."
        return f"{{ VALUES {x} {{ {h} }} }} UNION {{ {x} {plus} {h} }}"

    def value_conforming(self, c: Constraint, x: str) -> str | None:
        """Pattern of the values that satisfy value-level constraint ``c``, when one exists."""
        if c.parameter == "class":
            return self.conforming_constraint(Shape(node=None), c, x, ())
        if c.parameter == "node":
            return self.conforming(self.shape(c.value), x)
        if c.parameter in ("or", "and"):
            return self.conforming_constraint(Shape(node=None), c, x, ())
        return None

    # -- top-level queries --------------------------------------------------------------------

    def roots(self) -> list[tuple[Shape, tuple[Shape, ...]]]:
        """(shape to evaluate, chain giving its focus nodes: see :meth:`focus_chain`)."""
        roots = []
        for shape in sorted(self.model.shapes.values(), key=lambda s: str(s.node)):
            if shape.deactivated or not shape.has_targets:
                continue
            roots.append((shape, (shape,)))
            self._nested_roots(shape, (shape,) if not shape.is_property else (shape, shape), roots)
        return roots

    def _nested_roots(self, shape: Shape, chain: tuple, roots: list) -> None:
        """The property shapes of ``shape``, evaluated on the focus nodes ``chain`` gives."""
        for node in shape.properties:
            prop = self.shape(node)
            if prop.deactivated:
                continue
            if any(prop.node == s.node for s in chain[1:]) or len(chain) > 8:
                raise CompileError("recursive property shapes")
            roots.append((prop, chain))
            self._nested_roots(prop, (*chain, prop), roots)

    def queries(self) -> list[CompiledQuery]:
        """Every top-level query of the shapes graph.

        ``sh:minCount 1`` and ``sh:maxCount 1`` on plain predicates are checked for all property
        shapes of one focus set in a single query (one pass instead of one per shape).
        """
        out = []
        for chain, members in self._by_context():
            focus = self.focus_chain(chain)
            weights = self.chain_weights(chain)
            batched: dict[str, list[tuple[Shape, Constraint]]] = {"minCount": [], "maxCount": []}
            for shape, c in members:
                if c.parameter in batched and self._batchable(shape, c):
                    batched[c.parameter].append((shape, c))
                    continue
                sparql = self.top_query(shape, c, focus)
                if sparql:
                    carries_value = c.component not in FOCUS_COMPONENTS
                    closed = c.parameter == "closed"
                    out.append(
                        CompiledQuery(sparql, ((shape, c),), carries_value, focus, closed, weights)
                    )
            for parameter, group in batched.items():
                if group:
                    q = self.batch_query(parameter, group, focus)
                    out.append(dataclasses.replace(q, weights=weights))
        return out

    def _by_context(self) -> list[tuple[tuple[Shape, ...], list[tuple[Shape, Constraint]]]]:
        grouped: dict[tuple, tuple[tuple[Shape, ...], list[tuple[Shape, Constraint]]]] = {}
        for shape, chain in self.roots():
            entry = grouped.setdefault(tuple(s.node for s in chain), (chain, []))
            entry[1].extend((shape, c) for c in shape.constraints)
        return list(grouped.values())

    def _batchable(self, shape: Shape, c: Constraint) -> bool:
        import rdflib

        return (
            shape.is_property and isinstance(shape.path, rdflib.URIRef) and int(c.value.value) == 1
        )

    def batch_query(
        self, parameter: str, group: list[tuple[Shape, Constraint]], focus: str
    ) -> CompiledQuery:
        """One query for ``sh:minCount 1`` (or ``sh:maxCount 1``) on several predicates."""
        rows = " ".join(f"({term(shape.path)} {k})" for k, (shape, _) in enumerate(group))
        values = f"VALUES (?_p ?k) {{ {rows} }}"
        if parameter == "minCount":
            missing = "FILTER NOT EXISTS { ?this ?_p ?value }"
            sparql = f"SELECT ?this ?k WHERE {{ {focus} {values} {missing} }}"
        else:
            pair = "?this ?_p ?_a . ?this ?_p ?_b . FILTER(!sameTerm(?_a, ?_b))"
            sparql = f"SELECT DISTINCT ?this ?k WHERE {{ {focus} {values} {pair} }}"
        return CompiledQuery(sparql, tuple(group), False, focus)

    def top_query(self, shape: Shape, c: Constraint, focus: str) -> str | None:
        p = c.parameter
        if p in PAIR_PARAMETERS or p == "closed":
            return self.pair_query(shape, c, focus)
        if not shape.is_property:
            if p == "hasValue":
                return f"SELECT ?this WHERE {{ {focus} FILTER(!sameTerm(?this, {term(c.value)})) }}"
            return f"SELECT ?this WHERE {{ {focus} FILTER({self.value_violation(c, '?this')}) }}"
        plus = nullable_path(self.graph, shape.path)
        if plus is not None:
            return self.nullable_query(c, focus, plus)
        path = self.path(shape)
        if p == "minCount":
            n = int(c.value.value)
            if n <= 0:
                return None
            if n == 1:
                return (
                    f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?value }} }}"
                )
            return (
                f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?value }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})"
            )
        if p == "maxCount":
            return (
                f"SELECT ?this WHERE {{ {focus} ?this {path} ?value }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(c.value.value)})"
            )
        if p == "hasValue":
            missing = f"FILTER NOT EXISTS {{ ?this {path} {term(c.value)} }}"
            return f"SELECT ?this WHERE {{ {focus} {missing} }}"
        if p in ("qualifiedMinCount", "qualifiedMaxCount"):
            return self.qualified_query(c, f"{{ {focus} OPTIONAL {{ ?this {path} ?value }} }}")
        if p == "uniqueLang":
            if not bool(c.value.value):
                return None
            return (
                f"SELECT ?this ?lang WHERE {{ {focus} ?this {path} ?value . "
                f'FILTER(isLiteral(?value) && LANG(?value) != "") '
                f"BIND(LCASE(LANG(?value)) AS ?lang) }} "
                f"GROUP BY ?this ?lang HAVING (COUNT(DISTINCT ?value) > 1)"
            )
        good = self.value_conforming(c, "?value")
        if good is not None:  # an anti-join: far faster than one EXISTS per value
            return (
                f"SELECT DISTINCT ?this ?value WHERE {{ {{ {focus} ?this {path} ?value }} "
                f"MINUS {{ {good} }} }}"
            )
        test = self.value_violation(c, "?value")
        return (
            f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value . FILTER({test}) }}"
        )

    def nullable_query(self, c: Constraint, focus: str, plus: str) -> str | None:
        """:meth:`top_query` for a path whose values include the focus node itself."""
        p = c.parameter
        values = (
            f"{{ {{ {focus} ?this {plus} ?value }} UNION {{ {focus} BIND(?this AS ?value) }} }}"
        )
        if p == "minCount":
            n = int(c.value.value)
            if n <= 1:
                return None
            return (
                f"SELECT ?this WHERE {values} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})"
            )
        if p == "maxCount":
            m = int(c.value.value)
            return (
                f"SELECT ?this WHERE {values} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {m})"
            )
        if p == "hasValue":
            h = term(c.value)
            missing = f"FILTER(!sameTerm(?this, {h})) FILTER NOT EXISTS {{ ?this {plus} {h} }}"
            return f"SELECT ?this WHERE {{ {focus} {missing} }}"
        if p in ("qualifiedMinCount", "qualifiedMaxCount"):
            return self.qualified_query(c, values)
        if p == "uniqueLang":
            if not bool(c.value.value):
                return None
            return (
                f"SELECT ?this ?lang WHERE {{ {values} "
                f'FILTER(isLiteral(?value) && LANG(?value) != "") '
                f"BIND(LCASE(LANG(?value)) AS ?lang) }} "
                f"GROUP BY ?this ?lang HAVING (COUNT(DISTINCT ?value) > 1)"
            )
        good = self.value_conforming(c, "?value")
        if good is not None:
            return f"SELECT DISTINCT ?this ?value WHERE {{ {values} MINUS {{ {good} }} }}"
        test = self.value_violation(c, "?value")
        return f"SELECT DISTINCT ?this ?value WHERE {{ {values} FILTER({test}) }}"

    def values_pattern(self, shape: Shape, focus: str) -> str:
        """A group binding ``?this`` to each focus node and ``?value`` to each value node."""
        if not shape.is_property:
            return f"{{ {focus} BIND(?this AS ?value) }}"
        plus = nullable_path(self.graph, shape.path)
        if plus is None:
            return f"{{ {focus} ?this {self.path(shape)} ?value }}"
        return f"{{ {{ {focus} ?this {plus} ?value }} UNION {{ {focus} BIND(?this AS ?value) }} }}"

    def pair_query(self, shape: Shape, c: Constraint, focus: str) -> str:
        """Results of a property pair constraint or of sh:closed, as pyshacl reports them."""
        p = c.parameter
        values = f"{{ SELECT DISTINCT ?this ?value WHERE {self.values_pattern(shape, focus)} }}"
        if p == "closed":
            test = self.closed_test(c, "?path", "?_o")
            return (
                f"SELECT ?this ?path (?_o AS ?value) WHERE {{ "
                f"{{ SELECT DISTINCT ?this (?value AS ?_v) WHERE {{ {values} }} }} "
                f"?_v ?path ?_o . FILTER({test}) }}"
            )
        other = term(c.value)
        if p == "equals":
            missing = f"FILTER(!{self.is_value(shape, '?this', '?value')})"
            return (
                f"SELECT DISTINCT ?this ?value WHERE {{ {{ {values} FILTER NOT EXISTS "
                f"{{ ?this {other} ?value }} }} UNION {{ {focus} ?this {other} ?value . "
                f"{missing} }} }}"
            )
        if p == "disjoint":
            return f"SELECT ?this ?value WHERE {{ {values} ?this {other} ?value . }}"
        return (
            f"SELECT ?this ?value WHERE {{ {values} ?this {other} ?_c . "
            f"FILTER(!{_ordered(p, '?value', '?_c')}) }}"
        )

    def qualified_query(self, c: Constraint, values: str) -> str | None:
        """The focus nodes with too few (or too many) counted values; ``values`` binds
        ``?this`` to every focus node and ``?value`` to each of its value nodes, if any."""
        n = c.value.count
        if c.parameter == "qualifiedMinCount" and n <= 0:
            return None
        ok = self.qualified_ok(c)("?value")
        counted = f"BIND(IF(BOUND(?value) && {ok}, ?value, ?_none) AS ?_ok)"
        compare = "<" if c.parameter == "qualifiedMinCount" else ">"
        return (
            f"SELECT ?this WHERE {{ {values} {counted} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_ok) {compare} {n})"
        )


def _ordered(parameter: str, a: str, b: str) -> str:
    """``a < b`` (or ``<=``) as pyshacl compares: IRIs and strings by text, never with others."""
    op = "<" if parameter == "lessThan" else "<="

    def text(x: str) -> str:
        string = f'DATATYPE({x}) = <{XSD_STRING}> || LANG({x}) != ""'
        return f"(isIRI({x}) || (isLiteral({x}) && ({string})))"

    strings = f"{text(a)} && {text(b)} && STR({a}) {op} STR({b})"
    others = f"!{text(a)} && !{text(b)} && {a} {op} {b}"
    return f"COALESCE(({strings}) || ({others}), false)"


def _plain(node: object) -> object:
    """A pattern literal as a plain string literal (its datatype does not matter to regex)."""
    import rdflib

    return rdflib.Literal(str(node))


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
