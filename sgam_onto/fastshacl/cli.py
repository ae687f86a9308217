"""What ``sgam-onto validate --engine fast`` and ``check`` run: the same outcome as pyshacl's.

A loaded landscape (with the files under review) is validated by the fast path and returned
as a ValidationOutcome, so the report formats, exit codes and FILE:LINE locations are those of
``sgam_onto.validate`` (``validate_files(..., engine="fast")`` loads the files and calls it).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from sgam_onto.validate.results import ValidationOutcome

if TYPE_CHECKING:
    from rdflib import Graph

    from sgam_onto.landscape import Landscape


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
