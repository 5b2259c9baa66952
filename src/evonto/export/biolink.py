"""Check KGX tables against the Biolink model shipped in the ``biolink-model`` package (offline).

Each node and edge row is loaded into the model's own pydantic classes (unknown columns, wrong
categories and bad enum values fail there); predicates must be concrete Biolink predicates
(descendants of ``related to``, not abstract or mixin); every edge end must be a node. An id whose
prefix Biolink does not list for its category is a warning, as in KGX's own validator.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from evonto.export.kgx import LIST_SEP, KgxTables
from evonto.problems import Issue

MULTIVALUED_EDGE = {"publications", "has_evidence_of_type"}
MULTIVALUED_NODE = {"category", "provided_by"}
REQUIRED_NODE = ("id", "category")
REQUIRED_EDGE = ("id", "subject", "predicate", "object", "knowledge_level", "agent_type")


CHECK = "kgx_biolink"


def _at(level: str, where: tuple[str, int], message: str) -> Issue:
    """One problem of a KGX row (``where``: ``nodes`` or ``edges`` and row number, header 1)."""
    from evonto.export.writers import KGX_EDGES, KGX_NODES

    table, number = where
    return Issue(
        "export", CHECK, level, message, KGX_NODES if table == "nodes" else KGX_EDGES, number
    )


@cache
def schema() -> dict[str, Any]:
    """The Biolink model YAML of the installed ``biolink-model`` package."""
    import yaml

    path = resources.files("biolink_model") / "schema" / "biolink_model.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def biolink_version() -> str:
    return str(schema().get("version", "unknown"))


def _is_a_chain(table: dict[str, Any], name: str) -> list[str]:
    chain = [name]
    while (parent := (table.get(chain[-1]) or {}).get("is_a")) and parent not in chain:
        chain.append(parent)
    return chain


def _element(curie: str) -> str:
    """``biolink:located_in`` -> ``located in``; ``biolink:CellLine`` -> ``CellLine``."""
    return curie.removeprefix("biolink:").replace("_", " ")


def predicate_problem(predicate: str) -> str | None:
    """Why a predicate is not a usable Biolink predicate (``None`` when it is)."""
    slots = schema()["slots"]
    name = _element(predicate)
    if not predicate.startswith("biolink:") or name not in slots:
        return f"{predicate} is not a Biolink slot"
    if "related to" not in _is_a_chain(slots, name):
        return f"{predicate} is not a predicate (not under biolink:related_to)"
    if slots[name].get("abstract") or slots[name].get("mixin"):
        return f"{predicate} is abstract or a mixin"
    return None


def _class_name(category: str) -> str | None:
    """The Biolink class (schema name) for a category CURIE like ``biolink:MicroRNA``."""
    wanted = category.removeprefix("biolink:")
    for name in schema()["classes"]:
        if (
            name.replace(" ", "").lower() == wanted.lower()
            and "".join(w[:1].upper() + w[1:] for w in name.split(" ")) == wanted
        ):
            return name
    return None


def id_prefixes(class_name: str) -> set[str]:
    classes = schema()["classes"]
    return set(classes.get(class_name, {}).get("id_prefixes") or [])


def _values(row: dict[str, str], multivalued: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column, text in row.items():
        if text == "":
            continue
        if column in multivalued:
            out[column] = text.split(LIST_SEP)
        elif column == "negated":
            out[column] = text.lower() == "true"
        else:
            out[column] = text
    return out


def check_kgx(tables: KgxTables) -> list[Issue]:
    """Every problem in the KGX tables, errors and warnings, in row order."""
    from biolink_model.datamodel import pydanticmodel_v2 as model
    from pydantic import ValidationError

    problems: list[Issue] = []
    node_ids: set[str] = set()
    for number, row in enumerate(tables.nodes, start=2):
        where = ("nodes", number)
        problems += [_at("error", where, f"empty {c}") for c in REQUIRED_NODE if not row.get(c)]
        if row.get("id") in node_ids:
            problems.append(_at("error", where, f"duplicate node id {row['id']}"))
        node_ids.add(row.get("id", ""))
        if ":" not in row.get("id", ":")[1:]:
            problems.append(_at("error", where, f"id {row.get('id')!r} is not a CURIE"))
        for category in row.get("category", "").split(LIST_SEP):
            name = _class_name(category)
            if name is None:
                problems.append(_at("error", where, f"{category} is not a Biolink class"))
                continue
            cls = getattr(model, category.removeprefix("biolink:"), None)
            try:
                cls(**_values(row, MULTIVALUED_NODE))
            except ValidationError as exc:
                problems.append(_at("error", where, _pydantic_message(exc)))
            prefix = row["id"].split(":", 1)[0]
            if prefix not in id_prefixes(name):
                problems.append(
                    _at("warn", where, f"prefix {prefix} not in id_prefixes of {category}")
                )
    edge_ids: set[str] = set()
    for number, row in enumerate(tables.edges, start=2):
        where = ("edges", number)
        problems += [_at("error", where, f"empty {c}") for c in REQUIRED_EDGE if not row.get(c)]
        if row.get("id") in edge_ids:
            problems.append(_at("error", where, f"duplicate edge id {row['id']}"))
        edge_ids.add(row.get("id", ""))
        if why := predicate_problem(row.get("predicate", "")):
            problems.append(_at("error", where, why))
        for end in ("subject", "object"):
            if row.get(end) not in node_ids:
                problems.append(_at("error", where, f"{end} {row.get(end)} is not a node"))
        try:
            model.Association(**_values(row, MULTIVALUED_EDGE))
        except ValidationError as exc:
            problems.append(_at("error", where, _pydantic_message(exc)))
    return problems


def _pydantic_message(exc: Any) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
    )
