"""pyshacl, the reference validator, called the way ``sgam-onto validate`` calls it.

Used for the shapes the fast path leaves to it, and by the differential tests and benchmarks
that compare both paths: the data graph validated as written (no inference), the shapes as
the SHACL specification reads them (``sgam_onto.validate.pyshacl_fixes``), no network.
"""

from __future__ import annotations

from rdflib import Graph

from sgam_onto.validate.pyshacl_fixes import own_copy
from sgam_onto.validate.results import ValidationResult


def pyshacl_results(data: Graph, shapes: Graph) -> list[ValidationResult]:
    """pyshacl's results for ``data`` against ``shapes``; neither graph is changed."""
    from sgam_onto.validate.engine import run_shapes

    return run_shapes(data, own_copy(shapes))
