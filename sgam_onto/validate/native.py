"""Faster equivalents of the SPARQL-based shapes, for graphs held in memory.

A SPARQL query that scans every triple costs about 0.3 s per pass over the landscape in
rdflib's engine (and the vocabulary shape needs three passes), while the same check over the
graph's indexes takes milliseconds; and without SPARQL targets pyshacl needs no SHACL-AF
mode, in which it would clone the whole data graph. The shape in ``shapes/`` stays the
definition: anyone can validate with it in any SHACL-SPARQL engine. Each function here must
give exactly the results pyshacl gives for its shape; tests/validate/test_native.py proves it
on several graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from sgam_onto.namespace import NS as SGAM
from sgam_onto.validate.results import ValidationResult, english
from sgam_onto.validate.shapes import SGAMSH

VOCABULARY_SHAPE = URIRef(SGAMSH + "Resource-vocabulary")
ACYCLIC_SHAPE = URIRef(SGAMSH + "StandardsBody-parentBody-acyclic")
PARENT_BODY = URIRef(SGAM + "parentBody")

_PROPERTY_DECLARATIONS = (
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
)
_CLASS_DECLARATIONS = (OWL.Class, RDFS.Class)

Triple = tuple[URIRef, URIRef, URIRef]


def undeclared_terms(graph: Graph, subjects: Iterable[Node] | None = None) -> Iterator[Triple]:
    """(subject, path, value) for every use of an sgam: term the graph does not declare.

    The same three cases as the shape's query: an undeclared property (value = the property),
    an IRI object without any type, a type that is not declared as a class. ``subjects``
    limits the search to the statements of those subjects.
    """
    if subjects is None:
        statements: Iterable[tuple[Node, Node, Node]] = graph
    else:
        statements = (t for s in subjects for t in graph.triples((s, None, None)))
    known: dict[tuple[Node, str], bool] = {}

    def declared(term: Node, kind: str) -> bool:
        if (term, kind) not in known:
            if kind == "property":
                known[term, kind] = any(
                    (term, RDF.type, t) in graph for t in _PROPERTY_DECLARATIONS
                )
            elif kind == "class":
                known[term, kind] = any((term, RDF.type, t) in graph for t in _CLASS_DECLARATIONS)
            else:
                known[term, kind] = (term, RDF.type, None) in graph
        return known[term, kind]

    found: set[Triple] = set()
    for subject, predicate, value in statements:
        if str(predicate).startswith(SGAM) and not declared(predicate, "property"):
            found.add((subject, predicate, predicate))
        if isinstance(value, URIRef) and str(value).startswith(SGAM):
            if predicate == RDF.type:
                if not declared(value, "class"):
                    found.add((subject, predicate, value))
            elif not declared(value, "typed"):
                found.add((subject, predicate, value))
    yield from sorted(found)


def parent_cycles(graph: Graph) -> Iterator[Triple]:
    """(body, sgam:parentBody, parent) for every parent link that lies on a cycle."""
    parents: dict[Node, set[Node]] = {}
    for child, parent in graph.subject_objects(PARENT_BODY):
        parents.setdefault(child, set()).add(parent)
    reachable: dict[Node, set[Node]] = {}

    def ancestors(start: Node) -> set[Node]:
        if start not in reachable:
            seen: set[Node] = set()
            stack = list(parents.get(start, ()))
            while stack:
                node = stack.pop()
                if node not in seen:
                    seen.add(node)
                    stack.extend(parents.get(node, ()))
            reachable[start] = seen
        return reachable[start]

    found = set()
    for body in parents:
        if body in ancestors(body):
            found.update(
                (body, PARENT_BODY, parent)
                for parent in parents[body]
                if parent == body or body in ancestors(parent)
            )
    yield from sorted(found)


def _sparql_results(
    shape: URIRef, triples: Iterable[Triple], shapes: Graph
) -> list[ValidationResult]:
    """Results as pyshacl writes them for a SPARQL-based constraint of ``shape``."""
    severity = shapes.value(shape, SH.severity) or SH.Violation
    message = english(shapes.objects(shape, SH.message))
    return [
        ValidationResult(
            focus=subject,
            path=path,
            component=SH.SPARQLConstraintComponent,
            severity=severity,
            source_shape=shape,
            value=value,
            message=message,
        )
        for subject, path, value in triples
    ]


def vocabulary_results(
    graph: Graph, shapes: Graph, focus: set[Node] | None = None
) -> list[ValidationResult]:
    """The results of sgamsh:Resource-vocabulary, computed natively."""
    return _sparql_results(VOCABULARY_SHAPE, undeclared_terms(graph, focus), shapes)


def acyclic_results(
    graph: Graph, shapes: Graph, focus: set[Node] | None = None
) -> list[ValidationResult]:
    """The results of sgamsh:StandardsBody-parentBody-acyclic, computed natively."""
    found = parent_cycles(graph)
    if focus is not None:
        found = (t for t in found if t[0] in focus)
    return _sparql_results(ACYCLIC_SHAPE, found, shapes)


# shape IRI -> function computing its results (for the focus nodes only, when given);
# applied only when the shape is in the shapes graph
NATIVE: dict[URIRef, Callable[[Graph, Graph, set[Node] | None], list[ValidationResult]]] = {
    VOCABULARY_SHAPE: vocabulary_results,
    ACYCLIC_SHAPE: acyclic_results,
}
