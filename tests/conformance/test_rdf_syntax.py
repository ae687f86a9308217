"""The strict loader against the RDF 1.1 Turtle and N-Triples suites, serd's "bad" tests and
Oxigraph's parser-error tests: every negative test is refused with a position, every positive
test loads, every Turtle eval test gives the expected graph."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from sgam_onto.errors import LoadError
from sgam_onto.rdf.as_ntriples import turtle_as_ntriples
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file
from tests.conformance import suites
from tests.conformance.suites import Entry

FORMAT = {
    "TestTurtle": ox.RdfFormat.TURTLE,
    "TestNTriples": ox.RdfFormat.N_TRIPLES,
    "TestTrig": ox.RdfFormat.TRIG,
}
NEGATIVE = ("TestTurtleNegativeSyntax", "TestNTriplesNegativeSyntax", "TestTrigNegativeSyntax")


def syntax_of(entry: Entry) -> ox.RdfFormat:
    """The syntax the test type names (Oxigraph's parser-error files are .nt read as Turtle)."""
    for prefix, fmt in FORMAT.items():
        if entry.kind.startswith(prefix):
            return fmt
    raise AssertionError(f"unknown test type {entry.kind}")


def load(entry: Entry):
    assert entry.action is not None
    return parse_file(entry.action_path, syntax_of(entry), base_iri=entry.action)


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        (suites.TURTLE, {"TestTurtleEval": 145, "TestTurtleNegativeSyntax": 94,
                         "TestTurtlePositiveSyntax": 74}),
        (suites.NTRIPLES, {"TestNTriplesPositiveSyntax": 41, "TestNTriplesNegativeSyntax": 29}),
        (suites.SERD_BAD, {"TestTurtleNegativeSyntax": 67, "TestNTriplesNegativeSyntax": 28,
                           "TestTrigNegativeSyntax": 1}),
        (suites.OXIGRAPH_ERRORS, {"TestTurtleNegativeSyntax": 8}),
    ],
    ids=["turtle", "n-triples", "serd-bad", "oxigraph-parser-error"],
)
def test_the_copies_hold_every_test(manifest: str, expected: dict[str, int]) -> None:
    if not suites.available():
        pytest.skip(f"the pinned test suites are not at {suites.SUITES}")
    assert suites.counts(manifest) == expected


@pytest.mark.parametrize("entry", suites.cases(suites.TURTLE, "TestTurtleNegativeSyntax"))
def test_turtle_negative_syntax_is_refused(entry: Entry) -> None:
    assert_refused(entry)


@pytest.mark.parametrize("entry", suites.cases(suites.NTRIPLES, "TestNTriplesNegativeSyntax"))
def test_ntriples_negative_syntax_is_refused(entry: Entry) -> None:
    assert_refused(entry)


@pytest.mark.parametrize("entry", suites.cases(suites.SERD_BAD))
def test_serd_bad_is_refused(entry: Entry) -> None:
    assert_refused(entry)


@pytest.mark.parametrize("entry", suites.cases(suites.OXIGRAPH_ERRORS))
def test_oxigraph_parser_errors_are_refused_at_the_expected_line(entry: Entry) -> None:
    err = assert_refused(entry)
    if entry.result is not None:  # Oxigraph's own message; we only compare the line
        expected = entry.result_path.read_text(encoding="utf-8")
        assert f"line {err.line}" in expected, (str(err), expected)


def assert_refused(entry: Entry) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load(entry)
    err = caught.value
    assert err.path == entry.action_path
    assert err.line is not None and err.line >= 1, f"no line in {err}"
    assert str(err).startswith(f"{entry.action_path}:{err.line}")
    assert err.message and "\n" not in err.message
    return err


@pytest.mark.parametrize("entry", suites.cases(suites.TURTLE, "TestTurtlePositiveSyntax"))
def test_turtle_positive_syntax_loads(entry: Entry) -> None:
    load(entry)


@pytest.mark.parametrize("entry", suites.cases(suites.NTRIPLES, "TestNTriplesPositiveSyntax"))
def test_ntriples_positive_syntax_loads(entry: Entry) -> None:
    load(entry)


@pytest.mark.parametrize("entry", suites.cases(suites.TURTLE, "TestTurtleEval"))
def test_turtle_eval_gives_the_expected_graph(entry: Entry) -> None:
    got = graph_from_quads(load(entry).quads)
    assert entry.result is not None
    expected = graph_from_quads(
        parse_file(entry.result_path, ox.RdfFormat.N_TRIPLES, base_iri=entry.result).quads
    )
    assert len(got) == len(expected)
    assert isomorphic(got, expected)


@pytest.mark.parametrize("entry", [
    *suites.cases(suites.TURTLE, "TestTurtleEval", "TestTurtlePositiveSyntax"),
    *suites.cases(suites.NTRIPLES, "TestNTriplesPositiveSyntax"),
])
def test_lenient_parsing_gives_the_strict_statements_for_valid_input(entry: Entry) -> None:
    """Lint parses a large file a second time in Oxigraph's lenient mode once the strict parse
    of the same bytes passed; that is sound only if the two agree on every valid input."""
    fmt = ox.RdfFormat.N_TRIPLES if entry.action_path.suffix == ".nt" else ox.RdfFormat.TURTLE
    data = entry.action_path.read_bytes()
    strict = ox.parse(data, format=fmt, base_iri=entry.action)
    lenient = ox.parse(data, format=fmt, base_iri=entry.action, lenient=True)
    assert _numbered(lenient) == _numbered(strict)


def _numbered(quads: Iterable[ox.Quad]) -> list[tuple[object, ...]]:
    """The statements in order, each anonymous blank node (a fresh random name per parse)
    replaced by the number of its first appearance."""
    names: dict[ox.BlankNode, int] = {}
    return [tuple(names.setdefault(t, len(names)) if isinstance(t, ox.BlankNode) else t
                  for t in (q.subject, q.predicate, q.object)) for q in quads]


def test_without_a_base_a_relative_iri_is_still_refused() -> None:
    """The base is for the suites; the landscape's own files get none, so nothing resolves."""
    if not suites.available():
        pytest.skip(f"the pinned test suites are not at {suites.SUITES}")
    path = suites.SUITES / "rdf-tests/rdf/rdf11/rdf-turtle/turtle-syntax-number-01.ttl"
    with pytest.raises(LoadError, match="No scheme found"):
        parse_file(path)


@pytest.mark.parametrize("entry", suites.cases(suites.TURTLE, "TestTurtleEval"))
def test_turtle_as_n_triples_gives_the_expected_graph(entry: Entry) -> None:
    """The bulk paths load a Turtle file through its N-Triples text."""
    assert entry.action is not None and entry.result is not None
    text = turtle_as_ntriples(entry.action_path, base_iri=entry.action).ntriples
    got = graph_from_quads(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    expected = graph_from_quads(
        parse_file(entry.result_path, ox.RdfFormat.N_TRIPLES, base_iri=entry.result).quads
    )
    assert len(got) == len(expected)
    assert isomorphic(got, expected)


@pytest.mark.parametrize("entry", [
    *suites.cases(suites.TURTLE, "TestTurtleNegativeSyntax"),
    *[case for case in suites.cases(suites.SERD_BAD, "TestTurtleNegativeSyntax")
      if case.values[0] is None or case.values[0].action_path.suffix == ".ttl"],
])
def test_turtle_as_n_triples_refuses_what_the_gate_refuses(entry: Entry) -> None:
    gate = assert_refused(entry)
    with pytest.raises(LoadError) as converting:
        turtle_as_ntriples(entry.action_path, base_iri=entry.action)
    assert str(converting.value) == str(gate)
