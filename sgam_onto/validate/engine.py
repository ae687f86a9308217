"""Run the shapes over a data graph with pyshacl and read the results back.

pyshacl is imported here, when validation actually runs (importing it costs about 0.4 s).
Settings, and why:

* ``inference="none"``: the data are validated as written. sh:targetClass and sh:class
  still follow rdfs:subClassOf, because SHACL reads subclass triples from the data graph
  itself; the ontology is therefore part of the data graph (see ``with_ontology``), which is
  what pyshacl's ``ont_graph`` option would do on a clone.
* ``advanced`` only when the shapes use SHACL-AF (sh:target, sh:rule); ``inplace`` unless
  they hold sh:rule. Only rules (and inference, which is off) write to the data graph, so
  pyshacl reads the given graph without cloning it, and a landscape is validated without
  being copied (tests check it is left unchanged). pyshacl never follows owl:imports of a
  data graph handed over as a Graph.
* ``allow_warnings=False``: the report is standard SHACL; severities are counted here.

Validating only some focus nodes does not use pyshacl's ``focus_nodes`` option: pyshacl 0.40
applies that filter to nested shapes too (sh:not, sh:or, sh:node... evaluated on a value that
is not itself a chosen focus node are skipped), which changes results. Instead the Core
targets of each shape are evaluated here and replaced by sh:targetNode for the chosen nodes
(``focus_shapes``), and results are filtered to those nodes.
"""

from __future__ import annotations

import functools
import logging
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from sgam_onto.validate.results import ValidationResult, read_results, sort_results

ONTOLOGY_IRI = URIRef("https://w3id.org/sgam-onto")


def merged_copy(*graphs: Graph | None) -> Graph:
    """A new graph holding the triples of ``graphs``; none of them is changed."""
    data = Graph(bind_namespaces="none")
    for graph in graphs:
        if graph is None:
            continue
        for prefix, namespace in graph.namespaces():
            data.bind(prefix, namespace, override=False)
        data.addN((s, p, o, data) for s, p, o in graph)
    data.remove((None, OWL.imports, None))
    return data


def has_ontology(data: Graph) -> bool:
    return (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in data


def with_ontology(data: Graph) -> Graph:
    """Add the ontology modules to ``data`` when it lacks them, so subclass targets work."""
    if has_ontology(data):
        return data
    from sgam_onto import paths
    from sgam_onto.rdf.convert import add_quads
    from sgam_onto.rdf.parse import parse_file

    for module in paths.module_files():
        add_quads(data, parse_file(module).quads)
    data.remove((None, OWL.imports, None))
    return data


def run_shapes(
    data: Graph,
    shapes: Graph,
    *,
    focus_nodes: Iterable[Node] | None = None,
) -> list[ValidationResult]:
    """Validate ``data`` (which pyshacl may use in place) against ``shapes``."""
    focus = None if focus_nodes is None else set(focus_nodes)
    if focus is not None and not focus:
        return []
    if focus is None:
        results = _pyshacl(data, shapes, shapes)
    else:
        with focus_shapes(shapes, data, focus) as focused:
            results = _pyshacl(data, focused, shapes)
    if focus is not None:
        results = [r for r in results if r.focus in focus]
    return sort_results(results)


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
def _parsed_once(data: Graph) -> Iterator[None]:
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


def _pyshacl(data: Graph, engine_shapes: Graph, shapes: Graph) -> list[ValidationResult]:
    import pyshacl

    from sgam_onto.errors import SgamError
    from sgam_onto.limits import seal_rdflib
    from sgam_onto.validate.spec import as_specified

    seal_rdflib()  # pyshacl runs shape SPARQL on rdflib: no FROM/LOAD fetching, no SERVICE
    # pyshacl logs notes about the shapes graph at WARNING level; results are what matters.
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
    engine_shapes = as_specified(engine_shapes)
    try:
        with _parsed_once(data):
            _conforms, report, _text = pyshacl.validate(
                data,
                shacl_graph=engine_shapes,
                inference="none",
                advanced=needs_advanced(engine_shapes),
                inplace=(None, SH.rule, None) not in engine_shapes,
                allow_warnings=False,
                allow_infos=False,
                abort_on_first=False,
            )
    except NotImplementedError as err:
        raise SgamError(
            "the shapes use a SHACL feature the reference validator (pyshacl) does not "
            f"support: {_one_line(err) or 'not implemented'}"
        ) from None
    except pyshacl.errors.ReportableRuntimeError as err:
        raise SgamError(f"the shapes cannot be used: {_one_line(err)}") from None
    if not isinstance(report, Graph):  # a ValidationFailure: the shapes themselves are broken
        raise SgamError(f"the shapes cannot be used: {report}")
    return read_results(report, shapes)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())


def needs_advanced(shapes: Graph) -> bool:
    """Whether the shapes use SHACL-AF features (custom targets, rules, functions)."""
    return any(
        (None, predicate, None) in shapes for predicate in (SH.target, SH.rule)
    ) or (None, RDF.type, SH.SPARQLFunction) in shapes

