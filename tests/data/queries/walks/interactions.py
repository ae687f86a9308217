"""Expected answers about actors, the numbered interactions and the SGAM plane."""

from __future__ import annotations

import re

from rdflib import SKOS, Graph, URIRef

from tests.data.queries.walks.graph import (
    SGAM,
    Row,
    ancestors,
    english,
    instances,
    rows,
    value,
    values,
)


def interactions(g: Graph) -> list:
    return instances(g, SGAM.Interaction)


def statements(g: Graph, interaction) -> list:
    return values(g, interaction, SGAM.definingStatement)


def numbered_interactions(g: Graph, params: dict[str, str]) -> list[Row]:
    """One line per row of Tables 5 to 7: each defining statement as written."""
    found = []
    for i in interactions(g):
        for s in statements(g, i):
            found.append((value(g, i, SGAM.number), value(g, s, SGAM.title),
                          value(g, s, SGAM.fromAsWritten), value(g, s, SGAM.toAsWritten),
                          value(g, s, SGAM.bidirectionalAsWritten),
                          english(g, value(g, s, SGAM.kind)),
                          english(g, value(g, s, SGAM.source))))
    return rows(found)


def bidirectional_interactions(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows((value(g, i, SGAM.number), i, value(g, i, SGAM.title),
                 value(g, i, SGAM.bidirectionalAsWritten))
                for i in interactions(g) if (i, SGAM.directionality, SGAM.Bidirectional) in g)


def ev_interactions(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for i in interactions(g):
        for s in statements(g, i):
            if (s, SGAM.kind, SGAM.EVAdditional) in g:
                found.append((value(g, i, SGAM.number), i, value(g, s, SGAM.title),
                              value(g, s, SGAM.fromAsWritten), value(g, s, SGAM.toAsWritten),
                              value(g, s, SGAM.bidirectionalAsWritten)))
    return rows(found)


def interactions_by_kind(g: Graph, params: dict[str, str]) -> list[Row]:
    kind = URIRef(params["kind"])
    return rows((kind, value(g, i, SGAM.number), i, value(g, i, SGAM.title))
                for i in interactions(g) if (i, SGAM.kind, kind) in g)


def placed(g: Graph, actor, axis: URIRef) -> set:
    """The concepts on one axis of the plane where the actor's placements put it."""
    return {c for p in g.subjects(SGAM.placedActor, actor) for c in values(g, p, axis)}


def crossing(g: Graph, axis: URIRef) -> list[Row]:
    """Interactions whose two ends sit on the axis with no position in common."""
    found = set()
    for i in interactions(g):
        for a in values(g, i, SGAM["from"]):
            for b in values(g, i, SGAM.to):
                here, there = placed(g, a, axis), placed(g, b, axis)
                if here and there and not here & there:
                    found |= {(value(g, i, SGAM.number), i, a, english(g, x), b, english(g, y))
                              for x in here for y in there}
    return rows(found)


def interactions_crossing_domains(g: Graph, params: dict[str, str]) -> list[Row]:
    return crossing(g, SGAM.domain)


def interactions_crossing_zones(g: Graph, params: dict[str, str]) -> list[Row]:
    return crossing(g, SGAM.zone)


def interactions_of_actor(g: Graph, params: dict[str, str]) -> list[Row]:
    """Statements naming the actor, or a more general actor it specializes, on either side."""
    actor = URIRef(params["actor"])
    general = {actor} | ancestors(g, actor, SGAM.specializes)
    found = set()
    for i in interactions(g):
        for s in statements(g, i):
            for side, prop in (("from", SGAM["from"]), ("to", SGAM.to)):
                for named in values(g, s, prop):
                    if named in general:
                        found.add((actor, value(g, i, SGAM.number), i, value(g, i, SGAM.title),
                                   side, named, english(g, value(g, s, SGAM.source))))
    return rows(found)


def plane_axes(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows((axis, c, english(g, c), value(g, c, SGAM.order))
                for axis, cls in (("domain", SGAM.Domain), ("zone", SGAM.Zone))
                for c in instances(g, cls) if value(g, c, SGAM.order) is not None)


def plane_interactions(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for i in interactions(g):
        for kind in values(g, i, SGAM.kind):
            for a in values(g, i, SGAM["from"]):
                for b in values(g, i, SGAM.to):
                    found.append((value(g, i, SGAM.number), i, value(g, i, SGAM.title), a, b,
                                  english(g, kind), value(g, kind, SGAM.order),
                                  english(g, value(g, i, SGAM.directionality)),
                                  english(g, value(g, i, SGAM.nature))))
    return rows(found)


def abbreviation(g: Graph, actor) -> str:
    """The actor's shortest-looking name: its smallest all-capitals alternative label."""
    caps = sorted(str(a) for a in g.objects(actor, SKOS.altLabel)
                  if re.fullmatch(r"[A-Z][A-Z0-9&]+", str(a)))
    return caps[0] if caps else ""


def plane_placements(g: Graph, params: dict[str, str]) -> list[Row]:
    ends = {a for i in interactions(g) for p in (SGAM["from"], SGAM.to) for a in values(g, i, p)}
    found = []
    for cls, name in ((SGAM.Role, "role"), (SGAM.Component, "component")):
        for actor in instances(g, cls):
            head = (actor, english(g, actor), abbreviation(g, actor), name)
            flag = "true" if actor in ends else "false"
            spots = list(g.subjects(SGAM.placedActor, actor))
            for p in spots:
                found.append((*head, p, value(g, p, SGAM.domain), value(g, p, SGAM.zone),
                              value(g, p, SGAM.subdomain), english(g, value(g, p, SGAM.basis)),
                              flag))
            if not spots:
                found.append((*head, None, None, None, None, None, flag))
    return rows(found)


def covering_contexts(g: Graph, interaction) -> set:
    """Contexts that consider the interaction, with every case of such a context."""
    direct = set(g.subjects(SGAM.coversInteraction, interaction))
    return {c for c in set(g.subjects(SGAM.broaderContext, None)) | direct
            if ({c} | ancestors(g, c, SGAM.broaderContext)) & direct}


def interaction_bodies_standards(g: Graph, params: dict[str, str]) -> list[Row]:
    interaction = URIRef(params["interaction"])
    found = set()
    for context in covering_contexts(g, interaction):
        head = (interaction, context, english(g, context))
        for entry in instances(g, SGAM.ContextEntry):
            if (entry, SGAM.context, context) not in g:
                continue
            for source in values(g, entry, SGAM.source):
                for entity in values(g, entry, SGAM.entity):
                    standards = values(g, entry, SGAM.standard) or [None]
                    found |= {(*head, english(g, source), entity, english(g, entity), s,
                               value(g, s, SGAM.designation) if s is not None else None)
                              for s in standards}
        for inv in instances(g, SGAM.Involvement):
            if (inv, SGAM.context, context) in g:
                found |= {(*head, "Table 1", e, english(g, e), None, None)
                          for e in values(g, inv, SGAM.entity)}
    return rows(found)


def interaction_standard_coverage(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for i in interactions(g):
        contexts = covering_contexts(g, i)
        entries = [e for e in instances(g, SGAM.ContextEntry)
                   if set(values(g, e, SGAM.context)) & contexts]
        entities = {x for e in entries for x in values(g, e, SGAM.entity)}
        standards = {s for e in entries for s in values(g, e, SGAM.standard)}
        found.append((value(g, i, SGAM.number), i, len(contexts), len(entities), len(standards)))
    return rows(found)


