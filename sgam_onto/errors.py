"""Errors the command line turns into one line on stderr and an exit code."""

from __future__ import annotations

import re
from pathlib import Path

EXIT_OK = 0
EXIT_FAIL = 1  # the data does not conform / a check failed
EXIT_LOAD = 2  # the input could not be loaded, bad arguments


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04X}"


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
        # a file name may hold a line break or a terminal escape: shown escaped, on one line
        where = [] if self.path is None else [_CONTROL.sub(_escaped, str(self.path))]
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        return ": ".join(filter(None, [":".join(where), self.message]))
