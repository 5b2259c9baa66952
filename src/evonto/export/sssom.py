"""The SSSOM mapping set: checked and converted with the reference ``sssom`` package (offline).

``sssom`` is an optional dependency (``pip install 'evonto[export]'``); the build does not need
it. Every CURIE prefix the set declares must expand exactly as :data:`PREFIX_MAP` says.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from evonto.errors import Location, SourceError, display_path
from evonto.export import require
from evonto.prefixes import PREFIX_MAP

FORMATS = {"json": "evonto.sssom.json", "rdf": "evonto.sssom.ttl", "owl": "evonto.sssom.owl.ttl"}


def parse(path: Path) -> Any:
    """The mapping set as a ``MappingSetDataFrame``; unreadable files raise :class:`SourceError`."""
    return _parse(path)[0]


def _parse(path: Path) -> tuple[Any, list[str]]:
    """The mapping set and the parser's warnings (e.g. rows it dropped as not well-formed)."""
    import logging

    require("sssom", "the SSSOM export")
    from sssom.parsers import parse_sssom_table

    if not path.is_file():
        raise SourceError("no such file", Location(display_path(path)))

    class Collect(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.WARNING)
            self.messages: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.messages.append(record.getMessage())

    collect = Collect()
    logger = logging.getLogger("sssom")
    logger.addHandler(collect)
    try:
        # not strict=True: sssom 0.4.21 inverts its metadata test there and rejects valid files;
        # check() tests the header keys itself
        msdf = parse_sssom_table(path)
    except Exception as exc:  # the parser raises many kinds; all mean "not a valid SSSOM table"
        raise SourceError(f"not a valid SSSOM table: {exc}", Location(display_path(path))) from None
    finally:
        logger.removeHandler(collect)
    return msdf, collect.messages


def check(path: Path) -> list[str]:
    """Every problem the ``sssom`` validators and the evonto prefix map find (empty: valid)."""
    from sssom.validators import validate

    msdf, warnings = _parse(path)
    problems = [f"parser: {m}" for m in warnings if "not well-formed" in m]
    for kind, report in validate(msdf, fail_on_error=False).items():
        problems += [f"{kind.value}: {result.message}" for result in report.results]
    for prefix, uri in sorted(msdf.converter.bimap.items()):
        if prefix in PREFIX_MAP and PREFIX_MAP[prefix] != uri:
            problems.append(f"prefix {prefix} is <{uri}> here but <{PREFIX_MAP[prefix]}> in evonto")
    problems += [f"metadata: {key!r} is not an SSSOM mapping set slot" for key in _odd_keys(path)]
    if msdf.df is None or msdf.df.empty:
        problems.append("the mapping set has no mappings")
    return problems


def convert(path: Path, fmt: str) -> bytes:
    """The mapping set as SSSOM/JSON, SSSOM/RDF (Turtle) or OWL axioms (Turtle), deterministic."""
    from sssom import writers

    from evonto.rdfio import serialize

    msdf = parse(path)
    if fmt == "json":
        buffer = io.StringIO()
        writers.write_json(msdf, buffer)
        return (json.dumps(json.loads(buffer.getvalue()), indent=2, sort_keys=True) + "\n").encode()
    graph = writers.to_rdf_graph(msdf) if fmt == "rdf" else writers.to_owl_graph(msdf)
    return serialize(graph, "turtle")


def _odd_keys(path: Path) -> list[str]:
    """Header keys that are neither SSSOM mapping set slots nor declared extensions."""
    import yaml
    from sssom.constants import SSSOMSchemaView

    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:])
    header = yaml.safe_load("\n".join(lines)) or {}
    extensions = {e.get("slot_name") for e in header.get("extension_definitions") or []}
    allowed = set(SSSOMSchemaView().mapping_set_slots) | {"curie_map"} | extensions
    return sorted(key for key in header if key not in allowed)
