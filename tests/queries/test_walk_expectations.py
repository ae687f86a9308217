"""Every catalogue query and parameter set against a plain graph walk of the same question.

The expected rows come from tests/queries/walks (rdflib, no SPARQL), computed from the data
as it is, so they follow the landscape when its records change; rows are compared as
multisets of cells (IRIs and lexical values), so a duplicated row is a failure.
"""

from __future__ import annotations

from collections import Counter

import pytest

from sgam_onto.query.catalogue import Catalogue
from tests.queries.golden import GoldenRun, load_params, parse_csv, result_csv
from tests.queries.walks import EXPECTED, checked_here


def independent_runs() -> list[GoldenRun]:
    """Each query checked here: once without parameters, or once per recorded parameter set."""
    runs = []
    for query in Catalogue().queries():
        if checked_here(query.name) and not (
            query.header and any(p.required for p in query.header.params)
        ):
            runs.append(GoldenRun(query.name, query.name))
    runs += [GoldenRun(stem, spec["query"], dict(spec["params"]))
             for stem, spec in sorted(load_params().items()) if checked_here(spec["query"])]
    return runs


RUNS = independent_runs()


def query_rows(store, catalogue: Catalogue, run: GoldenRun) -> Counter:
    query = catalogue.load(run.query)
    header, rows = parse_csv(result_csv(store, query, run.params))
    assert header == list(query.columns)
    return Counter(map(tuple, rows))


def difference(expected: Counter, got: Counter) -> str:
    missing = sorted((expected - got).elements())
    extra = sorted((got - expected).elements())
    return f"missing {missing[:6]} ({len(missing)}), unexpected {extra[:6]} ({len(extra)})"


@pytest.mark.parametrize("run", RUNS, ids=lambda r: r.stem)
def test_query_agrees_with_a_walk_of_the_graph(landscape, catalogue, run: GoldenRun) -> None:
    expected = Counter(EXPECTED[run.query](landscape.graph, run.params))
    got = query_rows(landscape.store, catalogue, run)
    assert got == expected, difference(expected, got)


def test_every_catalogue_query_of_ours_has_a_walk(catalogue: Catalogue) -> None:
    ours = {q.name for q in catalogue.queries() if checked_here(q.name)}
    assert ours == set(EXPECTED)
