"""A CIM network model's equipment on the SGAM smart grid plane, in the style of the plane
picture (sgam_onto/plot/plane.py): domains as columns, zones as rows from Market down to
Process, read from the catalogue queries plane-axes and cim-plane-placements.

Each cell lists the CIM classes placed there with their counts, and the actors they relate
to; equipment whose domain the rules cannot tell goes to the "domain not stated" column, so
nothing of the model is silently left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sgam_onto.plot.data import rows
from sgam_onto.plot.plane import COMPONENT_FILL, ROLE_FILL
from sgam_onto.plot.plane_layout import COL_W, LABEL_W, LEFT, NOT_STATED_DOMAIN, TOP
from sgam_onto.plot.svg import Svg, wrap
from sgam_onto.query.api import HasStore

LINE_H = 14.0
CELL_PAD = 10.0


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def render_model_plane(landscape: HasStore, threshold_kv: int | None = None) -> str:
    """The model's equipment on the SGAM plane as SVG text."""
    axes = rows("plane-axes", landscape)
    domains = [(r["concept"], r["label"]) for r in axes if r["axis"] == "domain"]
    zones = list(reversed([(r["concept"], r["label"]) for r in axes if r["axis"] == "zone"]))
    params = {} if threshold_kv is None else {"thresholdKv": threshold_kv}
    placed = rows("cim-plane-placements", landscape, **params)
    labels = {r["actor"]: r["short"] or r["label"] for r in rows("plane-placements", landscape)}

    column = {iri: i for i, (iri, _) in enumerate(domains)}
    row_of = {iri: i for i, (iri, _) in enumerate(zones)}
    none_col = len(domains)
    classes: dict[tuple[int, int], Counter] = defaultdict(Counter)
    actors: dict[tuple[int, int], set[str]] = defaultdict(set)
    seen: set[tuple[str, tuple[int, int]]] = set()
    for r in placed:
        cell = (row_of[r["zone"]], column.get(r["domain"], none_col))
        if (r["equipment"], cell) not in seen:
            seen.add((r["equipment"], cell))
            classes[cell][_local(r["cimClass"])] += 1
        if r["actor"]:
            actors[cell].add(labels.get(r["actor"], _local(r["actor"])))

    def lines_of(cell: tuple[int, int]) -> int:
        return len(classes[cell]) + (1 if actors[cell] else 0)

    heights = [
        max([2, *(lines_of((z, d)) for d in range(none_col + 1))]) * LINE_H + 2 * CELL_PAD
        for z in range(len(zones))
    ]
    row_top = [TOP + sum(heights[:i]) for i in range(len(zones))]
    grid_left = LEFT + LABEL_W
    columns = [label for _, label in domains] + [NOT_STATED_DOMAIN]
    grid_w = COL_W * len(columns)
    bottom = row_top[-1] + heights[-1]
    total = len({e for e, _ in seen})
    svg = Svg(
        grid_left + grid_w + LEFT, bottom + 60,
        "SGAM smart grid plane: equipment of a CIM network model",
        "Generated from the catalogue queries plane-axes and cim-plane-placements: each cell "
        "lists the CIM classes placed there with their counts and the SRD actors they relate "
        f"to; equipment without a domain is in the '{NOT_STATED_DOMAIN}' column.",
    )
    svg.add("rect", x=0.0, y=0.0, width=float(svg.width), height=float(svg.height),
            fill="#ffffff")
    svg.text(LEFT, 28, f"SGAM smart grid plane — {total} pieces of equipment of the model",
             font_size="16", font_weight="bold")
    for i, name in enumerate(columns):
        x = grid_left + i * COL_W
        svg.add("rect", x=x, y=TOP, width=COL_W, height=bottom - TOP,
                fill="#f4f4f4" if i == none_col else ("#fafafa" if i % 2 else "#ffffff"),
                stroke="#b8b8b8", stroke_width="1", class_="domain-band", data_domain=name)
        svg.add("text", name, x=x + COL_W / 2, y=TOP - 8, text_anchor="middle",
                font_weight="bold")
    for z, (_, name) in enumerate(zones):
        y = row_top[z]
        svg.add("line", x1=LEFT, y1=y, x2=grid_left + grid_w, y2=y, stroke="#b8b8b8",
                stroke_width="1")
        svg.lines(LEFT + 4, y + heights[z] / 2 + 4, wrap(name, 14), 14, font_weight="bold",
                  class_="zone")
        for d in range(none_col + 1):
            _cell(svg, grid_left + d * COL_W, y, heights[z], classes[(z, d)], actors[(z, d)])
    svg.add("line", x1=LEFT, y1=bottom, x2=grid_left + grid_w, y2=bottom, stroke="#b8b8b8",
            stroke_width="1")
    svg.text(LEFT, bottom + 30, "yellow: CIM classes placed in the cell (count); "
             "blue: the SRD actors they relate to", fill="#555555")
    return svg.render()


def _cell(svg: Svg, x: float, y: float, height: float, classes: Counter,
          actors: set[str]) -> None:
    if not classes:
        return
    lines = [f"{_fit(name, 17)} × {n}" for name, n in sorted(classes.items())]
    box_h = len(lines) * LINE_H + 8
    svg.open("g", class_="equipment")
    svg.add("rect", x=x + 6, y=y + CELL_PAD / 2, width=COL_W - 12, height=box_h, rx="6",
            fill=ROLE_FILL, stroke="#333333", stroke_width="1.2")
    svg.lines(x + 12, y + CELL_PAD / 2 + 15, lines, LINE_H, font_size="11")
    svg.close("g")
    if actors:
        text = _fit(", ".join(sorted(actors)), 26)
        svg.add("rect", x=x + 6, y=y + CELL_PAD / 2 + box_h + 2, width=COL_W - 12,
                height=LINE_H + 2, rx="4", fill=COMPONENT_FILL, stroke="#333333",
                stroke_width="0.8", class_="actor")
        svg.add("text", text, x=x + COL_W / 2, y=y + CELL_PAD / 2 + box_h + 14,
                text_anchor="middle", font_size="10")


def _fit(text: str, width: int) -> str:
    """The text cut to `width` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
