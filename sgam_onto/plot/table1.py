"""Table 1 of the SRD as a picture: entities (rows) × interface contexts (columns), a filled
square where the SRD marks the entity as involved, with the footnote letter that qualifies it.

Rows and marks come from the catalogue query table-1; the column headers are the contexts'
Table 1 headers as written, in column order.
"""

from __future__ import annotations

from collections.abc import Callable

from sgam_onto.namespace import SPARQL_PREFIX
from sgam_onto.plot.data import rows, select
from sgam_onto.plot.svg import Svg, wrap
from sgam_onto.query.api import HasStore

Link = Callable[[str], str]

ROW_H = 26.0
COL_W = 112.0
LABEL_W = 250.0
LEFT = 16.0
HEAD_LINES = 5
MARK = "#1f5fbf"


def _columns(landscape: HasStore) -> list[dict[str, str]]:
    return select(
        landscape,
        SPARQL_PREFIX +
        "SELECT ?context ?key ?header ?n WHERE { ?context sgam:columnKey ?key ; "
        "sgam:table1Header ?header ; sgam:table1Column ?n } ORDER BY ?n",
    )


def _row_entities(landscape: HasStore) -> dict[str, str]:
    found = select(
        landscape,
        SPARQL_PREFIX +
        "SELECT ?label ?entity WHERE { ?row a sgam:SummaryTableRow ; sgam:rowLabel ?label ; "
        "sgam:entity ?entity } ORDER BY ?label ?entity",
    )
    out: dict[str, str] = {}
    for r in found:
        out.setdefault(r["label"], r["entity"])
    return out


def render_table1(landscape: HasStore, link: Link | None = None) -> str:
    """Table 1 as an SVG matrix; `link` maps an IRI to the href of its page."""
    link = link or (lambda iri: iri)
    columns = _columns(landscape)
    table = rows("table-1", landscape)
    entities = _row_entities(landscape)
    lines = max([len(wrap(c["header"], 16)[:HEAD_LINES]) for c in columns] or [1])
    head_h = 16.0 * lines + 20
    top = 50.0 + head_h
    width = LEFT * 2 + LABEL_W + COL_W * len(columns)
    height = top + ROW_H * len(table) + 70
    svg = Svg(
        width,
        height,
        "Table 1: entities involved per interface context",
        "Generated from the catalogue query table-1: a filled square marks an entity the "
        "SRD lists as involved in a context; a letter is the footnote qualifying the mark.",
    )
    svg.add("rect", x=0.0, y=0.0, width=float(width), height=float(height), fill="#ffffff")
    svg.text(
        LEFT,
        28,
        "Table 1 — standardization entities involved in each interface context",
        font_size="16",
        font_weight="bold",
    )
    grid_left = LEFT + LABEL_W
    for j, col in enumerate(columns):
        x = grid_left + j * COL_W
        svg.open("a", href=link(col["context"]))
        svg.lines(
            x + COL_W / 2,
            58,
            wrap(col["header"], 16)[:HEAD_LINES],
            16,
            text_anchor="middle",
            font_size="11",
            font_weight="bold",
            class_="header",
        )
        svg.close("a")
    footnotes: set[str] = set()
    for i, row in enumerate(table):
        y = top + i * ROW_H
        if i % 2 == 0:
            svg.add(
                "rect",
                x=LEFT,
                y=y,
                width=LABEL_W + COL_W * len(columns),
                height=ROW_H,
                fill="#f3f6fa",
            )
        label = row["entity"]
        target = entities.get(label)
        if target:
            svg.open("a", href=link(target))
        svg.add("text", label, x=LEFT + 6, y=y + ROW_H / 2 + 4, class_="row")
        if target:
            svg.close("a")
        for j, col in enumerate(columns):
            value = row.get(col["key"]) or ""
            if not value:
                continue
            mark, _, note = value.partition("^")
            cx = grid_left + j * COL_W + COL_W / 2
            svg.open("g", class_="mark")
            svg.raw(f"<title>{_esc(label)} — {_esc(col['header'])}: {_esc(value)}</title>")
            svg.add(
                "rect", x=cx - 8, y=y + ROW_H / 2 - 8, width=16.0, height=16.0, rx="2", fill=MARK
            )
            svg.add(
                "text",
                mark,
                x=cx,
                y=y + ROW_H / 2 + 4,
                text_anchor="middle",
                font_size="10",
                font_weight="bold",
                fill="#ffffff",
            )
            if note:
                footnotes.add(note)
                svg.add(
                    "text",
                    note,
                    x=cx + 11,
                    y=y + ROW_H / 2 - 2,
                    font_size="10",
                    font_style="italic",
                    fill="#c92a2a",
                    class_="footnote",
                )
            svg.close("g")
    grid_bottom = top + ROW_H * len(table)
    for j in range(len(columns) + 1):
        x = grid_left + j * COL_W
        svg.add("line", x1=x, y1=top - head_h + 10, x2=x, y2=grid_bottom, stroke="#c5ccd6")
    svg.add("line", x1=LEFT, y1=top, x2=grid_left + COL_W * len(columns), y2=top, stroke="#5f6b7a")
    note = "Legend: filled square — marked in Table 1"
    if footnotes:
        note += (
            "; red letter — the footnote of Table 1 that qualifies the mark ("
            + ", ".join(sorted(footnotes))
            + ")"
        )
    svg.add("text", note, x=LEFT, y=grid_bottom + 30, font_size="11", fill="#333333")
    return svg.render()


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)
