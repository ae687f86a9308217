"""Stored SPARQL: self-describing query files, a catalogue, safe parameter binding, formats.

Submodules are small and import only pyoxigraph, so `--help` and other commands stay fast.
The public entry points are re-exported here.
"""

from sgam_onto.query.binding import bind_params, inject_values, values_block
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.errors import HeaderError, QuerySyntaxError
from sgam_onto.query.headers import Param, QueryHeader, parse_header
from sgam_onto.query.runner import (
    Result,
    bind_stored,
    run_query,
    run_stored,
    run_violation_checks,
)
from sgam_onto.query.stored import StoredQuery, load_query, parse_query

__all__ = [
    "Catalogue",
    "HeaderError",
    "Param",
    "QueryHeader",
    "QuerySyntaxError",
    "Result",
    "StoredQuery",
    "bind_params",
    "bind_stored",
    "inject_values",
    "load_query",
    "parse_header",
    "parse_query",
    "run_query",
    "run_stored",
    "run_violation_checks",
    "values_block",
]
