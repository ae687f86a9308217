"""Limits on parsed statements: literal and IRI size, blank-node and collection nesting.

They are checked on the statements, not the text, because the rdflib-based code after the
gate (serializers, pyshacl) recurses into nested nodes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from sgam_onto.settings import LimitError, NestingError, current, raise_hint

RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"


def check_quads(quads: Iterable[ox.Quad | ox.Triple], path: Path | None) -> None:
    """Literal and IRI size and blank-node nesting of parsed statements."""
    limits = current()
    max_chars = limits.max_literal_chars
    max_iri = limits.max_iri_chars
    refs: dict[str, int] = defaultdict(int)
    parent: dict[str, tuple[str | None, str]] = {}  # blank node -> (blank node above, predicate)
    shape: dict[str, list[str]] = defaultdict(list)  # blank node -> its predicates
    rest: dict[str, str | None] = {}  # list cell -> next cell (None: rdf:nil; "": not a cell)
    for quad in quads:
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        if isinstance(obj, ox.Literal) and len(obj.value) > max_chars:
            raise LimitError(
                path, message=f"a literal of {len(obj.value):,} characters (object of "
                f"<{_clip(predicate)}>); the limit is {max_chars:,} "
                f"({raise_hint('max_literal_chars')})", needle=obj.value[:64],
            )
        for term in (subject, quad.predicate, obj, getattr(quad, "graph_name", None),
                     obj.datatype if isinstance(obj, ox.Literal) else None):
            if isinstance(term, ox.NamedNode) and len(term.value) > max_iri:
                raise LimitError(
                    path, message=f"an IRI of {len(term.value):,} characters "
                    f"(<{_clip(term.value)}>); the limit is {max_iri:,} "
                    f"({raise_hint('max_iri_chars')})", needle=term.value[-64:],
                )
        above = subject.value if isinstance(subject, ox.BlankNode) else None
        if above is not None:
            shape[above].append(predicate)
            if predicate == RDF_REST:
                rest[above] = _next_cell(obj)
        if isinstance(obj, ox.BlankNode):
            refs[obj.value] += 1
            parent[obj.value] = (above, predicate)
    depth, deep_node = _deepest(parent, refs, _flat_cells(shape, rest, refs),
                                limits.max_nesting_depth)
    if depth > limits.max_nesting_depth:
        raise NestingError(
            path, message=f"blank nodes or collections nested {depth} deep; the limit is "
            f"{limits.max_nesting_depth} ({raise_hint('max_nesting_depth')})",
            needle=deep_node,
        )


def check_prefixes(prefixes: Mapping[str, str], path: Path | None) -> None:
    """The IRI limit for the namespaces a file declares, used or not."""
    max_iri = current().max_iri_chars
    for prefix, iri in prefixes.items():
        if len(iri) > max_iri:
            raise LimitError(
                path, message=f"prefix {prefix}: is bound to an IRI of {len(iri):,} characters "
                f"(<{_clip(iri)}>); the limit is {max_iri:,} ({raise_hint('max_iri_chars')})",
                needle=iri[-64:],
            )


def _clip(text: str, width: int = 60) -> str:
    """A long IRI in a message: its start, so the message stays one readable line."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _next_cell(obj: Any) -> str | None:
    if isinstance(obj, ox.NamedNode) and obj.value == RDF_NIL:
        return None
    return obj.value if isinstance(obj, ox.BlankNode) else ""


def _flat_cells(
    shape: Mapping[str, list[str]], rest: Mapping[str, str | None], refs: Mapping[str, int]
) -> set[str]:
    """List cells written flat in a collection: from each, a well-formed list runs to rdf:nil."""
    good: dict[str, bool] = {}
    for start in rest:
        chain: list[str] = []
        seen: set[str] = set()
        cell: str | None = start
        verdict = True
        while cell is not None:
            if cell in good:
                verdict = good[cell]
                break
            if (cell == "" or cell in seen or sorted(shape.get(cell, ())) != [RDF_FIRST, RDF_REST]
                    or (cell != start and refs.get(cell, 0) != 1)):
                verdict = False
                break
            seen.add(cell)
            chain.append(cell)
            cell = rest[cell]
        for c in chain:
            good[c] = verdict
    return {c for c, ok in good.items() if ok}


def _deepest(
    parent: Mapping[str, tuple[str | None, str]], refs: Mapping[str, int], flat: set[str],
    limit: int | None = None,
) -> tuple[int, str | None]:
    """Longest chain of blank nodes each written inside the one before, and the first node
    found deeper than ``limit`` (where the error is; None if none is).

    Only nodes referenced once nest (a shared node is written on its own); the rdf:rest link
    between cells of a well-formed collection does not count, since a collection is written
    flat.
    """

    def weight(node: str) -> int:
        above, predicate = parent[node]
        return 0 if predicate == RDF_REST and above in flat else 1

    depth: dict[str, int] = {}
    best = 0
    first_deep: str | None = None
    for start in parent:
        chain: list[str] = []
        seen: set[str] = set()
        node: str | None = start
        base = 0
        while node is not None and node not in depth:
            if refs.get(node, 0) != 1 or node not in parent or node in seen:
                node = None  # a root: written at the top level, shared, or on a cycle
                break
            seen.add(node)
            chain.append(node)
            node = parent[node][0]
        if node is not None:
            base = depth[node]
        for n in reversed(chain):
            base += weight(n)
            depth[n] = base
            if first_deep is None and limit is not None and base > limit:
                first_deep = n
        best = max(best, base)
    return best, first_deep
