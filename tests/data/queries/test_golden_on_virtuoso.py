"""Every golden parameter set, and every integrity check, on a real Virtuoso server.

The catalogue promises standard SPARQL 1.1 that runs unchanged on other stores. The store
tests run each query once; this runs all the parameter sets of tests/golden on Virtuoso
(loopback, private database) and compares with the same golden rows. Booleans and numbers
are compared by value: Virtuoso writes a stored false as "0".
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from sgam_onto.query import run_violation_checks
from sgam_onto.query.formats import term_csv
from sgam_onto.query.pyvalues import to_python
from sgam_onto.query.runner import run_stored
from tests.data.queries.golden import GoldenRun, golden_runs, read_golden, same_rows

GRAPH = "https://example.org/sgam-onto/golden-test"
XSD = "http://www.w3.org/2001/XMLSchema#"
RUNS = golden_runs()


@pytest.fixture(scope="module")
def on_virtuoso(fresh_virtuoso_server, landscape) -> Iterator[object]:
    from sgam_onto.stores.credentials import Credentials
    from sgam_onto.stores.remote import RemoteStore, replace_graph

    server = fresh_virtuoso_server
    creds = Credentials(server.user, server.password, "test") if server.user else None
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in landscape.store)
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    replace_graph(server.endpoint, GRAPH, body, credentials=creds)
    yield RemoteStore(server.endpoint, GRAPH, creds)


def cell(term: object) -> str:
    """A result term as its golden CSV cell, booleans and integers by value."""
    if isinstance(term, ox.Literal) and term.datatype.value == XSD + "boolean":
        return "true" if to_python(term) else "false"
    if isinstance(term, ox.Literal) and term.datatype.value in (XSD + "integer", XSD + "int"):
        return str(to_python(term))
    return term_csv(term)


@pytest.mark.parametrize("run", RUNS, ids=lambda r: r.stem)
def test_golden_rows_on_virtuoso(on_virtuoso, catalogue, run: GoldenRun) -> None:
    query = catalogue.load(run.query)
    result = run_stored(on_virtuoso, query, run.params)
    header, expected = read_golden(run)
    assert list(result.variables) == header
    rows = [[cell(t) for t in row] for row in result.rows]
    ordered = query.header is not None and query.header.ordered
    assert same_rows(expected, rows, ordered)


def test_the_checks_find_nothing_on_virtuoso(on_virtuoso) -> None:
    assert run_violation_checks(on_virtuoso) == []
