"""What the endpoint refuses before running a query (unit level)."""

from __future__ import annotations

import pytest

from sgam_onto.serve.guard import Refused, check_dataset, check_operator_runs, check_query

PREFIX = "PREFIX ex: <http://example.org/>\n"


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        (PREFIX + "ask { ?s ?p ?o }", "ASK"),
        ("BASE <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://x>", "DESCRIBE"),
        # the words are harmless where they are not syntax
        ("# SERVICE <http://evil/> FROM <g>\nSELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ('SELECT * WHERE { ?s ?p "SERVICE <http://evil/> { }" }', "SELECT"),
        ("SELECT ?service ?from WHERE { ?service ?from ?load }", "SELECT"),
        (PREFIX + "SELECT * WHERE { ?s ex:SERVICE ?o . ?s <http://x/FROM> ?o }", "SELECT"),
    ],
)
def test_allowed(query: str, form: str) -> None:
    assert check_query(query) == form


@pytest.mark.parametrize(
    ("query", "status", "word"),
    [
        ("SELECT * WHERE { SERVICE <http://evil/sparql> { ?s ?p ?o } }", 400, "SERVICE"),
        ("select * where { service silent <http://e/> { ?s ?p ?o } }", 400, "SERVICE"),
        ("SELECT * WHERE { SERVICE<http://e/>{ ?s ?p ?o } }", 400, "SERVICE"),
        ("SELECT * WHERE { \\u0053ERVICE <http://e/> { ?s ?p ?o } }", 400, "SERVICE"),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", 400, "FROM"),
        (PREFIX + "SELECT * FROM NAMED ex:g WHERE { GRAPH ?g { ?s ?p ?o } }", 400, "example.org/g"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", 403, "read-only"),
        (PREFIX + "DELETE WHERE { ?s ?p ?o }", 403, "read-only"),
        ("LOAD <http://example.org/data.ttl>", 403, "read-only"),
        ("CLEAR ALL", 403, "read-only"),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", 403, "read-only"),
        ("\\u0049NSERT DATA { <http://a> <http://b> <http://c> }", 403, "read-only"),
        ("hello", 400, "not a SPARQL query"),
    ],
)
def test_refused(query: str, status: int, word: str) -> None:
    with pytest.raises(Refused) as info:
        check_query(query)
    assert info.value.status == status
    assert word in info.value.message


def test_from_a_local_graph_is_allowed() -> None:
    assert check_query("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }", local_graphs={"urn:g"})


def test_protocol_graph_parameters_must_be_local() -> None:
    check_dataset([], [])
    with pytest.raises(Refused, match="no such graph"):
        check_dataset(["http://example.org/g"], [])
    with pytest.raises(Refused, match="no such graph"):
        check_dataset([], ["http://example.org/g"])


def test_runs_of_prefix_operators_count_as_nesting() -> None:
    check_operator_runs("FILTER(" + "!" * 100 + "true && -1 > - 2)", 100)
    check_operator_runs('FILTER(?x != "!!!!!!!!")', 3)  # inside a string: one token
    for text in ("!" * 101, "- " * 101, "^" * 101 + "<p>", "!-+^" * 26):
        with pytest.raises(Refused) as refusal:
            check_operator_runs(text, 100)
        assert refusal.value.status == 400
