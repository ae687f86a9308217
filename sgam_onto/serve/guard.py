"""What the read-only endpoint refuses before a query reaches the engine.

The check works on tokens (strings, IRIs and comments are tokens of their own, so a keyword
inside a literal or a comment is not mistaken for syntax), on the query text both as sent and
after decoding \\u escapes: the SPARQL grammar lets them stand anywhere, and engines differ on
whether they decode them before parsing, so a keyword spelt with escapes is refused too.
Refused: updates (any update keyword as the operation), SERVICE, LOAD, and FROM / FROM NAMED
naming a graph the endpoint does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from sgam_onto.query.lexer import QUERY_FORMS, Token, tokens

UPDATE_WORDS = frozenset(
    {
        "INSERT",
        "DELETE",
        "LOAD",
        "CLEAR",
        "CREATE",
        "DROP",
        "COPY",
        "MOVE",
        "ADD",
        "WITH",
    }
)
PROLOGUE = frozenset({"BASE", "PREFIX"})
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Refused(Exception):
    """A query the endpoint will not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def decode_escapes(text: str) -> str:
    """Replace \\uXXXX and \\UXXXXXXXX by the characters they stand for."""

    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        try:
            return chr(code)
        except (ValueError, OverflowError):
            return m.group(0)

    return _ESCAPE.sub(one, text)


def _operation(toks: list[Token]) -> str | None:
    """The first keyword after the prologue (BASE/PREFIX declarations)."""
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.is_keyword("BASE"):
            i += 2
            continue
        if tok.is_keyword("PREFIX"):
            i += 3
            continue
        return tok.text.upper() if tok.kind == "word" else None
    return None


def _graph_name(tok: Token, prefixes: dict[str, str]) -> str:
    if tok.kind == "iri":
        return tok.text[1:-1]
    prefix, sep, local = tok.text.partition(":")
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    return tok.text


def _prefixes(toks: list[Token]) -> dict[str, str]:
    found: dict[str, str] = {}
    for i, tok in enumerate(toks[:-2]):
        if tok.is_keyword("PREFIX") and toks[i + 2].kind == "iri":
            found[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
    return found


def _check_operation(toks: list[Token]) -> str:
    operation = _operation(toks)
    if operation in UPDATE_WORDS:
        raise Refused(403, "this endpoint is read-only: SPARQL updates are not accepted")
    if operation not in QUERY_FORMS:
        raise Refused(400, "not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return operation


def _check_words(toks: list[Token], local_graphs: Collection[str]) -> None:
    prefixes = _prefixes(toks)
    for i, tok in enumerate(toks):
        if tok.is_keyword("SERVICE"):
            raise Refused(400, "SERVICE (federated query) is not allowed on this endpoint")
        if tok.is_keyword("LOAD"):
            raise Refused(403, "this endpoint is read-only: LOAD is not accepted")
        if tok.is_keyword("FROM"):
            j = i + 1
            if j < len(toks) and toks[j].is_keyword("NAMED"):
                j += 1
            name = _graph_name(toks[j], prefixes) if j < len(toks) else ""
            if name not in local_graphs:
                raise Refused(
                    400,
                    f"FROM <{name}>: this endpoint holds no such graph; "
                    "queries may only use its own data",
                )


def check_query(text: str, local_graphs: Collection[str] = ()) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) if the query may run; else Refused."""
    decoded = list(tokens(decode_escapes(text)))  # what an escape-decoding engine parses
    form = _check_operation(decoded)
    _check_words(decoded, local_graphs)
    _check_words(list(tokens(text)), local_graphs)  # and the text as sent, to fail closed
    return form


UNARY = frozenset({"!", "-", "+", "^"})


def check_operator_runs(text: str, limit: int) -> None:
    """Refuse a run of more than `limit` prefix operators in a row (`!!!!…`, `----…`, `^^^^…`):
    Oxigraph's parser recurses once per operator as it does per bracket, and some ten thousand
    of them overflow its stack; the bracket limit does not see them."""
    run = 0
    for tok in tokens(text):
        if tok.text in UNARY:
            run += 1
            if run > limit:
                raise Refused(400, f"more than {limit} operators in a row: nested too deep")
        else:
            run = 0


def check_dataset(
    default_graphs: Collection[str],
    named_graphs: Collection[str],
    local_graphs: Collection[str] = (),
) -> None:
    """The protocol's default-graph-uri / named-graph-uri parameters name local graphs only."""
    for name in [*default_graphs, *named_graphs]:
        if name not in local_graphs:
            raise Refused(400, f"graph <{name}>: this endpoint holds no such graph")
