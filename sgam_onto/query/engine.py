"""The embedded engine's view of a query text: does it parse, what does it project.

Parsing is done by Oxigraph itself (the project's strict syntax gate): the query is prepared
against an empty in-memory store, which costs nothing and yields the projection variables
exactly as the engine that will run it sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from sgam_onto.query.errors import QuerySyntaxError
from sgam_onto.query.lexer import query_form

_POSITION = re.compile(r"error at (\d+):(\d+)")


@dataclass(frozen=True)
class Prepared:
    """What parsing revealed: the query form and, for SELECT, the projected variables."""

    form: str
    variables: tuple[str, ...]


def syntax_error(path: str, err: SyntaxError) -> QuerySyntaxError:
    """Turn Oxigraph's SyntaxError into one naming the file and line (message kept verbatim)."""
    message = str(err)
    m = _POSITION.search(message)
    if m is None:
        return QuerySyntaxError(path, 1, None, message)
    return QuerySyntaxError(path, int(m.group(1)), int(m.group(2)), message)


def prepare(text: str, path: str = "<query>") -> Prepared:
    """Parse `text` with Oxigraph; raise QuerySyntaxError naming `path` if it does not parse."""
    try:
        result = ox.Store().query(text)
    except SyntaxError as err:
        raise syntax_error(path, err) from None
    if isinstance(result, ox.QuerySolutions):
        return Prepared("SELECT", tuple(v.value for v in result.variables))
    return Prepared(query_form(text) or ("ASK" if isinstance(result, ox.QueryBoolean) else "?"), ())
