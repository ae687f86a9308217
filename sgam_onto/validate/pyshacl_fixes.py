"""Every place where the reference engine, pyshacl 0.40, needs help: one module, so that each
workaround can go as soon as pyshacl no longer needs it.

``tests/validate/test_pyshacl_fixes.py`` runs plain pyshacl on a small case for each one and
asserts that the problem is still there: when a pyshacl release fixes it, that test fails, and
the workaround (and the test) can be removed.

Departures from the SHACL specification, found by the W3C SHACL test suite (``as_specified``,
on a copy of the shapes; the caller's graph is never changed):

* ``sh:uniqueLang`` is active only with the value ``true`` (SHACL 4.4.5); pyshacl also takes
  other literals that mean true, such as ``"1"^^xsd:boolean``. Inactive values are dropped.
* The prefixes of ``sh:prefixes`` include the ``sh:declare`` of the ontologies the prefix
  resource ``owl:imports`` (SHACL 5.2.1); pyshacl reads only its own. The declarations of
  imported resources found in the shapes graph itself are copied onto the prefix resource, so
  nothing is fetched.

Results that would change:

* pyshacl's ``focus_nodes`` option also filters the nodes that nested shapes (sh:node, sh:not,
  sh:or...) are evaluated on, so a value that is not itself a chosen focus node is skipped.
  ``focus_shapes`` evaluates the Core and SPARQL targets here instead and replaces them by
  sh:targetNode for the chosen nodes; results are filtered to those nodes afterwards.
* pyshacl adds to the shapes graph it is given; ``own_copy`` gives it a copy of its own.

Costs:

* pyshacl copies the source shape of every result into the report, a list node by node in
  quadratic time (a value outside a 3,000-member ``sh:in`` took minutes). A long sh:in list is
  therefore named by an IRI in ``as_specified``'s copy: an IRI is not copied, the members stay
  the same.
* pyshacl's own message for sh:in lists every member (62 KB for a list of 3,000); ``capped``
  names the count instead.
* pyshacl runs an sh:sparql constraint once per focus node and passes rdflib the query text
  every time; ``parsed_once`` lets rdflib parse each text once.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
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


_CORE_TARGETS = (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)


@contextmanager
def focus_shapes(shapes: Graph, data: Graph, focus: set[Node]) -> Iterator[Graph]:
    """``shapes`` with targets that select only the ``focus`` nodes they select in ``data``.

    Every target becomes sh:targetNode: Core targets (SHACL 2.1.3) and SPARQL-based targets
    (sh:target [a sh:SPARQLTarget], SHACL 5.1) are evaluated here; other SHACL-AF targets are
    kept (their results are filtered afterwards). The untargeted shapes graph is built once
    per shapes graph; the sh:targetNode triples are added for the duration of the block (so
    one shapes graph must not be used by two threads at once).
    """
    base, holders, sparql_targets = _untargeted(shapes)
    classes = _ClassIndex(data)
    added = set()
    for shape, target in sparql_targets:
        selected = _sparql_target(shapes, target, data) & focus
        added.update((shape, SH.targetNode, node) for node in selected)
    for shape in holders:
        added.update(
            (shape, SH.targetNode, node)
            for node in focus
            if _is_target(shapes, shape, node, data, classes)
        )
    for triple in added:
        base.add(triple)
    try:
        yield base
    finally:
        for triple in added:
            base.remove(triple)


_UNTARGETED: weakref.WeakKeyDictionary[Graph, tuple[Graph, set, set]] = weakref.WeakKeyDictionary()


def _untargeted(shapes: Graph) -> tuple[Graph, set, set]:
    """A copy of ``shapes`` without the targets this module evaluates, the shapes that had
    Core targets, and the (shape, SPARQL target) pairs."""
    cached = _UNTARGETED.get(shapes)
    if cached is not None:
        return cached
    sparql_targets = {
        (shape, target)
        for shape, target in shapes.subject_objects(SH.target)
        if (target, RDF.type, SH.SPARQLTarget) in shapes and shapes.value(target, SH.select)
    }
    dropped = {(shape, SH.target, target) for shape, target in sparql_targets}
    base = Graph(bind_namespaces="none")
    for prefix, namespace in shapes.namespaces():
        base.bind(prefix, namespace)
    base.addN(
        (s, p, o, base) for s, p, o in shapes if p not in _CORE_TARGETS and (s, p, o) not in dropped
    )
    holders = {s for p in _CORE_TARGETS for s in shapes.subjects(p, None)}
    holders |= {s for s in shapes.subjects(RDF.type, RDFS.Class) if _is_shape(shapes, s)}
    holders |= {s for s in shapes.subjects(RDF.type, OWL.Class) if _is_shape(shapes, s)}
    cached = _UNTARGETED[shapes] = (base, holders, sparql_targets)
    return cached


class _ClassIndex:
    """The classes a node is a SHACL instance of: its types and their superclasses."""

    def __init__(self, data: Graph) -> None:
        self.data = data
        self._supers: dict[Node, set[Node]] = {}

    def of(self, node: Node) -> set[Node]:
        found: set[Node] = set()
        for cls in self.data.objects(node, RDF.type):
            if cls not in self._supers:
                self._supers[cls] = set(self.data.transitive_objects(cls, RDFS.subClassOf))
            found |= self._supers[cls]
        return found


def _is_target(shapes: Graph, shape: Node, node: Node, data: Graph, classes: _ClassIndex) -> bool:
    """Whether a Core target of ``shape`` selects ``node`` in ``data`` (SHACL 2.1.3)."""
    if (shape, SH.targetNode, node) in shapes:
        return True
    wanted = set(shapes.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
        wanted.add(shape)
    if wanted and wanted & classes.of(node):
        return True
    if any((node, p, None) in data for p in shapes.objects(shape, SH.targetSubjectsOf)):
        return True
    return any((None, p, node) in data for p in shapes.objects(shape, SH.targetObjectsOf))


def _sparql_target(shapes: Graph, target: Node, data: Graph) -> set:
    """The ?this bindings of a SPARQL-based target (SHACL 5.1), with its declared prefixes."""
    declarations = []
    for holder in shapes.objects(target, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                declarations.append(f"PREFIX {prefix}: <{namespace}>")
    prologue = "\n".join(sorted(set(declarations)))
    query = _prepared(prologue + "\n" + str(shapes.value(target, SH.select)))
    return {row[0] for row in data.query(query)}


@functools.lru_cache(maxsize=256)
def _prepared(text: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


@contextmanager
def parsed_once(data: Graph) -> Iterator[None]:
    """Let rdflib parse each SPARQL text pyshacl sends to ``data`` once, not once per call.

    pyshacl runs an sh:sparql constraint once per focus node and passes rdflib the query
    text every time; parsing it (0.1-0.2 s for the constraints of shapes/) costs far more
    than evaluating it. The prepared query is the one rdflib would build from the text (no
    initNs, no base), so results are unchanged. Calls with namespaces or extra options are
    passed through as they are; the method is restored afterwards.
    """
    original = data.query

    def query(text, processor="sparql", result="sparql", initNs=None, initBindings=None,
              use_store_provided=True, **kwargs):
        if isinstance(text, str) and processor == "sparql" and not initNs and not kwargs:
            text = _prepared(text)
        return original(text, processor, result, initNs, initBindings, use_store_provided,
                        **kwargs)

    data.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        del data.query


def _is_shape(shapes: Graph, node) -> bool:
    return (node, RDF.type, SH.NodeShape) in shapes or (node, RDF.type, SH.PropertyShape) in shapes


MAX_MESSAGE = 2000  # characters: far above any message a shape's author writes
SHORT_LIST = 10  # members pyshacl's own sh:in message may list


def capped(message: str, component: Node | None, shape: Node | None,
           shapes: Graph | None) -> str:
    """A result message of readable size. pyshacl's own message for sh:in lists every
    member (62 KB for a list of 3,000); for a long list it names the count instead. Any
    other message longer than ``MAX_MESSAGE`` is cut."""
    if (component == SH.InConstraintComponent and " not in list " in message
            and shapes is not None and shape is not None):
        head = shapes.value(shape, SH["in"])
        count = 0 if head is None else sum(1 for _ in shapes.items(head))
        if count > SHORT_LIST:
            value = message.split(" not in list ", 1)[0]
            return f"{value[:120]} is not one of the {count:,} values sh:in allows"
    if len(message) <= MAX_MESSAGE:
        return message
    return message[: MAX_MESSAGE - 1] + "…"


def own_copy(graph: Graph) -> Graph:
    """A copy of ``graph`` for pyshacl, which adds to the shapes graph it is given."""
    copy = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    copy += graph
    return copy
