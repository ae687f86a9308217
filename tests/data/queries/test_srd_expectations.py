"""Catalogue answers against expectations read independently from the SRD's text.

Each test parses a table or list of the SRD (../shared/seed) and compares it with what a
catalogue query returns on the landscape; they skip only where the shared folder is absent.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from sgam_onto.query.api import run
from tests.data.ontology import srd_tables
from tests.data.queries import srd_lists

ID = "https://w3id.org/sgam-onto/id/"
SGAM = "https://w3id.org/sgam-onto#"
# Table 1's columns, left to right.
COLUMN_CONTEXTS = [
    "utility-interfaces", "der-grid-users", "home-and-building", "industry",
    "multi-owner-microgrid", "market-places", "service-providers-and-metering",
]
# Which context each clause list belongs to.
LIST_CONTEXTS = {
    "6.2": "utility-interfaces", "A.3.5": "utility-interfaces",
    "6.3.2": "der-grid-users", "B.3.2.5": "der-grid-users",
    "6.3.3": "home-and-building", "B.3.3.5": "home-and-building",
    "6.3.4": "industry", "B.3.4.5": "industry",
    "6.3.5": "multi-owner-microgrid", "B.3.5.5": "multi-owner-microgrid",
    "6.4": "service-providers-and-metering", "C.3.5": "service-providers-and-metering",
    "6.5": "market-places", "6.6": "ev",
}


@pytest.mark.parametrize("column", range(7), ids=COLUMN_CONTEXTS)
def test_bodies_in_context_reads_a_column_of_table_1(landscape, srd_text, column):
    marked = [(row[0], row[1 + column]) for row in srd_tables.table_1(srd_text)
              if row[1 + column]]
    rows = run("bodies-in-context", landscape, context=ID + "context/" + COLUMN_CONTEXTS[column])
    got = [(r["row"], r["mark"]) for r in rows if r["level"] == "row"]
    assert got == marked


def test_contexts_of_body_reads_a_row_of_table_1(landscape, srd_text):
    table = srd_tables.table_1(srd_text)
    rows_by_label = {row[0]: row[1:] for row in table}
    for label, body in [("IEC TC 57 WG 17", "body/iec-tc57-wg17"),
                        ("Ex – IEC PC 118^a", "body/iec-pc118"),
                        ("ISO/IEC JTC 1/SC 41", "body/iso-iec-jtc1-sc41"),
                        ("IEC TC 100", "body/iec-tc100")]:
        expected = [(i + 1, mark) for i, mark in enumerate(rows_by_label[label]) if mark]
        got = [(r["column"], r["mark"]) for r in run("contexts-of-body", landscape, body=ID + body)]
        assert got == expected, label


def test_a_group_row_answers_for_its_members(landscape, srd_text):
    cells = {row[0]: row[1:] for row in srd_tables.table_1(srd_text)}["IEC TC 57 WG 13/ WG 14"]
    expected = [i + 1 for i, mark in enumerate(cells) if mark]
    for member in ("iec-tc57-wg13", "iec-tc57-wg14"):
        rows = run("contexts-of-body", landscape, body=ID + "body/" + member)
        assert [r["column"] for r in rows] == expected
        assert {r["through"] for r in rows} == {"via group"}


@pytest.mark.parametrize("clause", srd_lists.ENTITY_LISTS)
def test_standards_per_context_follows_each_clause_list(landscape, srd_text, clause):
    expected = srd_lists.entity_list(srd_text, clause)
    entries: dict[int, tuple[str, set[str]]] = {}
    for r in run("standards-per-context", landscape):
        if r["list"] != clause:
            continue
        assert r["context"] == ID + "context/" + LIST_CONTEXTS[clause]
        entity, standards = entries.setdefault(r["position"], (r["entity"], set()))
        assert entity == r["entity"]
        if r["designation"]:
            standards.add(r["designation"])
    got = [(entities, frozenset(standards)) for _, (entities, standards) in sorted(entries.items())]
    assert got == expected


def test_entries_without_standards_are_the_list_entries_naming_none(landscape, srd_text):
    expected = {(clause, i + 1) for clause in srd_lists.ENTITY_LISTS
                for i, (_, standards) in enumerate(srd_lists.entity_list(srd_text, clause))
                if not standards}
    got = {(r["list"], r["position"]) for r in run("entries-without-standards", landscape)}
    assert got == expected


@pytest.mark.parametrize("clause", srd_lists.COORDINATION_LISTS)
def test_context_coordination_lists_follow_the_clause(landscape, srd_text, clause):
    expected = srd_lists.coordination_list(srd_text, clause)
    rows = [r for r in run("context-coordination-lists", landscape) if r["list"] == clause]
    assert [r["number"] for r in rows] == sorted(expected)
    for r in rows:
        text = expected[r["number"]]
        assert r["context"] == ID + "context/" + LIST_CONTEXTS[clause]
        pointer = re.match(r"As already depicted in ([A-Z0-9.]+?)\.?$", text)
        if pointer:
            assert (r["refersTo"], r["item"]) == (pointer.group(1), None)
        else:
            assert r["entities"] and r["entities"] in text


def test_high_importance_items_are_those_4_2_3_flags(landscape, srd_text):
    items = srd_tables.coordination_items(srd_text)
    flagged = sorted(n for n, text in items.items() if text.startswith("High importance."))
    assert flagged == [9, 10, 13, 17, 19, 20, 23]
    rows = run("coordination-high-importance", landscape)
    assert [r["number"] for r in rows] == flagged
    for r in rows:
        assert r["parties"] in items[r["number"]]


@pytest.mark.parametrize(("status", "phrase"), [
    ("StatusNeedsSettingUp", r"need to be set[ -]up"),
    ("StatusInPlace", r"already in place"),
    ("StatusNeedsFormalization", r"would need a (?:better|real) formalization"),
])
def test_coordination_by_status_matches_the_wording_of_4_2_3(landscape, srd_text, status, phrase):
    items = srd_tables.coordination_items(srd_text)
    expected = sorted(n for n, text in items.items() if re.search(phrase, text, re.I))
    rows = run("coordination-by-status", landscape, status=SGAM + status)
    assert [r["number"] for r in rows] == expected


def test_cross_references_are_the_refer_to_items(landscape, srd_text):
    items = srd_tables.coordination_items(srd_text)
    expected = sorted((n, int(m.group(1))) for n, text in items.items()
                      for m in re.finditer(r"refer to (\d+)\)", text))
    got = [(r["number"], r["refersToNumber"]) for r in run("coordination-cross-references",
                                                            landscape)]
    assert got == expected == [(11, 6), (12, 9)]


def test_coordination_by_body_finds_every_item_naming_the_body(landscape, srd_text):
    items = srd_tables.coordination_items(srd_text)
    for written, body in [("TC 69/TC 57 JWG 11", "body/iec-tc69-tc57-jwg11"),
                          ("WG 16", "body/iec-tc57-wg16"),
                          ("TC 13", "body/iec-tc13"),
                          ("TC 95", "body/iec-tc95")]:
        expected = sorted(n for n, text in items.items() if written in text)
        got = [r["number"] for r in run("coordination-by-body", landscape, body=ID + body)]
        assert got == expected, written


def test_use_cases_of_context_give_the_annex_table(landscape, srd_text):
    tables = srd_tables.use_case_tables(srd_text)
    for context, table in [("utility-interfaces", "Table A.2"),
                           ("der-grid-users", "Table B.2"),
                           ("service-providers-and-metering", "Table C.2"),
                           ("market-places", "Table D.2")]:
        rows = run("use-cases-of-context", landscape, context=ID + "context/" + context)
        assert [(r["businessProcess"], r["useCase"]) for r in rows] == tables[table], context
        assert {r["source"] for r in rows} == {table}


def test_glossary_lookup_finds_every_abbreviation_in_any_case(landscape, srd_text):
    for abbreviation, expansion in srd_tables.abbreviations(srd_text).items():
        for asked in (abbreviation, abbreviation.lower(), abbreviation.upper()):
            rows = run("glossary-lookup", landscape, abbreviation=asked)
            assert [r["expansion"] for r in rows] == [expansion], asked
            assert rows[0]["abbreviation"] == asked


def test_bibliography_numbers_are_those_the_text_gives(landscape, srd_text):
    rows = [r for r in run("cited-documents", landscape) if r["bibliographyNumber"] is not None]
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", srd_text)}
    ranges = re.findall(r"\[(\d+)\] to \[(\d+)\]", srd_text)
    cited |= {n for a, b in ranges for n in range(int(a), int(b) + 1)}
    assert {r["bibliographyNumber"] for r in rows} == cited
    for r in rows:
        if r["designation"] in srd_text:
            pattern = re.escape(r["designation"]) + r"[^\[\n]{0,40}\[" + str(
                r["bibliographyNumber"]) + r"\]"
            assert re.search(pattern, srd_text), r["designation"]


def test_coordination_ranking_counts_items_as_4_2_3_names_them(landscape, srd_text):
    items = srd_tables.coordination_items(srd_text)
    ranking = {r["bodyLabel"]: r["items"] for r in run("coordination-ranking", landscape)}
    # Bodies the items name in one recognisable way each (groups read at member level).
    for label, written in [("IEC TC 57 WG 17", "WG 17"), ("IEC SC 8B", "SC 8B"),
                           ("IEC TC 13", "TC 13"), ("IEC TC 69 WG 9", "TC 69 WG 9"),
                           ("IEC TC 95", "TC 95")]:
        assert ranking[label] == sum(written in text for text in items.values()), label


def test_coordination_gaps_pair_bodies_sharing_a_table_1_column(landscape, srd_text):
    table = srd_tables.table_1(srd_text)
    columns: dict[str, set[int]] = defaultdict(set)
    for row in table:
        for i, mark in enumerate(row[1:]):
            if mark:
                columns[row[0]].add(i)
    gaps = run("coordination-gaps", landscape)
    assert gaps, "the SRD leaves some pairs without coordination"
    single_rows = {"IEC TC 57 WG 17", "IEC TC 64", "IEC TC 57 WG 21", "IEC TC 88",
                   "IEC TC 69/TC 57 JWG 11", "ISO/IEC JTC 1/SC 25", "IEC TC 65", "IEC TC 13"}
    for r in gaps:
        a, b = r["bodyLabel"], r["otherLabel"]
        if a in single_rows and b in single_rows:
            assert r["sharedContexts"] == len(columns[a] & columns[b]), (a, b)
    pairs = {(r["bodyLabel"], r["otherLabel"]) for r in gaps}
    assert ("IEC TC 57 WG 17", "IEC TC 64") in pairs  # utility, H&B and microgrid, no item
    assert ("IEC TC 57 WG 17", "IEC TC 57 WG 21") not in pairs  # items 6, 9, 11, 12, 13, 24
