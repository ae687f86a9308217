"""Output formats: W3C SPARQL JSON and CSV results, aligned table, GitHub Markdown; labels."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pyoxigraph as ox
import pytest

from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.formats import (
    FORMATS,
    display_text,
    render,
    to_csv,
    to_json,
    to_markdown,
    to_table,
)
from sgam_onto.query.labels import label_of, labels_for
from sgam_onto.query.pyvalues import to_python
from sgam_onto.query.runner import Result, run_query, run_stored
from sgam_onto.tables import md_escape
from tests.report.readers import split_row, unescape

ID = "https://w3id.org/sgam-onto/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# One row of every kind of term, and one row with unbound variables.
MIXED = """
SELECT ?iri ?plain ?lang ?int ?date ?bool ?bnode ?tricky WHERE {
  VALUES (?iri ?plain ?lang ?int ?date ?bool ?tricky) {
    (<https://w3id.org/sgam-onto/id/body/iec-tc57> "IEC TC 57" "Normen"@de-DE 42
     "2020-02-29"^^<http://www.w3.org/2001/XMLSchema#date> true
     "a, \\"quoted\\" | pipe\\nnext line\\r\\nend")
    (UNDEF UNDEF UNDEF UNDEF UNDEF UNDEF UNDEF)
  }
  BIND(IF(BOUND(?iri), BNODE("b"), ?unbound) AS ?bnode)
}
"""


@pytest.fixture
def mixed(store: ox.Store) -> Result:
    return run_query(store, MIXED)


def validate_sparql_json(doc: object) -> None:
    """Assert the shape required by SPARQL 1.1 Query Results JSON Format (section 3)."""
    assert isinstance(doc, dict)
    assert set(doc) == {"head", "results"}
    assert isinstance(doc["head"], dict)
    variables = doc["head"]["vars"]
    assert isinstance(variables, list)
    assert all(isinstance(v, str) and not v.startswith("?") for v in variables)
    assert set(doc["results"]) == {"bindings"}
    for binding in doc["results"]["bindings"]:
        assert isinstance(binding, dict)
        assert set(binding) <= set(variables)
        for term in binding.values():
            assert term["type"] in ("uri", "literal", "bnode", "triple")
            assert isinstance(term["value"], str)
            assert set(term) <= {"type", "value", "datatype", "xml:lang"}
            assert not ("datatype" in term and "xml:lang" in term)
            if term["type"] != "literal":
                assert set(term) == {"type", "value"}


# --- JSON -------------------------------------------------------------------------------------


def test_json_has_the_w3c_structure_and_term_details(mixed: Result) -> None:
    doc = json.loads(to_json(mixed))
    validate_sparql_json(doc)
    assert doc["head"]["vars"] == ["iri", "plain", "lang", "int", "date", "bool", "bnode", "tricky"]
    first, second = doc["results"]["bindings"]
    assert first["iri"] == {"type": "uri", "value": f"{ID}body/iec-tc57"}
    assert first["plain"] == {"type": "literal", "value": "IEC TC 57"}
    assert first["lang"] == {"type": "literal", "value": "Normen", "xml:lang": "de-de"}
    assert first["int"] == {"type": "literal", "value": "42", "datatype": XSD + "integer"}
    assert first["date"] == {"type": "literal", "value": "2020-02-29", "datatype": XSD + "date"}
    assert first["bool"] == {"type": "literal", "value": "true", "datatype": XSD + "boolean"}
    assert first["bnode"]["type"] == "bnode"
    assert first["tricky"]["value"] == 'a, "quoted" | pipe\nnext line\r\nend'
    assert second == {}  # unbound variables are left out, not null


def test_json_round_trips_through_a_sparql_results_parser(mixed: Result) -> None:
    parsed = ox.parse_query_results(to_json(mixed), format=ox.QueryResultsFormat.JSON)
    assert [v.value for v in parsed.variables] == list(mixed.variables)
    rows = [tuple(sol[v] for v in mixed.variables) for sol in parsed]
    assert len(rows) == len(mixed.rows)
    for got, want in zip(rows, mixed.rows, strict=True):
        for g, w in zip(got, want, strict=True):
            if isinstance(w, ox.BlankNode):
                assert isinstance(g, ox.BlankNode)
            else:
                assert g == w


def test_json_of_an_empty_result_keeps_the_head(store: ox.Store, catalogue: Catalogue) -> None:
    query = catalogue.load("standards-by-body")
    result = run_stored(store, query, {"body": f"{ID}body/none"})
    doc = json.loads(render(result, "json"))
    validate_sparql_json(doc)
    assert doc == {
        "head": {"vars": ["body", "standard", "designation", "title"]},
        "results": {"bindings": []},
    }


# --- CSV --------------------------------------------------------------------------------------


def test_csv_follows_rfc_4180(mixed: Result) -> None:
    text = to_csv(mixed)
    assert text.startswith("iri,plain,lang,int,date,bool,bnode,tricky\r\n")
    assert '"a, ""quoted"" | pipe\nnext line\r\nend"' in text
    assert text.endswith(",,,,,,,\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(mixed.variables)
    assert rows[1][:6] == [f"{ID}body/iec-tc57", "IEC TC 57", "Normen", "42", "2020-02-29", "true"]
    assert re.fullmatch(r"_:\S+", rows[1][6])
    assert rows[1][7] == 'a, "quoted" | pipe\nnext line\r\nend'
    assert rows[2] == [""] * 8


def test_csv_matches_the_engines_own_serialiser(store: ox.Store, mixed: Result) -> None:
    theirs = store.query(MIXED).serialize(format=ox.QueryResultsFormat.CSV)
    assert to_csv(mixed).encode("utf-8") == theirs


def test_csv_quotes_every_field_that_needs_it(store: ox.Store) -> None:
    # An IRI may contain a comma too (Oxigraph 0.5's own CSV writer leaves it unquoted).
    result = run_query(
        store, 'SELECT ?a ?b WHERE { VALUES (?a ?b) { (<urn:x:a,b> " lead;\ttab") } }'
    )
    assert to_csv(result) == 'a,b\r\n"urn:x:a,b", lead;\ttab\r\n'


def test_the_engines_csv_writer_still_splits_an_iri_with_a_comma(store: ox.Store) -> None:
    """Why CSV is written with Python's csv module: once this fails, Oxigraph quotes such an
    IRI itself, and `csv_text` can give way to its writer."""
    body = store.query("SELECT ?a WHERE { VALUES ?a { <urn:x:a,b> } }").serialize(
        format=ox.QueryResultsFormat.CSV
    )
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows == [["a"], ["urn:x:a", "b"]]


# --- table ------------------------------------------------------------------------------------


def test_table_aligns_columns_and_shows_labels(store: ox.Store, catalogue: Catalogue) -> None:
    result = run_stored(store, catalogue.load("bodies"))
    text = render(result, "table", labels_for(store, result.rows))
    lines = text.splitlines()
    assert lines[0].split() == ["body", "designation", "parent"]
    assert set(lines[1]) == {"-", " "}
    assert len(lines) == 2 + len(result.rows)
    starts = [m.start() for m in re.finditer(r"-+", lines[1])]
    spans = list(zip(starts, [*starts[1:], None], strict=True))
    labels = labels_for(store, result.rows)
    for line, row in zip(lines[2:], result.rows, strict=True):
        cells = [line[a:b].rstrip() for a, b in spans]
        assert cells == [display_text(t, labels) for t in row]  # each cell at its column
    wg17 = next(line for line in lines if "iec-tc57-wg17>" in line)
    assert wg17.startswith(f"IEC TC 57 WG 17 <{ID}body/iec-tc57-wg17>")
    assert f"IEC TC 57 <{ID}body/iec-tc57>" in wg17  # the parent, labelled too
    tc8 = next(line for line in lines if line.startswith("IEC TC 8 <"))  # from skos:prefLabel
    assert "IEC TC 8" in tc8
    unlabelled = next(line for line in lines if "iec-tc8-wg99" in line)
    assert unlabelled.startswith(f"<{ID}body/iec-tc8-wg99>")


def test_table_keeps_one_line_per_row(mixed: Result) -> None:
    lines = to_table(mixed, {}).splitlines()
    assert len(lines) == 4
    assert 'a, "quoted" | pipe\\nnext line\\r\\nend' in lines[2]


def test_table_aligns_wide_characters() -> None:
    result = Result(
        ("a", "b"), ((ox.Literal("中文"), ox.Literal("x")), (ox.Literal("ab"), ox.Literal("y"))), ""
    )
    lines = to_table(result, {}).splitlines()
    assert lines[2] == "中文  x"
    assert lines[3] == "ab    y"


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_escapes_pipes_and_line_breaks(mixed: Result) -> None:
    text = to_markdown(mixed, {f"{ID}body/iec-tc57": "IEC TC 57 | *main*"})
    lines = text.splitlines()
    assert len(lines) == 4  # header, rule, two rows: no value broke a row
    assert lines[1] == "| --- | --- | --- | --- | --- | --- | --- | --- |"
    cells = split_row(lines[2])
    assert len(cells) == 8
    assert cells[0] == f"IEC TC 57 \\| \\*main\\* <{ID}body/iec-tc57>"
    assert cells[7] == 'a, "quoted" \\| pipe<br>next line<br>end'
    assert unescape(cells[7]) == 'a, "quoted" | pipe\nnext line\nend'
    assert split_row(lines[3]) == [""] * 8


def test_markdown_escaping_round_trips_punctuation() -> None:
    nasty = "a|b\\|c `code` *em* _u_ [link](x) <b>html</b> & ~~s~~"
    escaped = md_escape(nasty)
    assert "|" not in escaped.replace("\\|", "")
    assert unescape(escaped) == nasty


# --- labels and Python values -----------------------------------------------------------------


def test_label_prefers_rdfs_label_then_english_then_value() -> None:
    s = ox.Store()
    x = ox.NamedNode("urn:x:a")
    rdfs = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    skos = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    s.add(ox.Quad(x, skos, ox.Literal("Pref")))
    assert label_of(s, x) == "Pref"
    s.add(ox.Quad(x, rdfs, ox.Literal("Etikett", language="de")))
    assert label_of(s, x) == "Etikett"
    s.add(ox.Quad(x, rdfs, ox.Literal("Plain")))
    assert label_of(s, x) == "Plain"
    s.add(ox.Quad(x, rdfs, ox.Literal("English", language="en")))
    assert label_of(s, x) == "English"
    assert label_of(s, ox.NamedNode("urn:x:none")) is None


def test_python_values(mixed: Result) -> None:
    row = dict(zip(mixed.variables, (to_python(t) for t in mixed.rows[0]), strict=True))
    assert row["iri"] == f"{ID}body/iec-tc57"
    assert row["plain"] == "IEC TC 57"
    assert row["lang"] == "Normen"
    assert row["int"] == 42 and type(row["int"]) is int
    assert row["date"] == dt.date(2020, 2, 29)
    assert row["bool"] is True
    assert isinstance(row["bnode"], str) and row["bnode"].startswith("_:")
    assert [to_python(t) for t in mixed.rows[1]] == [None] * 8


@pytest.mark.parametrize(
    ("lexical", "datatype", "expected"),
    [
        ("0", "boolean", False),
        ("-7", "int", -7),
        ("1.50", "decimal", Decimal("1.50")),
        ("2.5E1", "double", 25.0),
        ("2020-02-29Z", "date", "2020-02-29Z"),  # a timezone has no datetime.date: kept as text
        ("not a number", "integer", "not a number"),
        ("P1Y", "duration", "P1Y"),
    ],
)
def test_python_values_of_other_literals(lexical: str, datatype: str, expected: object) -> None:
    assert to_python(ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))) == expected


def test_unknown_format_is_refused(mixed: Result) -> None:
    assert FORMATS == ("table", "csv", "json", "md")
    with pytest.raises(ValueError, match="unknown format"):
        render(mixed, "xml")
