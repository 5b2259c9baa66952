"""The query guard: decide from the parsed query whether evonto's own engines may run it.

Neither pyoxigraph nor the Oxigraph server can turn ``SERVICE`` off, and a federated query makes
the engine fetch a URL. So every query for the embedded store or ``evonto serve`` is first
parsed with rdflib's SPARQL parser and translated to its algebra; a ``SERVICE`` anywhere (nested
in a sub-select, an ``EXISTS``, a ``HAVING``…), an update, or anything rdflib cannot parse is
refused. Keywords hidden in comments or string literals are not keywords, and ``\\u`` escapes
are decoded first, as the SPARQL grammar says, so text tricks change nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from evonto.errors import EvontoError, Location

#: rdflib's parse-tree and algebra node names for each query form
_FORMS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}
_SERVICE_NODES = {"ServiceGraphPattern"}


class RefusedQuery(EvontoError):
    """A query evonto will not run: federated, an update, or not parseable."""


@dataclass(frozen=True)
class Parsed:
    """What the guard learnt: the query form and whether it calls another endpoint."""

    form: str
    federated: bool


def parse(text: str, where: str = "query") -> Parsed:
    """Parse ``text`` as a SPARQL query (never run it); refuse updates and unparseable text."""
    return _parse(text, where)


@functools.lru_cache(maxsize=512)
def _parse(text: str, where: str) -> Parsed:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception as exc:  # pyparsing's ParseException, or a decoding error
        if is_update(text):
            raise RefusedQuery(
                "SPARQL updates are refused: evonto only reads", Location(where)
            ) from None
        raise _syntax_error(exc, where, may_call_out(text)) from None
    try:
        algebra = translateQuery(tree).algebra
    except Exception as exc:  # rdflib raises bare Exceptions (unknown prefix, bad aggregate)
        raise RefusedQuery(f"not a valid SPARQL query: {exc}", Location(where)) from None
    names = set(_node_names(tree)) | set(_node_names(algebra))
    return Parsed(_FORMS.get(algebra.name, "select"), bool(names & _SERVICE_NODES))


def guard(text: str, where: str = "query") -> str:
    """Refuse what a local engine must not run; return the query form (``select``, ``ask``…)."""
    parsed = parse(text, where)
    if parsed.federated:
        raise RefusedQuery(
            "federated queries (SERVICE) are refused: evonto's engines make no network requests",
            Location(where),
        )
    return parsed.form


def is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _syntax_error(exc: Exception, where: str, federated: bool) -> RefusedQuery:
    """A located message from pyparsing's exception (``expected X, found 'Y'``)."""
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "col", None)
    message = str(getattr(exc, "msg", "") or exc)
    message = re.sub(r"^Expected\b", "expected", message)
    found = getattr(exc, "pstr", None)
    loc = getattr(exc, "loc", None)
    if isinstance(found, str) and isinstance(loc, int):
        token = found[loc : loc + 20].split("\n")[0].strip()
        message += f", found {token!r}" if token else ", found the end of the query"
    location = Location(where, line, column) if line else Location(where)
    if federated:  # rdflib's parser has gaps (a '#' in an IRI before SERVICE): say who refused
        message += " (read by rdflib's parser, which checks queries that mention SERVICE)"
    return RefusedQuery(f"not a valid SPARQL query: {message}", location)


def may_call_out(text: str) -> bool:
    """Whether the text could hold a ``SERVICE`` keyword at all (``\\u`` escapes decoded).

    Without the word anywhere, no SPARQL parser can read a federated query into it, so an
    engine may safely try the text for its own syntax check.
    """
    decoded = re.sub(
        r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
        lambda m: chr(int(m[1] or m[2], 16)) if int(m[1] or m[2], 16) < 0x110000 else "",
        text,
    )
    return "service" in decoded.lower()


def _node_names(node: object) -> Iterator[str]:
    """Every rdflib ``CompValue`` name in a parse tree or an algebra expression."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item.name
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | ParseResults):
            stack.extend(item)
