"""Whether an sh:sparql constraint may run once for all its focus nodes instead of once each.

SHACL evaluates a SPARQL constraint with $this pre-bound to one focus node at a time. Run once
with $this free, the query gives every focus node's solutions together, and those of nodes
that are not focus nodes, which are dropped. That is the same answer only where the free $this
is bound exactly as the pre-bound one would be: by a plain triple of the top group, with every
other mention of $this in that group's filters and binds (an EXISTS inside a filter sees the
solution's $this). A mention inside OPTIONAL, UNION, MINUS, GRAPH or a sub-select is evaluated
before the join binds it, and grouping, LIMIT or OFFSET would mix the focus nodes: such queries
keep the per-node evaluation.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from rdflib.paths import Path
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

THIS = Variable("this")
_PASS_THROUGH = {"Distinct", "Reduced", "OrderBy"}
_PARSING = threading.Lock()


def runs_once(query: str) -> bool:
    """True if ``query`` run with $this free, its solutions kept for the focus nodes, gives
    what pre-binding gives. Text rdflib cannot read is answered False (per node is safe).

    rdflib's parser runs on a thread of its own, one parse at a time: it is not thread-safe,
    and the exceptions it keeps hold the frames that called it. On the engine's threads those
    frames hold the store's solution iterators, which must be freed on the thread that made
    them, not wherever the garbage collector later meets the cycle."""
    answer: list[bool] = []
    with _PARSING:
        thread = threading.Thread(target=lambda: answer.append(_runs_once(query)),
                                  name="sparql-parse")
        thread.start()
        thread.join()
    return bool(answer and answer[0])


def _runs_once(query: str) -> bool:
    try:
        algebra = translateQuery(parseQuery(query)).algebra
    except Exception:
        return False
    if algebra.name != "SelectQuery" or algebra.get("datasetClause"):
        return False
    node = algebra.p
    while isinstance(node, CompValue) and node.name in _PASS_THROUGH:
        node = node.p
    if not isinstance(node, CompValue) or node.name != "Project" or THIS not in node.PV:
        return False
    safe, bound = _top(node.p)
    return safe and bound


def _top(node: object) -> tuple[bool, bool]:
    """(every mention of $this in ``node`` is safe, a plain triple certainly binds it), for a
    pattern of the top group."""
    if not isinstance(node, CompValue):
        return not _mentions(node), False
    if node.name == "BGP":
        return True, any(THIS in (s, o) and not isinstance(p, Path) for s, p, o in node.triples)
    if node.name == "OrderBy":
        return _top(node.p)
    if node.name in ("Filter", "Extend"):
        # a group's filter or bind sees $this only where that group binds it
        safe, bound = _top(node.p)
        return safe and node.get("var") != THIS and (bound or not _mentions(node.expr)), bound
    if node.name == "Join":
        safe1, bound1 = _top(node.p1)
        safe2, bound2 = _top(node.p2)
        return safe1 and safe2, bound1 or bound2
    if node.name in ("LeftJoin", "Minus"):
        safe, bound = _top(node.p1)
        return safe and not _mentions(node.p2) and not _mentions(node.get("expr")), bound
    return not _mentions(node), False


def _mentions(part: object) -> bool:
    """Whether $this occurs anywhere in an algebra or parse-tree fragment."""
    if isinstance(part, Variable):
        return part == THIS
    if isinstance(part, dict):
        return any(_mentions(value) for value in part.values())
    if isinstance(part, Iterable) and not isinstance(part, str):
        return any(_mentions(item) for item in part)
    return False
