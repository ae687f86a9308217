"""The shapes as the fast path sees them: targets, path, severity and constraint parameters.

Read from the same rdflib shapes graph that pyshacl reads, so that shape nodes (blank nodes
included) are the very terms pyshacl names as sh:sourceShape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from sgam_onto.validate.results import english
from sgam_onto.validate.shacl_paths import Path, read_path

# The constraint parameters of SHACL Core and SHACL-SPARQL that this module understands.
PARAMETERS = frozenset(
    SH[name]
    for name in (
        "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive",
        "minInclusive", "maxExclusive", "maxInclusive", "minLength", "maxLength",
        "pattern", "flags", "languageIn", "uniqueLang", "equals", "disjoint",
        "lessThan", "lessThanOrEquals", "not", "and", "or", "xone", "node", "property",
        "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint", "closed", "ignoredProperties", "hasValue", "in",
        "sparql",
    )
)
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
_SHAPE_REFERENCES = (SH.node, SH["not"], SH.property, SH.qualifiedValueShape)
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)


class Unsupported(Exception):
    """A shape uses something the fast path does not compile; pyshacl validates it instead."""


@dataclass
class Shape:
    node: Node
    path: Path | None
    severity: URIRef
    deactivated: bool
    message: str
    params: dict[URIRef, list[Node]] = field(default_factory=dict)
    targets: list[tuple[URIRef, Node]] = field(default_factory=list)
    unsupported: str = ""  # why the fast path cannot compile this shape, if it cannot

    @property
    def is_property(self) -> bool:
        return self.path is not None

    def values(self, parameter: URIRef) -> list[Node]:
        return self.params.get(parameter, [])

    def one(self, parameter: URIRef) -> Node | None:
        found = self.values(parameter)
        return found[0] if found else None


class ShapesGraph:
    """Every shape of a shapes graph, and which of them have targets."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._shapes: dict[Node, Shape] = {}
        # parameters of SPARQL-based constraint components declared in the shapes graph
        self._custom = {
            path
            for component in set(graph.subjects(SH.parameter, None))
            for parameter in graph.objects(component, SH.parameter)
            for path in graph.objects(parameter, SH.path)
        }

    def shape(self, node: Node) -> Shape:
        found = self._shapes.get(node)
        if found is None:
            found = self._shapes[node] = self._read(node)
        return found

    def shape_nodes(self) -> list[Node]:
        """Every node that is a shape, as pyshacl finds them."""
        graph = self.graph
        nodes: set[Node] = set()
        for kind in (SH.NodeShape, SH.PropertyShape):
            nodes.update(graph.subjects(RDF.type, kind))
        for predicate in TARGETS:
            nodes.update(graph.subjects(predicate, None))
        for predicate in _SHAPE_REFERENCES:
            nodes.update(graph.objects(None, predicate))
        for predicate in _SHAPE_LISTS:
            for head in graph.objects(None, predicate):
                nodes.update(Collection(graph, head))
        nodes.update(graph.subjects(SH.path, None))
        return sorted(nodes, key=lambda n: (isinstance(n, BNode), str(n)))

    def targeted(self) -> list[Shape]:
        """The shapes pyshacl validates directly: those with a target."""
        return [s for s in (self.shape(n) for n in self.shape_nodes()) if s.targets]

    def items(self, head: Node) -> list[Node]:
        return list(Collection(self.graph, head))

    def _read(self, node: Node) -> Shape:
        graph = self.graph
        path_node = graph.value(node, SH.path)
        deactivated = graph.value(node, SH.deactivated)
        shape = Shape(
            node=node,
            path=None if path_node is None else read_path(graph, path_node),
            severity=graph.value(node, SH.severity) or SH.Violation,  # type: ignore[arg-type]
            deactivated=isinstance(deactivated, Literal) and deactivated.value is True,
            message=english(graph.objects(node, SH.message)),
        )
        for predicate, obj in graph.predicate_objects(node):
            if predicate in PARAMETERS:
                shape.params.setdefault(predicate, []).append(obj)  # type: ignore[index]
            elif predicate in TARGETS:
                shape.targets.append((predicate, obj))  # type: ignore[arg-type]
            elif predicate in self._custom or (
                str(predicate).startswith(str(SH)) and predicate not in _OTHER_SH
            ):
                shape.unsupported = f"{predicate} is not supported by the fast path"
        is_class = any(
            (node, RDF.type, kind) in graph for kind in (RDFS.Class, OWL.Class)
        )
        if is_class and isinstance(node, URIRef) and _is_shape_type(graph, node):
            shape.targets.append((SH.targetClass, node))
        for values in shape.params.values():
            values.sort(key=str)
        return shape


_OTHER_SH = frozenset(
    SH[name]
    for name in (
        "path", "severity", "deactivated", "message", "name", "description", "order",
        "group", "defaultValue", "prefixes", "declare", "select", "ask",
    )
)


def _is_shape_type(graph: Graph, node: Node) -> bool:
    return any((node, RDF.type, kind) in graph for kind in (SH.NodeShape, SH.PropertyShape))
