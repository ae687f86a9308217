"""The shapes graph as the SHACL specification reads it, where pyshacl 0.40 reads it otherwise.

Two departures of the reference engine, found by the W3C SHACL test suite, are undone here on a
copy of the shapes (the caller's graph is never changed):

* ``sh:uniqueLang`` is active only with the value ``true`` (SHACL 4.4.5); pyshacl also takes
  other literals that mean true, such as ``"1"^^xsd:boolean``. Inactive values are dropped.
* The prefixes of ``sh:prefixes`` include the ``sh:declare`` of the ontologies the prefix
  resource ``owl:imports`` (SHACL 5.2.1); pyshacl reads only its own. The declarations of
  imported resources found in the shapes graph itself are copied onto the prefix resource, so
  nothing is fetched.

And one cost: pyshacl copies the source shape of every result into the report, a list node by
node in quadratic time (a value outside a 3,000-member ``sh:in`` took minutes). A long sh:in
list is therefore named by an IRI in the copy: an IRI is not copied, the members stay the same.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, SH, XSD
from rdflib.term import Node


def as_specified(shapes: Graph) -> Graph:
    """``shapes`` if it needs no change, else a corrected copy (see the module docstring)."""
    inactive = [
        (s, p, o) for s, p, o in shapes.triples((None, SH.uniqueLang, None)) if not _is_true(o)
    ]
    declares = [
        (resource, SH.declare, declaration)
        for resource in set(shapes.objects(None, SH.prefixes))
        for imported in _imported(shapes, resource)
        for declaration in shapes.objects(imported, SH.declare)
        if (resource, SH.declare, declaration) not in shapes
    ]
    long_lists = [
        (shape, head) for shape, head in shapes.subject_objects(SH["in"])
        if isinstance(head, BNode) and _longer_than(shapes, head, LONG_LIST)
    ]
    if not inactive and not declares and not long_lists:
        return shapes
    copy = Graph(bind_namespaces="none")
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace)
    copy += shapes
    for triple in inactive:
        copy.remove(triple)
    for triple in declares:
        copy.add(triple)
    for shape, head in long_lists:
        named = URIRef(f"{IN_LIST}{head}")
        for predicate, obj in list(copy.predicate_objects(head)):
            copy.remove((head, predicate, obj))
            copy.add((named, predicate, obj))
        copy.remove((shape, SH["in"], head))
        copy.add((shape, SH["in"], named))
    return copy


LONG_LIST = 64  # members; shorter lists are copied quickly enough
IN_LIST = "urn:x-sgam-onto:in-list:"


def _longer_than(shapes: Graph, head: Node, limit: int) -> bool:
    return any(count > limit for count, _ in enumerate(shapes.items(head), 1))


def _is_true(value: Node) -> bool:
    return (
        isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"
    )


def _imported(shapes: Graph, resource: Node) -> set[Node]:
    """The resources ``resource`` imports, directly or not, that the shapes graph describes."""
    seen: set[Node] = set()
    todo = list(shapes.objects(resource, OWL.imports))
    while todo:
        node = todo.pop()
        if node in seen or node == resource:
            continue
        seen.add(node)
        todo += shapes.objects(node, OWL.imports)
    return seen
