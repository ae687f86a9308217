"""Query text limits, checked before any engine parses it: length, and bracket nesting
(Oxigraph's SPARQL parser recurses: some thousands of brackets overflow its stack)."""

from __future__ import annotations

from sgam_onto.query.lexer import tokens
from sgam_onto.settings import LimitError, current, raise_hint


def check_query_text(text: str, path: str = "<query>") -> None:
    """Refuse query texts longer than the limit, or nested deeper than the nesting limit
    (Oxigraph's SPARQL parser recurses: some thousands of brackets overflow its stack)."""
    limits = current()
    if len(text) > limits.max_query_chars:
        raise LimitError(
            path, message=f"query is {len(text):,} characters; the limit is "
            f"{limits.max_query_chars:,} ({raise_hint('max_query_chars')})"
        )
    depth = 0
    for token in tokens(text):
        if token.kind != "punct":
            continue
        if token.text in "({[":
            depth += 1
            if depth > limits.max_nesting_depth:
                line = text.count("\n", 0, token.start) + 1
                raise LimitError(
                    path, line, None,
                    f"brackets nested more than {limits.max_nesting_depth} deep "
                    f"({raise_hint('max_nesting_depth')})",
                )
        elif token.text in ")}]":
            depth = max(0, depth - 1)
