"""Running queries on a pyoxigraph Store with parameters bound as terms."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from sgam_onto.errors import SgamError
from sgam_onto.query.binding import Term, bind_params
from sgam_onto.query.engine import refuse_outside_data, syntax_error
from sgam_onto.query.stored import StoredQuery

if TYPE_CHECKING:
    from sgam_onto.query.catalogue import Catalogue

ResultTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
ResultRow = tuple[ResultTerm | None, ...]


@dataclass(frozen=True)
class Result:
    """Variables (in output order) and rows of terms (None where unbound).

    `query_text` is the exact text handed to the engine, kept so callers can show or audit it.
    Iterating a Result yields its rows; it is falsy when there are none.
    """

    variables: tuple[str, ...]
    rows: tuple[ResultRow, ...]
    query_text: str
    truncated: bool = False  # more rows than the row limit (settings); these are the first

    def __iter__(self) -> Iterator[ResultRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def as_dicts(self) -> list[dict[str, ResultTerm | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


def run_query(
    store: ox.Store,
    query_text: str,
    params: Mapping[str, Term] | None = None,
    *,
    columns: tuple[str, ...] | None = None,
    path: str = "<query>",
    isolated: bool = True,
) -> Result:
    """Evaluate a SELECT query; `params` are substituted as terms, never spliced into text.

    The limits of ``sgam_onto.settings`` apply: no SERVICE, bounded query length, nesting and
    time, and at most the row limit of rows (``Result.truncated`` says when more were left
    out). With ``isolated`` an in-memory store is queried in a worker that is killed at the
    deadline; without it (the shipped catalogue, see ``StoredQuery.isolated``) in a thread that
    is abandoned at the deadline, as for every other kind of store.
    """
    from sgam_onto.query.isolation import select_rows

    refuse_outside_data(query_text, path)
    subs = {ox.Variable(name): term for name, term in (params or {}).items()}
    try:
        got = select_rows(
            lambda: store.query(query_text, substitutions=subs or None),
            isolate=isolated and isinstance(store, ox.Store),
        )
    except SyntaxError as err:
        raise syntax_error(path, err) from None
    except TypeError:
        raise SgamError(f"{path}: only SELECT queries are supported") from None
    except (RuntimeError, OSError, ValueError) as err:
        raise SgamError(f"{path}: the query failed: {err}") from None
    variables = got.variables
    order = columns or variables
    missing = [c for c in order if c not in variables]
    if missing:
        raise SgamError(f"{path}: the query does not select {', '.join(missing)}")
    index = [variables.index(c) for c in order]
    rows = tuple(tuple(row[i] for i in index) for row in got.rows)
    return Result(tuple(order), rows, query_text, got.truncated)


def bind_stored(query: StoredQuery, raw_params: Mapping[str, str] | None = None) -> dict[str, Term]:
    """Check string parameters against the query's header and turn them into terms."""
    raw = dict(raw_params or {})
    if query.header is None:
        if raw:
            raise SgamError(
                f"{query.path}: takes no parameters; declare them in a '#+ params:' header"
            )
        return {}
    return bind_params(query.header.params, raw, f"query {query.name!r}")


def run_stored(
    store: ox.Store, query: StoredQuery, raw_params: Mapping[str, str] | None = None
) -> Result:
    """Validate string parameters against the query's header, bind them, and run it."""
    terms = bind_stored(query, raw_params)
    return run_query(store, query.text, terms, columns=query.columns, path=query.path,
                     isolated=query.isolated)


def run_violation_checks(
    store: ox.Store, catalogue: Catalogue | None = None
) -> list[tuple[str, Result]]:
    """Run every `checks/*-violation.rq`; return (name, result) for those that found rows."""
    from sgam_onto.query.catalogue import Catalogue

    failures = []
    for query in (catalogue or Catalogue()).checks():
        if query.header and any(p.required for p in query.header.params):
            raise SgamError(f"{query.path}: a violation check cannot require parameters")
        result = run_stored(store, query)
        if result.rows:
            failures.append((query.name, result))
    return failures
