"""Parameter values, validated and serialised as RDF terms, bound into a query's VALUES block.

A value is never pasted into the query as text: it is parsed as the kind the header declares
(IRI or CURIE, string, integer, decimal, boolean) and written back in SPARQL's own term syntax,
so nothing a user passes can close a block or add a clause.

``--param NAME=VALUE`` takes the kind the header declares; ``--param NAME:KIND=VALUE`` forces
one (``iri``, ``literal`` or ``string``, ``integer``, ``decimal``, ``boolean``). A plain file
(outside the packs, see :mod:`evonto.query.packs`) may bind any of its variables: an undeclared
one is an IRI when the value is an IRI or a CURIE with a known prefix, a string literal
otherwise, and is bound by the file's one ``VALUES ?NAME`` block or, when it has none, by a
``VALUES`` clause appended to the query. An IRI parameter also takes a label (``organ=lung``),
resolved by ``labels`` (:mod:`evonto.query.labels`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from evonto.errors import EvontoError
from evonto.query.packs import PARAM_KINDS, Param, Query, did_you_mean, values_blocks

XSD = "http://www.w3.org/2001/XMLSchema#"
#: characters RFC 3987 / SPARQL's IRIREF forbid inside <...>
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
#: what ``--param NAME:KIND=VALUE`` may force, and the parameter kind it means
FORCED_KINDS = {
    "iri": "iri",
    "literal": "string",
    "string": "string",
    "integer": "integer",
    "decimal": "decimal",
    "boolean": "boolean",
}


class ParamError(EvontoError):
    """A ``--param`` value that is unknown, malformed or not of the declared kind."""


def iri_term(value: str) -> str:
    """``<iri>`` for an IRI (bare or in angle brackets) or a CURIE with a known prefix."""
    from evonto.prefixes import expand

    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
    elif (_SCHEME.match(text) and "://" in text) or text.startswith("urn:"):
        iri = text
    else:
        try:
            iri = expand(text)
        except ValueError as exc:
            raise ParamError(f"{value!r} is not an IRI or a CURIE: {exc}") from None
    if not _SCHEME.match(iri) or _IRI_FORBIDDEN.search(iri):
        raise ParamError(f"{value!r} is not a valid IRI")
    return f"<{iri}>"


def string_term(value: str) -> str:
    """A double-quoted SPARQL string literal with every special character escaped."""
    from evonto.query.results import escape_string

    escaped = escape_string(value)
    if any(ord(c) < 0x20 for c in escaped):
        raise ParamError(f"{value!r} contains control characters")
    return f'"{escaped}"'


def looks_like_iri(value: str) -> bool:
    """Whether ``value`` is written as an IRI (bare or in ``<...>``) or a CURIE with a known
    prefix (whether or not it is a valid one: :func:`iri_term` says what is wrong)."""
    from evonto.prefixes import expand

    text = value.strip()
    if (text.startswith("<") and text.endswith(">")) or text.startswith("urn:"):
        return True
    if _SCHEME.match(text) and "://" in text:
        return True
    try:
        expand(text)
    except ValueError:
        return False
    return True


def term_for(param: Param, value: str, labels: Callable[[str], str] | None = None) -> str:
    """The SPARQL serialisation of ``value`` as the kind ``param`` declares.

    For an IRI parameter, ``labels`` (when given) turns a value that is no IRI or CURIE, such
    as ``lung``, into the IRI of the term with that label, or raises a :class:`ParamError`.
    """
    kind = param.kind
    text = value.strip()
    if kind == "iri":
        if labels is not None and not looks_like_iri(value):
            return f"<{labels(value)}>"
        return iri_term(value)
    if kind == "string":
        return string_term(value)
    if kind == "integer" and _INTEGER.match(text):
        return f'"{canonical_integer(text)}"^^<{XSD}integer>'
    if kind == "decimal" and _DECIMAL.match(text):
        return f'"{text}"^^<{XSD}decimal>'
    if kind == "boolean" and text.lower() in {"true", "false", "1", "0"}:
        return f'"{"true" if text.lower() in {"true", "1"} else "false"}"^^<{XSD}boolean>'
    raise ParamError(f"parameter {param.name!r} must be {PARAM_KINDS[kind]}; got {value!r}")


def canonical_integer(text: str) -> str:
    """``+007`` → ``7``, ``-0`` → ``0``: by text, so no digit count is too long for Python."""
    sign = "-" if text.startswith("-") else ""
    digits = text.lstrip("+-").lstrip("0") or "0"
    return f"{sign if digits != '0' else ''}{digits}"


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """``["k=v", "k:kind=v", ...]`` from ``--param`` options as a dict; the last one wins.

    Keys are ``NAME`` or ``NAME:KIND`` (a forced kind, one of :data:`FORCED_KINDS`).
    """
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        name, _, kind = key.strip().partition(":")
        if not sep or not name:
            raise ParamError(f"--param {pair!r}: write it as NAME=VALUE (or NAME:KIND=VALUE)")
        if kind and kind not in FORCED_KINDS:
            raise ParamError(
                f"--param {pair!r}: unknown kind {kind!r}; use one of {', '.join(FORCED_KINDS)}"
            )
        for old in [k for k in out if k.partition(":")[0] == name]:
            del out[old]
        out[key.strip()] = value
    return out


def bind(
    query: Query, values: Mapping[str, str], labels: Callable[[str], str] | None = None
) -> str:
    """The query text with each parameter's VALUES block holding its (validated) value.

    ``values`` maps ``NAME`` or ``NAME:KIND`` to the text given (see :func:`parse_assignments`);
    a pack query takes only its declared parameters, a plain file any of its variables.
    """
    given = {k.partition(":")[0]: (k.partition(":")[2], v) for k, v in values.items()}
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown and not query.plain:
        names = ", ".join(declared) or "none"
        raise ParamError(
            f"{query.id} has no parameter {', '.join(map(repr, unknown))}"
            f"{did_you_mean(unknown[0], list(declared))} (parameters: {names})"
        )
    text = query.text
    for param in query.params:
        forced, value = given.get(param.name, ("", param.default))
        if forced:
            param = Param(param.name, FORCED_KINDS[forced], param.default, param.description)
        term = term_for(param, value, labels)
        (block,) = values_blocks(text, param.name)
        start, end = block.span("body")
        text = f"{text[:start]} {term} {text[end:]}"
    trailing: list[tuple[str, str]] = []
    for name in unknown:
        forced, value = given[name]
        term = _variable_term(text, query, name, forced, value, labels)
        blocks = values_blocks(text, name)
        if len(blocks) == 1:
            start, end = blocks[0].span("body")
            text = f"{text[:start]} {term} {text[end:]}"
        else:
            trailing.append((name, term))
    if trailing:  # one ValuesClause after the query binds them all
        names = " ".join(f"?{n}" for n, _ in trailing)
        terms = " ".join(t for _, t in trailing)
        text = f"{text.rstrip()}\nVALUES ({names}) {{ ({terms}) }}\n"
    return text


def _variable_term(
    text: str,
    query: Query,
    name: str,
    forced: str,
    value: str,
    labels: Callable[[str], str] | None,
) -> str:
    """The term for ``?name`` of a plain file: forced kind, else IRI when it looks like one."""
    variables = query_variables(text)
    if name not in variables:
        raise ParamError(
            f"{query.shown} has no variable ?{name}"
            f"{did_you_mean(name, sorted(variables))} (variables: "
            + (", ".join(f"?{v}" for v in sorted(variables)) or "none")
            + ")"
        )
    kind = FORCED_KINDS[forced] if forced else ("iri" if looks_like_iri(value) else "string")
    return term_for(Param(name, kind, ""), value, labels if forced == "iri" else None)


_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def query_variables(text: str) -> set[str]:
    """The variable names a query mentions (outside comments and strings, roughly)."""
    found: set[str] = set()
    for line in text.splitlines():
        code = re.sub(r'"(?:[^"\\]|\\.)*"|<[^<>\s]*>', "", line)
        code = code.split("#", 1)[0]
        found.update(_VARIABLE.findall(code))
    return found
