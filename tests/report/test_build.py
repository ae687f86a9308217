"""The report's content as data: every table read back equals its query's answer."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.formats import term_csv
from sgam_onto.query.labels import labels_for
from sgam_onto.query.runner import run_stored
from sgam_onto.report import (
    SECTIONS,
    Cell,
    Report,
    SectionData,
    build_report,
    render_html,
    render_markdown,
)
from tests.report.readers import html_tables, markdown_commands, markdown_tables


@pytest.fixture(scope="module")
def report(landscape) -> Report:
    return build_report(landscape.store, triples=len(landscape))


Shown = tuple[list[str], list[list[tuple[str, str | None]]]]


def expected_table(store: ox.Store, key: str) -> Shown:
    """What a section should show, computed from its query without the report code."""
    section = next(s for s in SECTIONS if s.key == key)
    result = run_stored(store, Catalogue().load(section.query), section.params)
    columns = list(section.columns or result.variables)
    labels = labels_for(store, result.rows)
    rows = []
    for row in result.rows:
        values = dict(zip(result.variables, row, strict=True))
        cells = []
        for c in columns:
            term = values[c]
            if isinstance(term, ox.NamedNode):
                cells.append((labels.get(term.value, term.value), term.value))
            else:
                cells.append((term_csv(term), None))
        rows.append(cells)
    return columns, rows


def test_the_report_has_the_sections_asked_for(report):
    keys = [s.key for s in report.sections]
    assert keys[0] == "table-1"
    for needed in ("coordination-status", "coordination-ranking", "coordination-gaps",
                   "discrepancies"):
        assert needed in keys
    assert all(s.rows for s in report.sections)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_markdown_tables_read_back_as_the_query_rows(landscape, report, section):
    tables = markdown_tables(render_markdown(report))
    assert tables[section.key] == expected_table(landscape.store, section.key)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_html_tables_read_back_as_the_query_rows(landscape, report, section):
    tables, _ = html_tables(render_html(report))
    assert tables[section.key] == expected_table(landscape.store, section.key)


def test_each_section_names_a_command_that_gives_its_rows(report):
    md = markdown_commands(render_markdown(report))
    _, html = html_tables(render_html(report))
    for section in SECTIONS:
        assert md[section.key] == html[section.key] == f"sgam-onto query {section.query}"
        Catalogue().load(section.query)  # the named query exists


def test_table_1_in_the_report_is_the_srd_table(report, srd_text):
    from tests.data.ontology import srd_tables

    header, rows = markdown_tables(render_markdown(report))["table-1"]
    assert header[0] == "entity"
    assert [tuple(text for text, _ in row) for row in rows] == srd_tables.table_1(srd_text)


def test_the_high_importance_section_lists_items_9_10_13_17_19_20_23(report):
    _, rows = markdown_tables(render_markdown(report))["coordination-high-importance"]
    assert [int(row[0][0]) for row in rows] == [9, 10, 13, 17, 19, 20, 23]


def test_the_report_is_the_same_every_time(landscape, report):
    again = build_report(landscape.store, triples=len(landscape))
    assert render_markdown(again) == render_markdown(report)
    assert render_html(again) == render_html(report)


HOSTILE = '<script>alert("x")</script> | a & b \\ `c` *d* [e](f) <br> ]]> \' "'


def hostile_report() -> Report:
    section = SectionData(
        key="s", title=HOSTILE, intro=HOSTILE, query="q", command="sgam-onto query q",
        columns=("value", "resource"),
        rows=((Cell(HOSTILE), Cell(HOSTILE, 'https://example.org/a?b=c&d="e"')),
              (Cell("line\nbreak"), Cell("plain", "https://example.org/(x)"))),
    )
    return Report(title=HOSTILE, version="0.0.0", triples=1, sections=(section,))


def test_html_escapes_every_value():
    text = render_html(hostile_report())
    assert "<script>" not in text
    assert 'href="https://example.org/a?b=c&amp;d=&quot;e&quot;"' in text
    tables, _ = html_tables(text)
    assert tables["s"] == (["value", "resource"], [
        [(HOSTILE, None), (HOSTILE, 'https://example.org/a?b=c&d="e"')],
        [("line\nbreak", None), ("plain", "https://example.org/(x)")]])


def test_html_is_self_contained():
    text = render_html(hostile_report())
    for external in ("<link", "<script", "src=", "@import", "url("):
        assert external not in text


def test_markdown_cells_survive_pipes_brackets_and_breaks():
    tables = markdown_tables(render_markdown(hostile_report()))
    assert tables["s"] == (["value", "resource"], [
        [(HOSTILE, None), (HOSTILE, 'https://example.org/a?b=c&d="e"')],
        [("line\nbreak", None), ("plain", "https://example.org/(x)")]])
