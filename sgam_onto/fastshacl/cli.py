"""What ``sgam-onto validate --engine fast`` runs: the same outcome as the pyshacl engine.

The landscape (with the files under review) is loaded through the strict syntax gate as for
the reference engine, validated by the fast path, and returned as a ValidationOutcome, so the
report formats, exit codes and FILE:LINE locations are those of ``sgam_onto.validate``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from rdflib import URIRef

from sgam_onto.validate.results import ValidationOutcome

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
    from sgam_onto.fastshacl import FastData, validate
    from sgam_onto.landscape import label_of, load_landscape
    from sgam_onto.validate.api import lint_inputs
    from sgam_onto.validate.shapes import load_shapes, shapes_files

    started = time.perf_counter()
    inputs = [Path(f) for f in files]
    shapes = load_shapes(shapes_files(shapes_from))
    landscape = load_landscape(inputs, with_alignments)
    outcome = validate(FastData.from_graph(landscape.graph), shapes)
    graph = landscape.graph
    return ValidationOutcome(
        results=outcome.results,
        files=list(landscape.files),
        inputs=inputs,
        labels={r.focus: label_of(graph, r.focus) for r in outcome.results
                if isinstance(r.focus, URIRef)},
        prefixes=dict(landscape.prefixes),
        triples=len(graph),
        seconds=time.perf_counter() - started,
        lint=lint_inputs(inputs, landscape) if lint else [],
    )
