"""SHACL shapes compiled to SPARQL over the validation store.

Each constraint component becomes a *violation pattern* ``G(x)``: a SPARQL group pattern whose
solutions, for a bound focus node ``x``, are exactly the validation results the component gives
(with the value node in a variable where SHACL reports one). A top-level query joins the
shape's focus nodes with ``G``; a nested shape (sh:node, sh:not, sh:and, sh:or, sh:xone,
sh:qualifiedValueShape) becomes the boolean ``conforms(S, x)``, the conjunction of
``NOT EXISTS { G(x) }`` over its components and property shapes.

Components that test one value node at a time (class, datatype, nodeKind, in, ranges, lengths,
pattern, languageIn, node/not/and/or/xone) are grouped: one scan of the value nodes computes a
boolean per component, and Python reads which of them failed.

This module walks the shapes (nesting, targets, sh:sparql, prefixes); the components are
compiled by ``value_checks`` (one value node at a time) and ``focus_checks`` (per focus node).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from sgam_onto.fastshacl.checks import CompiledShape, FocusCheck, SparqlCheck, ValueCheck, integer
from sgam_onto.fastshacl.data import FS
from sgam_onto.fastshacl.focus_checks import FocusChecks
from sgam_onto.fastshacl.model import Shape, ShapesGraph, Unsupported
from sgam_onto.fastshacl.sparql_text import fence_distinct_subqueries
from sgam_onto.fastshacl.terms import Encoder, from_rdflib, to_rdflib
from sgam_onto.fastshacl.value_checks import FALSE, NODE_KINDS, RANGES, TRUE, ValueChecks
from sgam_onto.query.lexer import tokens
from sgam_onto.validate.shacl_paths import path_text


class Compiler(ValueChecks, FocusChecks):
    """Turns shapes into SPARQL text for one store (class closures are read from it)."""

    def __init__(self, shapes: ShapesGraph, store: ox.Store, encoder: Encoder) -> None:
        self.shapes = shapes
        self.store = store
        self.encoder = encoder
        self.functions: dict[ox.NamedNode, Callable] = {}
        self._fresh = itertools.count()
        self._closures: dict[Node, str] = {}
        self._functions: dict[tuple, str] = {}
        self._compiled: dict[Node, CompiledShape] = {}
        self._stack: list[Node] = []
        self.target_prefixes: list[str] = []

    # ------------------------------------------------------------------ helpers

    def var(self) -> str:
        return f"?_fs{next(self._fresh)}"

    def term(self, node: Node) -> str:
        """A constant of the shapes graph, encoded as the store holds it."""
        if isinstance(node, BNode):
            raise Unsupported("a blank node as a constant cannot be written in SPARQL")
        return str(self.encoder.term(from_rdflib(node)))

    def subclasses(self, cls: Node) -> str:
        """``VALUES`` text of the class and its subclasses in the data graph."""
        found = self._closures.get(cls)
        if found is None:
            query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* {self.term(cls)} }}"
            members = {str(row["c"]) for row in self.store.query(query)}
            members.add(self.term(cls))
            found = self._closures[cls] = " ".join(sorted(members))
        return found

    def function(self, name: str, body: Callable[[Node], bool], key: tuple) -> str:
        """Register a Python predicate on the rdflib form of a value; returns its IRI text.
        Equal ``key``s (of the same ``name``) give the same function, so that checks equal
        but for their shape are written alike (and their queries run once, see ``engine``)."""
        known = self._functions.get((name, key))
        if known is not None:
            return known
        iri = ox.NamedNode(f"{FS}fn/{name}/{next(self._fresh)}")

        def call(value: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.Literal:
            return TRUE if body(to_rdflib(value)) else FALSE

        self.functions[iri] = call
        self._functions[(name, key)] = str(iri)
        return str(iri)

    def values(self, shape: Shape, x: str, v: str) -> str:
        """Pattern binding ``v`` to each value node of property shape ``shape`` for ``x``."""
        if shape.path is None:
            raise ValueError("a node shape's value node is its focus node")
        return f"{x} {path_text(shape.path)} {v} ."

    def value_nodes(self, shape: Shape, x: str) -> tuple[str, str]:
        """(pattern, variable) for the value nodes of ``shape`` at focus node ``x``: a node
        shape's only value node is ``x`` itself (no pattern, so no correlated BIND)."""
        if shape.path is None:
            return "", x
        v = self.var()
        return self.values(shape, x, v), v

    def distinct(self, shape: Shape, x: str, count: int, condition: Callable[[str], str] | None
                 ) -> str:
        """Pattern matching when ``x`` has ``count`` distinct value nodes meeting ``condition``."""
        found = [self.value_nodes(shape, x) for _ in range(count)]
        parts = [pattern for pattern, _ in found if pattern]
        names = [name for _, name in found]
        filters = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        if condition is not None:
            filters += [condition(n) for n in names]
        if filters:
            parts.append(f"FILTER({' && '.join(filters)})")
        return " ".join(parts)

    # ------------------------------------------------------------------ shapes

    def compile(self, node: Node) -> CompiledShape:
        compiled = self._compiled.get(node)
        if compiled is not None:
            return compiled
        shape = self.shapes.shape(node)
        if shape.unsupported:
            raise Unsupported(shape.unsupported)
        if node in self._stack:
            raise Unsupported("recursive shapes are not supported by the fast path")
        self._stack.append(node)
        try:
            compiled = CompiledShape(shape)
            if not shape.deactivated:
                self._components(shape, compiled)
        finally:
            self._stack.pop()
        self._compiled[node] = compiled
        return compiled

    def conforms(self, node: Node, x: str) -> str:
        """SPARQL boolean: the node in ``x`` conforms to the shape ``node``."""
        compiled = self.compile(node)
        shape = compiled.shape
        if compiled.sparql_checks:
            raise Unsupported("sh:sparql inside a nested shape is not supported")
        parts = []
        if compiled.value_checks:
            pattern, v = self.value_nodes(shape, x)
            oks = " && ".join(check.ok(v) for check in compiled.value_checks)
            parts.append(f"NOT EXISTS {{ {pattern} FILTER(!({oks})) }}" if pattern else f"({oks})")
        for check in compiled.focus_checks:
            text, *_ = check.pattern(x)
            parts.append(f"NOT EXISTS {{ {text} }}")
        for child in shape.values(SH.property):
            if shape.path is None:
                parts.append(self.conforms(child, x))
            else:
                v = self.var()
                inner = self.conforms(child, v)
                parts.append(f"NOT EXISTS {{ {self.values(shape, x, v)} FILTER(!({inner})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def _components(self, shape: Shape, out: CompiledShape) -> None:
        p = shape.params
        for cls in shape.values(SH["class"]):
            out.value_checks.append(self._class(cls))
        if SH.datatype in p:
            out.value_checks.append(self._datatype(shape.values(SH.datatype)))
        if SH.nodeKind in p:
            kind = shape.one(SH.nodeKind)
            if kind not in NODE_KINDS:
                raise Unsupported(f"unknown sh:nodeKind {kind}")
            out.value_checks.append(ValueCheck(
                SH.NodeKindConstraintComponent, lambda v, t=NODE_KINDS[kind]: t.format(v=v)))
        for parameter, (operator, component) in RANGES.items():
            for bound in shape.values(parameter):
                out.value_checks.append(self._range(bound, operator, component))
        for bound in shape.values(SH.minLength):
            out.value_checks.append(self._length(bound, ">=", SH.MinLengthConstraintComponent))
        for bound in shape.values(SH.maxLength):
            out.value_checks.append(self._length(bound, "<=", SH.MaxLengthConstraintComponent))
        flags = shape.one(SH.flags)
        for pattern in shape.values(SH.pattern):
            out.value_checks.append(self._pattern(pattern, flags))
        for languages in shape.values(SH.languageIn):
            out.value_checks.append(self._language_in(languages))
        for listed in shape.values(SH["in"]):
            out.value_checks.append(self._in(listed))
        for inner in shape.values(SH.node):
            out.value_checks.append(ValueCheck(
                SH.NodeConstraintComponent, lambda v, s=inner: self.conforms(s, v)))
        for inner in shape.values(SH["not"]):
            out.value_checks.append(ValueCheck(
                SH.NotConstraintComponent, lambda v, s=inner: f"!{self.conforms(s, v)}"))
        for head in shape.values(SH["and"]):
            out.value_checks.append(self._logical(head, SH.AndConstraintComponent, " && "))
        for head in shape.values(SH["or"]):
            out.value_checks.append(self._logical(head, SH.OrConstraintComponent, " || "))
        for head in shape.values(SH.xone):
            members = self.shapes.items(head)
            out.value_checks.append(ValueCheck(
                SH.XoneConstraintComponent,
                lambda v, m=members: "((" + " + ".join(
                    [f"IF({self.conforms(s, v)}, 1, 0)" for s in m] or ["0"]) + ") = 1)"))
        self._focus_components(shape, out)
        for check in out.focus_checks:
            if check.binds_focus and shape.path is not None and never_empty(shape.path):
                check.anchored = True
        for constraint in shape.values(SH.sparql):
            out.sparql_checks.append(self._sparql(shape, constraint))
        for check in out.value_checks:  # compile nested shapes now: Unsupported surfaces here
            check.ok("?_probe")

    def _focus_components(self, shape: Shape, out: CompiledShape) -> None:
        p = shape.params
        for bound in shape.values(SH.minCount):
            n = integer(bound)
            if n > 0:
                out.focus_checks.append(FocusCheck(SH.MinCountConstraintComponent, lambda x, n=n: (
                    f"FILTER NOT EXISTS {{ {self.distinct(shape, x, n, None)} }}", None, None,
                    None), absent=lambda x, n=n: self.distinct(shape, x, n, None)))
        anchored = shape.path is not None and never_empty(shape.path)
        for bound in shape.values(SH.maxCount):
            n = integer(bound)
            out.focus_checks.append(FocusCheck(SH.MaxCountConstraintComponent, lambda x, n=n: (
                self._more_than(shape, x, n, None), None, None, None), anchored=anchored))
        for value in shape.values(SH.hasValue):
            out.focus_checks.append(self._has_value(shape, value))
        if SH.uniqueLang in p and any(
            isinstance(u, Literal) and u.value is True for u in shape.values(SH.uniqueLang)
        ):
            out.focus_checks.append(self._unique_lang(shape))
        for other in shape.values(SH.equals):
            out.focus_checks += self._equals(shape, other)
        for other in shape.values(SH.disjoint):
            out.focus_checks.append(self._disjoint(shape, other))
        if SH.lessThan in p or SH.lessThanOrEquals in p:
            raise Unsupported("sh:lessThan and sh:lessThanOrEquals are left to pyshacl")
        for qualified in shape.values(SH.qualifiedValueShape):
            out.focus_checks += self._qualified(shape, qualified)
        closed = shape.one(SH.closed)
        if isinstance(closed, Literal) and closed.value is True:
            out.focus_checks.append(self._closed(shape))

    def _sparql(self, shape: Shape, constraint: Node) -> SparqlCheck:
        graph = self.shapes.graph
        deactivated = graph.value(constraint, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.value is True:
            raise Unsupported("deactivated sh:sparql constraints are left to pyshacl")
        select = graph.value(constraint, SH.select)
        if select is None:
            raise Unsupported("an sh:sparql constraint without sh:select")
        text = str(select)
        local_only(text)
        if re.search(r"[$?](currentShape|shapesGraph)\b", text):
            raise Unsupported("$currentShape and $shapesGraph are not supported")
        _check_prebinding(text)
        if shape.path is not None:
            text = text.replace("$PATH", path_text(shape.path))
        elif "$PATH" in text:
            raise Unsupported("$PATH in a node shape")
        prefixes = self.prefixes(graph.objects(constraint, SH.prefixes))
        return SparqlCheck(constraint, prefixes + text)

    def prefixes(self, sources: object) -> str:
        """PREFIX lines for the sh:declare of every owl:Ontology named by sh:prefixes."""
        graph = self.shapes.graph
        lines = []
        seen: dict[str, str] = {}
        pending, visited = list(sources), set()  # type: ignore[call-overload]
        while pending:
            source = pending.pop(0)
            if source in visited:
                continue
            visited.add(source)
            pending += list(graph.objects(source, OWL.imports))
            for declaration in graph.objects(source, SH.declare):
                prefix = str(graph.value(declaration, SH.prefix))
                namespace = str(graph.value(declaration, SH.namespace))
                if seen.get(prefix, namespace) != namespace:
                    raise Unsupported(f"prefix {prefix}: declared twice")
                if prefix not in seen:
                    seen[prefix] = namespace
                    lines.append(f"PREFIX {prefix}: <{namespace}>")
        return "\n".join(lines) + ("\n" if lines else "")

    # ------------------------------------------------------------------ targets

    @staticmethod
    def subjects_of(shape: Shape) -> URIRef | None:
        """The property P when the shape's only target is sh:targetSubjectsOf P: then the
        pattern ``?this P ?v`` itself ranges over exactly the focus nodes."""
        if len(shape.targets) == 1:
            kind, value = shape.targets[0]
            if kind == SH.targetSubjectsOf and isinstance(value, URIRef):
                return value
        return None

    def focus(self, shape: Shape) -> str:
        """A subquery binding ?this to each focus node of ``shape``, and its PREFIX lines."""
        branches = []
        for kind, value in shape.targets:
            if kind == SH.targetClass:
                t = self.var()
                branches.append(
                    f"VALUES {t} {{ {self.subclasses(value)} }} ?this <{RDF.type}> {t} .")
            elif kind == SH.targetNode:
                branches.append(f"VALUES ?this {{ {self.term(value)} }}")
            elif kind == SH.targetSubjectsOf:
                branches.append(f"?this {self.term(value)} {self.var()} .")
            elif kind == SH.targetObjectsOf:
                branches.append(f"{self.var()} {self.term(value)} ?this .")
            else:
                branches.append(self._sparql_target(value))
        union = " UNION ".join(f"{{ {b} }}" for b in branches)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    def _sparql_target(self, target: Node) -> str:
        graph = self.shapes.graph
        if (target, RDF.type, SH.SPARQLTarget) not in graph:
            raise Unsupported("only sh:SPARQLTarget custom targets are supported")
        select = graph.value(target, SH.select)
        if select is None:
            raise Unsupported("a SPARQL target without sh:select")
        local_only(str(select))
        self.target_prefixes.append(self.prefixes(graph.objects(target, SH.prefixes)))
        return f"{{ {fence_distinct_subqueries(str(select))} }}"


def local_only(text: str) -> None:
    """SPARQL that names data elsewhere (SERVICE, FROM, LOAD) is left to pyshacl, whose sealed
    engine refuses SERVICE and reads no other graph (``sgam_onto.query.rdflib_seal``)."""
    if any(token.is_keyword("SERVICE", "FROM", "LOAD") for token in tokens(text)):
        raise Unsupported("SPARQL naming other data (SERVICE, FROM, LOAD) is left to pyshacl")


def never_empty(path: object) -> bool:
    """Whether every pair that ``path`` connects is joined by at least one triple (no
    zero-length match, which would connect any node, even one absent from the data, to
    itself)."""
    if isinstance(path, URIRef):
        return True
    kind, inner = path  # type: ignore[misc]
    if kind in ("zeroOrMore", "zeroOrOne"):
        return False
    if kind == "sequence":
        return any(never_empty(member) for member in inner)
    if kind == "alternative":
        return all(never_empty(member) for member in inner)
    return never_empty(inner)  # inverse, oneOrMore


_NOT_PREBINDABLE = re.compile(
    r"\b(MINUS|VALUES|SERVICE)\b|\{\s*SELECT\b|\bAS\s*[$?]this\b", re.IGNORECASE)


def _check_prebinding(query: str) -> None:
    """What SHACL forbids with pre-bound variables (MINUS, VALUES, SERVICE, re-binding $this)
    and nested SELECTs, whose scoping of $this differs between engines: left to pyshacl."""
    if _NOT_PREBINDABLE.search(query):
        raise Unsupported(
            "MINUS, VALUES, SERVICE, a nested SELECT or re-bound $this: pyshacl decides")
