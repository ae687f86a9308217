"""The SGAM smart grid plane with the actors placed by their placements and the numbered
interactions drawn between them (the picture of the SRD's Figures 7 to 9, from the data).

Layout rules, so that every reader can tell where a box comes from:

* columns are the SGAM domains in the SRD's order, rows the zones from Market (top) down to
  Process; an actor spans every domain column its placements name (first to last) and sits in
  the highest zone they name;
* an actor whose placements name no domain goes to the **"domain not stated"** column on the
  right, one whose placements name no zone to the **"zone not stated"** band at the bottom, so
  an actor without any placement sits in the bottom-right cell;
* boxes in the same row that would overlap are stacked in lanes; the box border is solid when
  every placement is stated by the SRD and dashed when one is only implied;
* each (interaction, kind) pair is one edge, labelled with the interaction number: direct,
  indirect and additional-for-EV edges differ in colour and dash; electrical links are drawn
  thicker; a bidirectional interaction has arrowheads at both ends.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from sgam_onto.plot.plane_edges import KIND_STYLE, OTHER_KIND, draw_edges, markers
from sgam_onto.plot.plane_layout import (
    COL_W,
    LABEL_W,
    LEFT,
    NOT_STATED_DOMAIN,
    NOT_STATED_ZONE,
    TOP,
    Actor,
    place,
)
from sgam_onto.plot.svg import Svg, wrap
from sgam_onto.query.api import HasStore

Link = Callable[[str], str]

__all__ = ["KIND_STYLE", "NOT_STATED_DOMAIN", "NOT_STATED_ZONE", "OTHER_KIND", "render_plane"]

ROLE_FILL = "#fff3d1"
COMPONENT_FILL = "#e2eefc"


def render_plane(landscape: HasStore, link: Link | None = None, *, all_actors: bool = False) -> str:
    """The SGAM plane picture as SVG text; `link` maps an IRI to the href of its page.

    By default only the actors that take part in a numbered interaction are drawn, as in the
    SRD's figures; `all_actors` draws every actor with its placement.
    """
    link = link or (lambda iri: iri)
    plane = place(landscape, all_actors=all_actors)
    columns, row_names, row_top, heights = (
        plane.columns, plane.row_names, plane.row_top, plane.heights
    )
    actors, edges = plane.actors, plane.edges
    none_col, none_row = len(columns) - 1, len(row_names) - 1
    grid_left, grid_w, grid_bottom = plane.grid_left, plane.grid_w, plane.grid_bottom
    legend_top = grid_bottom + 30
    width = grid_left + grid_w + LEFT
    height = legend_top + 150
    svg = Svg(
        width,
        height,
        "SGAM smart grid plane: actors and numbered interactions"
        + (" (all actors)" if all_actors else ""),
        "Generated from the catalogue queries plane-axes, plane-placements and "
        "plane-interactions. Domains left to right, zones from Market down to Process; actors "
        f"whose placements give no domain are in the '{NOT_STATED_DOMAIN}' column, those whose "
        f"placements give no zone in the '{NOT_STATED_ZONE}' band.",
    )
    markers(svg)
    svg.add("rect", x=0.0, y=0.0, width=float(width), height=float(height), fill="#ffffff")
    svg.text(
        LEFT,
        28,
        "SGAM smart grid plane — actors and interactions around the grid user",
        font_size="16",
        font_weight="bold",
    )
    # grid
    for i, name in enumerate(columns):
        x = grid_left + i * COL_W
        fill = "#f4f4f4" if i == none_col else ("#fafafa" if i % 2 else "#ffffff")
        svg.add(
            "rect",
            x=x,
            y=TOP,
            width=COL_W,
            height=grid_bottom - TOP,
            fill=fill,
            stroke="#b8b8b8",
            stroke_width="1",
            class_="domain-band",
            data_domain=name,
        )
        svg.add(
            "text",
            name,
            x=x + COL_W / 2,
            y=TOP - 8,
            text_anchor="middle",
            font_weight="bold",
            font_style="italic" if i == none_col else None,
        )
    for r, name in enumerate(row_names):
        y = row_top[r]
        svg.add(
            "rect",
            x=LEFT,
            y=y,
            width=LABEL_W + grid_w,
            height=heights[r],
            fill="none",
            class_="zone-band",
            data_zone=name,
        )
        svg.add(
            "line", x1=LEFT, y1=y, x2=grid_left + grid_w, y2=y, stroke="#b8b8b8", stroke_width="1"
        )
        svg.lines(
            LEFT + 4,
            y + heights[r] / 2 + 4 - 7 * (len(wrap(name, 14)) - 1),
            wrap(name, 14),
            14,
            font_weight="bold",
            font_style="italic" if r == none_row else None,
            class_="zone",
        )
    svg.add(
        "line",
        x1=LEFT,
        y1=grid_bottom,
        x2=grid_left + grid_w,
        y2=grid_bottom,
        stroke="#b8b8b8",
        stroke_width="1",
    )
    svg.add("text", "zones ↓  domains →", x=LEFT + 4, y=TOP - 8, font_size="10", fill="#555555")

    labels = draw_edges(svg, edges, actors, link)
    for a in sorted(actors.values(), key=lambda a: a.iri):
        _draw_actor(svg, a, link)
    for markup in labels:
        svg.raw(markup)
    _legend(svg, LEFT, legend_top)
    return svg.render()



def _draw_actor(svg: Svg, a: Actor, link: Link) -> None:
    x, y, w, h = a.box
    implied = "implied" in a.bases
    fill = ROLE_FILL if a.kind == "role" else COMPONENT_FILL
    tip = [a.label + (f" ({a.short})" if a.short else ""), f"{a.kind}"]
    if a.subdomains:
        tip.append("subdomain: " + ", ".join(sorted(a.subdomains)))
    if not a.domains or not a.zones:
        missing = [n for n, v in (("domain", a.domains), ("zone", a.zones)) if not v]
        tip.append("no " + " or ".join(missing) + " stated")
    if implied:
        tip.append("placement partly implied")
    svg.open("a", href=link(a.iri))
    svg.open("g", class_="actor")
    svg.raw(f"<title>{escape('; '.join(tip))}</title>")
    svg.add(
        "rect",
        x=x,
        y=y,
        width=w,
        height=h,
        rx="6",
        fill=fill,
        stroke="#333333",
        stroke_width="1.2",
        stroke_dasharray="5 3" if implied else None,
    )
    name = a.name if len(a.name) <= int(w / 7) else wrap(a.name, int(w / 7))[0] + "…"
    if a.subdomains:
        svg.add("text", name, x=x + w / 2, y=y + 16, text_anchor="middle", font_weight="bold")
        sub = ", ".join(sorted(a.subdomains))
        sub = sub if len(sub) <= int(w / 5.6) else sub[: int(w / 5.6) - 1] + "…"
        svg.add(
            "text",
            sub,
            x=x + w / 2,
            y=y + 30,
            text_anchor="middle",
            font_size="9.5",
            fill="#555555",
        )
    else:
        svg.add(
            "text", name, x=x + w / 2, y=y + h / 2 + 4, text_anchor="middle", font_weight="bold"
        )
    svg.close("g")
    svg.close("a")


def _legend(svg: Svg, x: float, y: float) -> None:
    svg.add("text", "Legend", x=x, y=y, font_weight="bold")
    for i, (colour, dash, text) in enumerate([*KIND_STYLE.values()]):
        yy = y + 20 + i * 20
        svg.add(
            "line",
            x1=x,
            y1=yy,
            x2=x + 46,
            y2=yy,
            stroke=colour,
            stroke_width="2",
            stroke_dasharray=dash,
            marker_end=f"url(#end{i})",
        )
        svg.add("text", text, x=x + 56, y=yy + 4)
    yy = y + 20 + 3 * 20
    svg.add("line", x1=x, y1=yy, x2=x + 46, y2=yy, stroke="#1f5fbf", stroke_width="3.2")
    svg.add("text", "thick: electrical link; thin: data exchange", x=x + 56, y=yy + 4)
    svg.add(
        "text",
        "arrowheads at both ends: bidirectional; one: basically monodirectional",
        x=x + 56,
        y=yy + 22,
    )
    bx = x + 470
    svg.add(
        "rect", x=bx, y=y + 10, width=34.0, height=16.0, rx="4", fill=ROLE_FILL, stroke="#333333"
    )
    svg.add("text", "role (business actor)", x=bx + 44, y=y + 22)
    svg.add(
        "rect",
        x=bx,
        y=y + 34,
        width=34.0,
        height=16.0,
        rx="4",
        fill=COMPONENT_FILL,
        stroke="#333333",
    )
    svg.add("text", "component (system or device)", x=bx + 44, y=y + 46)
    svg.add(
        "rect",
        x=bx,
        y=y + 58,
        width=34.0,
        height=16.0,
        rx="4",
        fill="#ffffff",
        stroke="#333333",
        stroke_dasharray="5 3",
    )
    svg.add("text", "dashed border: placement implied, not stated, by the SRD", x=bx + 44, y=y + 70)
    svg.add(
        "text",
        f"'{NOT_STATED_DOMAIN}' / '{NOT_STATED_ZONE}': the placements give none",
        x=bx,
        y=y + 94,
        fill="#555555",
    )
