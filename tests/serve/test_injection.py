"""Hostile text sent to the HTTP query path stays data: in literals it is echoed exactly, as a
graph IRI it is refused before anything runs, and the dataset never changes."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from tests.serve.http import sparql_get, sparql_post_form

PAYLOADS = [
    '" } ; DROP ALL ; SELECT * WHERE { "',
    "'} UNION { ?s ?p ?o }",
    "x\n} # comment\nINSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "> } ; LOAD <http://127.0.0.1:9/> ",
    "\u202e\u0000 bidi and NUL",
]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON = "application/sparql-results+json"


def count(base_url: str) -> int:
    answer = sparql_get(base_url, COUNT, accept=JSON)
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_literal_is_echoed_exactly(base_url: str, payload: str) -> None:
    before = count(base_url)
    literal = str(ox.Literal(payload))  # N-Triples escaping, as a client library would do
    answer = sparql_post_form(base_url, {"query": f"SELECT ?v WHERE {{ BIND({literal} AS ?v) }}"},
                              accept=JSON)
    assert answer.status == 200, answer.text
    rows = json.loads(answer.body)["results"]["bindings"]
    assert [row["v"]["value"] for row in rows] == [payload]
    assert count(base_url) == before


@pytest.mark.parametrize("graph", [
    "http://e/g> } DROP ALL ; SELECT * { <http://e/x",
    "file:///etc/passwd",
    "http://127.0.0.1:9/remote",
])
def test_graph_parameters_breaking_out_are_refused(base_url: str, graph: str) -> None:
    before = count(base_url)
    answer = sparql_get(base_url, COUNT, accept=JSON, **{"default-graph-uri": graph})
    assert answer.status == 400
    assert count(base_url) == before
