"""A query file read from disk: its name, text and validated header."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sgam_onto.errors import LoadError
from sgam_onto.query.engine import prepare
from sgam_onto.query.errors import HeaderError
from sgam_onto.query.headers import QueryHeader, parse_header
from sgam_onto.query.lexer import has_order_by, select_star


@dataclass(frozen=True)
class StoredQuery:
    """A parsed, validated query; `header` is None only for ad-hoc files without one."""

    name: str
    path: str
    text: str
    header: QueryHeader | None
    variables: tuple[str, ...]
    # Whether an in-memory store answers it in a forked worker (killed at the deadline) rather
    # than in a thread; see ``runner.run_query``. Only the shipped catalogue sets it to False.
    isolated: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        """Output column order: the header's `columns`, else the projection."""
        return self.header.columns if self.header else self.variables

    @property
    def needs_alignments(self) -> bool:
        """Whether the header says the alignments must be loaded beside the landscape."""
        return self.header is not None and "alignments" in self.header.needs

    @property
    def summary(self) -> str:
        return self.header.summary if self.header else ""


def display_path(path: Path) -> str:
    """The path as users should see it in messages: relative to the working directory if inside."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def parse_query(
    text: str, path: str = "<query>", name: str | None = None, require_header: bool = True
) -> StoredQuery:
    """Validate `text` as a stored query: the header, the SPARQL, and that the two agree."""
    header = parse_header(text, path)
    if header is None and require_header:
        raise HeaderError(
            path,
            [
                (
                    1,
                    "no '#+' header; a stored query must declare summary, description, "
                    "source and columns",
                )
            ],
        )
    prepared = prepare(text, path)
    if prepared.form != "SELECT":
        line = header.line_of("columns") if header else 1
        raise HeaderError(path, [(line, f"only SELECT queries are supported, got {prepared.form}")])
    if header is not None:
        _check_agreement(header, text, prepared.variables, path)
    stem = Path(path).stem if name is None else name
    return StoredQuery(stem, path, text, header, prepared.variables)


def load_query(path: Path, require_header: bool = True) -> StoredQuery:
    """Read and validate one `.rq` file; unreadable files are load errors naming the path."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM is not query text
    except FileNotFoundError:
        raise LoadError(shown, message="no such query file") from None
    except UnicodeDecodeError as err:
        raise LoadError(
            shown, message=f"not UTF-8 text ({err.reason} at byte {err.start})"
        ) from None
    except OSError as err:
        raise LoadError(shown, message=f"cannot read ({err.strerror})") from None
    return parse_query(text, shown, path.stem, require_header)


def _check_agreement(header: QueryHeader, text: str, variables: tuple[str, ...], path: str) -> None:
    problems: list[tuple[int, str]] = []
    columns = header.columns
    star = select_star(text)
    if (set(columns) != set(variables)) if star else (columns != variables):
        problems.append(
            (
                header.line_of("columns"),
                f"columns ({', '.join(columns)}) do not match the SELECT variables "
                f"({', '.join(variables)})",
            )
        )
    for p in header.params:
        if p.name not in variables:
            problems.append(
                (
                    p.line,
                    f"parameter {p.name!r} is not a SELECT variable; parameters are bound through "
                    f"the projection, so ?{p.name} must be selected and listed in columns",
                )
            )
    if header.ordered and not has_order_by(text):
        problems.append((header.line_of("order"), "'order: ordered' but the query has no ORDER BY"))
    if problems:
        raise HeaderError(path, problems)
