"""The cim-* catalogue queries join CIM data with the landscape through the alignments.

They run on the embedded store holding the landscape, the alignments and CIM data side by
side: the real CIM100 distribution feeder model (IEEE 13-node with PV and storage, from
CIMHub) and a small IEC 61968/62325 metering and market fixture in the cim.ucaiug.io
namespace. Results are compared as rows with golden SPARQL CSV files in tests/golden/.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.formats import render
from sgam_onto.query.runner import run_stored
from sgam_onto.rdf.parse import parse_file
from tests.data.alignments.conftest import METERING
from tests.data.alignments.pinned import pinned, require_shared

TESTS = Path(__file__).resolve().parents[2]
GOLDEN = TESTS / "golden"


PV_SCHOOL = "urn:uuid:b6a6a530-7dbd-4a78-8654-e01f2599e56c"
PV_HOUSE = "urn:uuid:8dc9547a-47e2-45a9-809a-bd254828e44e"
METER_M101 = "urn:uuid:4e0c1a52-0001-4d6e-9c1a-000000000001"
AGGREGATION_ROLE = "urn:uuid:4e0c1a52-0008-4d6e-9c1a-000000000001"
CIM100 = "http://iec.ch/TC57/CIM100#"
CIM = "https://cim.ucaiug.io/ns#"

# (golden file, query, parameters, needs the IEEE 13-node model)
CASES = [
    ("cim-equipment-actors--metering.csv", "cim-equipment-actors", {}, False),
    ("cim-equipment-standards--meter-m-101.csv", "cim-equipment-standards",
     {"equipment": METER_M101}, False),
    ("cim-equipment-standards--aggregation-role.csv", "cim-equipment-standards",
     {"equipment": AGGREGATION_ROLE}, False),
    ("cim-class-coverage--metering.csv", "cim-class-coverage", {}, False),
    ("cim-equipment-actors.csv", "cim-equipment-actors", {}, True),
    ("cim-equipment-interactions.csv", "cim-equipment-interactions", {}, True),
    ("cim-class-coverage.csv", "cim-class-coverage", {}, True),
    ("cim-plane-placements.csv", "cim-plane-placements", {}, True),
    ("cim-plane-placements--threshold-1.csv", "cim-plane-placements", {"thresholdKv": "1"},
     True),
    ("cim-model-summary.csv", "cim-model-summary", {}, True),
]


def run_csv(store: ox.Store, name: str, params: dict[str, str]) -> str:
    """A catalogue query's result as SPARQL CSV (what `sgam-onto query --format csv` prints)."""
    return render(run_stored(store, Catalogue().load(name), params), "csv")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(("golden", "name", "params", "needs_feeder"), CASES,
                         ids=[case[0] for case in CASES])
def test_golden(golden, name, params, needs_feeder, request):
    land = request.getfixturevalue("feeder" if needs_feeder else "metering")
    expected = rows((GOLDEN / golden).read_text(encoding="utf-8"))
    assert rows(run_csv(land.store, name, params)) == expected


def test_goldens_are_all_exercised():
    assert {p.name for p in GOLDEN.glob("cim-*.csv")} == {case[0] for case in CASES}


def _pv_rows(store: ox.Store) -> list[dict[str, str]]:
    table = list(csv.DictReader(io.StringIO(run_csv(store, "cim-plane-placements", {}))))
    return [r for r in table if r["equipment"] in (PV_SCHOOL, PV_HOUSE)]


def test_cimhub_spelling_reaches_the_der_unit_only_through_the_recorded_variant(feeder):
    found = _pv_rows(feeder.store)
    assert {(r["equipment"], r["cimClass"], r["actor"].rsplit("/", 1)[1]) for r in found} == {
        (PV_SCHOOL, CIM100 + "PhotovoltaicUnit", "der-unit"),
        (PV_HOUSE, CIM100 + "PhotovoltaicUnit", "der-unit"),
    }
    without = ox.Store()
    variant = ox.NamedNode("https://w3id.org/sgam-onto#TermVariant")
    records = {q.subject for q in feeder.store.quads_for_pattern(None, None, variant)}
    without.extend(q for q in feeder.store if q.subject not in records)
    assert _pv_rows(without) == []


def test_network_equipment_is_placed_by_rules_not_matched_to_actors(feeder):
    """A CGMES class is a kind of equipment, not an actor: no SKOS match links the two."""
    actors = list(csv.DictReader(io.StringIO(run_csv(feeder.store, "cim-equipment-actors", {}))))
    assert [r for r in actors if r["equipment"] in (PV_SCHOOL, PV_HOUSE)] == []
    assert not any(r["matched"].startswith(CIM100) for r in actors)


def test_relation_parameter_filters_the_mapping_relation(metering):
    represented = "https://w3id.org/sgam-onto#representedBy"
    table = list(csv.DictReader(io.StringIO(
        run_csv(metering.store, "cim-equipment-actors", {"relation": represented}))))
    assert table and {r["relation"] for r in table} == {represented}
    # the fixture's meters, the load control switch (an end device), the customer and the
    # service supplier: the CIM classes whose instances stand for an actor
    assert {(r["matched"].rsplit("#", 1)[1], r["actor"].rsplit("/", 1)[1]) for r in table} == {
        ("Meter", "meter"), ("Meter", "revenue-meter"), ("EndDevice", "meter"),
        ("Customer", "customer-premises-grid-user"), ("ServiceSupplier", "service-provider"),
    }


def test_metering_fixture_uses_only_terms_of_the_pinned_cim_release():
    require_shared()
    vocab = pinned("tc57cim-1-1-0")
    used = {
        term.value
        for quad in parse_file(METERING).quads
        for term in (quad.predicate, quad.object)
        if isinstance(term, ox.NamedNode) and term.value.startswith(CIM)
    }
    assert len(used) > 20
    assert {iri for iri in used if not vocab.kind(iri)} == set()
