"""Run the compiled shapes over the validation store and collect pyshacl-identical results.

Each shape with a target is evaluated on its own: its value checks in one query, each other
component in one query, each sh:sparql constraint once per focus node (with $this bound), then
its property shapes with the same focus nodes. A shape the compiler cannot handle, with every
shape it uses, is validated by pyshacl instead (``fallback="pyshacl"``) or makes validation
fail (``fallback="raise"``); nothing is skipped silently.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from sgam_onto.fastshacl.compiler import Compiler
from sgam_onto.fastshacl.data import FastData
from sgam_onto.fastshacl.model import Shape, ShapesGraph, Unsupported
from sgam_onto.fastshacl.terms import to_rdflib
from sgam_onto.validate.results import FIX_HINT, ValidationResult, english, sort_results
from sgam_onto.validate.shacl_paths import Path, read_path

THIS = ox.Variable("this")
_BODY = re.compile(r"\bWHERE\s*\{|(?<!\S)\{", re.IGNORECASE)
_THIS = re.compile(r"[$?]this\b")
_BOUND = re.compile(r"\bbound\s*\(\s*[$?]this\s*\)", re.IGNORECASE)


@dataclass
class FastOutcome:
    """The results, and which shapes pyshacl validated because the fast path could not."""

    results: list[ValidationResult]
    fallback: dict[Node, str] = field(default_factory=dict)  # shape -> why
    queries: int = 0
    seconds: float = 0.0


def validate(
    data: FastData,
    shapes: Graph,
    *,
    fallback: str = "pyshacl",
    focus_nodes: Iterable[Node] | None = None,
) -> FastOutcome:
    """Validate ``data`` against ``shapes``; see the module docstring for ``fallback``."""
    if fallback not in ("pyshacl", "raise"):
        raise ValueError("fallback must be 'pyshacl' or 'raise'")
    started = time.perf_counter()
    run = _Run(ShapesGraph(shapes), data)
    results: set[ValidationResult] = set()
    unsupported: dict[Node, str] = {}
    for shape in run.shapes.targeted():
        try:
            results.update(run.shape(shape))
        except Unsupported as err:
            if fallback == "raise":
                raise
            unsupported[shape.node] = str(err)
    if unsupported:
        results.update(_pyshacl(data, run.shapes, unsupported))
    found = list(results)
    if focus_nodes is not None:
        wanted = set(focus_nodes)
        found = [r for r in found if r.focus in wanted]
    return FastOutcome(
        sort_results(found), unsupported, run.queries, time.perf_counter() - started
    )


class _Run:
    def __init__(self, shapes: ShapesGraph, data: FastData) -> None:
        self.shapes = shapes
        self.data = data
        self.compiler = Compiler(shapes, data.store, data.encoder)
        self.queries = 0

    def query(self, text: str, **options: object) -> ox.QuerySolutions:
        self.queries += 1
        return self.data.store.query(  # type: ignore[return-value]
            text, custom_functions=self.compiler.functions or None, **options
        )

    def shape(self, shape: Shape) -> list[ValidationResult]:
        """Every result of a shape with targets, its property shapes included."""
        self.compiler.target_prefixes = []
        focus = self.compiler.focus(shape)
        prefixes = "".join(dict.fromkeys(self.compiler.target_prefixes))
        return self._evaluate(shape.node, focus, prefixes, Compiler.subjects_of(shape))

    def _evaluate(self, node: Node, focus: str, prefixes: str, covered: URIRef | None = None
                  ) -> list[ValidationResult]:
        """``covered``: a property P whose subjects are exactly the focus nodes; a pattern that
        starts with ``?this P ?v`` then needs no join with ``focus``."""
        compiled = self.compiler.compile(node)
        shape = compiled.shape
        found: list[ValidationResult] = []
        if shape.deactivated:
            return found
        make = _Maker(self.shapes.graph, shape)
        implied = covered is not None and shape.path == covered
        if compiled.value_checks:
            checks = compiled.value_checks
            pattern, v = self.compiler.value_nodes(shape, "?this")
            oks = [f"COALESCE({c.ok(v)}, false)" for c in checks]
            projected = " ".join(f"({ok} AS ?_ok{i})" for i, ok in enumerate(oks))
            text = (f"{prefixes}SELECT ?this ({v} AS ?_value) {projected} WHERE {{ "
                    f"{'' if implied else focus} "
                    f"{pattern} FILTER(!({' && '.join(oks)})) }}")
            for row in self.query(text):
                for i, check in enumerate(checks):
                    if row[f"_ok{i}"] != _TRUE:
                        found.append(make(row["this"], check.component, row["_value"]))
        for check in compiled.focus_checks:
            pattern, value, path, key = check.pattern("?this")
            projection = " ".join(dict.fromkeys(v for v in ("?this", value, path, key) if v))
            scope = "" if implied and check.binds_focus else focus
            text = f"{prefixes}SELECT DISTINCT {projection} WHERE {{ {scope} {pattern} }}"
            for row in self.query(text):
                found.append(make(
                    row["this"], check.component,
                    row[value[1:]] if value else None,
                    row[path[1:]] if path else _SHAPE_PATH,
                ))
        if compiled.sparql_checks:
            listed = self.query(f"{prefixes}SELECT ?this WHERE {{ {focus} }}")
            nodes = [row["this"] for row in listed]
            for check in compiled.sparql_checks:
                found += self._sparql(check.query, nodes, shape, make)
        for child in shape.values(SH.property):
            if shape.path is None:
                found += self._evaluate(child, focus, prefixes, covered)
            else:
                inner = focus.replace("SELECT DISTINCT ?this", "SELECT DISTINCT (?this AS ?_of)", 1)
                values = self.compiler.values(shape, "?_of", "?this")
                found += self._evaluate(
                    child, f"{{ SELECT DISTINCT ?this WHERE {{ {inner} {values} }} }}", prefixes
                )
        return found

    def _prebound(self, query: str, node: ox.NamedNode | ox.BlankNode | ox.Literal
                  ) -> ox.QuerySolutions:
        """Solutions of ``query`` with $this pre-bound to ``node``.

        SHACL pre-binding replaces $this everywhere in the query body, inner groups included;
        the store's substitution binds it at the top only. The body is therefore rewritten with
        the node written in (the projection keeps $this, bound by substitution); a blank node,
        which cannot be written, or a rewritten query the store rejects, is bound only.
        """
        body = _BODY.search(query)
        if body is not None and type(node) is not ox.BlankNode:
            start = body.end() - 1
            rewritten = _BOUND.sub("(true)", query[start:])
            rewritten = query[:start] + _THIS.sub(str(node), rewritten)
            try:
                return self.query(rewritten, substitutions={THIS: node})
            except SyntaxError:
                pass
        return self.query(query, substitutions={THIS: node})

    def _sparql(self, query: str, nodes: list, shape: Shape, make: _Maker
                ) -> list[ValidationResult]:
        found = []
        for node in nodes:
            solutions = self._prebound(query, node)
            names = {v.value for v in solutions.variables}
            if "failure" in names:
                raise Unsupported("SPARQL constraints that report ?failure are left to pyshacl")
            for row in solutions:
                this = row["this"] if "this" in names and row["this"] is not None else node
                value = row["value"] if "value" in names else None
                if value is None and shape.path is None:
                    value = node
                path = row["path"] if "path" in names else None
                found.append(make(this, SH.SPARQLConstraintComponent, value,
                                  _SHAPE_PATH if path is None else path))
        return found


_TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
_SHAPE_PATH = object()  # "the shape's own path", as opposed to a path found by the query


class _Maker:
    """Builds results of one shape the way pyshacl writes them."""

    def __init__(self, shapes: Graph, shape: Shape) -> None:
        self.shape = shape
        self.hint = english(shapes.objects(shape.node, FIX_HINT))

    def __call__(self, focus: object, component: URIRef, value: object,
                 path: object = _SHAPE_PATH) -> ValidationResult:
        result_path: Path | None = (
            self.shape.path if path is _SHAPE_PATH else to_rdflib(path)  # type: ignore[arg-type]
        )
        return ValidationResult(
            focus=to_rdflib(focus),  # type: ignore[arg-type]
            path=result_path,
            component=component,
            severity=self.shape.severity,
            source_shape=self.shape.node,
            value=to_rdflib(value),  # type: ignore[arg-type]
            message=self.shape.message,
            hint=self.hint,
        )


def _pyshacl(data: FastData, shapes: ShapesGraph, unsupported: dict[Node, str]
             ) -> list[ValidationResult]:
    """pyshacl's results for the shapes the fast path could not compile (and those they use)."""
    from sgam_onto.fastshacl.reference import pyshacl_results

    graph = shapes.graph
    keep = _reachable(graph, unsupported)
    dropped = {s.node for s in shapes.targeted()} - keep
    subset = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        subset.bind(prefix, namespace)
    subset.addN((s, p, o, subset) for s, p, o in graph if s not in dropped)
    return [r for r in pyshacl_results(data.rdflib_graph(), subset) if r.source_shape in keep]


def _reachable(graph: Graph, roots: Iterable[Node]) -> set[Node]:
    """The shapes ``roots`` use, directly or through other shapes, themselves included."""
    seen: set[Node] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for _p, obj in graph.predicate_objects(node):
            if isinstance(obj, BNode | URIRef) and not isinstance(obj, Literal):
                stack.append(obj)
    return seen


__all__ = ["FastOutcome", "Unsupported", "read_path", "validate"]
