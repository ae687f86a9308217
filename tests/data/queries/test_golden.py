"""Every catalogue query against its golden result, compared as rows.

The golden files were generated once from the landscape and then checked by hand against the
SRD (Table 1, 4.2.3, the lists of 6.2 to 6.6 and Annexes A to C); see golden.py to regenerate.
"""

from __future__ import annotations

import pytest

from sgam_onto.query.catalogue import Catalogue
from tests.data.queries.golden import (
    GOLDEN_DIR,
    GoldenRun,
    golden_runs,
    load_params,
    owned_here,
    parse_csv,
    read_golden,
    result_csv,
    same_rows,
)

RUNS = golden_runs()


@pytest.mark.parametrize("run", RUNS, ids=lambda r: r.stem)
def test_query_gives_its_golden_rows(landscape, catalogue, run: GoldenRun) -> None:
    query = catalogue.load(run.query)
    header, rows = parse_csv(result_csv(landscape.store, query, run.params))
    expected_header, expected = read_golden(run)
    assert header == expected_header == list(query.columns)
    ordered = query.header is not None and query.header.ordered
    assert same_rows(expected, rows, ordered), f"{run.stem}: rows differ from {run.path.name}"


def test_every_catalogue_query_has_a_golden_file(catalogue: Catalogue) -> None:
    missing = [
        name
        for name in catalogue.names()
        if not (GOLDEN_DIR / f"{name}.csv").exists() and not list(GOLDEN_DIR.glob(f"{name}--*.csv"))
    ]
    assert missing == []


def test_every_parameterised_query_of_ours_has_parameter_sets(catalogue: Catalogue) -> None:
    covered = {spec["query"] for spec in load_params().values()}
    needing = {
        q.name
        for q in catalogue.queries()
        if owned_here(q.name) and q.header and any(p.required for p in q.header.params)
    }
    assert needing <= covered


def test_parameter_sets_name_their_query_and_declared_parameters(catalogue: Catalogue) -> None:
    for stem, spec in load_params().items():
        assert stem.startswith(spec["query"] + "--"), stem
        header = catalogue.load(spec["query"]).header
        assert header is not None
        assert set(spec["params"]) <= {p.name for p in header.params}, stem
        assert {p.name for p in header.params if p.required} <= set(spec["params"]), stem


def test_no_golden_file_of_ours_is_orphaned() -> None:
    expected = {run.path.name for run in RUNS}
    ours = {p.name for p in GOLDEN_DIR.glob("*.csv") if owned_here(p.stem.split("--")[0])}
    assert ours == expected


def test_ordered_results_hold_no_duplicate_rows(landscape, catalogue) -> None:
    """A repeated row in an ordered answer means a missing DISTINCT or a join that fans out."""
    for run in RUNS:
        query = catalogue.load(run.query)
        if not (query.header and query.header.ordered):
            continue
        _, rows = parse_csv(result_csv(landscape.store, query, run.params))
        assert len({tuple(r) for r in rows}) == len(rows), f"{run.stem} has duplicate rows"


def test_queries_with_order_by_promise_their_order(catalogue: Catalogue) -> None:
    """An ORDER BY the header does not declare would make tests compare rows as a set."""
    for query in catalogue.queries():
        if owned_here(query.name) and "\nORDER BY" in query.text:
            assert query.header is not None and query.header.ordered, query.name
