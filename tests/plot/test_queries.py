"""The catalogue queries behind the pictures, compared with their golden results as rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from sgam_onto.landscape import Landscape
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.formats import to_csv
from sgam_onto.query.runner import run_stored

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
NAMES = ["plane-axes", "plane-placements", "plane-interactions", "coordination-edges"]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", NAMES)
def test_query_matches_its_golden_rows(landscape: Landscape, name: str) -> None:
    query = Catalogue().load(name)
    got = _rows(to_csv(run_stored(landscape.store, query)))
    expected = _rows((GOLDEN / f"{name}.csv").read_text(encoding="utf-8"))
    assert got[0] == expected[0] == list(query.columns)
    if query.header is not None and query.header.ordered:
        assert got[1:] == expected[1:]
    else:
        assert sorted(got[1:]) == sorted(expected[1:])


def test_plane_axes_give_five_domains_and_six_zones_in_srd_order(landscape: Landscape) -> None:
    rows = _rows(to_csv(run_stored(landscape.store, Catalogue().load("plane-axes"))))[1:]
    domains = [r[2] for r in rows if r[0] == "domain"]
    zones = [r[2] for r in rows if r[0] == "zone"]
    assert domains == [
        "(Bulk) Generation",
        "Transmission",
        "Distribution",
        "DER",
        "Customer Premises",
    ]
    assert zones == ["Process", "Field", "Station", "Operation", "Enterprise", "Market"]


def test_every_interaction_has_an_edge_per_kind(landscape: Landscape) -> None:
    rows = run_stored(landscape.store, Catalogue().load("plane-interactions")).as_dicts()
    numbers = sorted({int(r["number"].value) for r in rows})
    assert numbers == list(range(1, 16))
    kinds = {(int(r["number"].value), r["kind"].value) for r in rows}
    assert (5, "direct") in kinds and (5, "additional for EV") in kinds
    assert (10, "direct") in kinds and (10, "indirect") in kinds
