"""Checking the cells of every row, and the rules that tie columns and rows together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evonto import vocab
from evonto.assertions.columns import Column
from evonto.assertions.terms import TermIndex, curie_problem, source_problem
from evonto.assertions.tsvread import Row, Table
from evonto.errors import Location

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
MIRNA_CARGO = vocab.MICRORNA_CARGO


@dataclass
class Checked:
    """A row whose cells were read into values: text, or lists of CURIEs/sources/booleans."""

    line: int
    values: dict[str, list[str]]

    def one(self, name: str) -> str:
        vals = self.values.get(name) or [""]
        return vals[0]


@dataclass
class ProjectState:
    """What the check of one table leaves for the next: IDs and cargo typing seen so far."""

    ids: dict[str, Location] = field(default_factory=dict)
    cargo_types: dict[str, tuple[str, Location]] = field(default_factory=dict)


def check_rows(
    table: Table, columns: tuple[Column, ...], index: TermIndex, state: ProjectState
) -> list[Checked]:
    """Check every row of ``table``; problems go to ``table.problems``, rows are returned."""
    checked: list[Checked] = []
    for row in table.rows:
        values = {c.name: _check_cell(table, row, c, index) for c in columns}
        item = Checked(row.line, values)
        _check_id(table, item, state)
        if "cargo" in values:
            _check_cargo(table, item, state)
        _check_links(table, item)
        checked.append(item)
    return checked


def _check_cell(table: Table, row: Row, column: Column, index: TermIndex) -> list[str]:
    """The values of one cell (empty list when empty); each bad value is reported."""
    raw = row.cells.get(column.name, "")
    if not raw:
        if column.required:
            table.problem(row.line, column.name, f"required value is empty; expected {column.what}")
        return []
    if column.kind == "text":
        return [raw]
    parts = [p.strip() for p in raw.split("|")] if column.multi else [raw]
    values: list[str] = []
    for part in parts:
        if not part:
            table.problem(row.line, column.name, f"empty value between '|' separators in {raw!r}")
            continue
        message = _value_problem(part, column, index)
        if message:
            table.problem(row.line, column.name, message)
        elif part in values and not column.parallel:
            table.problem(row.line, column.name, f"{part} is listed twice")
        else:
            values.append(part)
    return values


def _value_problem(value: str, column: Column, index: TermIndex) -> str | None:
    if column.kind == "id":
        if not _ID.fullmatch(value):
            return f"{value!r} is not a usable ID: use letters, digits, '-', '_' or '.'"
        return None
    if column.kind == "bool":
        return None if value in ("true", "false") else f"{value!r} is not true or false"
    if column.kind == "choice":
        if value in column.choices:
            return None
        return f"{value!r} is not allowed; expected {column.what}"
    if column.kind == "source":
        return source_problem(value)
    shape = curie_problem(value, column.prefixes, column.what)
    if shape:
        if "is not a CURIE" in shape:
            shape += index.suggest(value, column.prefixes)
        return shape
    declared = index.problem(value)
    if declared:
        return declared
    root = column.under.get(value.split(":", 1)[0])
    if root is not None and not index.is_under(value, root):
        return f"{value} is the wrong kind of term here; expected {column.what}"
    if column.asserted_only and index.is_defined(value):
        return (
            f"{value} is a defined class: the reasoner infers its members from the other "
            f"columns, so it cannot be asserted here; expected {column.what}"
        )
    return None


def _check_id(table: Table, item: Checked, state: ProjectState) -> None:
    ident = item.one("id")
    if not ident:
        return
    here = Location(table.file, item.line, "id")
    first = state.ids.get(ident)
    if first is not None:
        table.problem(item.line, "id", f"duplicate id {ident!r}: first used {_where(table, first)}")
    else:
        state.ids[ident] = here


def _where(table: Table, location: Location) -> str:
    """``on line N`` within the same table, else the full location."""
    return f"on line {location.line}" if location.file == table.file else f"at {location}"


def _check_cargo(table: Table, item: Checked, state: ProjectState) -> None:
    """``cargo`` and ``cargo_class`` are parallel lists; one entity keeps one class everywhere."""
    cargo, classes = item.values.get("cargo", []), item.values.get("cargo_class", [])
    if not cargo or not classes:
        return
    if len(cargo) != len(classes):
        table.problem(
            item.line,
            "cargo_class",
            f"{len(classes)} cargo class(es) for {len(cargo)} cargo value(s); "
            "give one class per cargo, in the same order",
        )
        return
    for entity, klass in zip(cargo, classes, strict=True):
        if entity.startswith("EVONTO:"):
            if klass != entity:
                table.problem(
                    item.line,
                    "cargo_class",
                    f"cargo {entity} is itself a cargo class; its cargo_class must be "
                    f"{entity}, not {klass}",
                )
            continue
        if entity.startswith("mirbase.mature:") and klass != MIRNA_CARGO:
            table.problem(
                item.line,
                "cargo_class",
                f"{entity} is a mature miRNA; its cargo class must be {MIRNA_CARGO}",
            )
            continue
        seen = state.cargo_types.get(entity)
        if seen is None:
            state.cargo_types[entity] = (klass, Location(table.file, item.line, "cargo_class"))
        elif seen[0] != klass:
            table.problem(
                item.line,
                "cargo_class",
                f"{entity} is typed {klass} here but {seen[0]} {_where(table, seen[1])}; "
                "a cargo entity has one cargo class",
            )


def _check_links(table: Table, item: Checked) -> None:
    """Rules between columns of one row."""
    organ, site = item.values.get("target_organ"), item.values.get("site")
    if organ and site and organ != site:
        table.problem(
            item.line,
            "site",
            f"site {site[0]} differs from target_organ {organ[0]}; "
            "when a target organ is given the effect acts there",
        )
    if item.values.get("contested_by") and item.one("contested") != "true":
        table.problem(item.line, "contested", "contested_by is given, so contested must be true")
    no_source = "primary_source" in item.values and not item.values["primary_source"]
    if no_source and not any(
        p.location.line == item.line and p.location.column == "primary_source"
        for p in table.problems
    ):
        table.problem(
            item.line,
            "primary_source",
            "no PMID or DOI: the primary study is cited by text only",
            "warn",
        )
