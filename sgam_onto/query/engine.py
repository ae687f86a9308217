"""The embedded engine's view of a query text: does it parse, what does it project.

Parsing is done by Oxigraph itself (the project's strict syntax gate): the query is prepared
against an empty in-memory store, which costs nothing and yields the projection variables
exactly as the engine that will run it sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from sgam_onto.errors import LoadError
from sgam_onto.query.errors import QueryRefused, QuerySyntaxError
from sgam_onto.query.lexer import query_form, tokens

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


def refuse_outside_data(text: str, path: str = "<query>") -> None:
    """Queries run on the local data only: raise QueryRefused for SERVICE.

    Oxigraph sends an HTTP request to whatever address a SERVICE clause names, even when the
    query is only being prepared. FROM / FROM NAMED are harmless here: Oxigraph takes them from
    the graphs of the store and never dereferences them. (LOAD is an update, which the query
    parser refuses.) The query length limit is checked first.
    """
    from sgam_onto.query.text_limits import check_query_text

    check_query_text(text, path)
    for tok in tokens(text):
        if tok.is_keyword("SERVICE"):
            line = text.count("\n", 0, tok.start) + 1
            column = tok.start - (text.rfind("\n", 0, tok.start) + 1) + 1
            raise QueryRefused(
                path, line, column,
                "SERVICE (a federated query) would send requests to another server; "
                "queries run on the local data only",
            )


def prepare(text: str, path: str = "<query>") -> Prepared:
    """Parse `text` with Oxigraph; raise QuerySyntaxError naming `path` if it does not parse."""
    from sgam_onto.query.isolation import run_bounded
    from sgam_onto.settings import QueryLimitError

    refuse_outside_data(text, path)  # before Oxigraph, which would evaluate a SERVICE call
    try:  # Oxigraph may evaluate (e.g. ORDER BY over VALUES) even here: under the time limit
        return run_bounded(lambda: _shape(text))
    except SyntaxError as err:
        raise syntax_error(path, err) from None
    except (RuntimeError, OSError, ValueError) as err:  # parsed, but the engine cannot run it
        raise LoadError(path, message=f"the query cannot be run: {err}") from None
    except QueryLimitError as err:
        raise LoadError(path, message=str(err)) from None


def _shape(text: str) -> Prepared:
    result = ox.Store().query(text)
    if isinstance(result, ox.QuerySolutions):
        return Prepared("SELECT", tuple(v.value for v in result.variables))
    return Prepared(query_form(text) or ("ASK" if isinstance(result, ox.QueryBoolean) else "?"), ())
