"""Errors of the query subsystem; all are load errors (exit 2), never warnings."""

from __future__ import annotations

from collections.abc import Sequence

from sgam_onto.errors import LoadError


class HeaderError(LoadError):
    """One or more problems in a query file's `#+` header, each tied to a line."""

    def __init__(self, path: str, problems: Sequence[tuple[int, str]]) -> None:
        self.problems = tuple(problems)
        self.shown_path = path
        first_line, first_message = self.problems[0]
        super().__init__(path, first_line, None, first_message)

    def __str__(self) -> str:
        return "\n".join(f"{self.shown_path}:{line}: {msg}" for line, msg in self.problems)


class QuerySyntaxError(LoadError):
    """The SPARQL text does not parse; keeps the engine's own message and its position."""

    def __init__(self, path: str, line: int, column: int | None, message: str) -> None:
        self.engine_message = message
        super().__init__(path, line, column, message)


class QueryRefused(LoadError):
    """The query asks for something outside the local data (SERVICE)."""
