"""The interactions on the SGAM plane: one curve per (interaction, kind) between two actor
boxes, bundled when two actors share several, each with its number in a badge placed clear
of the boxes and of the other badges."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from xml.sax.saxutils import escape

from sgam_onto.plot.plane_layout import Actor, Edge
from sgam_onto.plot.svg import Svg, num

Link = Callable[[str], str]

KIND_STYLE = {  # kind label -> (colour, dash pattern, legend text)
    "direct": ("#1f5fbf", None, "direct interaction (Table 5)"),
    "indirect": ("#c8610a", "9 5", "indirect interaction (Table 6)"),
    "additional for EV": ("#2b8a3e", "2 4", "additional interaction for EV (Table 7)"),
}
OTHER_KIND = ("#666666", "4 2 1 2", "interaction of another kind")


def markers(svg: Svg) -> None:
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


def draw_edges(svg: Svg, edges: list[Edge], actors: dict[str, Actor], link: Link) -> list[str]:
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
                f"<title>{escape(f'{e.number}: {e.title} ({e.kind})')}</title></path>"
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


