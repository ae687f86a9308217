"""Rewrites of SPARQL text that keep its meaning: variables renamed, sub-SELECTs fenced.

The SPARQL tokenizer (``sgam_onto.query.lexer``) tells code from strings, IRIs and comments, so
that only code is rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sgam_onto.query.lexer import code_spans

_BRACE = re.compile(r"[{}]")
_VARIABLE = re.compile(r"[?$](_fs\d+)(?![0-9A-Za-z_\u00B7\u00C0-\uFFFF])")
_SELECT = re.compile(r"\s*SELECT\s+DISTINCT\b", re.IGNORECASE)
_NO_FENCE = re.compile(r"\b(LIMIT|OFFSET|VALUES)\b", re.IGNORECASE)
# more solutions than any evaluation can produce: a LIMIT this large drops none
FENCE = " LIMIT 9223372036854775807 "


def canonical(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with the engine's variables (``?_fsN``) renumbered in order of appearance, so
    that queries equal up to those names are equal; and each old name's new name (none where
    such a name is also written outside code)."""
    names: dict[str, str] = {}
    if sum(len(_VARIABLE.findall(text, a, b)) for a, b in code_spans(text)) != len(
            _VARIABLE.findall(text)):
        return text, names  # one in a string, say: left as it is, not renamed halfway

    def rename(match: re.Match) -> str:
        new = names.setdefault(match.group(1), f"_fs{len(names)}")
        return match.group(0)[0] + new

    return _in_code(text, lambda code: _VARIABLE.sub(rename, code)), names


def fence_distinct_subqueries(text: str) -> str:
    """``text`` with a LIMIT no evaluation reaches after each ``{ SELECT DISTINCT ... }`` that
    has no LIMIT, OFFSET or VALUES (where the grammar then allows one).

    A sub-SELECT's solutions do not depend on the query around it, and a LIMIT above their
    number drops none: the meaning is unchanged. The store no longer moves the outer filters
    below the DISTINCT, where they would be evaluated once per duplicate rather than once per
    distinct solution (a filter with NOT EXISTS, over a whole-graph DISTINCT, on every triple).
    """
    masked = _masked(text, code_spans(text))
    stack: list[tuple[int, bool]] = []
    inserts: list[int] = []
    for brace in _BRACE.finditer(masked):
        i, c = brace.start(), brace.group()
        if c == "{":
            stack.append((i, _SELECT.match(masked, i + 1) is not None))
        elif c == "}" and stack:
            start, distinct = stack.pop()
            if distinct and _NO_FENCE.search(masked, start, i) is None:
                inserts.append(i)
    for at in reversed(inserts):
        text = text[:at] + FENCE + text[at:]
    return text


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` blanked (same length and positions)."""
    out = [" "] * len(text)
    for start, end in spans:
        out[start:end] = text[start:end]
    return "".join(out)


def _in_code(text: str, change: Callable[[str], str]) -> str:
    parts, done = [], 0
    for start, end in code_spans(text):
        parts.append(text[done:start])
        parts.append(change(text[start:end]))
        done = end
    parts.append(text[done:])
    return "".join(parts)
