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

Where the store's functions and pyshacl's could disagree (a regular expression on text that is
not printable ASCII, a comparison that is not between plain integers or decimals), the
expression calls a Python function (``custom_functions``) that applies pyshacl's rule to the
rdflib form of the value, so the results stay identical.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from sgam_onto.fastshacl.data import FS, ILL_TYPED, SIDE_GRAPH
from sgam_onto.fastshacl.literals import compile_pattern, in_range, matches, well_typed
from sgam_onto.fastshacl.model import Shape, ShapesGraph, Unsupported
from sgam_onto.fastshacl.sparql_text import fence_distinct_subqueries
from sgam_onto.fastshacl.terms import SURROGATE, Encoder, from_rdflib, to_rdflib
from sgam_onto.validate.shacl_paths import path_text

IN_GRAPH = ox.NamedNode(FS + "in")  # the members of each sh:in list, one subject per list
IN_MEMBER = ox.NamedNode(FS + "member")

TRUE = ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean)))
FALSE = ox.Literal("false", datatype=ox.NamedNode(str(XSD.boolean)))
_PRINTABLE = '"^[ -~]*$"'
_NATIVE_NUMBERS = (XSD.integer, XSD.decimal)
_RANGES = {
    SH.minInclusive: (">=", SH.MinInclusiveConstraintComponent),
    SH.minExclusive: (">", SH.MinExclusiveConstraintComponent),
    SH.maxInclusive: ("<=", SH.MaxInclusiveConstraintComponent),
    SH.maxExclusive: ("<", SH.MaxExclusiveConstraintComponent),
}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
MAX_DISTINCT = 4  # counts up to this are written as distinct-value joins


@dataclass
class ValueCheck:
    """A component that fails per value node: ``ok(v)`` is a SPARQL boolean that never errs."""

    component: URIRef
    ok: Callable[[str], str]


@dataclass
class FocusCheck:
    """A component whose violations are the solutions of ``pattern(x)``.

    ``pattern`` returns the group pattern text and the names of the variables that hold the
    value, the result path and a key that tells results with equal values apart (or None).
    """

    component: URIRef
    pattern: Callable[[str], tuple[str, str | None, str | None, str | None]]
    binds_focus: bool = False  # the pattern starts with the shape's own value pattern
    # every solution of the pattern binds the focus node through a triple of the data, so the
    # pattern may be evaluated without the focus nodes and its solutions filtered after
    anchored: bool = False
    # the pattern with the focus nodes inside (``grouped(focus)``), where that form is faster
    grouped: Callable[[str], str] | None = None
    # violated exactly when ``absent(x)`` has no solution (sh:minCount)
    absent: Callable[[str], str] | None = None


@dataclass
class SparqlCheck:
    """An sh:sparql constraint, run as written with $this bound to each focus node."""

    constraint: Node
    query: str


@dataclass
class CompiledShape:
    shape: Shape
    value_checks: list[ValueCheck] = field(default_factory=list)
    focus_checks: list[FocusCheck] = field(default_factory=list)
    sparql_checks: list[SparqlCheck] = field(default_factory=list)


class Compiler:
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
            if kind not in _NODE_KINDS:
                raise Unsupported(f"unknown sh:nodeKind {kind}")
            out.value_checks.append(ValueCheck(
                SH.NodeKindConstraintComponent, lambda v, t=_NODE_KINDS[kind]: t.format(v=v)))
        for parameter, (operator, component) in _RANGES.items():
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
            n = _integer(bound)
            if n > 0:
                out.focus_checks.append(FocusCheck(SH.MinCountConstraintComponent, lambda x, n=n: (
                    f"FILTER NOT EXISTS {{ {self.distinct(shape, x, n, None)} }}", None, None,
                    None), absent=lambda x, n=n: self.distinct(shape, x, n, None)))
        anchored = shape.path is not None and never_empty(shape.path)
        for bound in shape.values(SH.maxCount):
            n = _integer(bound)
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

    # ------------------------------------------------------------------ value checks

    def _class(self, cls: Node) -> ValueCheck:
        listed = ", ".join(self.subclasses(cls).split(" "))

        def ok(v: str) -> str:
            # the value's types, filtered: the store plans this far better than a VALUES join
            t = self.var()
            return f"EXISTS {{ {v} <{RDF.type}> {t} FILTER({t} IN ({listed})) }}"

        return ValueCheck(SH.ClassConstraintComponent, ok)

    def _datatype(self, datatypes: list[Node]) -> ValueCheck:
        if len(datatypes) != 1:
            raise Unsupported("a shape with several sh:datatype values")
        datatype = datatypes[0]
        if datatype == RDFS.Literal:
            return ValueCheck(SH.DatatypeConstraintComponent, lambda v: f"isLiteral({v})")
        if datatype == RDFS.Datatype:
            return ValueCheck(SH.DatatypeConstraintComponent, lambda v: (
                f"(isLiteral({v}) && LANG({v}) = \"\" && DATATYPE({v}) != <{XSD.string}>)"))
        if datatype == XSD.string:
            return ValueCheck(SH.DatatypeConstraintComponent, lambda v: (
                f"(isLiteral({v}) && DATATYPE({v}) = <{XSD.string}>)"))
        if datatype == RDF.langString:
            return ValueCheck(SH.DatatypeConstraintComponent, lambda v: (
                f"(isLiteral({v}) && LANG({v}) != \"\")"))
        if not isinstance(datatype, URIRef):
            raise Unsupported("sh:datatype must be an IRI")
        return ValueCheck(SH.DatatypeConstraintComponent, lambda v: (
            f"(isLiteral({v}) && DATATYPE({v}) IN (<{datatype}>, <{SURROGATE}{datatype}>)"
            f" && NOT EXISTS {{ GRAPH <{SIDE_GRAPH.value}> {{ ?_any <{ILL_TYPED.value}> {v} }} }})"
        ))

    def _range(self, bound: Node, operator: str, component: URIRef) -> ValueCheck:
        if not isinstance(bound, Literal):
            raise Unsupported("a range bound must be a literal")
        name = self.function("range", lambda value: in_range(value, bound, operator),
                             (str(bound), str(bound.datatype), bound.language, operator))
        if bound.datatype not in _NATIVE_NUMBERS or not well_typed(bound):
            return ValueCheck(component, lambda v: f"COALESCE(<{name[1:-1]}>({v}), false)")
        text = str(from_rdflib(bound))  # a value in an expression, not a stored term
        return ValueCheck(component, lambda v: (
            f"COALESCE(IF(isNumeric({v}) && DATATYPE({v}) IN (<{XSD.integer}>, <{XSD.decimal}>),"
            f" {v} {operator} {text}, <{name[1:-1]}>({v})), false)"))

    def _length(self, bound: Node, operator: str, component: URIRef) -> ValueCheck:
        n = _integer(bound)
        if operator == ">=" and n == 0:
            return ValueCheck(component, lambda v: "true")
        return ValueCheck(component, lambda v: (
            f"(!isBlank({v}) && STRLEN(STR({v})) {operator} {n})"))

    def _pattern(self, pattern: Node, flags: Node | None) -> ValueCheck:
        text, flag_text = str(pattern), "" if flags is None else str(flags)
        compiled = compile_pattern(text, flag_text)
        name = self.function("pattern", lambda value: matches(value, compiled), (text, flag_text))
        call = f"<{name[1:-1]}>"
        if not self._store_agrees(text, flag_text):
            return ValueCheck(SH.PatternConstraintComponent,
                              lambda v: f"COALESCE({call}({v}), false)")
        native = "i" if "i" in flag_text.lower() else ""
        literal = _string(text)
        return ValueCheck(SH.PatternConstraintComponent, lambda v: (
            f"COALESCE(!isBlank({v}) && IF(REGEX(STR({v}), {_PRINTABLE}),"
            f" REGEX(STR({v}), {literal}, \"{native}\"), {call}({v})), false)"))

    def _store_agrees(self, pattern: str, flags: str) -> bool:
        """Whether the store's REGEX means what Python's re means for printable ASCII text."""
        if set(flags.lower()) - {"i", "m"} or not _portable(pattern):
            return False
        try:
            rows = list(self.store.query(
                f"SELECT (REGEX(\"a\", {_string(pattern)}) AS ?r) WHERE {{}}"))
        except (SyntaxError, OSError, ValueError):
            return False
        return bool(rows) and rows[0]["r"] is not None

    def _in(self, head: Node) -> ValueCheck:
        """sh:in as an index lookup: the members are stored in a graph of their own, so that
        membership costs one lookup however long the list (a chain of sameTerm tests took
        the store tens of seconds on a list of thousands). Stored terms are encoded like the
        data, so membership is term identity, as sh:in wants."""
        members = []
        for member in self.shapes.items(head):
            if isinstance(member, BNode):
                raise Unsupported("a blank node as a constant cannot be written in SPARQL")
            members.append(self.encoder.term(from_rdflib(member)))
        if not members:
            return ValueCheck(SH.InConstraintComponent, lambda v: "false")
        listed = ox.NamedNode(f"{FS}in/{next(self._fresh)}")
        self.store.bulk_extend(ox.Quad(listed, IN_MEMBER, m, IN_GRAPH) for m in members)
        lookup = f"<{listed.value}> <{IN_MEMBER.value}>"
        return ValueCheck(SH.InConstraintComponent,
                          lambda v: f"EXISTS {{ GRAPH <{IN_GRAPH.value}> {{ {lookup} {v} }} }}")

    def _language_in(self, head: Node) -> ValueCheck:
        wanted = sorted({str(t).lower() for t in self.shapes.items(head)})
        if "*" in wanted:
            return ValueCheck(SH.LanguageInConstraintComponent,
                              lambda v: f"(isLiteral({v}) && LANG({v}) != \"\")")
        listed = ", ".join(_string(t) for t in wanted) or '""'
        return ValueCheck(SH.LanguageInConstraintComponent, lambda v: (
            f"(isLiteral({v}) && LANG({v}) != \"\" && (LCASE(LANG({v})) IN ({listed}) || "
            f"LCASE(STRBEFORE(CONCAT(LANG({v}), \"-\"), \"-\")) IN ({listed})))"))

    def _logical(self, head: Node, component: URIRef, joiner: str) -> ValueCheck:
        members = self.shapes.items(head)
        empty = "true" if joiner == " && " else "false"
        return ValueCheck(component, lambda v: "(" + joiner.join(
            [self.conforms(s, v) for s in members] or [empty]) + ")")

    # ------------------------------------------------------------------ focus checks

    def _more_than(self, shape: Shape, x: str, n: int, condition: Callable[[str], str] | None
                   ) -> str:
        if n + 1 <= MAX_DISTINCT:  # a join, not FILTER EXISTS: the store plans joins far better
            return self.distinct(shape, x, n + 1, condition)
        if shape.path is None:
            raise Unsupported("large counts on a node shape")
        where, v = self.value_nodes(shape, x)
        if condition is not None:
            where += f" FILTER({condition(v)})"
        # HAVING is evaluated before the projection: it must repeat the aggregate, not name it
        return (f"{{ SELECT {x} WHERE {{ {where} }} GROUP BY {x}"
                f" HAVING (COUNT(DISTINCT {v}) > {n}) }}")

    def _fewer_than(self, shape: Shape, x: str, n: int, condition: Callable[[str], str]) -> str:
        if n <= MAX_DISTINCT:
            return f"FILTER NOT EXISTS {{ {self.distinct(shape, x, n, condition)} }}"
        raise Unsupported(f"sh:qualifiedMinCount {n} is too large for the fast path")

    def _has_value(self, shape: Shape, value: Node) -> FocusCheck:
        text = self.term(value)
        if shape.path is None:
            return FocusCheck(SH.HasValueConstraintComponent,
                              lambda x: (f"FILTER(!sameTerm({x}, {text}))", None, None, None))

        def pattern(x: str) -> tuple[str, None, None, None]:
            v = self.var()
            inner = f"{self.values(shape, x, v)} FILTER(sameTerm({v}, {text}))"
            return f"FILTER NOT EXISTS {{ {inner} }}", None, None, None

        return FocusCheck(SH.HasValueConstraintComponent, pattern)

    def _unique_lang(self, shape: Shape) -> FocusCheck:
        def pattern(x: str) -> tuple[str, None, None, str]:
            (first, a), (second, b), key = (
                self.value_nodes(shape, x), self.value_nodes(shape, x), self.var())
            return (f"{first} {second} "
                    f"FILTER(!sameTerm({a}, {b}) && isLiteral({a}) && isLiteral({b}) && "
                    f"LANG({a}) != \"\" && LCASE(LANG({a})) = LCASE(LANG({b}))) "
                    f"BIND(LCASE(LANG({a})) AS {key})", None, None, key)

        return FocusCheck(SH.UniqueLangConstraintComponent, pattern, True)

    def _equals(self, shape: Shape, other: Node) -> list[FocusCheck]:
        """Two checks: value nodes missing from ``other``, and values of ``other`` missing from
        the value nodes (each a plain join, so the focus variable is bound in both)."""
        if not isinstance(other, URIRef):
            raise Unsupported("sh:equals must name a property")

        def missing_there(x: str) -> tuple[str, str, None, None]:
            pattern, v = self.value_nodes(shape, x)
            return f"{pattern} FILTER NOT EXISTS {{ {x} <{other}> {v} }}", v, None, None

        def missing_here(x: str) -> tuple[str, str, None, None]:
            pattern, w = self.value_nodes(shape, x)
            u = self.var()
            return (f"{x} <{other}> {u} FILTER NOT EXISTS {{ {pattern} "
                    f"FILTER(sameTerm({w}, {u})) }}", u, None, None)

        return [FocusCheck(SH.EqualsConstraintComponent, missing_there, True),
                FocusCheck(SH.EqualsConstraintComponent, missing_here)]

    def _disjoint(self, shape: Shape, other: Node) -> FocusCheck:
        if not isinstance(other, URIRef):
            raise Unsupported("sh:disjoint must name a property")

        def pattern(x: str) -> tuple[str, str, None, None]:
            pattern, v = self.value_nodes(shape, x)
            return f"{pattern} {x} <{other}> {v} .", v, None, None

        return FocusCheck(SH.DisjointConstraintComponent, pattern, True)

    def _qualified(self, shape: Shape, qualified: Node) -> list[FocusCheck]:
        if shape.path is None:
            raise Unsupported("sh:qualifiedValueShape on a node shape")
        disjoint = any(isinstance(d, Literal) and d.value is True
                       for d in shape.values(SH.qualifiedValueShapesDisjoint))
        siblings = self._siblings(shape, qualified) if disjoint else []

        def condition(v: str) -> str:
            parts = [self.conforms(qualified, v)]
            parts += [f"!{self.conforms(s, v)}" for s in siblings]
            return " && ".join(parts)

        checks = []
        for bound in shape.values(SH.qualifiedMinCount):
            n = _integer(bound)
            if n > 0:
                checks.append(FocusCheck(SH.QualifiedMinCountConstraintComponent, lambda x, n=n: (
                    self._fewer_than(shape, x, n, condition), None, None, None)))
        for bound in shape.values(SH.qualifiedMaxCount):
            n = _integer(bound)
            checks.append(FocusCheck(SH.QualifiedMaxCountConstraintComponent, lambda x, n=n: (
                self._more_than(shape, x, n, condition), None, None, None),
                grouped=lambda focus, n=n: self._counted(shape, focus, n, condition)))
        return checks

    def _counted(self, shape: Shape, focus: str, n: int, condition: Callable[[str], str]
                 ) -> str:
        """The focus nodes (``?this``, among ``focus``) with more than ``n`` distinct value
        nodes meeting ``condition``: one condition per value node, where the pairwise form of
        ``distinct`` tests it once per pair."""
        where, v = self.value_nodes(shape, "?this")
        key = _shared_key(shape.path)
        if key is not None:
            return self._counted_by_key(key, focus, where, v, n, condition)
        return (f"{{ SELECT ?this WHERE {{ {focus} {where} FILTER({condition(v)}) }}"
                f" GROUP BY ?this HAVING (COUNT(DISTINCT {v}) > {n}) }}")

    def _counted_by_key(self, key: URIRef, focus: str, where: str, v: str, n: int,
                        condition: Callable[[str], str]) -> str:
        """``_counted`` for the path ``key/^key`` (a uniqueness check), linear in the data.

        The value nodes of a focus node with one key are the nodes sharing that key, so the
        keys held by more than ``n`` conforming nodes are counted once each (grouped on the
        key) and joined back to their focus nodes; walking ``key/^key`` from every focus node
        would visit each group once per member, the square of its size. A focus node with two
        or more keys has the union of their groups as value nodes: those few are counted the
        direct way."""
        k, m, other = self.var(), self.var(), self.var()
        p = self.term(key)
        crowded = (f"{{ SELECT {k} WHERE {{ {m} {p} {k} FILTER({condition(m)}) }}"
                   f" GROUP BY {k} HAVING (COUNT(DISTINCT {m}) > {n}) }}")
        several = (f"{{ SELECT DISTINCT ?this WHERE {{ {focus} ?this {p} {k} , {other} ."
                   f" FILTER(!sameTerm({k}, {other})) }} }}")
        direct = (f"{{ SELECT ?this WHERE {{ {several} {where} FILTER({condition(v)}) }}"
                  f" GROUP BY ?this HAVING (COUNT(DISTINCT {v}) > {n}) }}")
        return (f"{{ SELECT DISTINCT ?this WHERE {{ {{ {crowded} {focus} ?this {p} {k} . }}"
                f" UNION {{ {direct} }} }} }}")

    def _siblings(self, shape: Shape, qualified: Node) -> list[Node]:
        graph = self.shapes.graph
        found = set()
        for parent in graph.subjects(SH.property, shape.node):
            for sibling in graph.objects(parent, SH.property):
                found.update(graph.objects(sibling, SH.qualifiedValueShape))
        found.discard(qualified)
        return sorted(found, key=str)

    def _closed(self, shape: Shape) -> FocusCheck:
        graph = self.shapes.graph
        allowed = set()
        for child in shape.values(SH.property):
            path = graph.value(child, SH.path)
            if isinstance(path, URIRef):
                allowed.add(path)
        for head in shape.values(SH.ignoredProperties):
            allowed.update(self.shapes.items(head))
        listed = ", ".join(self.term(p) for p in sorted(allowed, key=str))

        def pattern(x: str) -> tuple[str, str, str, None]:
            pattern, v = self.value_nodes(shape, x)
            p, o = self.var(), self.var()
            text = f"{pattern} {v} {p} {o} ."
            if listed:
                text += f" FILTER({p} NOT IN ({listed}))"
            return text, o, p, None

        return FocusCheck(SH.ClosedConstraintComponent, pattern, True)

    def _sparql(self, shape: Shape, constraint: Node) -> SparqlCheck:
        graph = self.shapes.graph
        deactivated = graph.value(constraint, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.value is True:
            raise Unsupported("deactivated sh:sparql constraints are left to pyshacl")
        select = graph.value(constraint, SH.select)
        if select is None:
            raise Unsupported("an sh:sparql constraint without sh:select")
        text = str(select)
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
        self.target_prefixes.append(self.prefixes(graph.objects(target, SH.prefixes)))
        return f"{{ {fence_distinct_subqueries(str(select))} }}"


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


def _portable(pattern: str) -> bool:
    """Whether ``pattern`` only uses syntax that Python's re and the store read alike."""
    i, in_class = 0, False
    simple_escapes = set("sSdDwW.\\-^$|?*+()[]{}nt")
    while i < len(pattern):
        c = pattern[i]
        following = pattern[i + 1: i + 2]
        if c == "\\":
            if following not in simple_escapes and not (not in_class and following in "bB"):
                return False
            i += 2
            continue
        if ord(c) > 126 or not c.isprintable():
            return False
        if in_class:
            if c == "[" or (c in "&-~" and following == c):
                return False
            in_class = c != "]"
            i += 1
            continue
        if c == "[":
            i += 1
            if pattern[i: i + 1] == "^":
                i += 1
            if pattern[i: i + 1] == "]":
                return False
            in_class = True
            continue
        if c == "(" and following == "?":
            if pattern[i + 2: i + 3] != ":":
                return False
            i += 3
            continue
        if c == "{":
            quantifier = re.match(r"\{[0-9]+(,[0-9]*)?\}", pattern[i:])
            if quantifier is None:
                return False
            i += len(quantifier.group())
            continue
        i += 1
    return not in_class


def _shared_key(path: object) -> URIRef | None:
    """``p`` when ``path`` is the sequence ``p/^p`` (nodes sharing a value of ``p``)."""
    if isinstance(path, tuple) and path[0] == "sequence" and len(path[1]) == 2:
        first, second = path[1]
        if isinstance(first, URIRef) and second == ("inverse", first):
            return first
    return None


def _string(text: str) -> str:
    return str(ox.Literal(text))


def _integer(node: Node) -> int:
    if not isinstance(node, Literal) or not isinstance(node.value, int):
        raise Unsupported(f"expected an integer, found {node!r}")
    return int(node.value)
