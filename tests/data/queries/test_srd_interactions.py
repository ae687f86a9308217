"""The interaction and coordination queries against Tables 5 to 7 and 4.2.3 of the SRD text."""

from __future__ import annotations

import pytest

from sgam_onto.query.api import run
from tests.data.ontology import srd_tables

ID = "https://w3id.org/sgam-onto/id/"
SGAM = "https://w3id.org/sgam-onto#"
DEFINING = {"Table 5": "Direct", "Table 6": "Indirect", "Table 7": "EVAdditional"}


def table(srd_text: str, name: str) -> dict[int, tuple[str, ...]]:
    """Number -> (Title, Description, From, To, Bi-directional) of a defining table."""
    return srd_tables.interaction_table(srd_text, f"{name} – ")


def test_interactions_are_the_rows_of_tables_5_to_7(landscape, srd_text):
    expected = sorted((n, c[0], c[2], c[3], c[4], name) for name in DEFINING
                      for n, c in table(srd_text, name).items())
    got = sorted((r["number"], r["title"], r["from"], r["to"], r["bidirectional"], r["source"])
                 for r in run("interactions", landscape))
    assert got == expected
    assert len(got) == 17  # interactions 5 and 10 are defined twice


@pytest.mark.parametrize(("name", "kind"), DEFINING.items())
def test_interactions_by_kind_are_the_numbers_of_their_table(landscape, srd_text, name, kind):
    rows = run("interactions-by-kind", landscape, kind=SGAM + kind)
    assert [r["number"] for r in rows] == sorted(table(srd_text, name))


def test_ev_interactions_are_table_7_as_written(landscape, srd_text):
    expected = [(n, c[0], c[2], c[3], c[4]) for n, c in sorted(table(srd_text, "Table 7").items())]
    got = [(r["number"], r["title"], r["from"], r["to"], r["bidirectional"])
           for r in run("ev-interactions", landscape)]
    assert got == expected


def test_bidirectional_interactions_are_those_a_table_says_yes_for(landscape, srd_text):
    cells: dict[int, set[str]] = {}
    for name in DEFINING:
        for n, c in table(srd_text, name).items():
            cells.setdefault(n, set()).add(c[4])
    expected = sorted(n for n, said in cells.items() if all(s.startswith("Yes") for s in said))
    rows = run("bidirectional-interactions", landscape)
    assert [r["number"] for r in rows] == expected
    assert 8 not in expected and 9 not in expected  # "Basically monodirectional"
    for r in rows:
        assert r["asWritten"] in cells[r["number"]]


def test_pairs_count_the_items_of_4_2_3_naming_both(landscape, srd_text):
    items = srd_tables.coordination_items(srd_text)
    pairs = {(r["bodyLabel"], r["partnerLabel"]): r["items"]
             for r in run("coordination-pairs", landscape)}
    for (a, written_a), (b, written_b) in [
        (("IEC TC 57 WG 17", "WG 17"), ("IEC TC 57 WG 21", "WG 21")),
        (("IEC SC 8B", "SC 8B"), ("IEC TC 57 WG 17", "WG 17")),
        (("IEC TC 13", "TC 13"), ("IEC TC 69/TC 57 JWG 11", "TC 69/TC 57 JWG 11")),
        (("IEC SC 8B", "SC 8B"), ("IEC TC 95", "TC 95")),
    ]:
        expected = sum(written_a in t and written_b in t for t in items.values())
        assert expected > 0
        assert pairs.get((a, b), pairs.get((b, a))) == expected, (a, b)
