"""Expected answers about bodies, groups and Table 1, walked from the graph."""

from __future__ import annotations

from rdflib import RDF, Graph, URIRef

from tests.data.queries.walks.graph import (
    SGAM,
    Row,
    ancestors,
    english,
    groups_of,
    has_type,
    instances,
    is_group,
    mark_text,
    members,
    rows,
    subclasses_of,
    text,
    value,
    values,
)

TABLE_1_KEYS = ("utility", "der", "hb", "industry", "microgrid", "market", "service")


def involvements(g: Graph) -> list:
    return instances(g, SGAM.Involvement)


def bodies_in_context(g: Graph, params: dict[str, str]) -> list[Row]:
    """Table 1 down one column: each marked row's entity, and a group row's members too."""
    context = URIRef(params["context"])
    found = []
    for inv in involvements(g):
        if (inv, SGAM.context, context) not in g:
            continue
        row = value(g, inv, SGAM.row)
        row_label = text(value(g, row, SGAM.rowLabel))
        for entity in values(g, inv, SGAM.entity):
            found.append((context, entity, english(g, entity), "row", row_label,
                          mark_text(g, inv)))
            for member in members(g, entity):
                found.append((context, member, english(g, member), "member", row_label,
                              mark_text(g, inv)))
    return rows(found)


def contexts_of_body(g: Graph, params: dict[str, str]) -> list[Row]:
    """Table 1 along one row: each mark that concerns the body or group, once, with how."""
    body = URIRef(params["body"])
    found = []
    for inv in involvements(g):
        entity = value(g, inv, SGAM.entity)
        if entity == body:
            through = "row"
        elif body in members(g, entity):
            through = "via group"
        elif entity in members(g, body) or members(g, entity) & members(g, body):
            through = "via member"
        else:
            continue
        context = value(g, inv, SGAM.context)
        found.append((body, value(g, context, SGAM.table1Column), context,
                      value(g, context, SGAM.table1Header),
                      value(g, value(g, inv, SGAM.row), SGAM.rowLabel), mark_text(g, inv), through))
    return rows(found)


def table_1(g: Graph, params: dict[str, str]) -> list[Row]:
    """Table 1 rebuilt: one line per row, each column the mark recorded for it or ""."""
    key_of = {c: text(value(g, c, SGAM.columnKey)) for c in g.subjects(SGAM.columnKey, None)}
    found = []
    for row in instances(g, SGAM.SummaryTableRow):
        cells = dict.fromkeys(TABLE_1_KEYS, "")
        for inv in g.subjects(SGAM.row, row):
            key = key_of.get(value(g, inv, SGAM.context))
            if key in cells and value(g, inv, SGAM.mark) is not None:
                cells[key] = mark_text(g, inv)
        found.append((value(g, row, SGAM.rowLabel), *cells.values()))
    return rows(found)


def body_groups(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows((group, value(g, group, SGAM.designation), member,
                 value(g, member, SGAM.designation))
                for group in instances(g, SGAM.BodyGroup) for member in members(g, group))


def body_kind(g: Graph, body, body_classes: set) -> str:
    """The label of the body's most specific standards-body class."""
    asserted = [c for c in g.objects(body, RDF.type) if c in body_classes]
    specific = [c for c in asserted
                if not any(o != c and o in subclasses_of(g, c) for o in asserted)]
    return min(english(g, c) for c in specific)


def body_hierarchy(g: Graph, params: dict[str, str]) -> list[Row]:
    """Every standards body with its kind; one line per parent body (or one without)."""
    body_classes = subclasses_of(g, SGAM.StandardsBody)
    bodies = {b for c in body_classes for b in g.subjects(RDF.type, c)}
    found = []
    for body in bodies:
        kind = body_kind(g, body, body_classes)
        parents = values(g, body, SGAM.parentBody) or [None]
        for parent in parents:
            found.append((body, value(g, body, SGAM.designation), kind, parent,
                          value(g, parent, SGAM.designation) if parent is not None else ""))
    return rows(found)


def joint_bodies(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for body in set(g.subjects(SGAM.parentBody, None)):
        parents = set(values(g, body, SGAM.parentBody))
        if len(parents) >= 2:
            found += [(body, value(g, body, SGAM.designation), len(parents), parent,
                       value(g, parent, SGAM.designation)) for parent in parents]
    return rows(found)


def standards_of_body(g: Graph, params: dict[str, str]) -> list[Row]:
    """Standards maintained by the body, a group of it, a member of it, or a body under it."""
    body = URIRef(params["body"])
    found = set()
    for standard, maintainer in g.subject_objects(SGAM.maintainedBy):
        ways = set()
        if maintainer == body:
            ways.add("direct")
        if body in members(g, maintainer):
            ways.add("via group")
        if maintainer in members(g, body):
            ways.add("via member")
        under = ancestors(g, maintainer, SGAM.parentBody)
        for member in members(g, maintainer):
            under |= ancestors(g, member, SGAM.parentBody)
        if body in under:
            ways.add("via sub-body")
        for way in ways:
            for designation in values(g, standard, SGAM.designation):
                found.add((body, standard, designation, maintainer, way))
    return rows(found)


def disbanded_bodies(g: Graph, params: dict[str, str]) -> list[Row]:
    """Bodies with an end year; per kind of record still naming them, how many records."""
    naming = (SGAM.entity, SGAM.party, SGAM.concerns, SGAM.maintainedBy, SGAM.mechanism)
    found = []
    for body, end in g.subject_objects(SGAM.endYear):
        records = {r for p in naming for r in g.subjects(p, body)}
        by_kind: dict[str, set] = {}
        for record in records:
            for cls in g.objects(record, RDF.type):
                if str(cls).startswith(str(SGAM)) and english(g, cls):
                    by_kind.setdefault(english(g, cls), set()).add(record)
        successor = value(g, body, SGAM.succeededBy)
        for kind, recs in by_kind.items():
            found.append((body, value(g, body, SGAM.designation), end, successor,
                          value(g, successor, SGAM.designation) if successor else "",
                          kind, len(recs)))
    return rows(found)


def body_profile(g: Graph, params: dict[str, str]) -> list[Row]:
    """Everything said about one body, facet by facet; groups answer for their members."""
    body = URIRef(params["body"])
    groups = groups_of(g, body)
    found: list[tuple] = []

    def add(facet: str, node, detail: str) -> None:
        found.append((body, facet, node, english(g, node), detail))

    for parent in values(g, body, SGAM.parentBody):
        add("parent body", parent, "")
    for group in groups:
        add("member of group", group, "")
    for entity, suffix in [(body, ""), *((group, " via group") for group in groups)]:
        for record in g.subjects(SGAM.entity, entity):
            context = value(g, record, SGAM.context)
            if has_type(g, record, SGAM.Involvement) and value(g, record, SGAM.mark):
                add("Table 1 context", context, mark_text(g, record) + suffix)
            if has_type(g, record, SGAM.ContextEntry):
                for source in values(g, record, SGAM.source):
                    add("listed for context", context, english(g, source) + suffix)
        for standard in g.subjects(SGAM.maintainedBy, entity):
            add("maintained standard", standard, suffix.strip())
    partners: set[tuple] = set()
    for item in instances(g, SGAM.CoordinationItem):
        parties = set(values(g, item, SGAM.party))
        number = text(value(g, item, SGAM.number))
        via = [p for p in parties if p == body or p in groups]
        for party in via:
            add("coordination item", item, "" if party == body else "via group")
        if via:
            for party in parties:
                for partner in (members(g, party) if is_group(g, party) else {party}):
                    if partner != body and partner not in members(g, body):
                        partners.add((partner, int(number)))
    for partner, number in partners:
        add("coordination partner", partner, f"item {number}")
    return rows(found)
