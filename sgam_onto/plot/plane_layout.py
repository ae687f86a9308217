"""Where everything goes on the SGAM plane picture: the columns (domains) and rows (zones),
each actor's box, and the interactions between the actors drawn. Read from the catalogue
queries plane-axes, plane-placements and plane-interactions; the rules are in plane.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sgam_onto.namespace import SPARQL_PREFIX
from sgam_onto.plot.data import rows
from sgam_onto.query.api import HasStore

NOT_STATED_DOMAIN = "domain not stated"
NOT_STATED_ZONE = "zone not stated"

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


@dataclass
class Plane:
    """The plane laid out: axis names, row geometry, placed actors and the edges to draw."""

    columns: list[str]
    row_names: list[str]
    row_top: list[float]
    heights: list[float]
    actors: dict[str, Actor]
    edges: list[Edge]

    @property
    def grid_left(self) -> float:
        return LEFT + LABEL_W

    @property
    def grid_w(self) -> float:
        return COL_W * len(self.columns)

    @property
    def grid_bottom(self) -> float:
        return self.row_top[-1] + self.heights[-1]


def place(landscape: HasStore, *, all_actors: bool = False) -> Plane:
    """Lay out the plane; only the actors of numbered interactions unless `all_actors`."""
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
    for a in actors.values():
        x = LEFT + LABEL_W + a.col[0] * COL_W + 8
        w = (a.col[1] - a.col[0] + 1) * COL_W - 16
        y = row_top[a.row] + ROW_PAD / 2 + a.lane * LANE_H + (LANE_H - BOX_H) / 2
        a.box = (x, y, w, BOX_H)
    return Plane(columns, row_names, row_top, heights, actors, edges)
