"""The coordination network of 4.2.3: standardization entities as nodes on a ring, each
coordination item as a numbered hub joined to the entities it names.

An item with two parties is an edge with its number in the middle; one with more parties is a
hyperedge, drawn as the same numbered hub with one spoke per party. Hubs are spaced evenly on
an inner ring in the order of their parties' mean angle. High-importance items have a thick
red ring and red spokes; the hub's coloured ring has one segment per status the SRD gives.
Entities an item only concerns are joined by dotted spokes; groups named as one party (e.g.
TC 57 WG 13/WG 14) have a dashed outline.

The layout is this fixed geometry rather than a force-directed one on purpose: with
networkx's spring and ForceAtlas2 layouts the entity labels ran into each other and into
hubs, and spring-placed hubs drifted outside the ring; the two rings keep every label
outside the drawing and no two circles overlap, whatever the data.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

from sgam_onto.namespace import SPARQL_PREFIX
from sgam_onto.plot.data import rows, select
from sgam_onto.plot.svg import Svg, num
from sgam_onto.query.api import HasStore

Link = Callable[[str], str]

STATUS_COLOURS = (
    "#2b8a3e",
    "#5c940d",
    "#74c0fc",
    "#1c7ed6",
    "#ffd43b",
    "#f76707",
    "#20c997",
    "#9c36b5",
    "#868e96",
    "#dee2e6",
    "#e599f7",
    "#a9e34b",
)
HIGH = "#c92a2a"
CX = 600.0
CY = 400.0
R_OUT = 300.0
R_HUB = 190.0
HUB_R = 14.0


def _statuses(landscape: HasStore) -> list[str]:
    found = select(
        landscape,
        SPARQL_PREFIX +
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?label ?order WHERE { ?s a sgam:CoordinationStatus ; rdfs:label ?label ; "
        "sgam:order ?order } ORDER BY ?order ?label",
    )
    return [r["label"] for r in found]


def _spread(angles: list[tuple[float, int]]) -> dict[int, float]:
    """Hubs evenly spaced around the inner ring in the order of their parties' mean angle,
    turned so that each stays as close as it can to that angle."""
    ordered = sorted(angles)
    n = len(ordered)
    if n == 0:
        return {}
    step = 2 * math.pi / n
    sx = sum(math.cos(a - i * step) for i, (a, _) in enumerate(ordered))
    sy = sum(math.sin(a - i * step) for i, (a, _) in enumerate(ordered))
    offset = math.atan2(sy, sx)
    return {key: offset + i * step for i, (_, key) in enumerate(ordered)}


def render_network(landscape: HasStore, link: Link | None = None) -> str:
    """The coordination network as SVG text; `link` maps an IRI to the href of its page."""
    link = link or (lambda iri: iri)
    data = rows("coordination-edges", landscape)
    statuses = _statuses(landscape)
    colour = {s: STATUS_COLOURS[i % len(STATUS_COLOURS)] for i, s in enumerate(statuses)}

    entities: dict[str, tuple[str, str]] = {}
    items: dict[int, dict] = {}
    spokes: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for r in data:
        entities[r["entity"]] = (r["entityLabel"], r["entityKind"])
        items.setdefault(
            int(r["number"]),
            {
                "iri": r["item"],
                "high": bool(r["highImportance"]),
                "status": [s for s in (r["status"] or "").split(" | ") if s],
                "topic": r["topic"] or "",
            },
        )
        spokes[int(r["number"])].append((r["entity"], r["role"]))

    order = sorted(entities, key=lambda e: (_sort_label(entities[e][0]), e))
    angle = {e: -math.pi / 2 + 2 * math.pi * i / max(1, len(order)) for i, e in enumerate(order)}
    pos = {e: (CX + R_OUT * math.cos(a), CY + R_OUT * math.sin(a)) for e, a in angle.items()}

    hub_angles = []
    for number, _spoke in items.items():
        parties = [e for e, role in spokes[number] if role == "party"] or [
            e for e, _ in spokes[number]
        ]
        sx = sum(math.cos(angle[e]) for e in parties)
        sy = sum(math.sin(angle[e]) for e in parties)
        mean = math.atan2(sy, sx) if (abs(sx) + abs(sy)) > 1e-9 else angle[parties[0]]
        hub_angles.append(((mean + 2 * math.pi) % (2 * math.pi), number))
    hub_angle = _spread(hub_angles)
    hub = {n: (CX + R_HUB * math.cos(a), CY + R_HUB * math.sin(a)) for n, a in hub_angle.items()}

    present = [s for s in statuses if any(s in it["status"] for it in items.values())]
    legend_h = 50 + 18 * len(present)
    width, height = 2 * CX, 2 * CY + legend_h
    svg = Svg(
        width,
        height,
        "Coordination between standardization entities (4.2.3)",
        "Generated from the catalogue query coordination-edges: entities on the ring, each "
        "numbered hub a coordination item joined to the entities it names.",
    )
    svg.add("rect", x=0.0, y=0.0, width=float(width), height=float(height), fill="#ffffff")
    svg.text(
        16,
        28,
        "Coordination recommended by the SRD between standardization entities",
        font_size="16",
        font_weight="bold",
    )

    svg.open("g", class_="spokes")
    for number in sorted(items):
        hx, hy = hub[number]
        it = items[number]
        for entity, role in sorted(spokes[number]):
            ex, ey = pos[entity]
            svg.add(
                "line",
                x1=hx,
                y1=hy,
                x2=ex,
                y2=ey,
                stroke=HIGH if it["high"] else "#5f6b7a",
                stroke_width="2" if it["high"] else "1.1",
                stroke_dasharray="2 3" if role == "concerns" else None,
                stroke_opacity="0.75",
                class_=f"spoke item-{number}",
            )
    svg.close("g")

    for entity in order:
        label, kind = entities[entity]
        ex, ey = pos[entity]
        a = angle[entity]
        svg.open("a", href=link(entity))
        svg.open("g", class_="entity")
        svg.raw(f"<title>{_esc(label)} ({kind})</title>")
        svg.add(
            "circle",
            cx=ex,
            cy=ey,
            r="7",
            fill="#ffffff",
            stroke="#212529",
            stroke_width="1.6",
            stroke_dasharray="3 2" if kind == "group" else None,
        )
        lx, ly = ex + 12 * math.cos(a), ey + 12 * math.sin(a) + 4
        anchor = "start" if math.cos(a) > 0.2 else ("end" if math.cos(a) < -0.2 else "middle")
        if anchor == "middle":
            ly += 8 if math.sin(a) > 0 else -6
        svg.add("text", label, x=lx, y=ly, text_anchor=anchor, font_size="11")
        svg.close("g")
        svg.close("a")

    for number in sorted(items):
        it = items[number]
        hx, hy = hub[number]
        tip = f"Coordination item {number}: {it['topic']}"
        tip += "; high importance" if it["high"] else ""
        tip += "; status: " + (", ".join(it["status"]) or "none given")
        svg.open("a", href=link(it["iri"]))
        svg.open("g", class_="item" + (" high-importance" if it["high"] else ""))
        svg.raw(f"<title>{_esc(tip)}</title>")
        _pie(svg, hx, hy, [colour[s] for s in it["status"]] or ["#ffffff"])
        svg.add("circle", cx=hx, cy=hy, r=str(HUB_R - 4.5), fill="#ffffff")
        svg.add(
            "circle",
            cx=hx,
            cy=hy,
            r=str(HUB_R),
            fill="none",
            stroke=HIGH if it["high"] else "#212529",
            stroke_width="3" if it["high"] else "1.2",
        )
        svg.add(
            "text",
            str(number),
            x=hx,
            y=hy + 4,
            text_anchor="middle",
            font_size="10.5",
            font_weight="bold",
            fill=HIGH if it["high"] else "#000000",
        )
        svg.close("g")
        svg.close("a")

    _legend(svg, 16, 2 * CY + 10, present, colour)
    return svg.render()


def _sort_label(label: str) -> tuple:
    """IEC before ISO, then committees by number: 'IEC TC 8' before 'IEC TC 57'."""
    parts = []
    for token in label.replace("/", " / ").split():
        parts.append((0, int(token), "") if token.isdigit() else (1, 0, token.casefold()))
    return tuple(parts)


def _pie(svg: Svg, x: float, y: float, colours: list[str]) -> None:
    if len(colours) == 1:
        svg.add("circle", cx=x, cy=y, r=str(HUB_R), fill=colours[0])
        return
    step = 2 * math.pi / len(colours)
    for i, c in enumerate(colours):
        a0, a1 = -math.pi / 2 + i * step, -math.pi / 2 + (i + 1) * step
        x0, y0 = x + HUB_R * math.cos(a0), y + HUB_R * math.sin(a0)
        x1, y1 = x + HUB_R * math.cos(a1), y + HUB_R * math.sin(a1)
        large = 1 if step > math.pi else 0
        svg.raw(
            f'<path d="M{num(x)},{num(y)} L{num(x0)},{num(y0)} A{num(HUB_R)},{num(HUB_R)} 0 '
            f'{large} 1 {num(x1)},{num(y1)} z" fill="{c}"/>'
        )


def _legend(svg: Svg, x: float, y: float, present: list[str], colour: dict[str, str]) -> None:
    svg.add("text", "Legend", x=x, y=y + 14, font_weight="bold")
    svg.add(
        "circle",
        cx=x + 10,
        cy=y + 34,
        r=str(HUB_R),
        fill="#ffffff",
        stroke=HIGH,
        stroke_width="3.2",
    )
    svg.add("circle", cx=x + 10, cy=y + 34, r=str(HUB_R - 4.5), fill="#ffffff")
    svg.add("text", "n", x=x + 10, y=y + 38, text_anchor="middle", font_weight="bold", fill=HIGH)
    svg.add(
        "text",
        "coordination item n of 4.2.3 marked as of high importance (red ring and spokes)",
        x=x + 30,
        y=y + 38,
    )
    svg.add(
        "circle",
        cx=x + 10,
        cy=y + 62,
        r="7",
        fill="#ffffff",
        stroke="#212529",
        stroke_dasharray="3 2",
        stroke_width="1.6",
    )
    svg.add(
        "text",
        "group of bodies named as one party; solid circle: a single body",
        x=x + 30,
        y=y + 66,
    )
    svg.add(
        "line",
        x1=x,
        y1=y + 86,
        x2=x + 22,
        y2=y + 86,
        stroke="#5f6b7a",
        stroke_dasharray="2 3",
        stroke_width="1.4",
    )
    svg.add("text", "dotted spoke: an entity the item only concerns", x=x + 30, y=y + 90)
    svg.add(
        "text",
        "Hub ring: status (one segment per status given)",
        x=x + 600,
        y=y + 14,
        font_weight="bold",
    )
    for i, status in enumerate(present):
        yy = y + 32 + 18 * i
        svg.add(
            "rect",
            x=x + 600,
            y=yy - 10,
            width=14.0,
            height=12.0,
            fill=colour[status],
            stroke="#212529",
            stroke_width="0.6",
        )
        svg.add("text", status, x=x + 622, y=yy)


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)
