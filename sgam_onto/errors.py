"""Errors the command line turns into one line on stderr and an exit code."""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FAIL = 1  # the data does not conform / a check failed
EXIT_LOAD = 2  # the input could not be loaded, bad arguments


class SgamError(Exception):
    """An error the user can act on; printed without a traceback."""

    exit_code: int = EXIT_LOAD


class LoadError(SgamError):
    """An input file could not be read or parsed; knows where, as far as that is known."""

    def __init__(
        self,
        path: str | Path | None,
        line: int | None = None,
        column: int | None = None,
        message: str = "cannot be loaded",
    ) -> None:
        self.path = None if path is None else Path(path)
        self.line = line
        self.column = column
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = [] if self.path is None else [str(self.path)]
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        return ": ".join(filter(None, [":".join(where), self.message]))
