"""Parameters are validated and bound as RDF terms; payloads never become query syntax."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql import prepareQuery

from sgam_onto.errors import SgamError
from sgam_onto.query.binding import (
    XSD,
    bind_params,
    inject_values,
    parse_param_args,
    python_to_lexical,
    to_term,
    values_block,
)
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.headers import Param
from sgam_onto.query.runner import run_query, run_stored

ID = "https://w3id.org/sgam-onto/id/"
DESIGNATION = "<https://w3id.org/sgam-onto#designation>"
PARENT = "<https://w3id.org/sgam-onto#parentBody>"


def snapshot(store: ox.Store) -> list[str]:
    """Every quad as text, sorted: equal snapshots mean an unchanged store."""
    return sorted(str(q) for q in store)


PAYLOADS = [
    'x" } ; DROP ALL ; #',
    'IEC TC 57" } ; DROP ALL ; SELECT * { "',
    "} } } DELETE WHERE { ?s ?p ?o } #",
    "> } ; DROP ALL",
    "'single' and \"double\" quotes",
    '""" triple """',
    "line one\nline two # } ;\r\nthree",
    'back\\slash \\u0022 \\" \\',
    "\\U0001F600 \\\\u0041 \\\u0001 control \x01\x7f \x01abcd",
    "# comment { <",
    "unicode \u2028 separator é 中文 🙂",
    "",
]


def param(name: str, ptype: str, required: bool = True) -> Param:
    return Param(name, ptype, required)


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ptype", "value"),
    [
        ("integer", "12"),
        ("integer", "-3"),
        ("integer", "+0004"),
        ("boolean", "true"),
        ("boolean", "false"),
        ("boolean", "1"),
        ("boolean", "0"),
        ("date", "2020-02-29"),
        ("date", "2020-02-29Z"),
        ("date", "2020-02-29+14:00"),
        ("date", "2000-02-29-05:30"),
        ("string", ""),
        ("string", "any text, even ; } DROP"),
    ],
)
def test_valid_literals_become_typed_literals(ptype: str, value: str) -> None:
    term = to_term(param("v", ptype), value)
    assert isinstance(term, ox.Literal)
    assert term.value == value
    assert term.datatype == ox.NamedNode(XSD + ptype)


@pytest.mark.parametrize(
    ("ptype", "value"),
    [
        ("integer", "1.5"),
        ("integer", "abc"),
        ("integer", ""),
        ("integer", " 1"),
        ("integer", "1 ; DROP ALL"),
        ("boolean", "True"),
        ("boolean", "yes"),
        ("date", "2021-02-29"),
        ("date", "1900-02-29"),
        ("date", "2020-13-01"),
        ("date", "2020-04-31"),
        ("date", "2020-1-01"),
        ("date", "2020-02-29+15:00"),
        ("date", "2020-02-29T00:00:00"),
        ("string", "lone surrogate \udc80"),
    ],
)
def test_invalid_literals_are_rejected(ptype: str, value: str) -> None:
    with pytest.raises(SgamError, match=rf"parameter v \({ptype}\)"):
        to_term(param("v", ptype), value)


def test_absolute_iris_become_named_nodes() -> None:
    for value in (f"{ID}body/iec-tc57", "urn:iec:std:61850", "https://example.org/é"):
        assert to_term(param("b", "iri"), value) == ox.NamedNode(value)


@pytest.mark.parametrize(
    "value",
    [
        "iec-tc57",
        "/id/body/iec-tc57",
        f"{ID}body/a b",
        f"{ID}body/a>b",
        f"{ID}body/a<b",
        f'{ID}body/a"b',
        f"{ID}body/{{x}}",
        f"{ID}body/a|b",
        f"{ID}body/a^b",
        f"{ID}body/a`b",
        f"{ID}body/a\\b",
        f"{ID}body/a\x00b",
        f"{ID}body/a\nb",
        f"{ID}body/a\x7fb",
        f"{ID}body/a\x85b",
        f"{ID}body/a%zzb",
        f"{ID}body/iec-tc57> }} ; DROP ALL ; <x",
    ],
)
def test_bad_iris_are_rejected(value: str) -> None:
    with pytest.raises(SgamError, match=r"parameter b \(iri\)"):
        to_term(param("b", "iri"), value)


def test_param_args_split_at_first_equals() -> None:
    assert parse_param_args(["a=b=c", "empty=", "sp = x "]) == {
        "a": "b=c",
        "empty": "",
        "sp": " x ",
    }


@pytest.mark.parametrize(
    ("items", "fragment"),
    [
        (["novalue"], "expected NAME=VALUE"),
        (["=x"], "expected NAME=VALUE"),
        (["a=1", "a=2"], "more than once"),
    ],
)
def test_bad_param_args(items: list[str], fragment: str) -> None:
    with pytest.raises(SgamError, match=fragment):
        parse_param_args(items)


def test_unknown_and_missing_parameters_are_errors_that_list_what_is_taken() -> None:
    params = [Param("body", "iri", True, "the body"), Param("n", "integer", False)]
    with pytest.raises(SgamError) as unknown:
        bind_params(params, {"body": f"{ID}body/x", "bdy": "y"}, "query 'q'")
    assert str(unknown.value) == (
        "query 'q': unknown parameter(s) bdy; it takes: body: iri (required) — the body; "
        "n: integer (optional)"
    )
    with pytest.raises(SgamError, match=r"query 'q': missing required parameter\(s\) body"):
        bind_params(params, {"n": "3"}, "query 'q'")
    assert bind_params(params, {"body": f"{ID}body/x"}) == {"body": ox.NamedNode(f"{ID}body/x")}


@pytest.mark.parametrize(
    ("ptype", "value", "lexical"),
    [
        ("integer", 7, "7"),
        ("boolean", True, "true"),
        ("boolean", False, "false"),
        ("date", dt.date(2020, 2, 29), "2020-02-29"),
        ("iri", ox.NamedNode(f"{ID}body/x"), f"{ID}body/x"),
        ("string", "plain", "plain"),
    ],
)
def test_python_values_map_to_lexical_forms(ptype: str, value: object, lexical: str) -> None:
    assert python_to_lexical(param("v", ptype), value) == lexical


@pytest.mark.parametrize(
    ("ptype", "value"),
    [("integer", True), ("integer", 1.5), ("date", dt.datetime(2020, 1, 1)), ("string", 3)],
)
def test_python_values_of_the_wrong_type_are_rejected(ptype: str, value: object) -> None:
    with pytest.raises(SgamError, match="cannot be a"):
        python_to_lexical(param("v", ptype), value)


# --- binding on the embedded store (substitution) ---------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_bound_as_one_literal_and_never_enters_the_query(
    store: ox.Store, catalogue: Catalogue, payload: str
) -> None:
    query = catalogue.load("body-by-designation")
    before = snapshot(store)
    result = run_stored(store, query, {"designation": payload})
    assert snapshot(store) == before
    assert result.query_text == query.text
    if payload.strip():
        assert payload not in result.query_text
    assert [row[0] for row in result.rows] == [ox.Literal(payload)]
    expected_body = ox.NamedNode(f"{ID}body/odd") if payload == 'x" } ; DROP ALL ; #' else None
    assert result.rows[0][1] == expected_body


def test_bound_value_changes_the_answer(store: ox.Store, catalogue: Catalogue) -> None:
    query = catalogue.load("body-by-designation")
    found = run_stored(store, query, {"designation": "IEC TC 57"})
    assert found.rows == ((ox.Literal("IEC TC 57"), ox.NamedNode(f"{ID}body/iec-tc57")),)
    tricked = run_stored(store, query, {"designation": 'IEC TC 57" || true || "'})
    assert tricked.rows == ((ox.Literal('IEC TC 57" || true || "'), None),)


def test_malicious_iri_is_rejected_before_the_store_is_touched(
    store: ox.Store, catalogue: Catalogue
) -> None:
    before = snapshot(store)
    with pytest.raises(SgamError, match="an IRI cannot contain"):
        run_stored(
            store,
            catalogue.load("standards-by-body"),
            {"body": f"{ID}body/iec-tc57-wg10> }} ; DROP ALL ; <x"},
        )
    assert snapshot(store) == before


def test_iri_param_selects_by_term(store: ox.Store, catalogue: Catalogue) -> None:
    result = run_stored(
        store, catalogue.load("standards-by-body"), {"body": f"{ID}body/iec-tc57-wg10"}
    )
    assert [r[2].value for r in result.rows] == ["IEC 61850", "IEC 61968"]


# --- VALUES blocks for remote engines ---------------------------------------------------------


def test_values_block_uses_ntriples_terms() -> None:
    block = values_block(
        {
            "b": ox.NamedNode(f"{ID}body/x"),
            "n": ox.Literal("5", datatype=ox.NamedNode(XSD + "integer")),
            "s": ox.Literal('a"b\nc'),
        }
    )
    assert block == (f'VALUES (?b ?n ?s) {{ (<{ID}body/x> "5"^^<{XSD}integer> "a\\"b\\nc") }}')


def test_values_block_refuses_bad_variable_names_and_blank_nodes() -> None:
    with pytest.raises(SgamError, match="not a SPARQL variable name"):
        values_block({"a) { } DROP ALL ; (?b": ox.Literal("x")})
    with pytest.raises(SgamError, match="only IRIs and literals"):
        values_block({"a": ox.BlankNode("b0")})  # type: ignore[dict-item]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injected_payload_stays_inside_one_literal(store: ox.Store, payload: str) -> None:
    text = f"SELECT ?v ?body WHERE {{\n  OPTIONAL {{ ?body {DESIGNATION} ?v }}\n}}"
    injected = inject_values(text, {"v": ox.Literal(payload)})
    before = snapshot(store)
    result = run_query(store, injected)
    assert snapshot(store) == before
    assert [row[0] for row in result.rows] == [ox.Literal(payload)]
    # A second, independent SPARQL parser reads the same single value.
    algebra = prepareQuery(injected).algebra
    assert _values_in(algebra) == [payload]


def _values_in(node: object) -> list[str]:
    """The string values of every VALUES row in an rdflib algebra tree."""
    found: list[str] = []
    if hasattr(node, "name") and getattr(node, "name", None) == "values":
        for row in node["res"]:  # type: ignore[index]
            found.extend(str(v) for v in row.values())
        return found
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        found.extend(_values_in(child))
    return found


@pytest.mark.parametrize(
    "text",
    [
        f"SELECT ?d WHERE {{ ?b {DESIGNATION} ?d ; {PARENT} ?p }}",
        f"SELECT ?d {{ ?b {DESIGNATION} ?d ; {PARENT} ?p }}",
        "PREFIX s: <https://w3id.org/sgam-onto#> # a { comment\n"
        'SELECT ?d (STR("{") AS ?brace) (EXISTS { ?x ?y ?z } AS ?e)\n'
        "FROM <urn:x:default>\n"
        "WHERE { ?b s:designation ?d ; s:parentBody ?p }",
        f"SELECT ?d WHERE {{ {{ SELECT ?b ?p WHERE {{ ?b {PARENT} ?p }} }} ?b {DESIGNATION} ?d }}",
        f"select distinct ?d where {{ ?b {DESIGNATION} ?d . ?b {PARENT} ?p }} order by ?d",
    ],
)
def test_values_are_injected_into_the_top_level_where_group(store: ox.Store, text: str) -> None:
    parent = ox.NamedNode(f"{ID}body/iec-tc8")
    injected = inject_values(text, {"p": parent})
    result = run_query(store, injected, path="x.rq")
    if "FROM <urn:x:default>" in text:  # FROM switches the default graph to an empty one
        assert result.rows == ()
        result = run_query(store, injected.replace("FROM <urn:x:default>", ""))
    assert [r[0] for r in result.rows] == [ox.Literal("IEC TC 8 WG 99")]


def test_values_are_injected_after_a_construct_template(store: ox.Store) -> None:
    text = (
        "CONSTRUCT { ?b <urn:x:label> ?d } WHERE { ?b <https://w3id.org/sgam-onto#designation> ?d }"
    )
    injected = inject_values(text, {"b": ox.NamedNode(f"{ID}body/iec-tc8")})
    assert injected.startswith("CONSTRUCT { ?b <urn:x:label> ?d } WHERE { VALUES (?b)")
    triples = list(store.query(injected))
    assert [t.object for t in triples] == [ox.Literal("IEC TC 8")]


def test_injecting_nothing_leaves_the_text_alone() -> None:
    assert inject_values("SELECT * {}", {}) == "SELECT * {}"


def test_injection_needs_a_where_group() -> None:
    with pytest.raises(SgamError, match="no WHERE group"):
        inject_values("DESCRIBE <urn:x:a>", {"a": ox.Literal("x")})


# -- integers the store can compare, IRI schemes a parameter may take ----------------------------

I64_MAX = 2**63 - 1


@pytest.mark.parametrize("value", [
    str(I64_MAX), str(-(2**63)), "+0009223372036854775807", "-000", "0" * 5000 + "7",
])
def test_integers_within_64_bits_are_accepted(value: str) -> None:
    assert to_term(param("n", "integer"), value).value == value


@pytest.mark.parametrize("value", [
    "99999999999999999999", str(I64_MAX + 1), str(-(2**63) - 1), "9" * 5000, "-" + "9" * 5000,
])
def test_integers_beyond_64_bits_are_refused_not_silently_unmatched(value: str) -> None:
    """The store compares integers as 64-bit numbers: a larger one matched nothing, silently."""
    with pytest.raises(SgamError, match=r"parameter n \(integer\).*outside the integers"):
        to_term(param("n", "integer"), value)


def test_the_64_bit_bound_is_where_the_store_stops_comparing() -> None:
    """The reason for the bound, shown on the store itself: within it a literal compares
    by value; past it, the same comparison no longer holds."""
    store = ox.Store()

    def equal(a: str, b: str) -> bool:
        query = f'ASK {{ FILTER("{a}"^^<{XSD}integer> = "{b}"^^<{XSD}integer>) }}'
        return bool(store.query(query))

    assert equal(str(I64_MAX), "+0" + str(I64_MAX))
    assert not equal(str(I64_MAX + 1), "+0" + str(I64_MAX + 1))


def test_a_date_with_a_very_long_year_is_judged_without_converting_it() -> None:
    assert to_term(param("d", "date"), "1" * 5000 + "2000-02-29").value.endswith("-02-29")
    with pytest.raises(SgamError, match=r"parameter d \(date\)"):
        to_term(param("d", "date"), "1" * 5000 + "1900-02-29")


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
    "ftp://example.org/x", "mailto:someone@example.org", "vbscript:msgbox", "jar:file:/x!/y",
    "http:/relative", "http://", "https:///etc/passwd", "http://user@/x",
])
def test_iri_parameters_take_only_http_https_and_urn(value: str) -> None:
    with pytest.raises(SgamError, match=r"parameter body \(iri\)"):
        to_term(param("body", "iri"), value)


@pytest.mark.parametrize("value", [
    f"{ID}body/iec-tc57", "http://example.org/x", "HTTPS://example.org/x?q=1#f",
    "urn:iec:std:61850", "http://localhost:8080/x",
])
def test_iri_parameters_of_permitted_schemes_are_bound(value: str) -> None:
    assert to_term(param("body", "iri"), value) == ox.NamedNode(value)
