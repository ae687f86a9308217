"""A fast validation path: the project's SHACL shapes compiled to SPARQL over pyoxigraph.

pyshacl stays the reference; this path must give the same results (focus node, result path,
constraint component, severity, source shape, value), which ``tests/fastshacl`` proves on the
shape fixtures, the W3C SHACL core suite and generated data. The data are read by Oxigraph's
strict parser and typed literals are stored so that their lexical forms survive (see
``terms``); shapes the compiler does not handle go to pyshacl.

    from sgam_onto.fastshacl import FastData, validate
    outcome = validate(FastData.from_files(paths), shapes_graph)
"""

from sgam_onto.fastshacl.data import FastData
from sgam_onto.fastshacl.model import Unsupported
from sgam_onto.fastshacl.run import FastOutcome, validate

__all__ = ["FastData", "FastOutcome", "Unsupported", "validate"]
