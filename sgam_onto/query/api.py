"""Catalogue queries as Python functions returning plain rows.

    >>> from sgam_onto.query import api
    >>> api.run("bodies-in-context", context="https://w3id.org/sgam-onto/id/context/der")

Each row maps the header's columns to Python values (see `pyvalues.to_python`); unbound
columns are None. The landscape is loaded once per process when not given.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Protocol

import pyoxigraph as ox

from sgam_onto.errors import SgamError
from sgam_onto.query.binding import python_to_lexical
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.pyvalues import to_python
from sgam_onto.query.runner import Result, run_stored
from sgam_onto.query.stored import StoredQuery

Row = Mapping[str, Any]


class HasStore(Protocol):
    """Anything holding the landscape in a pyoxigraph Store (a Landscape does)."""

    store: ox.Store


@functools.cache
def _landscape(with_alignments: bool = False) -> HasStore:
    from sgam_onto.landscape import load_landscape

    return load_landscape(with_alignments=with_alignments)


def default_catalogue() -> Catalogue:
    """The catalogue `run` looks names up in: the package's own `queries/`."""
    return Catalogue()


def rows(result: Result) -> list[Row]:
    """A Result as a list of {column: Python value} dicts."""
    return [
        {var: to_python(term) for var, term in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def run_stored_rows(
    query: StoredQuery, store: ox.Store, params: Mapping[str, object] | None = None
) -> list[Row]:
    """Run a loaded query with Python-valued parameters and return Python rows."""
    declared = {p.name: p for p in (query.header.params if query.header else ())}
    raw: dict[str, str] = {}
    for name, value in (params or {}).items():
        if name not in declared:
            raw[name] = str(value)  # run_stored reports it as unknown, listing what is taken
        else:
            raw[name] = python_to_lexical(declared[name], value)
    return rows(run_stored(store, query, raw))


def run(name: str, landscape: HasStore | None = None, /, **params: object) -> list[Row]:
    """Run catalogue query `name` with keyword parameters; rows of Python values.

    `name` and `landscape` are positional-only, so queries may have parameters of those names.
    """
    if not isinstance(name, str):
        raise SgamError(f"query name must be a str, not {type(name).__name__}")
    query = default_catalogue().load(name)
    target = landscape if landscape is not None else _landscape(query.needs_alignments)
    return run_stored_rows(query, target.store, params)
