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

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sgam_onto.namespace import SPARQL_PREFIX
from sgam_onto.plot.data import rows
from sgam_onto.plot.svg import Svg, num, wrap
from sgam_onto.query.api import HasStore

Link = Callable[[str], str]

NOT_STATED_DOMAIN = "domain not stated"
NOT_STATED_ZONE = "zone not stated"

KIND_STYLE = {  # kind label -> (colour, dash pattern, legend text)
    "direct": ("#1f5fbf", None, "direct interaction (Table 5)"),
    "indirect": ("#c8610a", "9 5", "indirect interaction (Table 6)"),
    "additional for EV": ("#2b8a3e", "2 4", "additional interaction for EV (Table 7)"),
}
OTHER_KIND = ("#666666", "4 2 1 2", "interaction of another kind")
ROLE_FILL = "#fff3d1"
COMPONENT_FILL = "#e2eefc"

LABEL_W = 110.0
COL_W = 158.0
BOX_H = 38.0
LANE_H = 50.0
ROW_PAD = 14.0
TOP = 58.0
LEFT = 16.0


@dataclass
class Actor:
    iri: str
    label: str
    short: str | None
    kind: str
    domains: set[int] = field(default_factory=set)
    zones: set[int] = field(default_factory=set)
    subdomains: set[str] = field(default_factory=set)
    bases: set[str] = field(default_factory=set)
    interacting: bool = False
    col: tuple[int, int] = (0, 0)
    row: int = 0
    lane: int = 0
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # x, y, w, h

    @property
    def name(self) -> str:
        return self.short or self.label

    def centre(self) -> tuple[float, float]:
        x, y, w, h = self.box
        return x + w / 2, y + h / 2


@dataclass(frozen=True)
class Edge:
    number: int
    iri: str
    title: str
    source: str
    target: str
    kind: str
    bidirectional: bool
    electrical: bool


def _axes(
    landscape: HasStore,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[str, str]]:
    domains: list[tuple[str, str]] = []
    zones: list[tuple[str, str]] = []
    for r in rows("plane-axes", landscape):
        (domains if r["axis"] == "domain" else zones).append((r["concept"], r["label"]))
    return domains, zones, {}


def _actors(
    landscape: HasStore, domain_ix: dict[str, int], zone_ix: dict[str, int], labels: dict[str, str]
) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for r in rows("plane-placements", landscape):
        actor = actors.setdefault(
            r["actor"], Actor(r["actor"], r["label"], r["short"], r["actorClass"])
        )
        if r["domain"] in domain_ix:
            actor.domains.add(domain_ix[r["domain"]])
        if r["zone"] in zone_ix:
            actor.zones.add(zone_ix[r["zone"]])
        if r["subdomain"]:
            actor.subdomains.add(labels.get(r["subdomain"], r["subdomain"].rsplit("#", 1)[-1]))
        if r["basis"]:
            actor.bases.add(r["basis"])
        actor.interacting = bool(r["interacting"])
    return actors


def _edges(landscape: HasStore) -> list[Edge]:
    return [
        Edge(
            int(r["number"]),
            r["interaction"],
            r["title"],
            r["from"],
            r["to"],
            r["kind"],
            r["directionality"] == "bidirectional",
            r["nature"] == "electrical",
        )
        for r in rows("plane-interactions", landscape)
    ]


def _subdomain_labels(landscape: HasStore) -> dict[str, str]:
    query = (
        SPARQL_PREFIX +
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?s ?l WHERE { ?s a sgam:Subdomain ; rdfs:label ?l }"
    )
    return {sol[0].value: sol[1].value for sol in landscape.store.query(query)}


def _assign_lanes(actors: list[Actor], degree: dict[str, int]) -> int:
    """Greedy interval packing of the boxes of one row; returns the number of lanes.

    Actors with more interactions get the upper lanes, so that the busiest edges of a
    crowded band leave it without crossing the other boxes.
    """
    lanes: list[set[int]] = []
    ordered = sorted(
        actors,
        key=lambda a: (
            -degree.get(a.iri, 0),
            -(a.col[1] - a.col[0]),
            a.col[0],
            a.name.casefold(),
            a.iri,
        ),
    )
    for actor in ordered:
        span = set(range(actor.col[0], actor.col[1] + 1))
        for i, used in enumerate(lanes):
            if not used & span:
                used |= span
                actor.lane = i
                break
        else:
            lanes.append(set(span))
            actor.lane = len(lanes) - 1
    return max(1, len(lanes))


def render_plane(landscape: HasStore, link: Link | None = None, *, all_actors: bool = False) -> str:
    """The SGAM plane picture as SVG text; `link` maps an IRI to the href of its page.

    By default only the actors that take part in a numbered interaction are drawn, as in the
    SRD's figures; `all_actors` draws every actor with its placement.
    """
    link = link or (lambda iri: iri)
    domains, zones, _ = _axes(landscape)
    domain_ix = {iri: i for i, (iri, _) in enumerate(domains)}
    zones_top_down = list(reversed(zones))
    zone_ix = {iri: i for i, (iri, _) in enumerate(zones_top_down)}
    columns = [label for _, label in domains] + [NOT_STATED_DOMAIN]
    row_names = [label for _, label in zones_top_down] + [NOT_STATED_ZONE]
    actors = _actors(landscape, domain_ix, zone_ix, _subdomain_labels(landscape))
    if not all_actors:
        actors = {iri: a for iri, a in actors.items() if a.interacting}
    edges = [e for e in _edges(landscape) if e.source in actors and e.target in actors]

    none_col, none_row = len(columns) - 1, len(row_names) - 1
    for a in actors.values():
        a.col = (min(a.domains), max(a.domains)) if a.domains else (none_col, none_col)
        a.row = min(a.zones) if a.zones else none_row
    by_row: dict[int, list[Actor]] = defaultdict(list)
    for a in actors.values():
        by_row[a.row].append(a)
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    lanes = [
        _assign_lanes(by_row[r], degree) if by_row.get(r) else 1 for r in range(len(row_names))
    ]
    heights = [n * LANE_H + ROW_PAD for n in lanes]
    row_top = [TOP + sum(heights[:i]) for i in range(len(row_names))]
    grid_left = LEFT + LABEL_W
    grid_w = COL_W * len(columns)
    grid_bottom = row_top[-1] + heights[-1]
    for a in actors.values():
        x = grid_left + a.col[0] * COL_W + 8
        w = (a.col[1] - a.col[0] + 1) * COL_W - 16
        y = row_top[a.row] + ROW_PAD / 2 + a.lane * LANE_H + (LANE_H - BOX_H) / 2
        a.box = (x, y, w, BOX_H)

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
    _markers(svg)
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

    labels = _draw_edges(svg, edges, actors, link)
    for a in sorted(actors.values(), key=lambda a: a.iri):
        _draw_actor(svg, a, link)
    for markup in labels:
        svg.raw(markup)
    _legend(svg, LEFT, legend_top)
    return svg.render()


def _markers(svg: Svg) -> None:
    styles = [*KIND_STYLE.values(), OTHER_KIND]
    for i, (colour, _, _) in enumerate(styles):
        svg.defs.append(
            f'<marker id="end{i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto" markerUnits="userSpaceOnUse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
        svg.defs.append(
            f'<marker id="start{i}" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto" markerUnits="userSpaceOnUse">'
            f'<path d="M10,0 L0,5 L10,10 z" fill="{colour}"/></marker>'
        )


def _style(kind: str) -> tuple[int, tuple[str, str | None, str]]:
    keys = list(KIND_STYLE)
    if kind in KIND_STYLE:
        return keys.index(kind), KIND_STYLE[kind]
    return len(keys), OTHER_KIND


def _boundary(
    box: tuple[float, float, float, float], towards: tuple[float, float]
) -> tuple[float, float]:
    """Where the ray from the box centre towards `towards` leaves the box."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (w / 2) / abs(dx) if dx else math.inf,
        (h / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def _draw_edges(svg: Svg, edges: list[Edge], actors: dict[str, Actor], link: Link) -> list[str]:
    bundles: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for e in sorted(edges, key=lambda e: (e.number, _style(e.kind)[0])):
        bundles[tuple(sorted((e.source, e.target)))].append(e)
    labels: list[str] = []
    taken: list[tuple[float, float]] = []
    svg.open("g", class_="interactions", fill="none")
    for (first, _), bundle in sorted(bundles.items()):
        a, b = actors[first], actors[_other(bundle[0], first)]
        (ax, ay), (bx, by) = a.centre(), b.centre()
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        for i, e in enumerate(bundle):
            offset = (i - (len(bundle) - 1) / 2) * 30.0
            if len(bundle) == 1 and (abs(dx) < 1 or abs(dy) < 1):
                offset = 0.0
            mx, my = (ax + bx) / 2 + nx * offset, (ay + by) / 2 + ny * offset
            cx, cy = 2 * mx - (ax + bx) / 2, 2 * my - (ay + by) / 2
            src, dst = actors[e.source], actors[e.target]
            p0 = _boundary(src.box, (cx, cy))
            p2 = _boundary(dst.box, (cx, cy))
            index, (colour, dash, _) = _style(e.kind)
            svg.open("a", href=link(e.iri))
            svg.raw(
                f'<path d="M{num(p0[0])},{num(p0[1])} Q{num(cx)},{num(cy)} '
                f'{num(p2[0])},{num(p2[1])}" '
                f'stroke="{colour}" stroke-width="{3.2 if e.electrical else 1.7}"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + f' marker-end="url(#end{index})"'
                + (f' marker-start="url(#start{index})"' if e.bidirectional else "")
                + f' class="interaction kind-{e.kind.replace(" ", "-")}">'
                f"<title>{_esc(f'{e.number}: {e.title} ({e.kind})')}</title></path>"
            )
            svg.close("a")
            mx, my = _label_spot(p0, (cx, cy), p2, actors, taken)
            taken.append((mx, my))
            labels.append(
                f'<g class="interaction-number"><circle cx="{num(mx)}" cy="{num(my)}" r="10" '
                f'fill="#ffffff" stroke="{colour}" stroke-width="1.5"/>'
                f'<text x="{num(mx)}" y="{num(my + 4)}" text-anchor="middle" font-size="11" '
                f'font-weight="bold" fill="{colour}">{e.number}</text></g>'
            )
    svg.close("g")
    return labels


def _label_spot(
    p0: tuple[float, float],
    c: tuple[float, float],
    p2: tuple[float, float],
    actors: dict[str, Actor],
    taken: list[tuple[float, float]],
) -> tuple[float, float]:
    """A point on the curve for the number badge, clear of boxes and other badges if possible."""
    candidates = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82]
    points = [
        (
            (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * c[0] + t * t * p2[0],
            (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * c[1] + t * t * p2[1],
        )
        for t in candidates
    ]

    def clear(pt: tuple[float, float]) -> bool:
        for a in actors.values():
            x, y, w, h = a.box
            if x - 11 <= pt[0] <= x + w + 11 and y - 11 <= pt[1] <= y + h + 11:
                return False
        return all(math.hypot(pt[0] - q[0], pt[1] - q[1]) >= 22 for q in taken)

    found = next((pt for pt in points if clear(pt)), None)
    if found is not None:
        return found

    def spacing(pt: tuple[float, float]) -> float:
        return min((math.hypot(pt[0] - q[0], pt[1] - q[1]) for q in taken), default=math.inf)

    return max(points, key=spacing)  # first of the best on ties: max keeps the first


def _other(edge: Edge, node: str) -> str:
    return edge.target if edge.source == node else edge.source


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


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
    svg.raw(f"<title>{_esc('; '.join(tip))}</title>")
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
