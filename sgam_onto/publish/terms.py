"""RDF terms as HTML: labelled links for IRIs, literals with language or datatype, and OWL
class expressions (blank nodes) written out in Manchester-like words."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from sgam_onto.publish.html import esc, link
from sgam_onto.publish.site import SiteMap

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_html(site: SiteMap, page: str, node: Node, depth: int = 0) -> str:
    """One term as an HTML fragment, as seen from the page at site path `page`."""
    if isinstance(node, URIRef):
        return link(site.href(page, str(node)), site.label(node))
    if isinstance(node, Literal):
        text = esc(str(node))
        if node.language:
            return f'{text}<span class="lang">@{esc(node.language)}</span>'
        if node.datatype and str(node.datatype) != XSD_STRING:
            dt = str(node.datatype)
            short = dt.rsplit("#", 1)[-1]
            return f'{text}<span class="dt" title="{esc(dt)}">{esc(short)}</span>'
        return text
    if isinstance(node, BNode):
        return expression_html(site, page, site.graph, node, depth)
    return esc(str(node))


def expression_html(site: SiteMap, page: str, graph: Graph, node: BNode, depth: int = 0) -> str:
    """An OWL class expression or restriction in words; other blank nodes as their facts."""
    if depth > 6:
        return "…"

    def sub(n: Node) -> str:
        return term_html(site, page, n, depth + 1)

    def members(head: Node) -> list[Node]:
        try:
            return list(Collection(graph, head))
        except Exception:  # a malformed list is shown as a plain node
            return [head]

    for prop, word in ((OWL.intersectionOf, " and "), (OWL.unionOf, " or ")):
        head = graph.value(node, prop)
        if head is not None:
            return "(" + word.join(sub(m) for m in members(head)) + ")"
    head = graph.value(node, OWL.oneOf)
    if head is not None:
        return "{" + ", ".join(sub(m) for m in members(head)) + "}"
    if (node, RDF.type, OWL.Restriction) in graph:
        prop = graph.value(node, OWL.onProperty)
        on_class = graph.value(node, OWL.onClass)
        parts = sub(prop) if prop is not None else "?"
        for key, word in (
            (OWL.someValuesFrom, "some"),
            (OWL.allValuesFrom, "only"),
            (OWL.hasValue, "value"),
        ):
            value = graph.value(node, key)
            if value is not None:
                return f"({parts} {word} {sub(value)})"
        for key, word in (
            (OWL.minQualifiedCardinality, "min"),
            (OWL.maxQualifiedCardinality, "max"),
            (OWL.qualifiedCardinality, "exactly"),
            (OWL.minCardinality, "min"),
            (OWL.maxCardinality, "max"),
            (OWL.cardinality, "exactly"),
        ):
            value = graph.value(node, key)
            if value is not None:
                target = f" {sub(on_class)}" if on_class is not None else ""
                return f"({parts} {word} {esc(str(value))}{target})"
    facts = sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1])))
    inner = "; ".join(f"{sub(p)} {sub(o)}" for p, o in facts)
    return f"[{inner}]"
