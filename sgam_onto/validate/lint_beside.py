"""Lint of large inputs in a forked child, beside the engine's loading and validation.

Lint reads the files itself, statement by statement in Python; the engine parses, loads and
queries mostly outside the interpreter. On a million statements each takes about as long as
the other, so with a second processor they run at once and the command waits for the longer.
Small inputs are linted in the process: their lint costs less than a fork. The language tags,
read from the text alone, are looked for by whichever of the two is free first: the child once
it has judged the statements, or the process once the engine is done (which comes first
depends on the data and on the processors). A child that fails leaves the lint to the process,
which then meets the same error and raises it as itself.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sgam_onto.query.child import Child, NoAnswer, answer_with

if TYPE_CHECKING:
    from sgam_onto.landscape import Landscape
    from sgam_onto.lint.findings import Finding
    from sgam_onto.lint.source import Stamp

BESIDE_BYTES = 8 * 1024 * 1024  # inputs at least this large are linted in a child


@contextlib.contextmanager
def linting(inputs: Sequence[Path], landscape: Callable[[], Landscape]
            ) -> Iterator[Callable[[], list[Finding]]]:
    """Start the lint of ``inputs`` (judged against ``landscape()``); the value is the
    function that gives the findings. The caller parses the inputs strictly before asking
    for them (the engine loads them), so a child does not check their syntax again; an input
    whose size or modification time changed meanwhile is linted again in the process.
    Leaving the block stops a child still running."""
    from sgam_onto.lint.source import file_stamp

    def here() -> list[Finding]:
        return lint_inputs(inputs, landscape())

    if not inputs or not hasattr(os, "fork") or _size(inputs) < BESIDE_BYTES:
        yield here
        return
    tags = Once()
    stamps = {path: file_stamp(path) for path in inputs}

    def in_child() -> list[Finding]:
        found = lint_inputs(inputs, landscape(), tags=False, checked=stamps)
        return found + _tag_findings(inputs) if tags.take() else found

    child = Child.fork(lambda _requests, answers: answer_with(answers, in_child))

    def findings() -> list[Finding]:
        try:
            mine = _tag_findings(inputs) if tags.take() else []
            answer = child.receive(None)
        except NoAnswer:
            answer = ("error",)
        finally:
            child.stop()
        unchanged = stamps == {path: file_stamp(path) for path in inputs}
        return sorted(answer[1] + mine) if answer[0] == "ok" and unchanged else here()

    try:
        yield findings
    finally:
        child.stop()
        tags.close()


class Once:
    """A job for whichever of a process and its forked children asks first: a byte in a pipe
    they share, which one read takes (the pipe's writing end is closed, so later reads find
    it empty at once)."""

    def __init__(self) -> None:
        self._fd, write = os.pipe()
        os.write(write, b"1")
        os.close(write)

    def take(self) -> bool:
        try:
            return os.read(self._fd, 1) == b"1"
        except OSError:
            return False

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


def lint_inputs(inputs: Sequence[Path], landscape: Landscape, *, tags: bool = True,
                checked: Mapping[Path, Stamp | None] | None = None) -> list[Finding]:
    """The lint findings of the files under review, judged against the loaded landscape
    (without the language-tag findings unless ``tags``; ``checked`` as for ``lint_files``)."""
    from sgam_onto.lint import lint_files

    return lint_files(inputs, landscape, tags=tags, checked=checked) if inputs else []


def _tag_findings(inputs: Sequence[Path]) -> list[Finding]:
    from sgam_onto.lint import run

    return run.tag_findings(inputs)


def _size(inputs: Sequence[Path]) -> int:
    total = 0
    for path in inputs:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total
