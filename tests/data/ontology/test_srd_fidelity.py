"""The knowledge graph against the SRD's own text: tables, lists and names kept exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.ontology import srd_tables
from tests.data.ontology.conftest import select

QUERIES = Path(__file__).resolve().parents[3] / "queries" / "catalogue"


def test_table_1_is_regenerated_exactly(landscape, srd_text):
    rows = select(landscape, (QUERIES / "table-1.rq").read_text(encoding="utf-8"))
    assert rows == srd_tables.table_1(srd_text)
    assert len(rows) == 20
    assert rows[17] == ("IEC TC 100", "", "", "", "", "", "", "")


def test_every_involvement_matches_its_row_entity(landscape):
    mismatched = select(landscape, """
        SELECT ?i WHERE { ?i a sgam:Involvement ; sgam:row/sgam:entity ?e1 ; sgam:entity ?e2 .
                          FILTER(?e1 != ?e2) }""")
    assert mismatched == []


def test_abbreviations_of_clause_3_2(landscape, srd_text):
    expected = srd_tables.abbreviations(srd_text)
    rows = select(landscape, """
        SELECT ?abbr ?expansion WHERE {
          ?t a sgam:Term ; skos:notation ?abbr ; skos:prefLabel ?expansion ;
             sgam:source/rdfs:label "3.2"@en }""")
    assert dict(rows) == expected
    assert len(expected) == 38


def test_use_case_tables(landscape, srd_text):
    expected = srd_tables.use_case_tables(srd_text)
    for table, rows in expected.items():
        got = select(landscape, f"""
            SELECT ?bp ?uc WHERE {{
              ?u a sgam:UseCase ; rdfs:label ?uc ; sgam:rowNumber ?n ;
                 sgam:businessProcess/rdfs:label ?bp ; sgam:source/rdfs:label "{table}"@en }}
            ORDER BY ?n""")
        assert got == rows, table
    assert {t: len(r) for t, r in expected.items()} == {
        "Table A.2": 4, "Table B.2": 37, "Table C.2": 23, "Table D.2": 14}


DEFINING = ["Table 5", "Table 6", "Table 7"]
GROUPING = ["Table 8", "Table 9", "Table 10", "Table 11", "Table A.1", "Table B.1", "Table C.1",
            "Table D.1"]


@pytest.mark.parametrize("table", DEFINING + GROUPING)
def test_interaction_statements_match_the_table(landscape, srd_text, table):
    caption = f"{table} – "
    rows = srd_tables.interaction_table(srd_text, caption)
    got = select(landscape, f"""
        SELECT ?n ?title ?from ?to ?bi WHERE {{
          ?s a sgam:InteractionStatement ; sgam:source/rdfs:label "{table}"@en ;
             sgam:statementOf/sgam:number ?n ; sgam:title ?title ;
             sgam:fromAsWritten ?from ; sgam:toAsWritten ?to .
          OPTIONAL {{ ?s sgam:bidirectionalAsWritten ?bi }} }}""")
    statements = {int(n): (title, fr, to, bi) for n, title, fr, to, bi in got}
    assert set(statements) == set(rows)
    for number, cells in rows.items():
        title, fr, to, bi = statements[number]
        if table in DEFINING:
            assert (title, fr, to, bi) == (cells[0], cells[2], cells[3], cells[4]), number
        else:
            assert (title, fr, to, bi) == (cells[0], cells[1], cells[2], None), number


def test_coordination_items_follow_4_2_3(landscape, srd_text):
    items = srd_tables.coordination_items(srd_text)
    assert sorted(items) == list(range(1, 27))
    flags = dict(select(landscape, """
        SELECT ?n ?high WHERE { ?c a sgam:CoordinationItem ; sgam:number ?n ;
                                   sgam:highImportance ?high }"""))
    assert {int(n): h == "true" for n, h in flags.items()} == {
        n: text.startswith("High importance.") for n, text in items.items()}
    parties = select(landscape, """
        SELECT ?n ?label WHERE { ?c a sgam:CoordinationItem ; sgam:number ?n ;
                                    sgam:party/rdfs:label ?label }""")
    by_item: dict[int, set[str]] = {}
    for n, label in parties:
        by_item.setdefault(int(n), set()).add(label)
    for n, text in items.items():
        assert len(by_item[n]) >= 2, n
        for label in by_item[n]:
            short = label.removeprefix("ISO/IEC ").removeprefix("IEC ")
            unit = " ".join(short.split()[-2:])
            assert short in text or unit in text, (n, label)


def test_verbatim_texts_occur_in_the_srd(landscape, srd_text):
    flat = " ".join(srd_text.split())
    rows = select(landscape, """
        SELECT DISTINCT ?text WHERE {
          VALUES ?p { sgam:title sgam:fromAsWritten sgam:toAsWritten sgam:bidirectionalAsWritten
                      sgam:asWritten sgam:entityAsWritten sgam:table1Header }
          ?s ?p ?text }""")
    missing = [text for (text,) in rows if " ".join(text.split()) not in flat]
    assert missing == []
    assert len(rows) > 100


def test_mandated_discrepancies_are_recorded(landscape):
    rows = select(landscape, """
        SELECT ?about ?a ?b WHERE {
          ?d a sgam:Discrepancy ; sgam:about ?about ; sgam:reading ?first , ?other .
          ?first sgam:readingNumber 1 ; sgam:source/rdfs:label ?a .
          ?other sgam:readingNumber ?n ; sgam:source/rdfs:label ?b . FILTER(?n > 1) }""")
    found = {(about.rsplit("/", 1)[1], a, b) for about, a, b in rows}
    assert ("10", "Table 5", "Table 11") in found
    assert ("iec-tc69-iso-tc22-jwg1", "6.6", "4.2.3 item 26") in found
