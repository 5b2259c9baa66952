"""Read a SHACL shapes graph (rdflib) into plain shape records the compiler understands.

Everything SHACL Core offers that the compiler does not translate is recorded in
``ShapesModel.unsupported``, so the caller can fall back to pyshacl and say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from evonto.shacl_sparql.results import SH

if TYPE_CHECKING:
    import rdflib

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

#: constraint parameters the compiler translates into SPARQL
SUPPORTED = frozenset(
    SH + name
    for name in (
        "class",
        "datatype",
        "nodeKind",
        "minCount",
        "maxCount",
        "in",
        "hasValue",
        "pattern",
        "minLength",
        "maxLength",
        "languageIn",
        "uniqueLang",
        "node",
        "not",
        "and",
        "or",
        "xone",
        "property",
        "closed",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
    )
)
#: SHACL Core parameters it does not translate (their presence means: use pyshacl)
UNSUPPORTED = frozenset(
    SH + name
    for name in (
        "sparql",
        "target",
        "rule",
        "expression",
        "js",
    )
)
#: parameters that only qualify another one
AUXILIARY = frozenset(
    SH + n
    for n in (
        "flags",
        "ignoredProperties",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
    )
)
#: components whose result carries no sh:value (one result per focus node)
FOCUS_COMPONENTS = frozenset(
    SH + n
    for n in (
        "MinCountConstraintComponent",
        "MaxCountConstraintComponent",
        "HasValueConstraintComponent",
        "UniqueLangConstraintComponent",
        "QualifiedMinCountConstraintComponent",
        "QualifiedMaxCountConstraintComponent",
    )
)

COMPONENT_NAMES = {
    "class": "ClassConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent",
    "in": "InConstraintComponent",
    "hasValue": "HasValueConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "minLength": "MinLengthConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent",
    "languageIn": "LanguageInConstraintComponent",
    "uniqueLang": "UniqueLangConstraintComponent",
    "node": "NodeConstraintComponent",
    "not": "NotConstraintComponent",
    "and": "AndConstraintComponent",
    "or": "OrConstraintComponent",
    "xone": "XoneConstraintComponent",
    "closed": "ClosedConstraintComponent",
    "equals": "EqualsConstraintComponent",
    "disjoint": "DisjointConstraintComponent",
    "lessThan": "LessThanConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent",
    "minExclusive": "MinExclusiveConstraintComponent",
    "maxExclusive": "MaxExclusiveConstraintComponent",
    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
    "qualifiedMaxCount": "QualifiedMaxCountConstraintComponent",
}


@dataclass(frozen=True)
class Qualified:
    """The value of a qualified cardinality constraint (``sh:qualifiedMinCount`` / ``MaxCount``).

    Value nodes count when they conform to ``shape`` and to none of the ``siblings`` (the other
    qualified value shapes of the same parents, when ``sh:qualifiedValueShapesDisjoint true``).
    """

    shape: object  # rdflib term of the qualified value shape
    count: int
    siblings: tuple = ()


#: constraints comparing the value nodes with the values of another property of the focus node
PAIR_PARAMETERS = ("equals", "disjoint", "lessThan", "lessThanOrEquals")
#: value range constraints (a comparison with a literal)
RANGE_PARAMETERS = ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive")


@dataclass
class Constraint:
    """One constraint of a shape: a parameter (``sh:class`` ...) and its value(s)."""

    parameter: str  # local name, e.g. "class"
    value: object  # an rdflib term, a list of terms, or a list of shape nodes
    flags: str = ""

    @property
    def component(self) -> str:
        return SH + COMPONENT_NAMES[self.parameter]


@dataclass
class Shape:
    """A node or property shape of the shapes graph."""

    node: object  # rdflib term
    path: object | None = None  # rdflib path node when a property shape
    severity: str = SH + "Violation"
    deactivated: bool = False
    message: str | None = None
    target_nodes: list = field(default_factory=list)
    target_classes: list = field(default_factory=list)
    target_subjects_of: list = field(default_factory=list)
    target_objects_of: list = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    properties: list = field(default_factory=list)  # property shape nodes (sh:property)

    @property
    def is_property(self) -> bool:
        return self.path is not None

    @property
    def has_targets(self) -> bool:
        return bool(
            self.target_nodes
            or self.target_classes
            or self.target_subjects_of
            or self.target_objects_of
        )


@dataclass
class ShapesModel:
    """All shapes of a shapes graph, keyed by node, and what could not be translated."""

    graph: rdflib.Graph
    shapes: dict = field(default_factory=dict)
    unsupported: list[str] = field(default_factory=list)


def _label(graph: rdflib.Graph, node: object) -> str:
    import rdflib

    return (
        f"_:{node}"
        if isinstance(node, rdflib.BNode)
        else graph.namespace_manager.normalizeUri(node)
    )


def shape_nodes(graph: rdflib.Graph) -> set:
    """The nodes pyshacl treats as shapes (declared, implied by their properties, or used)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    found = set(graph.subjects(rdflib.RDF.type, sh.NodeShape))
    found |= set(graph.subjects(rdflib.RDF.type, sh.PropertyShape))
    for p in (
        "targetClass",
        "targetNode",
        "targetObjectsOf",
        "targetSubjectsOf",
        "property",
        "node",
    ):
        found |= set(graph.subjects(sh[p], None))
    for p in ("property", "node", "not", "qualifiedValueShape"):
        found |= set(graph.objects(None, sh[p]))
    for p in ("and", "or", "xone"):
        for lst in graph.objects(None, sh[p]):
            found |= set(graph.items(lst))
    return found


def load_shapes(graph: rdflib.Graph) -> ShapesModel:
    """Read every shape of ``graph``; collect constructs the compiler cannot translate."""
    import rdflib

    model = ShapesModel(graph=graph)
    sh = rdflib.Namespace(SH)
    class_types = set(graph.subjects(rdflib.RDFS.subClassOf, rdflib.RDFS.Class)) | {
        rdflib.RDFS.Class
    }
    for node in shape_nodes(graph):
        shape = Shape(node=node)
        paths = list(graph.objects(node, sh.path))
        if len(paths) > 1:
            model.unsupported.append(f"{_label(graph, node)}: more than one sh:path")
            continue
        shape.path = paths[0] if paths else None
        severity = graph.value(node, sh.severity)
        if severity is not None:
            shape.severity = str(severity)
        deactivated = graph.value(node, sh.deactivated)
        shape.deactivated = bool(getattr(deactivated, "value", False))
        message = graph.value(node, sh.message)
        shape.message = str(message) if message is not None else None
        shape.target_nodes = sorted(graph.objects(node, sh.targetNode))
        shape.target_classes = sorted(graph.objects(node, sh.targetClass))
        if any(t in class_types for t in graph.objects(node, rdflib.RDF.type)):
            shape.target_classes.append(node)  # implicit class target
        shape.target_subjects_of = sorted(graph.objects(node, sh.targetSubjectsOf))
        shape.target_objects_of = sorted(graph.objects(node, sh.targetObjectsOf))
        shape.properties = sorted(graph.objects(node, sh.property))
        flags = graph.value(node, sh.flags)
        for predicate, obj in sorted(graph.predicate_objects(node)):
            p = str(predicate)
            if p in UNSUPPORTED:
                model.unsupported.append(f"{_label(graph, node)}: {_label(graph, predicate)}")
                continue
            if p not in SUPPORTED or p == SH + "property":
                continue
            name = p[len(SH) :]
            value: object = obj
            if name in ("in", "languageIn", "and", "or", "xone"):
                value = list(graph.items(obj))
            if name == "closed":
                if not (isinstance(obj, rdflib.Literal) and obj.value is True):
                    continue
                value = _allowed_properties(graph, node)
            shape.constraints.append(
                Constraint(
                    name, value, str(flags) if flags is not None and name == "pattern" else ""
                )
            )
        problems = _qualified(graph, shape)
        problems += _check_shape(graph, shape)
        model.unsupported.extend(f"{_label(graph, node)}: {p}" for p in problems)
        model.shapes[node] = shape
    return model


def _allowed_properties(graph: rdflib.Graph, node: object) -> tuple:
    """The predicates a closed shape allows: its property shapes' IRI paths, ignored ones."""
    import rdflib

    sh = rdflib.Namespace(SH)
    allowed = {
        path
        for prop in graph.objects(node, sh.property)
        for path in graph.objects(prop, sh.path)
        if isinstance(path, rdflib.URIRef)
    }
    for lst in graph.objects(node, sh.ignoredProperties):
        allowed |= {i for i in graph.items(lst) if isinstance(i, rdflib.URIRef)}
    return tuple(sorted(allowed))


def _qualified(graph: rdflib.Graph, shape: Shape) -> list[str]:
    """Add the qualified cardinality constraints of ``shape``; what stands in their way.

    As pyshacl does, they are ignored on a node shape, and each qualified value shape of a
    property shape is counted on its own, against the same bounds.
    """
    import rdflib

    sh = rdflib.Namespace(SH)
    node = shape.node
    value_shapes = sorted(graph.objects(node, sh.qualifiedValueShape))
    if not value_shapes or not shape.is_property:
        return []
    bounds = {}
    for name in ("qualifiedMinCount", "qualifiedMaxCount"):
        values = list(graph.objects(node, sh[name]))
        if len(values) > 1:
            return [f"more than one sh:{name}"]
        if values:
            v = values[0]
            if not (isinstance(v, rdflib.Literal) and isinstance(v.value, int)):
                return [f"sh:{name} is not an integer"]
            bounds[name] = int(v.value)
    if not bounds:
        return ["sh:qualifiedValueShape without sh:qualifiedMinCount or sh:qualifiedMaxCount"]
    disjoint = any(
        isinstance(d, rdflib.Literal) and d.value is True
        for d in graph.objects(node, sh.qualifiedValueShapesDisjoint)
    )
    siblings: set = set()
    if disjoint:
        for parent in graph.subjects(sh.property, node):
            for prop in graph.objects(parent, sh.property):
                siblings |= set(graph.objects(prop, sh.qualifiedValueShape))
    for value_shape in value_shapes:
        others = tuple(sorted(siblings - {value_shape}))
        for name, count in sorted(bounds.items()):
            shape.constraints.append(Constraint(name, Qualified(value_shape, count, others)))
    return []


def _check_shape(graph: rdflib.Graph, shape: Shape) -> list[str]:
    import rdflib

    problems = []
    single = (
        "datatype",
        "nodeKind",
        "minCount",
        "maxCount",
        "minLength",
        "maxLength",
        "languageIn",
        "uniqueLang",
        "in",
        "closed",
        *RANGE_PARAMETERS,
    )
    names = [c.parameter for c in shape.constraints]
    problems += [f"more than one sh:{n}" for n in single if names.count(n) > 1]
    for c in shape.constraints:
        if c.parameter in ("minCount", "maxCount", "uniqueLang") and not shape.is_property:
            problems.append(f"sh:{c.parameter} on a node shape")
        counted = c.parameter in ("minCount", "maxCount", "minLength", "maxLength")
        if counted and not (isinstance(c.value, rdflib.Literal) and isinstance(c.value.value, int)):
            problems.append(f"sh:{c.parameter} is not an integer")
        if c.parameter in ("in", "hasValue"):
            values = c.value if isinstance(c.value, list) else [c.value]
            if any(isinstance(v, rdflib.BNode) for v in values):
                problems.append(f"sh:{c.parameter} with a blank node value")
        if c.parameter in ("class", "datatype") and not isinstance(c.value, rdflib.URIRef):
            problems.append(f"sh:{c.parameter} value is not an IRI")
        if c.parameter == "pattern" and not isinstance(c.value, rdflib.Literal):
            problems.append("sh:pattern value is not a literal")
        if c.parameter in PAIR_PARAMETERS and not isinstance(c.value, rdflib.URIRef):
            problems.append(f"sh:{c.parameter} value is not an IRI")
        if c.parameter in ("lessThan", "lessThanOrEquals") and not shape.is_property:
            problems.append(f"sh:{c.parameter} on a node shape")
        if c.parameter in RANGE_PARAMETERS and not isinstance(c.value, rdflib.Literal):
            problems.append(f"sh:{c.parameter} value is not a literal")
    return problems
