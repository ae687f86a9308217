"""Lint of large inputs in a forked child, beside the engine's loading and validation.

Lint reads the files itself, statement by statement in Python; the engine parses, loads and
queries mostly outside the interpreter. On a million statements each takes about as long as
the other, so with a second processor they run at once and the command waits for the longer.
Small inputs are linted in the process: their lint costs less than a fork. The language tags,
read from the text alone, are looked for by the process once the engine is done, while the
child may still judge the statements. A child that fails leaves the lint to the process, which
then meets the same error and raises it as itself.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sgam_onto.query.child import Child, NoAnswer, answer_with

if TYPE_CHECKING:
    from sgam_onto.landscape import Landscape
    from sgam_onto.lint.findings import Finding

BESIDE_BYTES = 8 * 1024 * 1024  # inputs at least this large are linted in a child


@contextlib.contextmanager
def linting(inputs: Sequence[Path], landscape: Callable[[], Landscape]
            ) -> Iterator[Callable[[], list[Finding]]]:
    """Start the lint of ``inputs`` (judged against ``landscape()``); the value is the
    function that gives the findings. Leaving the block stops a child still running."""
    def here() -> list[Finding]:
        return lint_inputs(inputs, landscape())

    if not inputs or not hasattr(os, "fork") or _size(inputs) < BESIDE_BYTES:
        yield here
        return
    child = Child.fork(lambda _requests, answers: answer_with(
        answers, lambda: lint_inputs(inputs, landscape(), tags=False)))

    def findings() -> list[Finding]:
        from sgam_onto.lint.run import tag_findings

        try:
            tags = tag_findings(inputs)  # the text, read here while the child may still work
            answer = child.receive(None)
        except NoAnswer:
            answer = ("error",)
        finally:
            child.stop()
        return sorted(answer[1] + tags) if answer[0] == "ok" else here()

    try:
        yield findings
    finally:
        child.stop()


def lint_inputs(inputs: Sequence[Path], landscape: Landscape, *, tags: bool = True
                ) -> list[Finding]:
    """The lint findings of the files under review, judged against the loaded landscape
    (without the language-tag findings unless ``tags``)."""
    from sgam_onto.lint import lint_files

    return lint_files(inputs, landscape, tags=tags) if inputs else []


def _size(inputs: Sequence[Path]) -> int:
    total = 0
    for path in inputs:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total
