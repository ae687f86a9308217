"""What ``sgam-onto validate --engine fast`` and ``check`` run: the same outcome as pyshacl's.

The landscape (with the files under review) is loaded through the strict syntax gate as for
the reference engine, validated by the fast path, and returned as a ValidationOutcome, so the
report formats, exit codes and FILE:LINE locations are those of ``sgam_onto.validate``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from sgam_onto.validate.results import ValidationOutcome

if TYPE_CHECKING:
    from rdflib import Graph

    from sgam_onto.landscape import Landscape

ENGINES = ("pyshacl", "fast")


def validate_files_fast(
    files: Iterable[str | Path] = (),
    *,
    with_alignments: bool = False,
    shapes_from: Iterable[str | Path] | None = None,
    lint: bool = True,
) -> ValidationOutcome:
    """Like ``sgam_onto.validate.validate_files``, on the fast path (pyshacl for what it
    cannot compile). Raises LoadError (exit code 2) when a file cannot be loaded."""
    from sgam_onto.landscape import load_landscape
    from sgam_onto.validate.api import lint_inputs
    from sgam_onto.validate.shapes import load_shapes, shapes_files

    started = time.perf_counter()
    inputs = [Path(f) for f in files]
    shapes = load_shapes(shapes_files(shapes_from))
    landscape = load_landscape(inputs, with_alignments)
    outcome = validate_landscape_fast(landscape, shapes=shapes, inputs=inputs)
    if lint:
        outcome.lint = lint_inputs(inputs, landscape)
    outcome.seconds = time.perf_counter() - started
    return outcome


def validate_landscape_fast(
    landscape: Landscape, *, shapes: Graph | None = None, inputs: Sequence[Path] = ()
) -> ValidationOutcome:
    """Like ``sgam_onto.validate.validate_landscape``, on the fast path."""
    from sgam_onto.fastshacl import FastData, validate
    from sgam_onto.landscape import label_of
    from sgam_onto.validate.shapes import load_shapes

    started = time.perf_counter()
    graph = landscape.graph
    outcome = validate(FastData.from_graph(graph), shapes if shapes is not None else load_shapes())
    return ValidationOutcome(
        results=outcome.results,
        files=list(landscape.files),
        inputs=list(inputs),
        labels={r.focus: label_of(graph, r.focus) for r in outcome.results
                if isinstance(r.focus, URIRef)},
        prefixes=dict(landscape.prefixes),
        triples=len(graph),
        seconds=time.perf_counter() - started,
    )
