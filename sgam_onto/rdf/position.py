"""Positions in RDF text for errors found after parsing, when the parser no longer knows
where a statement was written: the line and column of a spelling, or of the first bracket
nested deeper than a limit."""

from __future__ import annotations

import re


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


def find_spelling(text: str, spelling: str, *, whole_name: bool = False) -> tuple[int, int] | None:
    """Where ``spelling`` first occurs; with ``whole_name``, not as the start of a longer
    name (``_:b1`` is not found inside ``_:b10``)."""
    if not spelling:
        return None
    if whole_name:
        match = re.search(re.escape(spelling) + r"(?![\w\-.:]*[\w\-:])", text)
        at = match.start() if match else -1
    else:
        at = text.find(spelling)
    return None if at < 0 else line_column(text, at)


_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
    r"|(?P<bracket>[\[\]()])",
    re.DOTALL,
)


def deep_bracket(text: str, limit: int) -> tuple[int, int] | None:
    """The first ``[`` or ``(`` of Turtle/TriG text nested more than ``limit`` deep (strings,
    IRIs and comments skipped); None if none is."""
    depth = 0
    for token in _TOKENS.finditer(text):
        bracket = token.group("bracket")
        if bracket is None:
            continue
        if bracket in "[(":
            depth += 1
            if depth > limit:
                return line_column(text, token.start())
        else:
            depth = max(0, depth - 1)
    return None
