"""The SPARQL tokenizer: enough structure to find the WHERE group and ORDER BY safely, to count
brackets, to check what an endpoint refuses, and to rewrite code without touching literals.

It only has to tell strings, IRIs and comments apart from the braces, parentheses and keywords
around them, so that text inside a literal or comment can never be mistaken for syntax. Every
scan of SPARQL text in the package goes through it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>
        \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*'
    )
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s(){}\[\],;.<>"'#=!&|*/+^-]+)
  | (?P<word>(?:[^\s(){}\[\],;<>"'\#?$=!&|*/+^\\]|\\.)+)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_NOT_CODE = frozenset({"comment", "string", "iri"})


@dataclass(frozen=True)
class Token:
    """One token: its kind, text and start offset in the query."""

    kind: str
    text: str
    start: int

    def is_keyword(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """Yield the significant tokens of `text` (whitespace and comments dropped)."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        if kind in ("ws", "comment"):
            continue
        yield Token(kind, m.group(), m.start())


def code_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text`` that are code: not in a string, IRI or comment."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _TOKEN.finditer(text):
        if m.lastgroup in _NOT_CODE:
            if m.start() > start:
                spans.append((start, m.start()))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def query_form(text: str) -> str | None:
    """The query form keyword (SELECT, ASK, CONSTRUCT, DESCRIBE), or None if there is none."""
    for tok in tokens(text):
        if tok.is_keyword(*QUERY_FORMS):
            return tok.text.upper()
    return None


def where_group_start(text: str) -> int:
    """Offset of the `{` opening the top-level WHERE group pattern.

    The first `{` at nesting depth zero after the query form keyword, skipping parenthesised
    projection expressions (which may hold `EXISTS { }`) and a CONSTRUCT template.
    """
    form: str | None = None
    parens = 0
    braces = 0
    seen_where = False
    in_template = False
    for tok in tokens(text):
        if form is None:
            if tok.is_keyword(*QUERY_FORMS):
                form = tok.text.upper()
            continue
        if tok.text == "(" and tok.kind == "punct":
            parens += 1
        elif tok.text == ")" and tok.kind == "punct":
            parens = max(0, parens - 1)
        elif tok.is_keyword("WHERE") and braces == 0 and parens == 0:
            seen_where = True
        elif tok.text == "{" and tok.kind == "punct":
            if braces == 0 and parens == 0 and not in_template:
                if form == "CONSTRUCT" and not seen_where:
                    in_template = True
                else:
                    return tok.start
            braces += 1
        elif tok.text == "}" and tok.kind == "punct":
            braces = max(0, braces - 1)
            if braces == 0 and in_template:
                in_template = False
                seen_where = True
    raise ValueError("the query has no WHERE group pattern")


def has_order_by(text: str) -> bool:
    """True if `ORDER BY` occurs as syntax (not inside a string, IRI or comment)."""
    prev_order = False
    for tok in tokens(text):
        if prev_order and tok.is_keyword("BY"):
            return True
        prev_order = tok.is_keyword("ORDER")
    return False


def select_star(text: str) -> bool:
    """True if the top-level SELECT projects `*`."""
    it = tokens(text)
    for tok in it:
        if tok.is_keyword("SELECT"):
            nxt = next(it, None)
            while nxt is not None and nxt.is_keyword("DISTINCT", "REDUCED"):
                nxt = next(it, None)
            return nxt is not None and nxt.text == "*"
        if tok.is_keyword(*QUERY_FORMS):
            return False
    return False
