"""SHACL property paths as hashable values, so results can be compared and printed.

A path in a report graph is an IRI or a blank-node structure (sh:inversePath, RDF lists for
sequences, ...). Blank nodes differ between graphs, so results are compared through this
canonical form: an IRI, or a tuple ``(kind, member)`` / ``(kind, (members...))``.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

# ("inverse" | "zeroOrMore" | "oneOrMore" | "zeroOrOne", Path)
# or ("sequence" | "alternative", tuple[Path, ...])
Path = URIRef | tuple

_UNARY = {
    SH.inversePath: "inverse",
    SH.zeroOrMorePath: "zeroOrMore",
    SH.oneOrMorePath: "oneOrMore",
    SH.zeroOrOnePath: "zeroOrOne",
}
_UNARY_IRI = {kind: iri for iri, kind in _UNARY.items()}
_SUFFIX = {"zeroOrMore": "*", "oneOrMore": "+", "zeroOrOne": "?"}


def read_path(graph: Graph, node: Node) -> Path:
    """The canonical form of the SHACL path at ``node`` in ``graph``."""
    if isinstance(node, URIRef):
        return node
    if not isinstance(node, BNode):
        raise ValueError(f"not a SHACL path: {node!r}")
    if graph.value(node, RDF.first) is not None or node == RDF.nil:
        return ("sequence", tuple(read_path(graph, m) for m in Collection(graph, node)))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return ("alternative", tuple(read_path(graph, m) for m in Collection(graph, alternatives)))
    for predicate, kind in _UNARY.items():
        inner = graph.value(node, predicate)
        if inner is not None:
            return (kind, read_path(graph, inner))
    raise ValueError(f"not a SHACL path: blank node without a path predicate in {graph!r}")


def write_path(graph: Graph, path: Path) -> Node:
    """Add ``path`` to ``graph`` as SHACL path triples; returns the node that stands for it."""
    if isinstance(path, URIRef):
        return path
    kind, inner = path
    node = BNode()
    if kind == "sequence":
        Collection(graph, node, [write_path(graph, m) for m in inner])
    elif kind == "alternative":
        members = BNode()
        Collection(graph, members, [write_path(graph, m) for m in inner])
        graph.add((node, SH.alternativePath, members))
    else:
        graph.add((node, _UNARY_IRI[kind], write_path(graph, inner)))
    return node


def path_text(path: Path | None, name: Callable[[URIRef], str] | None = None) -> str:
    """The path in SPARQL property-path syntax; ``name`` shortens IRIs (default ``<iri>``)."""
    if path is None:
        return ""
    name = name or (lambda iri: f"<{iri}>")
    if isinstance(path, URIRef):
        return name(path)
    kind, inner = path
    if kind == "sequence":
        return "(" + "/".join(path_text(m, name) for m in inner) + ")"
    if kind == "alternative":
        return "(" + "|".join(path_text(m, name) for m in inner) + ")"
    if kind == "inverse":
        return "^" + path_text(inner, name)
    return path_text(inner, name) + _SUFFIX[kind]
