"""Query packs: ``queries/<pack>/*.rq`` files and their metadata comment blocks.

Each file starts with a block of ``#`` comment lines::

    # title: Cargo that drives metastasis to an organ
    # question: Which EV cargo drives metastasis to a given organ, through which
    #   mechanisms, and which primary studies report it?
    # param: organ iri = UBERON:0002048 -- the target organ (a UBERON class)
    # keywords: organotropism, cargo, mechanism

A line indented by two spaces after the ``#`` continues the previous field. Each parameter
names a variable that the query binds with exactly one ``VALUES ?name { default }`` block, so the
file runs as it stands in any SPARQL client; :mod:`evonto.query.params` rewrites that block.

A user's own ``.rq`` file outside the packs is *plain*: it runs as it is, the header is optional
(its title defaults to the file name) and ``--param`` may bind any of its variables.

Plain Python only: listing packs must not import an RDF library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from evonto.errors import EvontoError, Location, SourceError, display_path

#: parameter kinds and what a value must be
PARAM_KINDS: dict[str, str] = {
    "iri": "an IRI in <...> or a CURIE with a known prefix",
    "string": "any text (bound as an xsd:string literal)",
    "integer": "a whole number (xsd:integer)",
    "decimal": "a decimal number (xsd:decimal)",
    "boolean": "true or false (xsd:boolean)",
}
FIELDS = ("title", "question", "param", "keywords")  # other ``# key:`` fields are ignored
REQUIRED = ("title", "question")
QC_PACK = "qc"

_FIELD_LINE = re.compile(r"^#\s?(?P<key>[a-z]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<kind>[a-z]+)\s*=\s*(?P<default>\S+)"
    r"(?:\s+--\s+(?P<description>.+))?$"
)


@dataclass(frozen=True)
class Param:
    """A query parameter: the variable it binds, its kind, default and description."""

    name: str
    kind: str
    default: str
    description: str = ""


@dataclass(frozen=True)
class Query:
    """One competency question: its file, metadata and SPARQL text."""

    pack: str
    name: str
    path: Path
    title: str
    question: str
    text: str
    params: tuple[Param, ...] = ()
    keywords: tuple[str, ...] = ()
    header_lines: int = 0
    plain: bool = False  #: a user's file outside the packs: header optional, any ?var bindable

    @property
    def id(self) -> str:
        """``pack/name``, how users name the query on the command line."""
        return f"{self.pack}/{self.name}"

    @property
    def shown(self) -> str:
        """How messages name the query: its id, or the file for a plain query."""
        return display_path(self.path) if self.plain else self.id

    @property
    def iri(self) -> str:
        """The IRI of the query's description in the examples graph."""
        return f"https://w3id.org/evonto/query/{self.pack}/{self.name}"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass
class _Header:
    fields: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    end: int = 0


def read_header(text: str) -> _Header:
    """The ``# key: value`` comment block at the top of a ``.rq`` file (both packs and QC)."""
    header = _Header()
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.rstrip()
        if not stripped.startswith("#"):
            if stripped:
                break
            header.end = number
            last = None
            continue
        header.end = number
        if match := _FIELD_LINE.match(stripped):
            last = match["key"]  # other packs (qc) add fields of their own: kept, not checked
            header.fields.setdefault(last, []).append(match["value"].strip())
            header.lines.setdefault(last, []).append(number)
        elif (match := _CONTINUATION.match(stripped)) and last is not None:
            header.fields[last][-1] += " " + match["value"].strip()
        else:
            last = None
    return header


def parse_query_file(path: Path, pack: str | None = None, *, plain: bool = False) -> Query:
    """Read one ``.rq`` file and its metadata; :class:`SourceError` names the bad line.

    ``plain``: a user's file outside the packs, whose metadata header is optional.
    """
    where = display_path(path)
    from evonto.rdfio import decode_utf8  # plain Python: rdfio loads no RDF library itself

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("no such query file", Location(where)) from None
    except OSError as exc:
        raise SourceError(f"cannot read query file: {exc}", Location(where)) from None
    text = decode_utf8(data, where)
    header = read_header(text)
    if "question" not in header.fields and "description" in header.fields:
        header.fields["question"] = header.fields["description"]
        header.lines["question"] = header.lines["description"]
    if plain:
        header.fields.setdefault("title", [path.stem])
        header.fields.setdefault("question", [""])
    for key in REQUIRED:
        if not header.fields.get(key):
            raise SourceError(f"metadata header has no '# {key}:' line", Location(where, 1))
        if len(header.fields[key]) > 1:
            raise SourceError(f"'# {key}:' given twice", Location(where, header.lines[key][1]))
    params = []
    for value, number in zip(
        header.fields.get("param", []), header.lines.get("param", []), strict=True
    ):
        params.append(_parse_param(value, Location(where, number)))
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise SourceError("a parameter is declared twice", Location(where))
    keywords = tuple(
        k.strip() for v in header.fields.get("keywords", []) for k in v.split(",") if k.strip()
    )
    query = Query(
        pack=pack or path.parent.name,
        name=path.stem,
        path=path,
        title=header.fields["title"][0],
        question=header.fields["question"][0],
        text=text,
        params=tuple(params),
        keywords=keywords,
        header_lines=header.end,
        plain=plain,
    )
    for param in query.params:
        count = len(values_blocks(query.text, param.name))
        if count != 1:
            raise SourceError(
                f"parameter {param.name!r} needs exactly one 'VALUES ?{param.name} {{ ... }}' "
                f"block in the query, found {count}",
                Location(where),
            )
    return query


def _parse_param(value: str, where: Location) -> Param:
    match = _PARAM.match(value)
    if not match:
        raise SourceError("parameter must read 'NAME KIND = DEFAULT -- description'", where)
    if match["kind"] not in PARAM_KINDS:
        raise SourceError(
            f"unknown parameter kind {match['kind']!r}; expected one of {', '.join(PARAM_KINDS)}",
            where,
        )
    return Param(match["name"], match["kind"], match["default"], match["description"] or "")


def values_blocks(text: str, name: str) -> list[re.Match[str]]:
    """The ``VALUES ?name { ... }`` blocks of a query (outside comment lines)."""
    pattern = re.compile(
        rf"\bVALUES\s+[?$]{re.escape(name)}\s*\{{(?P<body>[^{{}}]*)\}}", re.IGNORECASE
    )
    found = []
    for match in pattern.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not text[line_start : match.start()].lstrip().startswith("#"):
            found.append(match)
    return found


def discover(queries_dir: Path, *, include_qc: bool = False) -> list[Query]:
    """Every query of every pack under ``queries_dir``, sorted by pack and name."""
    if not queries_dir.is_dir():
        return []
    found = []
    for path in sorted(queries_dir.glob("*/*.rq")):
        if path.parent.name == QC_PACK and not include_qc:
            continue
        found.append(parse_query_file(path))
    return found


def find(queries_dir: Path, name: str) -> Query:
    """A query named ``pack/name``, ``name`` (when unique) or a path to an ``.rq`` file."""
    candidate = Path(name)
    if candidate.suffix == ".rq" or candidate.is_file():
        inside = candidate.resolve().is_relative_to(queries_dir.resolve())
        return parse_query_file(candidate, pack=candidate.parent.name or "local", plain=not inside)
    queries = discover(queries_dir)
    if name.startswith(QC_PACK + "/"):
        queries = discover(queries_dir, include_qc=True)
    exact = [q for q in queries if q.id == name]
    if exact:
        return exact[0]
    by_name = [q for q in queries if q.name == name]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        options = ", ".join(q.id for q in by_name)
        raise EvontoError(f"query name {name!r} is ambiguous: use one of {options}")
    raise EvontoError(
        f"no query named {name!r}{did_you_mean(name, [q.id for q in queries])}; "
        "`evonto query --list` shows the packs and their questions"
    )


def did_you_mean(name: str, known: list[str]) -> str:
    """`` (did you mean 'a' or 'b'?)`` for the known names close to ``name``, else ``""``.

    A name matches by its whole text or, for ``pack/name`` entries, by its last part.
    """
    import difflib

    tails = {k.rsplit("/", 1)[-1]: k for k in known}
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    close += [
        tails[t] for t in difflib.get_close_matches(name.rsplit("/", 1)[-1], list(tails), n=3)
    ]
    close = list(dict.fromkeys(close))[:3]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
