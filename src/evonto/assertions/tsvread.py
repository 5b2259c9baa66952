"""Reading a curated TSV into rows whose cells know their file line and column name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from evonto.assertions.columns import Column
from evonto.errors import Location
from evonto.problems import Issue

BOM = b"\xef\xbb\xbf"
CHECK = "tsv"


@dataclass
class Row:
    """One data row: its line in the file and its cells by column name (stripped text)."""

    line: int
    cells: dict[str, str]


@dataclass
class Table:
    """The rows of one table and the problems found while reading it."""

    file: str  #: the path as shown in messages
    rows: list[Row] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)

    def problem(
        self, line: int | None, column: int | str | None, message: str, level: str = "error"
    ) -> None:
        self.problems.append(Issue.at(Location(self.file, line, column), message, level, CHECK))


def _unquote(cell: str) -> str:
    """A cell without surrounding spaces, and without the double quotes a spreadsheet adds."""
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].replace('""', '"').strip()
    return cell


def _decode(table: Table, data: bytes, names: list[str]) -> list[str]:
    """Lines of text; a line with bytes that are not UTF-8 is reported and left empty."""
    lines: list[str] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.removesuffix(b"\r")
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            cell_index = raw[: exc.start].count(b"\t")
            column = names[cell_index] if cell_index < len(names) else cell_index + 1
            table.problem(
                number, column, f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
            )
            lines.append("")
    return lines


def read_table(path: Path, display: str, columns: tuple[Column, ...]) -> Table:
    """Read ``path``: header row, optional slot row (first cell ``ID``), then data rows.

    A UTF-8 byte-order mark is stripped and CRLF line ends are accepted, as spreadsheets write
    them. Every problem is collected in ``Table.problems``; nothing is raised for bad content.
    Within a :func:`evonto.rdfio.parse_session` the file is read once (a copy after that).
    """
    import copy

    from evonto.rdfio import read_once

    reader = "tsv:" + display + ":" + ",".join(c.name for c in columns)
    return read_once(path, reader, lambda: _read_table(path, display, columns), copy.deepcopy)


def _read_table(path: Path, display: str, columns: tuple[Column, ...]) -> Table:
    table = Table(display)
    try:
        data = path.read_bytes()
    except OSError as exc:
        table.problem(None, None, f"cannot read: {exc.strerror or exc}")
        return table
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        table.problem(1, None, "file is UTF-16 (a spreadsheet's 'Unicode text'); save it as UTF-8")
        return table
    if b"\x00" in data[:8192]:
        table.problem(None, None, "binary file, not tab-separated text")
        return table
    data = data.removeprefix(BOM)
    if not data.strip():
        table.problem(None, None, "file is empty; expected a header row")
        return table
    header_raw = data.split(b"\n", 1)[0].removesuffix(b"\r")
    header_guess = header_raw.decode("utf-8", errors="replace").split("\t")
    lines = _decode(table, data, [_unquote(h) for h in header_guess])
    header = [_unquote(h) for h in lines[0].split("\t")]
    if not _check_header(table, header, columns):
        return table
    by_name = {c.name: c for c in columns}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = [_unquote(c) for c in line.split("\t")]
        if number == 2 and cells[0] == "ID":
            _check_slot_row(table, header, cells, by_name)
            continue
        if len(cells) != len(header):
            _report_count(table, number, header, cells)
            continue
        table.rows.append(Row(number, dict(zip(header, cells, strict=True))))
    return table


def _check_header(table: Table, header: list[str], columns: tuple[Column, ...]) -> bool:
    """Report unknown, repeated or missing header names; ``False`` when rows cannot be read."""
    known = {c.name for c in columns}
    ok = True
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if name in seen:
            table.problem(1, name, f"column {name!r} appears twice in the header")
            ok = False
        elif name not in known:
            table.problem(
                1,
                index,
                f"unknown column {name!r}; expected one of: " + ", ".join(c.name for c in columns),
            )
            ok = False
        seen.add(name)
    for column in columns:
        if column.name not in seen:
            table.problem(1, column.name, f"missing column {column.name!r} in the header")
            ok = False
    return ok


def _check_slot_row(
    table: Table, header: list[str], cells: list[str], by_name: dict[str, Column]
) -> None:
    """The optional second row must name each column's slot as the compiler fills it."""
    if len(cells) != len(header):
        _report_count(table, 2, header, cells)
        return
    for name, cell in zip(header, cells, strict=True):
        expected = by_name[name].template
        if cell != expected:
            table.problem(2, name, f"slot row says {cell!r} but this column fills {expected!r}")


def _report_count(table: Table, number: int, header: list[str], cells: list[str]) -> None:
    if len(cells) < len(header):
        table.problem(
            number,
            header[len(cells)],
            f"row has {len(cells)} cells, expected {len(header)}: "
            f"missing cells from column {header[len(cells)]!r} on "
            "(a tab may have been lost)",
        )
    else:
        table.problem(
            number,
            len(header) + 1,
            f"row has {len(cells)} cells, expected {len(header)} "
            "(extra tab, or a tab inside a cell)",
        )
