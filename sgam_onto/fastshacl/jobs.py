"""The jobs of one shape with a target: its query text, and its solutions read back as results.

Each shape is evaluated on its own: its value checks in one query, each other component in one
query, each sh:sparql constraint once per focus node (with $this bound) or, where the
query allows it and the focus nodes are many, once for all of them (``hoist``), then its property
shapes with the same focus nodes. A pattern whose every solution binds the focus node through
a triple runs without the focus nodes (which are often many, and a union of classes), and only
the focus nodes it names are looked up (``ShapeJobs._rows``). Queries equal but for the
engine's variable names (one check of a property, written in several shapes) run once and
their solutions are shared (``ShapeJobs.rows``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from sgam_onto.fastshacl.checks import SparqlCheck
from sgam_onto.fastshacl.compiler import Compiler, never_empty
from sgam_onto.fastshacl.data import FastData
from sgam_onto.fastshacl.model import Shape, ShapesGraph, Unsupported
from sgam_onto.fastshacl.sparql_text import FENCE
from sgam_onto.fastshacl.sparql_text import canonical as canonical_text
from sgam_onto.fastshacl.terms import to_rdflib
from sgam_onto.validate.results import FIX_HINT, ValidationResult, english
from sgam_onto.validate.shacl_paths import Path

THIS = ox.Variable("this")
_BODY = re.compile(r"\bWHERE\s*\{|(?<!\S)\{", re.IGNORECASE)
_THIS = re.compile(r"[$?]this\b")
_BOUND = re.compile(r"\bbound\s*\(\s*[$?]this\s*\)", re.IGNORECASE)


@dataclass
class Job:
    """Queries of one shape with a target (``root``), run together; gives its results."""

    root: Node
    run: Callable[[], list[ValidationResult]]
    first: bool = False  # a whole-graph SPARQL target: started before the others


class ShapeJobs:
    """The jobs of the shapes of one validation run, sharing their compiler and solutions."""

    def __init__(self, shapes: ShapesGraph, data: FastData) -> None:
        self.shapes = shapes
        self.data = data
        self.compiler = Compiler(shapes, data.store, data.encoder)
        self.queries = 0
        self._lock = threading.Lock()
        self._solutions: dict[str, _Shared] = {}

    def rows(self, text: str) -> list:
        """The solutions of ``text``. Queries equal but for the engine's variable names (the
        same check of one property in several shapes, say) run once: the store does not
        change while the shapes are evaluated. Rows are read by the caller's names."""
        canonical, names = canonical_text(text)
        with self._lock:
            shared = self._solutions.get(canonical)
            owner = shared is None
            if owner:
                shared = self._solutions[canonical] = _Shared()
        assert shared is not None
        if owner:
            try:
                shared.rows = list(self.query(canonical))
            except BaseException as err:
                shared.error = err
                raise
            finally:
                shared.ready.set()
        shared.ready.wait()
        if shared.error is not None:
            raise shared.error
        if not names:
            return shared.rows
        return [_Renamed(row, names) for row in shared.rows]

    def query(self, text: str, **options: object) -> ox.QuerySolutions:
        with self._lock:
            self.queries += 1
        return self.data.store.query(  # type: ignore[return-value]
            text, custom_functions=self.compiler.functions or None, **options
        )

    def _rows(self, head: str, scope: str, pattern: str, anchored: bool, prefixes: str
              ) -> list[ox.QuerySolution]:
        """The solutions of ``head WHERE { scope pattern }``.

        Where every solution of ``pattern`` binds ?this through a triple (``anchored``), the
        join with the focus nodes (``scope``) is the pattern's own solutions kept for the
        focus nodes among them: the pattern runs alone (violations are few, and the focus
        nodes often many), and the focus nodes it names are looked up. Too many solutions, or
        a blank node that cannot be written, and the query runs as written."""
        scoped = f"{head} WHERE {{ {scope} {pattern} }}"
        inline = _inline(scope)
        if not anchored or inline is None:
            return self.rows(scoped)
        rows = self.rows(f"{head} WHERE {{ {pattern} }} LIMIT {_CANDIDATES + 1}")
        nodes = {row["this"] for row in rows}
        if len(rows) > _CANDIDATES or any(type(n) is ox.BlankNode for n in nodes):
            return self.rows(scoped)
        if not rows:
            return rows
        listed = " ".join(str(n) for n in nodes)
        members = {row["this"] for row in self.rows(
            f"{prefixes}SELECT DISTINCT ?this WHERE {{ VALUES ?this {{ {listed} }} {inline} }}")}
        return [row for row in rows if row["this"] in members]

    def shape(self, shape: Shape) -> list[Job]:
        """The jobs giving every result of a shape with targets, its property shapes included
        (all query text is written here, so that running the jobs changes no shared state)."""
        self.compiler.target_prefixes = []
        focus = self.compiler.focus(shape)
        prefixes = "".join(dict.fromkeys(self.compiler.target_prefixes))
        jobs: list[Job] = []
        self._evaluate(shape.node, focus, prefixes, jobs, shape.node,
                       Compiler.subjects_of(shape))
        whole_graph = any(kind == SH.target for kind, _ in shape.targets)
        for job in jobs:
            job.first = whole_graph
        return jobs

    def _evaluate(self, node: Node, focus: str, prefixes: str, jobs: list[Job], root: Node,
                  covered: URIRef | None = None, done: frozenset[int] = frozenset()) -> None:
        """``covered``: a property P whose subjects are exactly the focus nodes; a pattern that
        starts with ``?this P ?v`` then needs no join with ``focus``. ``done``: the ids of
        focus checks already queried (with those of sibling shapes)."""
        compiled = self.compiler.compile(node)
        shape = compiled.shape
        if shape.deactivated:
            return
        make = _Maker(self.shapes.graph, shape)
        implied = covered is not None and shape.path == covered
        if compiled.value_checks:
            checks = compiled.value_checks
            pattern, v = self.compiler.value_nodes(shape, "?this")
            oks = [f"COALESCE({c.ok(v)}, false)" for c in checks]
            projected = " ".join(f"({ok} AS ?_ok{i})" for i, ok in enumerate(oks))
            head = f"{prefixes}SELECT ?this ({v} AS ?_value) {projected}"
            fails = f"FILTER(!({' && '.join(oks)}))"
            body = f"{pattern} {fails}"
            if shape.path is not None:
                # the checks depend on the value alone: each distinct value is tested once
                # (a few schemes or classes, say, shared by a million statements), and only
                # the failing ones are joined back to their focus nodes
                body = (f"{{ SELECT DISTINCT {v} WHERE {{ {{ SELECT DISTINCT {v} WHERE "
                        f"{{ {pattern} }}{FENCE}}} {fails} }} }} {pattern}")
            anchored = shape.path is not None and never_empty(shape.path)
            scope = "" if implied else focus
            components = [check.component for check in checks]

            def values(head: str = head, body: str = body, scope: str = scope,
                       anchored: bool = anchored, components: list = components,
                       make: _Maker = make) -> list[ValidationResult]:
                found = []
                for row in self._rows(head, scope, body, anchored, prefixes):
                    for i, component in enumerate(components):
                        if row[f"_ok{i}"] != _TRUE:
                            found.append(make(row["this"], component, row["_value"]))
                return found

            jobs.append(Job(root, values))
        for check in compiled.focus_checks:
            if id(check) in done:
                continue
            pattern, value, path, key = check.pattern("?this")
            projection = " ".join(dict.fromkeys(v for v in ("?this", value, path, key) if v))
            scope = "" if implied and check.binds_focus else focus
            if check.grouped is not None:
                pattern, scope = check.grouped(focus), ""
            head = f"{prefixes}SELECT DISTINCT {projection}"

            def focused(head: str = head, scope: str = scope, pattern: str = pattern,
                        anchored: bool = check.anchored, component: URIRef = check.component,
                        value: str | None = value, path: str | None = path,
                        make: _Maker = make) -> list[ValidationResult]:
                return [make(row["this"], component,
                             row[value[1:]] if value else None,
                             row[path[1:]] if path else _SHAPE_PATH)
                        for row in self._rows(head, scope, pattern, anchored, prefixes)]

            jobs.append(Job(root, focused))
        if compiled.sparql_checks:
            listing = f"{prefixes}SELECT ?this WHERE {{ {focus} }}"
            checks = compiled.sparql_checks

            def sparql(listing: str = listing, checks: list[SparqlCheck] = checks,
                       shape: Shape = shape, make: _Maker = make) -> list[ValidationResult]:
                nodes = [row["this"] for row in self.rows(listing)]
                found: list[ValidationResult] = []
                for check in checks:
                    found += self._sparql(check, nodes, shape, make)
                return found

            jobs.append(Job(root, sparql))
        done = self._absent(shape, focus, prefixes, jobs, root) if shape.path is None else done
        for child in shape.values(SH.property):
            if shape.path is None:
                self._evaluate(child, focus, prefixes, jobs, root, covered, done)
            else:
                inner = focus.replace("SELECT DISTINCT ?this", "SELECT DISTINCT (?this AS ?_of)", 1)
                values_of = self.compiler.values(shape, "?_of", "?this")
                self._evaluate(
                    child, f"{{ SELECT DISTINCT ?this WHERE {{ {inner} {values_of} }} }}",
                    prefixes, jobs, root,
                )

    def _absent(self, shape: Shape, focus: str, prefixes: str, jobs: list[Job], root: Node
                ) -> frozenset[int]:
        """The sh:minCount checks of the property shapes of node shape ``shape`` in one query
        (one pass over the focus nodes, not one each); the ids of the checks it covers."""
        batch = []
        for child in shape.values(SH.property):
            compiled = self.compiler.compile(child)
            if compiled.shape.deactivated:
                continue
            make = _Maker(self.shapes.graph, compiled.shape)
            batch += [(check, make) for check in compiled.focus_checks
                      if check.absent is not None]
        if len(batch) < 2:
            return frozenset()
        binds = " ".join(f"BIND(EXISTS {{ {check.absent('?this')} }} AS ?_has{i})"
                         for i, (check, _make) in enumerate(batch))
        missing = " || ".join(f"!?_has{i}" for i in range(len(batch)))
        projected = " ".join(f"?_has{i}" for i in range(len(batch)))
        text = (f"{prefixes}SELECT DISTINCT ?this {projected} WHERE {{ {focus} {binds} "
                f"FILTER({missing}) }}")

        def absent(text: str = text, batch: list = batch) -> list[ValidationResult]:
            found = []
            for row in self.rows(text):
                for i, (check, make) in enumerate(batch):
                    if row[f"_has{i}"] != _TRUE:
                        found.append(make(row["this"], check.component, None))
            return found

        jobs.append(Job(root, absent))
        return frozenset(id(check) for check, _make in batch)

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

    def _sparql(self, check: SparqlCheck, nodes: list, shape: Shape, make: _Maker
                ) -> list[ValidationResult]:
        """The results of one sh:sparql constraint: one query for all focus nodes where that
        means the same (``check.once``) and they are many, else one query per node."""
        if len(nodes) > PER_NODE_AT_MOST and check.once:
            solutions = self.query(check.query)
            focus = set(nodes)
            return self._results(solutions, shape, make,
                                 lambda row: row["this"] if row["this"] in focus else None)
        found = []
        for node in nodes:
            found += self._results(self._prebound(check.query, node), shape, make,
                                   lambda row, node=node: node)
        return found

    @staticmethod
    def _results(solutions: ox.QuerySolutions, shape: Shape, make: _Maker,
                 focus_of: Callable[[ox.QuerySolution], object]) -> list[ValidationResult]:
        """Results from the solutions of an sh:sparql constraint; ``focus_of`` names each
        row's focus node, or None to drop the row."""
        names = {v.value for v in solutions.variables}
        if "failure" in names:
            raise Unsupported("SPARQL constraints that report ?failure are left to pyshacl")
        found = []
        for row in solutions:
            node = focus_of(row)
            if node is None:
                continue
            this = row["this"] if "this" in names and row["this"] is not None else node
            value = row["value"] if "value" in names else None
            if value is None and shape.path is None:
                value = node
            path = row["path"] if "path" in names else None
            found.append(make(this, SH.SPARQLConstraintComponent, value,
                              _SHAPE_PATH if path is None else path))
        return found


@dataclass
class _Shared:
    """The solutions of one query, for every job that asks for it."""

    ready: threading.Event = field(default_factory=threading.Event)
    rows: list = field(default_factory=list)
    error: BaseException | None = None


class _Renamed:
    """A solution read by the names of the query as the caller wrote it."""

    __slots__ = ("names", "row")

    def __init__(self, row: ox.QuerySolution, names: dict[str, str]) -> None:
        self.row, self.names = row, names

    def __getitem__(self, name: str) -> object:
        return self.row[self.names.get(name, name)]


# focus nodes of an sh:sparql constraint evaluated one by one, at most, where one query for all
# of them means the same: below this, per-node queries cost less than one over the whole graph
PER_NODE_AT_MOST = 64
_CANDIDATES = 2000  # solutions of a pattern run without its focus nodes, at most
_FOCUS = "{ SELECT DISTINCT ?this WHERE "


def _inline(focus: str) -> str | None:
    """The group pattern of a focus subquery, to be joined where ?this is already bound
    (the subquery itself would be evaluated whole, for every focus node)."""
    if focus.startswith(_FOCUS) and focus.endswith(" }"):
        return focus[len(_FOCUS):-2]
    return None


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
