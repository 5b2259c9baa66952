"""Parameter values, validated and serialised as RDF terms, bound into a query's VALUES block.

A value is never pasted into the query as text: it is parsed as the kind the header declares
(IRI or CURIE, string, integer, decimal, boolean) and written back in SPARQL's own term syntax,
so nothing a user passes can close a block or add a clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from evonto.errors import EvontoError
from evonto.query.packs import PARAM_KINDS, Param, Query, values_blocks

XSD = "http://www.w3.org/2001/XMLSchema#"
#: characters RFC 3987 / SPARQL's IRIREF forbid inside <...>
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")


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
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if any(ord(c) < 0x20 for c in escaped):
        raise ParamError(f"{value!r} contains control characters")
    return f'"{escaped}"'


def term_for(param: Param, value: str) -> str:
    """The SPARQL serialisation of ``value`` as the kind ``param`` declares."""
    kind = param.kind
    text = value.strip()
    if kind == "iri":
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
    """``["k=v", ...]`` from ``--param`` options as a dict; the last one wins."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParamError(f"--param {pair!r}: write it as NAME=VALUE")
        out[name.strip()] = value
    return out


def bind(query: Query, values: Mapping[str, str]) -> str:
    """The query text with each parameter's VALUES block holding its (validated) value."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        declared = ", ".join(p.name for p in query.params) or "none"
        raise ParamError(
            f"{query.id} has no parameter {', '.join(map(repr, unknown))} (parameters: {declared})"
        )
    text = query.text
    for param in query.params:
        term = term_for(param, values.get(param.name, param.default))
        (block,) = values_blocks(text, param.name)
        start, end = block.span("body")
        text = f"{text[:start]} {term} {text[end:]}"
    return text
