"""What the compiler makes of a shape: its checks, by how their violations are found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Literal, URIRef
from rdflib.term import Node

from sgam_onto.fastshacl.hoist import runs_once
from sgam_onto.fastshacl.model import Shape, Unsupported


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
    """An sh:sparql constraint, run as written with $this bound to each focus node, or once
    with $this free where that gives the same solutions (``once``, see ``hoist``)."""

    constraint: Node
    query: str

    @cached_property
    def once(self) -> bool:
        """Whether one query for all focus nodes means the same (read when they are many:
        parsing the query costs more than a few per-node runs)."""
        return runs_once(self.query)


@dataclass
class CompiledShape:
    shape: Shape
    value_checks: list[ValueCheck] = field(default_factory=list)
    focus_checks: list[FocusCheck] = field(default_factory=list)
    sparql_checks: list[SparqlCheck] = field(default_factory=list)


def integer(node: Node) -> int:
    """The integer a count parameter (sh:minCount...) holds."""
    if not isinstance(node, Literal) or not isinstance(node.value, int):
        raise Unsupported(f"expected an integer, found {node!r}")
    return int(node.value)
