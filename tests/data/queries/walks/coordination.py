"""Expected answers about the coordination items of 4.2.3 and the context lists."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef

from tests.data.queries.walks.graph import (
    SGAM,
    Row,
    bodies_of,
    english,
    instances,
    is_group,
    members,
    pairs,
    rows,
    text,
    value,
    values,
)


def items(g: Graph) -> list:
    return instances(g, SGAM.CoordinationItem)


def taking_part(g: Graph, item) -> set:
    """The single bodies taking part in an item: its body parties and its party groups' members."""
    return {body for party in values(g, item, SGAM.party) for body in bodies_of(g, party)}


def topic(g: Graph, item) -> str:
    return text(value(g, item, SGAM.topic))


def ordered_status_labels(g: Graph, item) -> str:
    statuses = sorted(values(g, item, SGAM.status),
                      key=lambda s: int(value(g, s, SGAM.order) or 0))
    return " | ".join(english(g, s) for s in statuses)


def coordination_between(g: Graph, params: dict[str, str]) -> list[Row]:
    body, other = URIRef(params["body"]), URIRef(params["other"])
    if body == other:
        return []
    found = []
    for item in items(g):
        concerned = set(values(g, item, SGAM.party))
        concerned |= {m for p in values(g, item, SGAM.party) for m in members(g, p)}
        if body in concerned and other in concerned:
            found.append((body, other, value(g, item, SGAM.number), item, topic(g, item),
                          value(g, item, SGAM.highImportance)))
    return rows(found)


def coordination_by_body(g: Graph, params: dict[str, str]) -> list[Row]:
    body = URIRef(params["body"])
    found = set()
    for item in items(g):
        ways = set()
        for party in values(g, item, SGAM.party):
            if party == body:
                ways.add(("party", party))
            if body in members(g, party):
                ways.add(("member of party group", party))
            if party in members(g, body):
                ways.add(("party is a member", party))
        if (item, SGAM.concerns, body) in g:
            ways.add(("concerned", body))
        for role, via in ways:
            found.add((body, value(g, item, SGAM.number), item, topic(g, item), role, via,
                       value(g, item, SGAM.highImportance)))
    return rows(found)


def coordination_by_status(g: Graph, params: dict[str, str]) -> list[Row]:
    status = URIRef(params["status"])
    return rows((status, value(g, item, SGAM.number), item, topic(g, item),
                 value(g, item, SGAM.highImportance), value(g, item, SGAM.entityAsWritten))
                for item in items(g) if (item, SGAM.status, status) in g)


def coordination_high_importance(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows((value(g, item, SGAM.number), item, topic(g, item),
                 value(g, item, SGAM.entityAsWritten))
                for item in items(g) if text(value(g, item, SGAM.highImportance)) == "true")


def coordination_cross_references(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows((value(g, item, SGAM.number), item, topic(g, item),
                 value(g, target, SGAM.number), target, topic(g, target))
                for item in items(g) for target in values(g, item, SGAM.crossReference))


def coordination_items(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for item in items(g):
        parties = " | ".join(sorted(english(g, p) for p in values(g, item, SGAM.party)))
        found.append((value(g, item, SGAM.number), parties, value(g, item, SGAM.highImportance),
                      ordered_status_labels(g, item), english(g, value(g, item, SGAM.source))))
    return rows(found)


def coordination_edges(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for item in items(g):
        for role, prop in (("party", SGAM.party), ("concerns", SGAM.concerns)):
            for entity in values(g, item, prop):
                found.append((value(g, item, SGAM.number), item, role, entity, english(g, entity),
                              "group" if is_group(g, entity) else "body",
                              value(g, item, SGAM.highImportance),
                              ordered_status_labels(g, item), topic(g, item)))
    return rows(found)


def coordination_status_counts(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for status in instances(g, SGAM.CoordinationStatus):
        if value(g, status, SGAM.order) is None:
            continue
        carrying = [i for i in items(g) if (i, SGAM.status, status) in g]
        flags = [text(value(g, i, SGAM.highImportance)) for i in carrying]
        found.append((status, english(g, status), flags.count("true"), flags.count("false"),
                      len(carrying)))
    return rows(found)


def linked_pairs(g: Graph) -> dict[tuple, set]:
    """Unordered pairs of bodies (smaller IRI first) -> the items they both take part in."""
    linked: dict[tuple, set] = defaultdict(set)
    for item in items(g):
        for pair in pairs(taking_part(g, item)):
            linked[pair].add(item)
    return linked


def coordination_pairs(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows((a, english(g, a), b, english(g, b), len(found))
                for (a, b), found in linked_pairs(g).items())


def network(g: Graph) -> dict:
    """Body -> (items it takes part in, distinct partner bodies)."""
    found: dict = defaultdict(lambda: (set(), set()))
    for item in items(g):
        bodies = taking_part(g, item)
        for body in bodies:
            found[body][0].add(item)
            found[body][1].update(bodies - {body})
    return found


def coordination_ranking(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows((body, english(g, body), len(its), len(partners))
                for body, (its, partners) in network(g).items())


def coordination_ranking_by_partners(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows((body, english(g, body), len(partners), len(its))
                for body, (its, partners) in network(g).items())


def coordination_gaps(g: Graph, params: dict[str, str]) -> list[Row]:
    """Body pairs marked for a common Table 1 context with no item between them."""
    contexts: dict = defaultdict(set)
    for inv in instances(g, SGAM.Involvement):
        for entity in values(g, inv, SGAM.entity):
            for body in bodies_of(g, entity):
                contexts[body].update(values(g, inv, SGAM.context))
    linked = linked_pairs(g)
    found = []
    for a, b in pairs(contexts):
        shared = contexts[a] & contexts[b]
        if not shared or (a, b) in linked:
            continue
        if any(value(g, x, SGAM.endYear) is not None for x in (a, b)):
            continue
        if set(g.subjects(SGAM.member, a)) & set(g.subjects(SGAM.member, b)):
            continue
        if set(g.subjects(SGAM.parentBody, a)) & set(g.subjects(SGAM.parentBody, b)):
            continue
        if (a, SGAM.parentBody, b) in g or (b, SGAM.parentBody, a) in g:
            continue
        found.append((a, english(g, a), b, english(g, b), len(shared)))
    return rows(found)


def list_label(g: Graph, entry) -> str:
    """The clause whose list an entry belongs to (its source is a place in that list)."""
    return english(g, value(g, value(g, entry, SGAM.source), SGAM.partOfLocation))


def context_coordination_lists(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for entry in instances(g, SGAM.ContextCoordinationEntry):
        item = value(g, entry, SGAM.correspondsTo)
        found.append((value(g, entry, SGAM.context), list_label(g, entry),
                      value(g, entry, SGAM.number), value(g, entry, SGAM.entityAsWritten),
                      item, value(g, item, SGAM.number) if item is not None else None,
                      english(g, value(g, entry, SGAM.refersTo))))
    return rows(found)


def coordination_missing_from_4_2_3(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for entry in instances(g, SGAM.ContextCoordinationEntry):
        written = value(g, entry, SGAM.entityAsWritten)
        if value(g, entry, SGAM.correspondsTo) is not None or written is None:
            continue
        for party in values(g, entry, SGAM.party):
            found.append((value(g, entry, SGAM.context), list_label(g, entry),
                          value(g, entry, SGAM.number), written, party, english(g, party)))
    return rows(found)


