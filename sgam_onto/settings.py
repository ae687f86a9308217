"""The limits in force: what one input may cost, with defaults and the environment variables
that raise them, and the errors for crossing one.

Every limit has a default sized far above the landscape (tens of thousands of triples, queries
of a few kilobytes) and an environment variable to raise it, e.g. for a benchmark. Crossing a
limit is an error the user can act on: one line naming the file (and line, where there is
one), the size found, the limit, and the variable that raises it; exit code 2, never a
traceback, ``RecursionError`` or ``MemoryError``. The checks live where the input is read:
``sgam_onto.rdf.guard_size``, ``guard_rdfxml`` and ``guard_statements`` for data,
``sgam_onto.query.text_limits`` and ``sgam_onto.query.isolation`` for queries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any

from sgam_onto.errors import EXIT_LOAD, LoadError, SgamError


@dataclass(frozen=True)
class Limits:
    """The limits in force; ``ENV`` names the variable that overrides each one."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_literal_chars: int = 1024 * 1024
    max_iri_chars: int = 8 * 1024
    max_nesting_depth: int = 100
    memory_per_input_byte: int = 64
    max_query_chars: int = 100_000
    max_query_seconds: float = 30.0
    max_result_rows: int = 100_000


ENV: dict[str, str] = {
    "max_file_bytes": "SGAM_ONTO_MAX_FILE_BYTES",
    "max_literal_chars": "SGAM_ONTO_MAX_LITERAL_CHARS",
    "max_iri_chars": "SGAM_ONTO_MAX_IRI_CHARS",
    "max_nesting_depth": "SGAM_ONTO_MAX_NESTING_DEPTH",
    "memory_per_input_byte": "SGAM_ONTO_MEMORY_PER_BYTE",
    "max_query_chars": "SGAM_ONTO_MAX_QUERY_CHARS",
    "max_query_seconds": "SGAM_ONTO_QUERY_TIMEOUT",
    "max_result_rows": "SGAM_ONTO_MAX_ROWS",
}

_override: Limits | None = None


class LimitError(LoadError):
    """An input is larger or deeper than the limits allow (exit code 2).

    ``needle`` is text the input spells out where the limit was crossed (an IRI, a blank
    node label), for the caller that has the text to find the line.
    """

    def __init__(self, *args: Any, needle: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needle = needle


class NestingError(LimitError):
    """Blank nodes or collections nested deeper than the limit."""


class QueryLimitError(SgamError):
    """A query ran too long or was too long (exit code 2)."""

    exit_code = EXIT_LOAD


def current() -> Limits:
    """The limits in force: an override set by ``configured``, else defaults and environment."""
    if _override is not None:
        return _override
    values: dict[str, Any] = {}
    for f in fields(Limits):
        raw = os.environ.get(ENV[f.name], "").strip()
        if not raw:
            continue
        try:
            value = float(raw) if f.type in (float, "float") else int(raw)
        except ValueError:
            raise SgamError(f"{ENV[f.name]}={raw!r}: not a number") from None
        if value <= 0:
            raise SgamError(f"{ENV[f.name]}={raw!r}: must be positive")
        values[f.name] = value
    return Limits(**values)


@contextmanager
def configured(**changes: Any) -> Iterator[Limits]:
    """Run a block with some limits changed (tests, benchmarks); restores them afterwards."""
    global _override
    previous = _override
    _override = replace(current(), **changes)
    try:
        yield _override
    finally:
        _override = previous


def raise_hint(name: str) -> str:
    """The message part naming the variable that raises the limit ``name``."""
    return f"set {ENV[name]} to raise it"


def size_text(n: float) -> str:
    """A byte count as a person reads it (KiB, MiB, GiB)."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} bytes"

