"""Warnings about input that loads but is probably not what its author meant: printed once
each on stderr as ``PATH:LINE: warning: ...`` (the form of errors, so editors jump to it), never
changing the exit code. Leniency the user is not told about is a silent change of meaning."""

from __future__ import annotations

import sys
from pathlib import Path

_said: set[str] = set()


def warn(path: Path | None, line: int | None, message: str, *, key: str | None = None) -> None:
    """Print one warning; the same ``key`` (default: the whole line) is printed only once."""
    where = ":".join(str(p) for p in (path, line) if p is not None)
    text = f"{where}: warning: {message}" if where else f"sgam-onto: warning: {message}"
    key = key or text
    if key in _said:
        return
    _said.add(key)
    print(text, file=sys.stderr)


def forget() -> None:
    """Let every warning be printed again (a new run in the same process, tests)."""
    _said.clear()
