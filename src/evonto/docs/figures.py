"""Heat-map figures of atlas matrices, as SVG (always) and PNG (with matplotlib)."""

from __future__ import annotations

from html import escape

from evonto.docs.atlas import SYSTEMIC, Matrix

CELL, LEFT, TOP = 34, 230, 200


def _colour(value: int, maximum: int) -> str:
    if value == 0 or maximum == 0:
        return "#f4f4f4"
    strength = value / maximum
    red = int(255 - 200 * strength)
    green = int(245 - 150 * strength)
    return f"#{red:02x}{green:02x}ff"


def heatmap_svg(matrix: Matrix, label) -> str:
    """An SVG heat map; each cell shows the total, with the anti-metastatic count marked."""
    width = LEFT + CELL * len(matrix.columns) + 180
    height = TOP + CELL * len(matrix.rows) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" class="heatmap">',
        f"<title>{escape(matrix.title)}</title>",
        "<style>text{font-family:sans-serif;font-size:12px}</style>",
    ]
    for j, column in enumerate(matrix.columns):
        x = LEFT + j * CELL + CELL / 2
        out.append(
            f'<text x="{x}" y="{TOP - 8}" transform="rotate(-55 {x} {TOP - 8})">'
            f"{escape(label(column))}</text>"
        )
    for i, row in enumerate(matrix.rows):
        y = TOP + i * CELL
        name = "systemic / no organ" if row == SYSTEMIC else label(row)
        out.append(
            f'<text x="{LEFT - 8}" y="{y + CELL / 2 + 4}" text-anchor="end">{escape(name)}</text>'
        )
        for j, column in enumerate(matrix.columns):
            total = matrix.total(row, column)
            anti = matrix.anti.get((row, column), 0)
            x = LEFT + j * CELL
            tip = f"{name} / {label(column)}: {total} finding(s), {anti} anti-metastatic"
            out.append(
                f'<rect class="cell" data-row="{escape(row)}" data-column="{escape(column)}" '
                f'data-count="{total}" x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" '
                f'fill="{_colour(total, matrix.maximum)}"><title>{escape(tip)}</title></rect>'
            )
            if total:
                mark = f"{total}*" if anti else str(total)
                out.append(
                    f'<text x="{x + CELL / 2 - 1}" y="{y + CELL / 2 + 4}" '
                    f'text-anchor="middle">{mark}</text>'
                )
    legend_y = TOP + CELL * len(matrix.rows) + 24
    out.append(
        f'<text x="{LEFT}" y="{legend_y}">count of findings; * = includes anti-metastatic '
        "findings</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def heatmap_png(matrix: Matrix, label) -> bytes:
    """The same heat map as PNG, drawn with matplotlib (Agg backend, no display)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = [[matrix.total(r, c) for c in matrix.columns] for r in matrix.rows]
    fig, ax = plt.subplots(
        figsize=(2 + 0.45 * len(matrix.columns), 2.5 + 0.45 * len(matrix.rows)), dpi=100
    )
    if not data or not data[0]:
        ax.text(0.5, 0.5, "no findings", ha="center", va="center")
        ax.set_axis_off()
        data = []
    else:
        ax.imshow(data, cmap="Blues", aspect="auto")
    ax.set_xticks(
        range(len(matrix.columns)),
        [label(c) for c in matrix.columns],
        rotation=60,
        ha="right",
        fontsize=8,
    )
    rows = ["systemic / no organ" if r == SYSTEMIC else label(r) for r in matrix.rows]
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    for i, row in enumerate(data):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=7)
    ax.set_title(matrix.title, fontsize=10)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
