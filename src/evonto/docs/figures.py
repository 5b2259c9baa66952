"""Atlas heat maps as SVG drawn here: text stays text, sized to read at 100 % zoom.

Every figure is laid out at the size the page shows it (at most ``MAX_WIDTH`` CSS px, the page's
content width at a 1280-px viewport), with text of at least ``FONT`` px. Colours are
colour-blind safe: Okabe-Ito vermillion and blue for the metastatic roles, viridis for counts.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from html import escape

from evonto.docs.atlas import ANTI, NO_ROLE, PRO, SYSTEMIC, SYSTEMIC_LABEL, Matrix

FONT = 13  #: body text of every figure, CSS px
TITLE_FONT = 15
LINE = 17  #: line height of wrapped labels
CHAR = 0.58  #: average glyph width of a sans-serif font, in em (for layout estimates)
MAX_WIDTH = 1120
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
INK, MUTED, EMPTY = "#222222", "#555555", "#f2f2f2"
#: Okabe & Ito (2008) colours for the two metastatic roles
ROLE_COLOURS = {
    "pro-metastatic": "#D55E00",
    "anti-metastatic": "#0072B2",
    "no role asserted": "#999999",
}
#: viridis at eleven even steps (matplotlib's table), used from light (few) to dark (many)
VIRIDIS = (
    "#440154",
    "#482475",
    "#414487",
    "#355f8d",
    "#2a788e",
    "#21918c",
    "#22a884",
    "#44bf70",
    "#7ad151",
    "#bddf26",
    "#fde725",
)

Label = Callable[[str], str]


def num(value: float) -> str:
    """A coordinate as short, stable text (one decimal at most)."""
    return format(round(value, 1), "g")


def text_width(text: str, size: int = FONT) -> float:
    """Estimated width of ``text`` in px at ``size``."""
    return len(text) * size * CHAR


def wrap(text: str, chars: int) -> list[str]:
    """``text`` broken into lines of at most ``chars`` characters (long words kept whole)."""
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]


def svg_open(width: float, height: float, css_class: str, title: str, desc: str) -> list[str]:
    """The root element (inherited font settings), its title and description."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" role="img" class="{css_class}" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT}" fill="{INK}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
    ]


def text_lines(lines: list[str], x: float, y: float, anchor: str = "start", extra: str = "") -> str:
    """A ``<text>`` of one or more lines, the first baseline at ``y``."""
    attrs = f'x="{num(x)}" y="{num(y)}"' + (f' text-anchor="{anchor}"' if anchor != "start" else "")
    if len(lines) == 1:
        return f"<text {attrs}{extra}>{escape(lines[0])}</text>"
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}{extra}>{spans}</text>"


def count_colour(value: int, maximum: int) -> tuple[str, str]:
    """(fill, text colour) for a count: light viridis for few findings, dark for many."""
    if value <= 0 or maximum <= 0:
        return EMPTY, INK
    step = round((value - 1) / max(maximum - 1, 1) * 8)  # the eight darkest-to-light steps
    fill = VIRIDIS[10 - step]
    return fill, ("#ffffff" if 10 - step <= 5 else "#111111")


def role_legend(x: float, y: float) -> list[str]:
    """Two swatches naming the colours of the metastatic roles."""
    out = []
    for role, colour in ROLE_COLOURS.items():
        out.append(f'<rect x="{num(x)}" y="{num(y - 11)}" width="14" height="14" fill="{colour}"/>')
        out.append(f'<text x="{num(x + 20)}" y="{num(y)}">{escape(role)}</text>')
        x += 20 + text_width(role) + 24
    return out


def heatmap_svg(matrix: Matrix, label: Label, row_name: str) -> str:
    """The matrix as an SVG heat map: one row per category, one column per organ.

    A cell shows its number of findings (shade and number); when some of them are
    anti-metastatic the cell says how many. ``row_name`` heads the row labels."""
    col_w, pad = 108, 10
    rows = {r: wrap(label(r), 46) for r in matrix.rows}
    cols = {c: wrap(SYSTEMIC_LABEL if c == SYSTEMIC else label(c), 13) for c in matrix.columns}
    left = max([text_width(line) for lines in rows.values() for line in lines] + [120]) + 2 * pad
    head_lines = max([len(v) for v in cols.values()] + [1])
    top = 32 + head_lines * LINE + 8
    heights = [max(30, len(rows[r]) * LINE + 10) for r in matrix.rows]
    width = left + col_w * len(matrix.columns) + pad
    legend_y = top + sum(heights) + 28
    height = legend_y + 74
    title = matrix.title
    desc = (
        f"{len(matrix.rows)} {row_name} rows by {len(matrix.columns)} organ columns; "
        "each cell counts the findings (pro- and anti-metastatic) with that pair."
    )
    out = svg_open(width, height, "heatmap", title, desc)
    out.append(
        f'<text x="{pad}" y="20" font-size="{TITLE_FONT}" font-weight="bold">{escape(title)}</text>'
    )
    out.append(
        f'<text x="{num(left - pad)}" y="{num(top - 8)}" text-anchor="end" fill="{MUTED}">'
        f"{escape(row_name)} \u2193 / organ \u2192</text>"
    )
    for j, column in enumerate(matrix.columns):
        x = left + j * col_w + col_w / 2
        first = top - 8 - (len(cols[column]) - 1) * LINE
        out.append(text_lines(cols[column], x, first, "middle", ' font-weight="bold"'))
    y = top
    for row, h in zip(matrix.rows, heights, strict=True):
        lines = rows[row]
        first = y + h / 2 + 4.5 - (len(lines) - 1) * LINE / 2
        out.append(text_lines(lines, left - pad, first, "end"))
        for j, column in enumerate(matrix.columns):
            total = matrix.total(row, column)
            pro, anti = matrix.count(row, column, PRO), matrix.count(row, column, ANTI)
            none = matrix.count(row, column, NO_ROLE)
            fill, ink = count_colour(total, matrix.maximum)
            x = left + j * col_w
            tip = (
                f"{' '.join(lines)} / {' '.join(cols[column])}: {total} finding(s), "
                f"{pro} pro-metastatic, {anti} anti-metastatic, {none} with no role asserted"
            )
            out.append(
                f'<rect class="cell" data-row="{escape(row)}" data-column="{escape(column)}" '
                f'data-count="{total}" data-pro="{pro}" data-anti="{anti}" data-none="{none}" '
                f'x="{num(x + 1)}" y="{num(y + 1)}" width="{col_w - 2}" height="{num(h - 2)}" '
                f'fill="{fill}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            if total:
                mark = f"{total} ({anti} anti)" if anti else str(total)
                out.append(
                    f'<text x="{num(x + col_w / 2)}" y="{num(y + h / 2 + 4.5)}" '
                    f'text-anchor="middle" fill="{ink}">{escape(mark)}</text>'
                )
        y += h
    out += _count_legend(left, legend_y, matrix.maximum)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _count_legend(x: float, y: float, maximum: int) -> list[str]:
    """The shade scale and what a cell's text means."""
    out = [f'<text x="{num(x)}" y="{num(y)}">findings per cell:</text>']
    steps = sorted({1, maximum, *(round(1 + i * (maximum - 1) / 4) for i in range(5))})
    cx = x + text_width("findings per cell:") + 12
    for value in steps if maximum > 0 else []:
        fill, ink = count_colour(value, maximum)
        out.append(
            f'<rect x="{num(cx)}" y="{num(y - 15)}" width="40" height="22" fill="{fill}"/>'
            f'<text x="{num(cx + 20)}" y="{num(y)}" text-anchor="middle" fill="{ink}">'
            f"{value}</text>"
        )
        cx += 42
    out.append(
        f'<text x="{num(x)}" y="{num(y + 30)}" fill="{MUTED}">A number counts every finding '
        "with the pair, whatever its metastatic role;</text>"
    )
    out.append(
        f'<text x="{num(x)}" y="{num(y + 30 + LINE)}" fill="{MUTED}">'
        "\u201c(n anti)\u201d: n of them are anti-metastatic. Empty: no finding.</text>"
    )
    return out
