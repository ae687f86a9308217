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

from sgam_onto.query.lexer import Token, tokens, where_group_start

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
    except Exception:  # any text rdflib cannot read keeps the per-node evaluation
        return False
    if not _mentions_in_top_group_only(query):
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
        # (a sub-select inside an EXISTS does not see it at all)
        safe, bound = _top(node.p)
        expr = node.expr
        return (safe and node.get("var") != THIS and (bound or not _mentions(expr))
                and not _mentions(expr, in_select_only=True)), bound
    if node.name == "Join":
        safe1, bound1 = _top(node.p1)
        safe2, bound2 = _top(node.p2)
        return safe1 and safe2, bound1 or bound2
    if node.name in ("LeftJoin", "Minus"):
        safe, bound = _top(node.p1)
        return safe and not _mentions(node.p2) and not _mentions(node.get("expr")), bound
    return not _mentions(node), False


def _mentions(part: object, in_select_only: bool = False, inside: bool = False) -> bool:
    """Whether $this occurs in an algebra or parse-tree fragment (``in_select_only``: inside
    one of its sub-selects)."""
    if isinstance(part, Variable):
        return part == THIS and (inside or not in_select_only)
    inside = inside or (isinstance(part, CompValue) and part.name == "SubSelect")
    if isinstance(part, dict):
        return any(_mentions(value, in_select_only, inside) for value in part.values())
    if isinstance(part, Iterable) and not isinstance(part, str):
        return any(_mentions(item, in_select_only, inside) for item in part)
    return False


def _mentions_in_top_group_only(query: str) -> bool:
    """Whether every $this of the text is in the top group itself or in a filter or bind
    written there, and there is no sub-select. Checked on the text because rdflib's algebra
    drops the filters of an EXISTS pattern."""
    toks = list(tokens(query))
    try:
        start = where_group_start(query)
    except ValueError:
        return False
    if sum(1 for t in toks if t.is_keyword("SELECT")) != 1:
        return False
    depth, i = 0, next(n for n, t in enumerate(toks) if t.start == start)
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "punct" and tok.text in "{}":
            depth += 1 if tok.text == "{" else -1
            if depth == 0:
                return True
        elif depth == 1 and tok.is_keyword("FILTER", "BIND"):
            i = _expression_end(toks, i + 1)
            continue
        elif tok.kind == "var" and tok.text[1:] == "this" and depth != 1:
            return False
        i += 1
    return False


def _expression_end(toks: list[Token], i: int) -> int:
    """The index after the expression of a FILTER or BIND starting at ``toks[i]``: a
    bracketed expression, [NOT] EXISTS with its group, or a function call."""
    while i < len(toks) and toks[i].is_keyword("NOT", "EXISTS"):
        i += 1
    while i < len(toks) and toks[i].kind != "punct":  # a function's name
        i += 1
    if i >= len(toks) or toks[i].text not in "({":
        return i
    depth = 0
    for j in range(i, len(toks)):
        text = toks[j].text if toks[j].kind == "punct" else ""
        if text in ("(", "{"):
            depth += 1
        elif text in (")", "}"):
            depth -= 1
            if depth == 0:
                return j + 1
    return len(toks)
