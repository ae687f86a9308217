"""Queries under the time and row limits, as the command line runs them.

Text from outside the shipped catalogue runs in a forked child (``sgam_onto.query.child``, the
isolation the server's workers use too) that is killed at the deadline; a crash there is
reported, not shared. The catalogue's own queries, and queries on an on-disk store or a remote
endpoint, run in a thread that is abandoned at the deadline. Result rows are cut at the limit,
with ``truncated`` set for the caller to report.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

import pyoxigraph as ox

from sgam_onto.query.child import Child, NoAnswer, answer_with
from sgam_onto.settings import QueryLimitError, current, raise_hint

T = TypeVar("T")


@dataclass(frozen=True)
class Rows:
    """What a bounded SELECT returned: variables, at most ``max_result_rows`` rows, and whether
    more rows were left out."""

    variables: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    truncated: bool


def select_rows(
    run: Callable[[], Any],
    *,
    isolate: bool = True,
    seconds: float | None = None,
    max_rows: int | None = None,
) -> Rows:
    """Evaluate ``run()`` (a SELECT on a pyoxigraph-like store) under the time and row limits.

    See ``run_bounded`` for ``isolate``. Engine errors (SyntaxError, OSError, RuntimeError,
    ValueError; TypeError for a query that is not a SELECT) reach the caller.
    """
    rows = current().max_result_rows if max_rows is None else max_rows
    if not isolate or not hasattr(os, "fork"):
        return run_bounded(lambda: _collect(run, rows), isolate=False, seconds=seconds)
    return _from_tsv(run_bounded(lambda: capped_tsv(run, rows), seconds=seconds))


def run_bounded(
    work: Callable[[], T], *, isolate: bool = True, seconds: float | None = None
) -> T:
    """``work()`` under the query time limit; its result must pickle when ``isolate``.

    With ``isolate`` (work on an in-memory pyoxigraph Store, or none) it runs in a forked
    child holding the same memory (copy-on-write): at the deadline the child is killed, so a
    runaway query costs nothing more. Otherwise (an on-disk store, whose database must not be
    shared across fork; a remote endpoint) it runs in a thread that is abandoned at the
    deadline: the caller gets the error on time, the thread ends with the process.
    """
    seconds = current().max_query_seconds if seconds is None else seconds
    if not isolate or not hasattr(os, "fork"):
        return _in_thread(work, seconds)
    child = Child.fork(lambda _requests, answers: answer_with(answers, work))
    try:
        answer = child.receive(seconds)
    except NoAnswer as missing:
        if missing.timed_out:
            raise _timeout(seconds) from None
        raise QueryLimitError(f"the query engine stopped without an answer{missing.crash}; "
                              "is the query nested very deeply?") from None
    finally:
        child.stop()
    if answer[0] == "error":
        _, kind, message = answer
        if kind == "MemoryError":
            raise QueryLimitError("the query ran out of memory and was stopped")
        raise _ERRORS.get(kind, RuntimeError)(message)
    return answer[1]


_ERRORS: dict[str, type[Exception]] = {
    "SyntaxError": SyntaxError, "OSError": OSError, "RuntimeError": RuntimeError,
    "ValueError": ValueError, "TypeError": TypeError,
}


def _timeout(seconds: float) -> QueryLimitError:
    return QueryLimitError(
        f"the query ran longer than {seconds:g} s and was stopped "
        f"({raise_hint('max_query_seconds')})"
    )


def _in_thread(work: Callable[[], T], seconds: float) -> T:
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as err:  # handed to the waiting caller
            outcome["error"] = err

    worker = threading.Thread(target=target, name="sgam-onto-query", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise _timeout(seconds)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _collect(run: Callable[[], Any], max_rows: int) -> Rows:
    solutions = run()
    if isinstance(solutions, ox.QueryBoolean | ox.QueryTriples | bool):
        raise TypeError("only SELECT queries are supported")
    variables = tuple(v.value for v in solutions.variables)
    width = range(len(variables))
    rows, truncated = take((tuple(s[i] for i in width) for s in solutions), max_rows)
    return Rows(variables, rows, truncated)


def take(items: Iterable[T], limit: int) -> tuple[list[T], bool]:
    """The first ``limit`` items, and whether there were more (at most one more is read)."""
    kept = list(islice(items, limit + 1))
    return kept[:limit], len(kept) > limit


def capped_tsv(run: Callable[[], Any], max_rows: int) -> tuple[tuple[str, ...], bool, bytes]:
    """The solutions as SPARQL TSV, written by Oxigraph itself, for the trip from the worker.

    Building Python terms in the worker only to pickle them cost several times the query on
    large results; Oxigraph's serializer and parser keep every term exact (TSV escapes tabs
    and newlines in literals) at a fraction of that. Serialising stops after ``max_rows``.
    """
    solutions = run()
    if isinstance(solutions, ox.QueryBoolean | ox.QueryTriples | bool):
        raise TypeError("only SELECT queries are supported")
    variables = tuple(v.value for v in solutions.variables)
    sink = _LineSink(max_rows + 1)  # the header line, then one line per row
    with suppress(_Enough):
        solutions.serialize(sink, format=ox.QueryResultsFormat.TSV)
    return variables, sink.truncated, b"".join(sink.chunks)


class _Enough(Exception):
    """Raised by ``_LineSink`` to stop the serializer once it has the lines it may keep."""


class _LineSink:
    def __init__(self, max_lines: int) -> None:
        self.max_lines = max_lines
        self.lines = 0
        self.chunks: list[bytes] = []
        self.truncated = False

    def write(self, chunk: bytes) -> int:
        self.chunks.append(bytes(chunk))
        self.lines += chunk.count(b"\n")
        if self.lines > self.max_lines:
            data = b"".join(self.chunks)
            cut = -1
            for _ in range(self.max_lines):
                cut = data.index(b"\n", cut + 1)
            self.chunks, self.truncated = [data[: cut + 1]], True
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        """The serializer flushes its output at the end; nothing is buffered here."""


def _from_tsv(packed: tuple[tuple[str, ...], bool, bytes]) -> Rows:
    variables, truncated, tsv = packed
    solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    width = range(len(variables))
    return Rows(variables, [tuple(s[i] for i in width) for s in solutions], truncated)
