"""pyshacl, the reference validator, called the way the project calls it.

Used for the shapes the fast path leaves to it, and by the differential tests and benchmarks
that compare both paths. The data graph is validated as written (no inference); SHACL-AF mode
is switched on only when the shapes need it.
"""

from __future__ import annotations

import logging

from rdflib import Graph
from rdflib.namespace import RDF, SH

from sgam_onto.validate.results import ValidationResult, read_results


def pyshacl_results(data: Graph, shapes: Graph) -> list[ValidationResult]:
    """pyshacl's results for ``data`` against ``shapes``; neither graph is changed."""
    import pyshacl

    from sgam_onto.limits import seal_rdflib

    seal_rdflib()  # pyshacl runs shape SPARQL on rdflib: no FROM/LOAD fetching, no SERVICE
    logging.getLogger("pyshacl").setLevel(logging.ERROR)
    advanced = any((None, p, None) in shapes for p in (SH.target, SH.rule)) or (
        None, RDF.type, SH.SPARQLFunction) in shapes
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=advanced, inplace=False,
        allow_warnings=False, allow_infos=False, abort_on_first=False,
    )
    if not isinstance(report, Graph):
        from sgam_onto.errors import SgamError

        raise SgamError(f"the shapes cannot be used: {report}")
    return read_results(report, shapes)
