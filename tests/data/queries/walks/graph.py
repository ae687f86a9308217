"""Small helpers for reading the landscape as a plain rdflib graph, without SPARQL.

The walks in this package compute each catalogue answer from the meaning of its question, so
that a query and its expectation share no code. Values are written the way the SPARQL CSV
results give them: IRIs bare, literals as their lexical form, unbound as "".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

SGAM = Namespace("https://w3id.org/sgam-onto#")
ID = "https://w3id.org/sgam-onto/id/"

Row = tuple[str, ...]


def text(term: Node | None) -> str:
    """A term as a CSV cell: the IRI, the literal's lexical form, or "" when absent."""
    if term is None:
        return ""
    return str(term)


def values(graph: Graph, subject: Node, predicate: URIRef) -> list[Node]:
    return list(graph.objects(subject, predicate))


def value(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    """The one value of a property (the smallest by text when, unexpectedly, there are more)."""
    found = values(graph, subject, predicate)
    return min(found, key=text) if found else None


def instances(graph: Graph, cls: URIRef) -> list[Node]:
    return list(graph.subjects(RDF.type, cls))


def has_type(graph: Graph, node: Node, cls: URIRef) -> bool:
    return (node, RDF.type, cls) in graph


def english(graph: Graph, node: Node | None, predicate: URIRef = RDFS.label) -> str:
    """The display label: the English one (the shapes allow one per language), else ""."""
    if node is None:
        return ""
    found = sorted(
        str(lit)
        for lit in graph.objects(node, predicate)
        if isinstance(lit, Literal) and (lit.language or "").lower().split("-")[0] == "en"
    )
    return found[0] if found else ""


def members(graph: Graph, group: Node) -> set[Node]:
    return set(graph.objects(group, SGAM.member))


def groups_of(graph: Graph, body: Node) -> set[Node]:
    return set(graph.subjects(SGAM.member, body))


def is_group(graph: Graph, node: Node) -> bool:
    return has_type(graph, node, SGAM.BodyGroup)


def bodies_of(graph: Graph, entity: Node) -> set[Node]:
    """The single bodies an entity stands for: a group's members, or the body itself."""
    return members(graph, entity) if is_group(graph, entity) else {entity}


def broader_or_self(graph: Graph, context: Node) -> set[Node]:
    """The context and every context it is a case of, at any depth."""
    seen = {context}
    todo = [context]
    while todo:
        for up in graph.objects(todo.pop(), SGAM.broaderContext):
            if up not in seen:
                seen.add(up)
                todo.append(up)
    return seen


def ancestors(graph: Graph, node: Node, predicate: URIRef) -> set[Node]:
    """Every node reached by one or more steps of `predicate` (a transitive walk)."""
    seen: set[Node] = set()
    todo = list(graph.objects(node, predicate))
    while todo:
        here = todo.pop()
        if here not in seen:
            seen.add(here)
            todo.extend(graph.objects(here, predicate))
    return seen


def subclasses_of(graph: Graph, cls: URIRef) -> set[Node]:
    """The class and all classes below it by rdfs:subClassOf."""
    seen = {cls}
    todo = [cls]
    while todo:
        for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


def mark_text(graph: Graph, record: Node) -> str:
    """A Table 1 mark with its footnote, written "X^b"."""
    mark = text(value(graph, record, SGAM.mark))
    footnote = value(graph, record, SGAM.footnote)
    suffix = text(value(graph, footnote, SGAM.footnoteMark)) if footnote is not None else ""
    return mark + ("^" + suffix if suffix else "")


def rows(found: Iterable[Iterable[Node | str | int | None]]) -> list[Row]:
    """Rows of cells as CSV text (ints and strings kept, terms written as `text`)."""
    return [tuple(cell(c) for c in row) for row in found]


def cell(c: Node | str | int | None) -> str:
    if c is None or isinstance(c, Node):
        return text(c)
    if isinstance(c, bool):
        return "true" if c else "false"
    return str(c)


def pairs(items: Iterable[Node]) -> Iterator[tuple[Node, Node]]:
    """Each unordered pair of distinct nodes once, the smaller IRI first."""
    ordered = sorted(set(items), key=str)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            yield a, b
