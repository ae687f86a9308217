"""The landscape summary read from a store agrees with the one read from the rdflib graph."""

from __future__ import annotations

from pathlib import Path

from sgam_onto.landscape import counts, load_landscape, store_counts
from sgam_onto.stores.direct import load_store


def test_store_counts_are_the_graph_counts(landscape_root: Path) -> None:
    graph_counts = counts(load_landscape().graph)
    assert graph_counts  # the fixture landscape has classes with instances
    assert store_counts(load_store()) == graph_counts


def test_store_counts_on_the_real_landscape() -> None:
    assert store_counts(load_store()) == counts(load_landscape().graph)
