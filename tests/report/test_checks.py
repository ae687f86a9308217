"""`run_checks`: the integrity checks as one verdict with readable details."""

from __future__ import annotations

import pyoxigraph as ox

from sgam_onto.report import run_checks

ID = "https://w3id.org/sgam-onto/id/"
SGAM = "https://w3id.org/sgam-onto#"


def test_the_landscape_passes(landscape):
    outcome = run_checks(landscape.store)
    assert outcome.ok
    assert outcome.details == [] and outcome.failed == ()
    assert outcome.summary.endswith("no violation")


def test_a_violation_names_the_check_file_and_the_rows(landscape):
    store = ox.Store()
    store.extend(landscape.store)
    for quad in list(store.quads_for_pattern(ox.NamedNode(ID + "coordination/26"),
                                             ox.NamedNode(SGAM + "number"), None)):
        store.remove(quad)
    store.add(ox.Quad(ox.NamedNode(ID + "body/iec-tc57"), ox.NamedNode(SGAM + "parentBody"),
                      ox.NamedNode(ID + "body/iec-tc57-wg17")))
    outcome = run_checks(store)
    assert not outcome.ok
    assert outcome.failed == ("coordination-numbering-violation", "parent-cycle-violation")
    assert outcome.summary.startswith("2 of ")
    first = outcome.details[0]
    assert first.startswith("queries/checks/coordination-numbering-violation.rq:1: 1 violation")
    assert outcome.details[1] == "  number=26, items=0"
    assert any(line == f"  body={ID}body/iec-tc57" for line in outcome.details)


def test_many_rows_are_cut_short(landscape):
    store = ox.Store()
    store.extend(landscape.store)
    for quad in list(store.quads_for_pattern(None, ox.NamedNode(SGAM + "number"), None)):
        if "/coordination/" in quad.subject.value:
            store.remove(quad)
    outcome = run_checks(store)
    lines = [d for d in outcome.details if d.startswith("  number=")]
    assert len(lines) == 10
    assert "  ... and 16 more" in outcome.details
