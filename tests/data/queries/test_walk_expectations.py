"""Every catalogue query and parameter set against a plain graph walk of the same question.

The expected rows come from tests/data/queries/walks (rdflib, no SPARQL), computed from the data
as it is, so they follow the landscape when its records change; rows are compared as
multisets of cells (IRIs and lexical values), so a duplicated row is a failure.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from sgam_onto.query.api import run
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.rdf.convert import store_from_graph
from tests.data.ontology import srd_tables
from tests.data.queries.golden import GoldenRun, load_params, parse_csv, result_csv
from tests.data.queries.variants import SHARED_WITH, SHARING, VARIANTS, with_shared_label
from tests.data.queries.walks import CHECKED_ELSEWHERE, EXPECTED, checked_here


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


def test_every_other_query_is_checked_independently_where_it_is_named(
    catalogue: Catalogue,
) -> None:
    """No catalogue query is left with its golden snapshot as the only check."""
    root = Path(__file__).resolve().parents[3]
    for name in {q.name for q in catalogue.queries()} - set(EXPECTED):
        module = root / CHECKED_ELSEWHERE[name]
        assert f'"{name}"' in module.read_text(encoding="utf-8"), (name, module)


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def variant(request, landscape) -> tuple[Graph, ox.Store]:
    graph = VARIANTS[request.param](landscape.graph)
    return graph, store_from_graph(graph)


@pytest.mark.parametrize("run", RUNS, ids=lambda r: r.stem)
def test_labels_do_not_decide_the_rows(variant, catalogue, run: GoldenRun) -> None:
    """A French label, or a label two bodies share, changes at most a label cell."""
    graph, store = variant
    expected = Counter(EXPECTED[run.query](graph, run.params))
    got = query_rows(store, catalogue, run)
    assert got == expected, difference(expected, got)


def test_contexts_of_body_gives_each_mark_of_a_group_row_once(landscape, srd_text) -> None:
    """IEC TC 57 WG 13/WG 14 has its own row in Table 1: each of its marks comes once."""
    cells = {row[0]: row[1:] for row in srd_tables.table_1(srd_text)}["IEC TC 57 WG 13/ WG 14"]
    expected = [(i + 1, "row") for i, mark in enumerate(cells) if mark]
    group = "https://w3id.org/sgam-onto/id/group/iec-tc57-wg13-wg14"
    rows = run("contexts-of-body", landscape, body=group)
    got = [(r["column"], r["through"]) for r in rows]
    assert got == expected == [(1, "row"), (6, "row"), (7, "row")]


def test_pairs_keep_two_bodies_that_share_a_label(landscape, catalogue) -> None:
    """Bodies are told apart by IRI: a shared label neither merges nor drops a pair."""
    store = store_from_graph(with_shared_label(landscape.graph))

    def found(name: str) -> set[tuple[str, str]]:
        return {(r[0], r[2]) for r in query_rows(store, catalogue, GoldenRun(name, name))}

    pairs, gaps = found("coordination-pairs"), found("coordination-gaps")
    assert (str(SHARED_WITH), str(SHARING[0])) in pairs
    assert (str(SHARED_WITH), str(SHARING[1])) in gaps
