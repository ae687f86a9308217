"""The `#+` header format: a pure parser, and agreement checks against the SPARQL text."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgam_onto.errors import EXIT_LOAD, LoadError
from sgam_onto.query.errors import HeaderError, QuerySyntaxError
from sgam_onto.query.headers import Param, parse_header
from sgam_onto.query.stored import load_query, parse_query

FULL = """\
#+ summary: Standards maintained by a body
#+ description: The standards a body maintains,
#+   with their designation.
#+ source: Table 1
#+ columns:
#+   - body
#+   - standard
#+   - since
#+ params:
#+   - body: iri — the maintaining body
#+   - since: date? -- only standards published since then
#+ order: ordered

# an ordinary comment is allowed
PREFIX sgam: <https://w3id.org/sgam-onto#>
SELECT ?body ?standard ?since WHERE { ?standard sgam:maintainedBy ?body } ORDER BY ?standard
"""

BASE = """\
#+ summary: S
#+ description: D
#+ source: 4.2.3
#+ columns:
#+   - s
"""
QUERY = "SELECT ?s WHERE { ?s ?p ?o }\n"


def test_full_header_parses_into_fields() -> None:
    header = parse_header(FULL, "q.rq")
    assert header is not None
    assert header.summary == "Standards maintained by a body"
    assert header.description == "The standards a body maintains, with their designation."
    assert header.source == "Table 1"
    assert header.columns == ("body", "standard", "since")
    assert header.params == (
        Param("body", "iri", True, "the maintaining body", 10),
        Param("since", "date", False, "only standards published since then", 11),
    )
    assert header.ordered is True
    assert header.line_of("columns") == 5
    assert header.line_of("param:since") == 11


def test_text_without_header_has_none() -> None:
    assert parse_header("# just a comment\nSELECT * WHERE { ?s ?p ?o }\n") is None


def test_columns_accept_question_mark_and_order_defaults_to_unordered() -> None:
    header = parse_header(BASE.replace("- s", "- ?s"))
    assert header is not None
    assert header.columns == ("s",)
    assert header.ordered is False
    assert header.params == ()


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (BASE + "#+ author: me\n", 6, "unknown header key 'author'"),
        (BASE.replace("#+ summary: S\n", ""), 1, "missing required header key(s): summary"),
        (
            BASE.replace("#+ source: 4.2.3\n", "").replace("#+ summary: S\n", ""),
            1,
            "summary, source",
        ),
        ("\n\n" + BASE.replace("#+ summary: S\n", ""), 3, "missing required"),
        (BASE + "#+ source: Table 2\n", 6, "duplicate header key 'source' (first given on line 3)"),
        (BASE + "#+ params:\n#+   - body: uri\n", 7, "bad type 'uri' for parameter 'body'"),
        (BASE + "#+ params:\n#+   - body iri\n", 7, "expected 'name: type"),
        (BASE + "#+ params:\n#+   - 1x: iri\n", 7, "'1x' is not a SPARQL variable name"),
        (BASE + "#+ params:\n#+   - a: iri\n#+   - a: string\n", 8, "duplicate parameter 'a'"),
        (BASE + "#+ params:\n", 6, "'params' lists no items"),
        (BASE + "#+ order: sorted\n", 6, "'order' must be one of ordered, unordered"),
        (BASE + "#+   - t\n#+   - s\n", 7, "duplicate column 's'"),
        (BASE.replace("#+ columns:\n", "#+ columns: s\n"), 4, "'columns' takes a list"),
        (BASE.replace("#+ summary: S", "#+ summary:"), 1, "'summary' is empty"),
        (BASE.replace("#+ source: 4.2.3", "#+ source: 4.2.3\n#+   - x"), 4, "single line"),
        (BASE + "#+ nonsense\n", 6, "expected 'key: value'"),
        ("#+   - s\n" + BASE, 1, "does not belong to any key"),
        (BASE + "SELECT * {}\n#+ order: ordered\n", 7, "after the query text has started"),
    ],
)
def test_malformed_header_names_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(HeaderError) as info:
        parse_header(text, "queries/catalogue/x.rq")
    message = str(info.value)
    assert f"queries/catalogue/x.rq:{line}: " in message
    assert fragment in message
    assert line in [ln for ln, _ in info.value.problems]


def test_every_problem_is_reported_on_its_own_line() -> None:
    text = BASE + "#+ author: me\n#+ order: maybe\n"
    with pytest.raises(HeaderError) as info:
        parse_header(text, "x.rq")
    assert str(info.value).splitlines() == [
        "x.rq:6: unknown header key 'author' (known keys: columns, description, needs, order, "
        "params, source, summary)",
        "x.rq:7: 'order' must be one of ordered, unordered, got 'maybe'",
    ]


def test_items_under_a_bad_key_are_not_reported_again() -> None:
    text = BASE + "#+ tags:\n#+   - a\n#+   - b\n#+ columns:\n#+   - t\n"
    with pytest.raises(HeaderError) as info:
        parse_header(text, "x.rq")
    assert [line for line, _ in info.value.problems] == [6, 9]


def test_header_errors_are_load_errors_with_exit_2() -> None:
    with pytest.raises(LoadError) as info:
        parse_header(BASE + "#+ author: me\n", "x.rq")
    assert info.value.exit_code == EXIT_LOAD


def test_stored_query_agrees_with_header() -> None:
    query = parse_query(FULL, "q.rq")
    assert query.name == "q"
    assert query.variables == ("body", "standard", "since")


def test_columns_must_list_every_projected_variable() -> None:
    with pytest.raises(HeaderError) as info:
        parse_query(FULL.replace("#+   - since\n", ""), "q.rq")
    assert str(info.value) == (
        "q.rq:5: columns (body, standard) do not match the SELECT variables (body, standard, since)"
    )


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (
            BASE + "SELECT ?t WHERE { ?t ?p ?o }\n",
            4,
            "columns (s) do not match the SELECT variables (t)",
        ),
        (
            BASE + "#+   - o\nSELECT ?o ?s WHERE { ?s ?p ?o }\n",
            4,
            "columns (s, o) do not match the SELECT variables (o, s)",
        ),
        (BASE + "#+ params:\n#+   - p: iri\n" + QUERY, 7, "parameter 'p' is not a SELECT variable"),
        (BASE + "#+ order: ordered\n" + QUERY, 6, "'order: ordered' but the query has no ORDER BY"),
        (
            BASE + "#+ order: ordered\n# ORDER BY ?s\nSELECT ?s WHERE { ?s ?p 'ORDER BY' }\n",
            6,
            "no ORDER BY",
        ),
        (BASE + "ASK { ?s ?p ?o }\n", 4, "only SELECT queries are supported, got ASK"),
    ],
)
def test_header_must_agree_with_query(text: str, line: int, fragment: str) -> None:
    with pytest.raises(HeaderError) as info:
        parse_query(text, "x.rq")
    assert f"x.rq:{line}: " in str(info.value)
    assert fragment in str(info.value)


def test_select_star_compares_columns_as_a_set() -> None:
    text = BASE + "#+   - o\n#+   - p\nSELECT * WHERE { ?s ?p ?o }\n"
    assert parse_query(text, "x.rq").columns == ("s", "o", "p")


def test_catalogue_queries_need_a_header_but_ad_hoc_files_do_not() -> None:
    with pytest.raises(HeaderError, match=r"x\.rq:1: no '#\+' header"):
        parse_query(QUERY, "x.rq")
    adhoc = parse_query(QUERY, "x.rq", require_header=False)
    assert adhoc.header is None
    assert adhoc.columns == ("s",)


def test_sparql_syntax_error_names_file_line_and_keeps_engine_message() -> None:
    text = BASE + "\nSELECT ?s WHERE {\n  ?s ?p . }\n"
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(text, "x.rq")
    err = info.value
    assert err.engine_message.startswith("error at 8:")
    assert str(err).startswith("x.rq:8:")
    assert err.engine_message in str(err)


def test_byte_order_mark_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.rq"
    path.write_bytes(("\ufeff" + BASE + QUERY).replace("\n", "\r\n").encode("utf-8"))
    query = load_query(path)
    assert query.header is not None and query.header.source == "4.2.3"


def test_needs_names_what_must_be_loaded_beside_the_landscape() -> None:
    text = BASE + "#+ needs: alignments\n" + QUERY
    assert parse_header(BASE + QUERY, "x.rq").needs == ()
    assert parse_header(text, "x.rq").needs == ("alignments",)
    with pytest.raises(HeaderError) as info:
        parse_header(text.replace("needs: alignments", "needs: weather"), "x.rq")
    assert "'needs' takes alignments, got 'weather'" in str(info.value)
