"""The components whose violations are per focus node, compiled to SPARQL patterns.

maxCount and minCount (``Compiler``), hasValue, uniqueLang, equals, disjoint, the qualified
counts and closed: each gives a ``FocusCheck`` whose pattern's solutions are the violations.
Uniqueness checks (the path ``key/^key``) are counted by grouping on the key, linear in the
data. A part of ``Compiler``.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from sgam_onto.fastshacl.checks import FocusCheck, integer
from sgam_onto.fastshacl.model import Shape, Unsupported

MAX_DISTINCT = 4  # counts up to this are written as distinct-value joins


class FocusChecks:
    """The focus-check builders of ``Compiler``."""

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
            n = integer(bound)
            if n > 0:
                checks.append(FocusCheck(SH.QualifiedMinCountConstraintComponent, lambda x, n=n: (
                    self._fewer_than(shape, x, n, condition), None, None, None)))
        for bound in shape.values(SH.qualifiedMaxCount):
            n = integer(bound)
            checks.append(FocusCheck(SH.QualifiedMaxCountConstraintComponent, lambda x, n=n: (
                self._more_than(shape, x, n, condition), None, None, None),
                grouped=lambda focus, n=n: self._counted(shape, focus, n, condition)))
        return checks

    def _counted(self, shape: Shape, focus: str, n: int, condition: Callable[[str], str]
                 ) -> str:
        """The focus nodes (``?this``, among ``focus``) with more than ``n`` distinct value
        nodes meeting ``condition``: one condition per value node, where the pairwise form of
        ``distinct`` tests it once per pair."""
        key = _shared_key(shape.path)
        if key is not None:
            return self._counted_by_key(key, focus, n, condition)
        where, v = self.value_nodes(shape, "?this")
        return (f"{{ SELECT ?this WHERE {{ {focus} {where} FILTER({condition(v)}) }}"
                f" GROUP BY ?this HAVING (COUNT(DISTINCT {v}) > {n}) }}")

    def _counted_by_key(self, key: URIRef, focus: str, n: int,
                        condition: Callable[[str], str]) -> str:
        """``_counted`` for the path ``key/^key`` (a uniqueness check), linear in the data.

        The value nodes of a focus node with one key are the nodes sharing that key, so the
        keys held by more than ``n`` conforming nodes are counted once each (grouped on the
        key) and joined back to their focus nodes; walking ``key/^key`` from every focus node
        would visit each group once per member, the square of its size. A focus node with two
        or more keys has the union of their groups as value nodes: those few are counted the
        direct way, from their (node, key) pairs, so that the store joins one statement
        pattern to them (``?this key/^key ?v`` would be walked for every node first)."""
        k, m, other, v = self.var(), self.var(), self.var(), self.var()
        p = self.term(key)
        crowded = (f"{{ SELECT {k} WHERE {{ {m} {p} {k} FILTER({condition(m)}) }}"
                   f" GROUP BY {k} HAVING (COUNT(DISTINCT {m}) > {n}) }}")
        several = (f"{{ SELECT DISTINCT ?this {k} WHERE {{ {focus} ?this {p} {k} , {other} ."
                   f" FILTER(!sameTerm({k}, {other})) }} }}")
        direct = (f"{{ SELECT ?this WHERE {{ {several} {v} {p} {k} . FILTER({condition(v)}) }}"
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


def _shared_key(path: object) -> URIRef | None:
    """``p`` when ``path`` is the sequence ``p/^p`` (nodes sharing a value of ``p``)."""
    if isinstance(path, tuple) and path[0] == "sequence" and len(path[1]) == 2:
        first, second = path[1]
        if isinstance(first, URIRef) and second == ("inverse", first):
            return first
    return None
