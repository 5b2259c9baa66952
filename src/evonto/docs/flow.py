"""The flow figure: cargo kind -> mechanism -> target organ, band width = number of findings.

Each band is one (source, target, metastatic role) triple and counts the distinct findings that
have both ends with that role; a node is as tall as the larger of its in- and out-flow and is
labelled with its number of distinct findings. The most reported mechanisms get a node each, the
rest share one. Drawn as static SVG by this module (no script, no web fonts).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape

from evonto.docs.atlas import (
    ROLE_KEYS,
    ROLES,
    cargo_kinds,
    findings_only,
    mechanisms,
    organ_name,
    organ_of,
    organ_order,
    role_of,
)
from evonto.docs.figures import (
    LINE,
    MAX_WIDTH,
    MUTED,
    ROLE_COLOURS,
    TITLE_FONT,
    num,
    role_legend,
    svg_open,
    text_lines,
    text_width,
    wrap,
)
from evonto.docs.model import SiteModel

OTHER = "other-mechanisms"
TOP_MECHANISMS = 12
HEADINGS = ("cargo kind", "mechanism", "target organ")
UNIT, NODE_W, GAP, TOP = 4, 12, 10, 92  # px per finding, node width, gap between nodes, top


@dataclass(frozen=True)
class Flow:
    """Nodes per column and the findings counted on each node and band."""

    columns: tuple[list[str], list[str], list[str]]
    names: dict[tuple[int, str], str]  # (column, node) -> label
    links: dict[tuple[int, str, str, str], int]  # (stage, source, target, role) -> findings
    members: dict[tuple[int, str], dict[str, int]]  # (column, node) -> role -> findings

    def value(self, column: int, node: str) -> int:
        """The node's height in findings: the larger of its in- and out-flow."""
        out = sum(n for (s, a, _, _), n in self.links.items() if s == column and a == node)
        into = sum(n for (s, _, b, _), n in self.links.items() if s == column - 1 and b == node)
        return max(out, into)


def flow(model: SiteModel, top: int = TOP_MECHANISMS) -> Flow:
    """Count the cargo kind -> mechanism -> organ flow of the findings."""
    rows = [
        (
            cargo_kinds(model.graph, f),
            mechanisms(model.graph, f),
            organ_of(f),
            role_of(f),
        )
        for f in findings_only(model)
    ]
    per_mechanism = Counter(m for _, ms, _, _ in rows for m in ms)
    ranked = sorted(per_mechanism, key=lambda m: (-per_mechanism[m], model.label(m)))
    shown = [m for m in ranked[:top] if per_mechanism[m] >= 2]
    links: Counter[tuple[int, str, str, str]] = Counter()
    members: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for kinds, mechs, organ, role in rows:
        groups = {m if m in shown else OTHER for m in mechs}
        for kind in kinds:
            members[(0, kind)][role] += 1
            for group in groups:
                links[(0, kind, group, role)] += 1
        for group in groups:
            members[(1, group)][role] += 1
            links[(1, group, organ, role)] += 1
        members[(2, organ)][role] += 1
    total = {key: sum(c.values()) for key, c in members.items()}
    kinds = sorted(
        {k for c, k in members if c == 0}, key=lambda k: (-total[(0, k)], model.label(k))
    )
    middle = [m for m in shown if (1, m) in members] + ([OTHER] if (1, OTHER) in members else [])
    organs = organ_order(model, {o for c, o in members if c == 2})
    names: dict[tuple[int, str], str] = {(0, k): model.label(k) for k in kinds}
    names.update({(1, m): model.label(m) for m in shown})
    names[(1, OTHER)] = f"{len(ranked) - len(shown)} other mechanisms"
    names.update({(2, o): organ_name(model, o) for o in organs})
    return Flow(
        (kinds, middle, organs),
        names,
        dict(links),
        {key: {r: c[r] for r in ROLES if c[r]} for key, c in members.items()},
    )


def flow_svg(data: Flow) -> str:
    """The flow as an SVG of ``MAX_WIDTH`` px: role-coloured bands between three node columns."""
    labels = {
        key: wrap(f"{name} ({sum(data.members[key].values())})", 48 if key[0] == 1 else 60)
        for key, name in data.names.items()
    }
    left = (
        max(text_width(labels[(0, k)][0]) for k in data.columns[0]) + 20 if data.columns[0] else 120
    )
    right = max((text_width(labels[(2, o)][0]) for o in data.columns[2]), default=120) + 20
    xs = (left, (left + MAX_WIDTH - right - NODE_W) / 2 - 90, MAX_WIDTH - right - NODE_W)
    ys: dict[tuple[int, str], float] = {}
    extents = []
    for c, nodes in enumerate(data.columns):
        y = 0.0
        for node in nodes:
            ys[(c, node)] = y
            y += max(data.value(c, node) * UNIT, len(labels[(c, node)]) * LINE) + GAP
        extents.append(y - GAP)
    plot = max([*extents, LINE])
    for c, nodes in enumerate(data.columns):  # centre each column on the tallest
        for node in nodes:
            ys[(c, node)] += TOP + (plot - extents[c]) / 2
    height = TOP + plot + 30
    desc = (
        "Findings flowing from the kind of EV cargo through the mechanism to the target organ; "
        "band width is the number of findings, coloured by metastatic role."
    )
    out = svg_open(MAX_WIDTH, height, "flow", "Cargo kind to mechanism to organ", desc)
    out.append(
        f'<text x="10" y="20" font-size="{TITLE_FONT}" font-weight="bold">'
        "Cargo kind \u2192 mechanism \u2192 target organ</text>"
    )
    out += role_legend(10, 48)
    out.append(
        f'<text x="{num(MAX_WIDTH - 10)}" y="48" text-anchor="end" fill="{MUTED}">'
        "band width: findings (one with two mechanisms is in two bands); (n): findings</text>"
    )
    for c, heading in enumerate(HEADINGS):
        anchor = ("end", "start", "start")[c]
        x = xs[c] + (NODE_W if c == 0 else 0)
        out.append(
            f'<text x="{num(x)}" y="{TOP - 14}" text-anchor="{anchor}" font-weight="bold">'
            f"{heading}</text>"
        )
    out += _bands(data, xs, ys)
    for (c, node), y in sorted(ys.items(), key=lambda item: (item[0][0], item[1])):
        h = data.value(c, node) * UNIT
        roles = data.members[(c, node)]
        out.append(
            f'<rect class="node" data-column="{c}" data-node="{escape(node)}" '
            + "".join(f'data-{ROLE_KEYS[r]}="{roles.get(r, 0)}" ' for r in ROLES)
            + f'x="{num(xs[c])}" y="{num(y)}" width="{NODE_W}" height="{num(max(h, 2))}" '
            f'fill="#3a3a3a"/>'
        )
        lines = labels[(c, node)]
        first = y + max(h, 2) / 2 + 4.5 - (len(lines) - 1) * LINE / 2
        if c == 0:
            out.append(text_lines(lines, xs[c] - 6, first, "end"))
        else:
            halo = ' stroke="#ffffff" stroke-width="4" paint-order="stroke"' if c == 1 else ""
            out.append(text_lines(lines, xs[c] + NODE_W + 6, first, "start", halo))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _bands(data: Flow, xs: tuple[float, ...], ys: dict[tuple[int, str], float]) -> list[str]:
    """The role-coloured bands, stacked at each node in the order of their other end."""
    position = {key: i for c, nodes in enumerate(data.columns) for i, key in enumerate(nodes)}
    by_stage: dict[int, list[tuple[str, str, str, int]]] = defaultdict(list)
    for (stage, source, target, role), n in data.links.items():
        by_stage[stage].append((source, target, role, n))
    out = []
    for stage in (0, 1):
        links = by_stage[stage]
        start: dict[tuple[str, str, str], float] = {}
        end: dict[tuple[str, str, str], float] = {}
        cursor = defaultdict(float)
        for s, t, r, n in sorted(
            links, key=lambda k: (position[k[0]], position[k[1]], ROLES.index(k[2]))
        ):
            start[(s, t, r)] = ys[(stage, s)] + cursor[s]
            cursor[s] += n * UNIT
        cursor = defaultdict(float)
        for s, t, r, n in sorted(
            links, key=lambda k: (position[k[1]], position[k[0]], ROLES.index(k[2]))
        ):
            end[(s, t, r)] = ys[(stage + 1, t)] + cursor[t]
            cursor[t] += n * UNIT
        x0, x1 = xs[stage] + NODE_W, xs[stage + 1]
        xm = (x0 + x1) / 2
        for s, t, r, n in sorted(
            links, key=lambda k: (position[k[0]], position[k[1]], ROLES.index(k[2]))
        ):
            y0, y1, w = start[(s, t, r)], end[(s, t, r)], n * UNIT
            path = (
                f"M{num(x0)} {num(y0)}C{num(xm)} {num(y0)} {num(xm)} {num(y1)} {num(x1)} {num(y1)}"
                f"L{num(x1)} {num(y1 + w)}C{num(xm)} {num(y1 + w)} {num(xm)} {num(y0 + w)} "
                f"{num(x0)} {num(y0 + w)}Z"
            )
            tip = (
                f"{data.names[(stage, s)]} \u2192 {data.names[(stage + 1, t)]}: {n} {r} finding(s)"
            )
            out.append(
                f'<path class="band" data-stage="{stage}" data-source="{escape(s)}" '
                f'data-target="{escape(t)}" data-role="{r}" data-count="{n}" d="{path}" '
                f'fill="{ROLE_COLOURS[r]}" fill-opacity="0.5"><title>{escape(tip)}</title></path>'
            )
    return out
