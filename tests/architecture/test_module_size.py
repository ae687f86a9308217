"""Modules stay small enough to read in one sitting, unless they say why they cannot.

A module over LIMIT lines must carry, at the start of a line of its docstring, the marker
"One cohesive module:" followed by the reason it is one thing that splitting would only
scatter (a generated table, one algorithm, one protocol).
"""

from __future__ import annotations

import ast

from tests.architecture.imports import modules

LIMIT = 450
MARKER = "One cohesive module:"


def declares_cohesion(docstring: str | None) -> bool:
    """Whether a docstring has a line starting with the marker and giving a reason after it."""
    for line in (docstring or "").splitlines():
        line = line.strip()
        if line.startswith(MARKER) and line[len(MARKER):].strip():
            return True
    return False


def test_no_module_is_long_without_saying_why() -> None:
    long = {}
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > LIMIT and not declares_cohesion(ast.get_docstring(ast.parse(text))):
            long[name] = lines
    assert long == {}, f"over {LIMIT} lines with no '{MARKER} <why>' in the docstring"


def test_the_marker_needs_a_reason() -> None:
    assert declares_cohesion("Parse X.\n\nOne cohesive module: its states share one table.")
    assert not declares_cohesion("Parse X.\n\nOne cohesive module:")
    assert not declares_cohesion("Parse X; this is one cohesive module: really.")
    assert not declares_cohesion(None)
