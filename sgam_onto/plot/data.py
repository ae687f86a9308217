"""Rows for the pictures, from the stored catalogue queries (never from hand-written lists)."""

from __future__ import annotations

from typing import Any

from sgam_onto.query.api import HasStore, run_stored_rows
from sgam_onto.query.catalogue import Catalogue


def rows(name: str, landscape: HasStore, **params: object) -> list[dict[str, Any]]:
    """Run catalogue query `name` on the landscape; rows of Python values (IRIs as str)."""
    query = Catalogue().load(name)
    return [dict(r) for r in run_stored_rows(query, landscape.store, params)]


def select(landscape: HasStore, text: str) -> list[dict[str, Any]]:
    """Run an internal SELECT without parameters; rows of plain strings (None if unbound)."""
    result = landscape.store.query(text)
    names = [v.value for v in result.variables]
    return [
        {n: (None if t is None else t.value) for n, t in zip(names, sol, strict=True)}
        for sol in result
    ]
